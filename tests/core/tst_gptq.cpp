// The fit/round grids (quant/grid.h) against the quantizers they split, and GPTQ
// (calibrate/gptq.h) against a slow double-precision transcription of the reference
// algorithm written here: same codes.
#include "calibrate/gptq.h"
#include "calibrate/hessian.h"
#include "formats/dequantize.h"
#include "quant/ggmlquantize.h"
#include "quant/quantizer.h"
#include "util/error.h"
#include "util/floatformats.h"

#include <QTest>

#include <cmath>
#include <numeric>
#include <random>

using namespace bitcliff;

namespace {

std::vector<float> gaussian(size_t n, unsigned seed, float sigma = 0.02f)
{
    std::mt19937 random(seed);
    std::normal_distribution<float> normal(0.0f, sigma);
    std::vector<float> v(n);
    for (float &x : v)
        x = normal(random);
    return v;
}

// Inputs with correlated channels and a few loud ones, like a layer's real inputs.
std::vector<float> correlatedInputs(int64_t tokens, int64_t channels, unsigned seed)
{
    std::mt19937 random(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    const int64_t factors = std::max<int64_t>(2, channels / 4);
    std::vector<float> mix(size_t(factors * channels));
    for (float &m : mix)
        m = normal(random);
    std::vector<float> x(size_t(tokens * channels));
    std::vector<float> z(static_cast<size_t>(factors));
    for (int64_t t = 0; t < tokens; ++t) {
        for (float &v : z)
            v = normal(random);
        for (int64_t c = 0; c < channels; ++c) {
            float sum = 0.3f * normal(random);
            for (int64_t f = 0; f < factors; ++f)
                sum += z[size_t(f)] * mix[size_t(f * channels + c)] / std::sqrt(float(factors));
            x[size_t(t * channels + c)] = sum * (c % 17 == 3 ? 8.0f : 1.0f);
        }
    }
    return x;
}

std::vector<float> hessianOf(const std::vector<float> &x, int64_t tokens, int64_t channels)
{
    HessianAccumulator accumulator(channels);
    accumulator.add(x.data(), tokens);
    return accumulator.hessian();
}

// Σ over tokens of ||x·(W - Q)ᵀ||², in double.
double outputError(const std::vector<float> &x, int64_t tokens, const std::vector<float> &w,
                   const std::vector<float> &q, int64_t rows, int64_t cols)
{
    double total = 0;
    for (int64_t t = 0; t < tokens; ++t) {
        for (int64_t r = 0; r < rows; ++r) {
            double y = 0;
            for (int64_t c = 0; c < cols; ++c)
                y += double(x[size_t(t * cols + c)]) * (double(w[size_t(r * cols + c)]) - q[size_t(r * cols + c)]);
            total += y * y;
        }
    }
    return total;
}

// fitGrid with the scale GPTQ stores: rtn scales in fp16.
GridParams storedGrid(const QuantScheme &grid, const float *x, int64_t n)
{
    GridParams p = fitGrid(grid, x, n);
    if (p.rule == GridRule::Rtn)
        p.scale = fp16ToFloat(floatToFp16(p.scale));
    return p;
}

// ---- the reference, transcribed slowly in double (gptq.py's fasterquant) ----

using Matrix = std::vector<double>; // row-major n × n

Matrix cholesky(const Matrix &a, int64_t n) // lower L, A = LLᵀ
{
    Matrix l(a.size(), 0.0);
    for (int64_t j = 0; j < n; ++j) {
        double d = a[size_t(j * n + j)];
        for (int64_t k = 0; k < j; ++k)
            d -= l[size_t(j * n + k)] * l[size_t(j * n + k)];
        l[size_t(j * n + j)] = std::sqrt(d);
        for (int64_t i = j + 1; i < n; ++i) {
            double s = a[size_t(i * n + j)];
            for (int64_t k = 0; k < j; ++k)
                s -= l[size_t(i * n + k)] * l[size_t(j * n + k)];
            l[size_t(i * n + j)] = s / l[size_t(j * n + j)];
        }
    }
    return l;
}

Matrix inverse(const Matrix &a, int64_t n) // Gauss-Jordan
{
    Matrix m = a, inv(a.size(), 0.0);
    for (int64_t i = 0; i < n; ++i)
        inv[size_t(i * n + i)] = 1.0;
    for (int64_t c = 0; c < n; ++c) {
        const double pivot = m[size_t(c * n + c)];
        for (int64_t k = 0; k < n; ++k) {
            m[size_t(c * n + k)] /= pivot;
            inv[size_t(c * n + k)] /= pivot;
        }
        for (int64_t r = 0; r < n; ++r) {
            if (r == c)
                continue;
            const double f = m[size_t(r * n + c)];
            for (int64_t k = 0; k < n; ++k) {
                m[size_t(r * n + k)] -= f * m[size_t(c * n + k)];
                inv[size_t(r * n + k)] -= f * inv[size_t(c * n + k)];
            }
        }
    }
    return inv;
}

// Codes of the reference: every column's error goes to all later columns at once (no lazy
// batches: the same arithmetic); group parameters are fitted, as gptq.py fits them, on the
// weights as they stood when the 128-column block holding the group's first column began.
std::vector<int16_t> referenceCodes(const std::vector<float> &weights, int64_t rows, int64_t cols,
                                    const std::vector<float> &hessian, const GptqOptions &o)
{
    const int64_t gl = gridBlockLength(o.grid, cols), groups = cols / gl;
    Matrix h(hessian.begin(), hessian.end());
    std::vector<double> w(weights.begin(), weights.end());
    std::vector<GridParams> params(size_t(rows * groups));
    auto fit = [&](const std::vector<double> &source, int64_t r, const std::vector<int64_t> &columns) {
        std::vector<float> block;
        for (int64_t c : columns)
            block.push_back(float(source[size_t(r * cols + c)]));
        return storedGrid(o.grid, block.data(), int64_t(block.size()));
    };
    auto consecutive = [&](int64_t g) {
        std::vector<int64_t> c(static_cast<size_t>(gl));
        std::iota(c.begin(), c.end(), g * gl);
        return c;
    };
    if (groups == 1)
        for (int64_t r = 0; r < rows; ++r)
            params[size_t(r)] = fit(w, r, consecutive(0));
    for (int64_t i = 0; i < cols; ++i) {
        if (h[size_t(i * cols + i)] == 0) {
            h[size_t(i * cols + i)] = 1;
            for (int64_t r = 0; r < rows; ++r)
                w[size_t(r * cols + i)] = 0;
        }
    }
    const bool upFront = groups == 1 || o.staticGroups;
    if (o.staticGroups)
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t g = 0; g < groups; ++g)
                params[size_t(r * groups + g)] = fit(w, r, consecutive(g));
    std::vector<int64_t> perm(static_cast<size_t>(cols));
    std::iota(perm.begin(), perm.end(), 0);
    if (o.actOrder)
        std::stable_sort(perm.begin(), perm.end(),
                         [&](int64_t a, int64_t b) { return h[size_t(a * cols + a)] > h[size_t(b * cols + b)]; });
    Matrix hp(h.size());
    double mean = 0;
    for (int64_t i = 0; i < cols; ++i) {
        for (int64_t j = 0; j < cols; ++j)
            hp[size_t(i * cols + j)] = h[size_t(perm[size_t(i)] * cols + perm[size_t(j)])];
        mean += hp[size_t(i * cols + i)] / double(cols);
    }
    for (int64_t i = 0; i < cols; ++i)
        hp[size_t(i * cols + i)] += o.dampPercent * mean;
    const Matrix lower = cholesky(inverse(hp, cols), cols); // U = Lᵀ: U[i][j] = L[j][i]
    auto u = [&](int64_t i, int64_t j) { return lower[size_t(j * cols + i)]; };

    std::vector<double> snapshot = w; // w in original column order
    std::vector<int16_t> codes(size_t(rows * cols));
    for (int64_t i = 0; i < cols; ++i) {
        if (i % o.blockSize == 0)
            snapshot = w;
        const int64_t column = perm[size_t(i)];
        if (!upFront && i % gl == 0) {
            std::vector<int64_t> members(perm.begin() + i, perm.begin() + i + gl);
            for (int64_t r = 0; r < rows; ++r)
                params[size_t(r * groups + i / gl)] = fit(snapshot, r, members);
        }
        const int64_t g = upFront ? column / gl : i / gl;
        for (int64_t r = 0; r < rows; ++r) {
            const GridParams &p = params[size_t(r * groups + g)];
            const double x = w[size_t(r * cols + column)];
            const float q = p.code(float(x));
            codes[size_t(r * cols + column)] = int16_t(q);
            const double err = (x - p.value(q)) / u(i, i);
            for (int64_t j = i + 1; j < cols; ++j)
                w[size_t(r * cols + perm[size_t(j)])] -= err * u(i, j);
        }
    }
    return codes;
}

int differingCodes(const std::vector<int16_t> &a, const std::vector<int16_t> &b)
{
    int n = 0;
    for (size_t i = 0; i < a.size(); ++i)
        n += a[i] != b[i];
    return n;
}

} // namespace

class TestGptq : public QObject
{
    Q_OBJECT

private slots:
    void rtnGridsRoundLikeTheQuantizer_data()
    {
        QTest::addColumn<QString>("scheme");
        for (const char *s : {"rtn:b4:g32", "rtn:b3:g64:asym", "rtn:b2:g96", "rtn:b8:channel:asym", "rtn:b4:g32:clip",
                              "rtn:b3:channel:sym:clip"})
            QTest::newRow(s) << QString::fromLatin1(s);
    }
    void rtnGridsRoundLikeTheQuantizer()
    {
        QFETCH(QString, scheme);
        const QuantScheme s = QuantScheme::parse(scheme.toStdString());
        const int64_t rows = 5, cols = 192;
        std::vector<float> w = gaussian(size_t(rows * cols), 7);
        w[17] = 0.4f; // an outlier
        std::vector<float> expected(w.size());
        fakeQuantizeRows(s, w.data(), rows, cols, expected.data());
        const int64_t block = gridBlockLength(s, cols);
        for (int64_t start = 0; start < rows * cols; start += block) {
            const GridParams p = fitGrid(s, w.data() + start, block);
            for (int64_t k = start; k < start + block; ++k)
                QCOMPARE(p.round(w[size_t(k)]), expected[size_t(k)]);
        }
    }

    void ggufGridsRoundLikeGgml_data()
    {
        QTest::addColumn<QString>("scheme");
        for (const char *s : {"q4_0", "q4_1", "q5_0", "q8_0"})
            QTest::newRow(s) << QString::fromLatin1(s);
    }
    void ggufGridsRoundLikeGgml()
    {
        QFETCH(QString, scheme);
        const QuantScheme s = QuantScheme::parse(scheme.toStdString());
        const int64_t count = 32 * 40;
        std::vector<float> w = gaussian(size_t(count), 11);
        for (int k = 0; k < 32; ++k)
            w[size_t(k)] = 0.0f; // an all-zero block
        w[100] = -0.3f;
        const DTypeTraits traits = dtypeTraits(s.ggufType);
        std::vector<std::byte> blocks(size_t(count / traits.blockSize * traits.blockBytes));
        quantizeGgmlRow(s.ggufType, w.data(), blocks.data(), count);
        std::vector<float> expected(static_cast<size_t>(count));
        dequantize(s.ggufType, blocks.data(), expected.data(), count);
        for (int64_t start = 0; start < count; start += 32) {
            const GridParams p = fitGrid(s, w.data() + start, 32);
            for (int64_t k = start; k < start + 32; ++k)
                QCOMPARE(p.round(w[size_t(k)]), expected[size_t(k)]);
        }
    }

    void identityHessianIsRoundToNearest()
    {
        // With H = I the inverse has no off-diagonal terms: no error feedback, GPTQ = RTN (at
        // the fp16 scales GPTQ stores).
        const int64_t rows = 12, cols = 96;
        const std::vector<float> w = gaussian(size_t(rows * cols), 3);
        std::vector<float> h(size_t(cols * cols), 0.0f);
        for (int64_t i = 0; i < cols; ++i)
            h[size_t(i * cols + i)] = 1.0f;
        for (const char *text : {"rtn:b3:g32", "rtn:b4:g32:asym", "q4_0", "q4_1", "q5_0", "q8_0"}) {
            GptqOptions o;
            o.grid = QuantScheme::parse(text);
            const GptqResult r = gptqQuantize(w.data(), rows, cols, h, o);
            std::vector<float> rtn(w.size());
            for (int64_t start = 0; start < rows * cols; start += 32)
                for (int64_t k = start; k < start + 32; ++k)
                    rtn[size_t(k)] = storedGrid(o.grid, w.data() + start, 32).round(w[size_t(k)]);
            QVERIFY2(r.values == rtn, text);
        }
    }

    void matchesTheReference_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<bool>("actOrder");
        QTest::addColumn<bool>("staticGroups");
        QTest::addColumn<int>("blockSize");
        QTest::newRow("b4 g32") << "rtn:b4:g32" << false << false << 128;
        QTest::newRow("b3 g32 asym, blocks of 64") << "rtn:b3:g32:asym" << false << false << 64;
        QTest::newRow("b3 g64 act-order") << "rtn:b3:g64" << true << false << 128;
        QTest::newRow("b4 g32 act-order static") << "rtn:b4:g32" << true << true << 128;
        QTest::newRow("b2 channel act-order") << "rtn:b2:channel:asym" << true << false << 128;
        QTest::newRow("b4 g192 (one group)") << "rtn:b4:g192" << false << false << 128;
        QTest::newRow("q4_0") << "q4_0" << false << false << 128;
        QTest::newRow("q4_1") << "q4_1" << false << false << 128;
        QTest::newRow("q5_0 act-order static") << "q5_0" << true << true << 128;
        QTest::newRow("q8_0") << "q8_0" << false << false << 128;
    }
    void matchesTheReference()
    {
        QFETCH(QString, scheme);
        QFETCH(bool, actOrder);
        QFETCH(bool, staticGroups);
        QFETCH(int, blockSize);
        const int64_t rows = 24, cols = 192, tokens = 400;
        const std::vector<float> x = correlatedInputs(tokens, cols, 5);
        std::vector<float> h = hessianOf(x, tokens, cols);
        for (int64_t j = 0; j < cols; ++j) { // one dead input
            h[size_t(7 * cols + j)] = 0.0f;
            h[size_t(j * cols + 7)] = 0.0f;
        }
        const std::vector<float> w = gaussian(size_t(rows * cols), 9);
        GptqOptions o;
        o.grid = QuantScheme::parse(scheme.toStdString());
        o.actOrder = actOrder;
        o.staticGroups = staticGroups;
        o.blockSize = blockSize;
        const GptqResult fast = gptqQuantize(w.data(), rows, cols, h, o);
        const std::vector<int16_t> reference = referenceCodes(w, rows, cols, h, o);
        QCOMPARE(differingCodes(fast.codes, reference), 0);
        for (int64_t r = 0; r < rows; ++r)
            QCOMPARE(fast.values[size_t(r * cols + 7)], fast.params[size_t(r * fast.groups + fast.groupIndex[7])].value(
                                                            fast.params[size_t(r * fast.groups + fast.groupIndex[7])].code(0.0f)));
    }

    void beatsRoundToNearestOnTheLayerOutput()
    {
        const int64_t rows = 64, cols = 256, tokens = 1024;
        const std::vector<float> x = correlatedInputs(tokens, cols, 21);
        const std::vector<float> h = hessianOf(x, tokens, cols);
        const std::vector<float> w = gaussian(size_t(rows * cols), 23);
        for (const char *text : {"rtn:b3:g128", "rtn:b4:g128", "rtn:b2:g64:asym", "q4_0"}) {
            GptqOptions o;
            o.grid = QuantScheme::parse(text);
            const GptqResult g = gptqQuantize(w.data(), rows, cols, h, o);
            o.actOrder = true;
            o.staticGroups = o.grid.method == QuantMethod::Gguf;
            const GptqResult ordered = gptqQuantize(w.data(), rows, cols, h, o);
            std::vector<float> rtn(w.size());
            const int64_t block = gridBlockLength(o.grid, cols);
            for (int64_t start = 0; start < rows * cols; start += block)
                for (int64_t k = start; k < start + block; ++k)
                    rtn[size_t(k)] = fitGrid(o.grid, w.data() + start, block).round(w[size_t(k)]);
            const double eRtn = outputError(x, tokens, w, rtn, rows, cols);
            const double eGptq = outputError(x, tokens, w, g.values, rows, cols);
            const double eOrdered = outputError(x, tokens, w, ordered.values, rows, cols);
            qInfo("%s: output error rtn %.4g, gptq %.4g (%.2fx less), act-order %.4g", text, eRtn, eGptq, eRtn / eGptq,
                  eOrdered);
            QVERIFY2(eGptq < 0.7 * eRtn, text);
            QVERIFY2(eOrdered < 0.7 * eRtn, text);
        }
    }

    void refusesWhatItCannotRound()
    {
        const std::vector<float> w = gaussian(8 * 96, 1);
        std::vector<float> h(96 * 96, 0.0f);
        for (int i = 0; i < 96; ++i)
            h[size_t(i * 97)] = 1.0f;
        auto problem = [&](const char *scheme, bool actOrder = false) -> std::string {
            GptqOptions o;
            o.grid = QuantScheme::parse(scheme);
            o.actOrder = actOrder;
            try {
                gptqQuantize(w.data(), 8, 96, h, o);
            } catch (const Error &e) {
                return e.what();
            }
            return {};
        };
        QVERIFY(problem("rtn:b4:tensor").find("integer grids") != std::string::npos);
        QVERIFY(problem("nf4:g32").find("integer grids") != std::string::npos);
        QVERIFY(problem("rtn:b4:g64").find("not a multiple") != std::string::npos);
        QVERIFY(problem("q4_0", true).find("static groups") != std::string::npos);
        QVERIFY(problem("q4_k").find("integer grids") != std::string::npos);
        QVERIFY(problem("rtn:b4:g32").empty());
    }
};

QTEST_GUILESS_MAIN(TestGptq)
#include "tst_gptq.moc"
