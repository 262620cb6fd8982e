// The fast quantizers against the scalar references (quant/quantreference.h): bit-exact for
// RTN, NF4, FP4, MXFP4 and FP8 on random data, outliers and exact rounding ties; HQQ (a
// float32 fast path against a double reference) within one grid step. Plus the format
// details the references share by construction: NF4/FP4 midpoint ties, the E4M3 encoder,
// MXFP4's scale and the dynamic 8-bit map.
#include "quant/codebooks.h"
#include "quant/quantizer.h"
#include "quant/quantreference.h"
#include "support/fixtures.h"
#include "util/floatformats.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace bitcliff;

namespace {

std::vector<float> fast(const QuantScheme &scheme, const std::vector<float> &w, int64_t rows, int64_t cols,
                        const TensorRange *range = nullptr)
{
    std::vector<float> out(w.size(), -12345.0f);
    fakeQuantizeRows(scheme, w.data(), rows, cols, out.data(), range);
    return out;
}

std::vector<float> withOutliers(std::vector<float> w, unsigned seed)
{
    std::mt19937 random(seed);
    std::uniform_int_distribution<size_t> at(0, w.size() - 1);
    for (size_t k = 0; k < w.size() / 50 + 1; ++k)
        w[at(random)] *= 40.0f;
    w[at(random)] = 3.0f; // one far outlier, 150 sigma
    return w;
}

// Values that land exactly on the scheme's rounding ties (x/s = k + 1/2, code midpoints),
// with each block's extremes placed so the scale is a power of two.
std::vector<float> tieValues(const QuantScheme &scheme, int64_t rows, int64_t cols, unsigned seed)
{
    std::mt19937 random(seed);
    const size_t n = size_t(rows * cols);
    std::vector<float> w(n);
    const int64_t block = scheme.method == QuantMethod::Rtn && scheme.granularity == Granularity::Tensor
        ? rows * cols
        : scheme.blockLength(cols);
    auto pick = [&](const std::vector<float> &set) {
        return set[std::uniform_int_distribution<size_t>(0, set.size() - 1)(random)];
    };
    std::vector<float> set, extremes;
    const float unit = 0.125f;
    switch (scheme.method) {
    case QuantMethod::Rtn: {
        const int maxq = (1 << scheme.bits) - 1;
        const int lo = scheme.symmetric ? -(maxq / 2) : -(maxq / 3), hi = scheme.symmetric ? maxq / 2 : lo + maxq;
        for (int k = 2 * lo; k <= 2 * hi; ++k)
            set.push_back(k * unit / 2);
        extremes = {hi * unit, lo * unit};
        break;
    }
    case QuantMethod::Nf4:
    case QuantMethod::Fp4: {
        const std::array<float, 16> &codes = scheme.method == QuantMethod::Nf4 ? nf4Codes() : fp4Codes();
        std::vector<float> sorted(codes.begin(), codes.end());
        std::sort(sorted.begin(), sorted.end());
        for (size_t i = 0; i + 1 < sorted.size(); ++i)
            set.insert(set.end(), {sorted[i], (sorted[i] + sorted[i + 1]) / 2.0f});
        extremes = {1.0f};
        break;
    }
    case QuantMethod::Mxfp4:
        for (int k = -24; k <= 24; ++k)
            set.push_back(k * 0.25f);
        extremes = {6.0f};
        break;
    default: // fp8: midpoints of neighbouring E4M3 values, scale 1
        for (int c = 0; c < 0x7E; ++c)
            for (float sign : {1.0f, -1.0f})
                set.push_back(sign * (e4m3ToFloat(uint8_t(c)) + e4m3ToFloat(uint8_t(c + 1))) / 2.0f);
        extremes = {448.0f};
        break;
    }
    for (size_t i = 0; i < n; ++i) {
        const size_t inBlock = i % size_t(block);
        w[i] = inBlock < extremes.size() ? extremes[inBlock] : pick(set);
    }
    return w;
}

// "" when equal (-0 == +0), else the first difference.
QString firstDifference(const std::vector<float> &a, const std::vector<float> &b)
{
    for (size_t i = 0; i < a.size(); ++i)
        if (!(a[i] == b[i]))
            return QStringLiteral("element %1: fast %2, reference %3")
                .arg(i)
                .arg(double(a[i]), 0, 'g', 9)
                .arg(double(b[i]), 0, 'g', 9);
    return {};
}

} // namespace

class TestQuantizers : public QObject
{
    Q_OBJECT

private slots:
    void matchesReference_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        auto add = [](const QString &scheme, int rows, int cols) {
            QTest::addRow("%s %dx%d", qPrintable(scheme), rows, cols) << scheme << rows << cols;
        };
        for (int bits : {2, 3, 4, 5, 8})
            for (const char *sym : {"sym", "asym"})
                for (const char *clip : {"", ":clip"}) {
                    add(QStringLiteral("rtn:b%1:g128:%2%3").arg(bits).arg(sym, clip), 6, 256);
                    add(QStringLiteral("rtn:b%1:channel:%2%3").arg(bits).arg(sym, clip), 5, 100);
                    add(QStringLiteral("rtn:b%1:tensor:%2%3").arg(bits).arg(sym, clip), 4, 60);
                }
        add("rtn:b4:g12:sym", 3, 48); // groups that are not a multiple of the vector width
        add("rtn:b3:g7:asym:clip", 3, 35);
        add("rtn:b8:g1:asym", 2, 16);
        for (const char *scheme : {"nf4:g64", "nf4:g32", "nf4:g128", "fp4:g64", "fp4:g32"})
            add(scheme, 8, 256);
        add("nf4:g64:dq", 40, 512);  // 320 absmax: one full and one partial block of 256
        add("nf4:g32:dq", 3, 96);    // 9 absmax, one partial block
        add("mxfp4", 6, 256);
        add("fp8", 5, 100);
        add("fp8", 3, 4096);
    }

    void matchesReference()
    {
        QFETCH(QString, scheme);
        QFETCH(int, rows);
        QFETCH(int, cols);
        const QuantScheme s = QuantScheme::parse(scheme.toStdString());
        const size_t n = size_t(rows) * size_t(cols);
        const std::vector<std::vector<float>> inputs = {
            test::randomValues(n, 11, 0.02f),
            withOutliers(test::randomValues(n, 12, 0.02f), 13),
            tieValues(s, rows, cols, 14),
        };
        const char *names[] = {"normal", "outliers", "ties"};
        for (size_t k = 0; k < inputs.size(); ++k) {
            const QString diff = firstDifference(fast(s, inputs[k], rows, cols),
                                                 reference::fakeQuantize(s, inputs[k], rows, cols));
            if (!diff.isEmpty())
                QFAIL(qPrintable(QStringLiteral("%1 data, %2").arg(names[k], diff)));
        }
    }

    void tiesRoundHalfToEven()
    {
        // absmax 7 at 4 bits: s = 1, so x/s is exact and .5 goes to the even integer.
        const std::vector<float> w = {7.0f, 2.5f, 3.5f, -2.5f, -0.5f, 0.5f, 1.5f, -6.5f};
        const std::vector<float> expected = {7.0f, 2.0f, 4.0f, -2.0f, 0.0f, 0.0f, 2.0f, -6.0f};
        QCOMPARE(fast(QuantScheme::parse("rtn:b4:g8:sym"), w, 1, 8), expected);
        // asym: min -8, max 7: s = 1, zero 8; -7.5 -> round(-7.5) = -8
        const std::vector<float> a = {-8.0f, 7.0f, 2.5f, -7.5f, 6.5f, -0.5f, 0.0f, 1.5f};
        const std::vector<float> expectedA = {-8.0f, 7.0f, 2.0f, -8.0f, 6.0f, 0.0f, 0.0f, 2.0f};
        QCOMPARE(fast(QuantScheme::parse("rtn:b4:g8:asym"), a, 1, 8), expectedA);
    }

    void hqqCloseToReference_data()
    {
        QTest::addColumn<QString>("scheme");
        for (const char *s : {"hqq:b1:g64", "hqq:b2:g64", "hqq:b3:g64", "hqq:b4:g64", "hqq:b4:g128", "hqq:b8:g32",
                              "hqq:b4:g10"})
            QTest::newRow(s) << QString::fromLatin1(s);
    }

    void hqqCloseToReference()
    {
        QFETCH(QString, scheme);
        const QuantScheme s = QuantScheme::parse(scheme.toStdString());
        const int rows = 16, cols = 640;
        const std::vector<float> w = withOutliers(test::randomValues(size_t(rows * cols), 21, 0.02f), 22);
        const std::vector<float> got = fast(s, w, rows, cols), want = reference::fakeQuantize(s, w, rows, cols);
        double errGot = 0, errWant = 0;
        int far = 0;
        for (size_t i = 0; i < w.size(); ++i) {
            errGot += std::fabs(got[i] - w[i]);
            errWant += std::fabs(want[i] - w[i]);
            const size_t g0 = i / size_t(s.groupSize) * size_t(s.groupSize);
            const auto [lo, hi] = std::minmax_element(w.begin() + long(g0), w.begin() + long(g0) + s.groupSize);
            const double step = (*hi - *lo) / ((1 << s.bits) - 1);
            QVERIFY2(std::fabs(got[i] - want[i]) <= step * 1.01 + 1e-7, qPrintable(QString::number(i)));
            far += std::fabs(got[i] - want[i]) > 1e-4 * step;
        }
        QVERIFY2(far <= int(w.size() / 100), qPrintable(QStringLiteral("%1 elements off").arg(far)));
        QVERIFY(std::fabs(errGot - errWant) <= 0.01 * errWant);
    }

    void codebookMidpointTies()
    {
        // Block absmax 1: y = x. A value on a midpoint takes the lower code, the next float up
        // the upper one.
        const std::array<float, 16> &codes = nf4Codes();
        std::vector<float> w = {1.0f}, expected = {1.0f};
        for (size_t i = 0; i + 1 < 16; ++i) {
            const float mid = (codes[i] + codes[i + 1]) / 2.0f;
            w.insert(w.end(), {mid, std::nextafter(mid, 2.0f)});
            expected.insert(expected.end(), {codes[i], codes[i + 1]});
        }
        w.resize(32, 0.0f);
        expected.resize(32, 0.0f);
        QCOMPARE(fast(QuantScheme::parse("nf4:g32"), w, 1, 32), expected);

        // FP4: magnitudes tie toward the smaller one, on both signs.
        std::vector<float> mags;
        for (size_t i = 0; i < 8; ++i)
            mags.push_back(fp4Codes()[i]);
        std::sort(mags.begin(), mags.end());
        std::vector<float> f = {1.0f}, fe = {1.0f};
        for (size_t i = 0; i + 1 < 8; ++i) {
            const float mid = (mags[i] + mags[i + 1]) / 2.0f;
            f.insert(f.end(), {mid, -mid, std::nextafter(mid, 2.0f)});
            fe.insert(fe.end(), {mags[i], -mags[i], mags[i + 1]});
        }
        f.resize(32, 0.0f);
        fe.resize(32, 0.0f);
        QCOMPARE(fast(QuantScheme::parse("fp4:g32"), f, 1, 32), fe);
    }

    void e4m3Encoder()
    {
        for (int c = 0; c < 256; ++c) {
            if ((c & 0x7F) == 0x7F)
                continue; // NaN
            QCOMPARE(int(floatToE4m3(e4m3ToFloat(uint8_t(c)))), c);
        }
        QCOMPARE(int(floatToE4m3(448.0f)), 0x7E);
        QCOMPARE(int(floatToE4m3(460.0f)), 0x7E);
        QCOMPARE(int(floatToE4m3(470.0f)), 0x7E); // would round to 480: saturates
        QCOMPARE(int(floatToE4m3(1e9f)), 0x7E);
        QCOMPARE(int(floatToE4m3(-1e9f)), 0xFE);
        QCOMPARE(int(floatToE4m3(INFINITY)), 0x7E);
        QCOMPARE(int(floatToE4m3(NAN)) & 0x7F, 0x7F);
        QCOMPARE(int(floatToE4m3(1.0625f)), 0x38);      // tie between 1 and 1.125: even
        QCOMPARE(int(floatToE4m3(1.1875f)), 0x3A);      // tie between 1.125 and 1.25: even
        QCOMPARE(int(floatToE4m3(0.0009765625f)), 0x00); // 2^-10: tie between 0 and 2^-9
        QCOMPARE(int(floatToE4m3(0.0029296875f)), 0x02); // 1.5 * 2^-9: tie, even code 2
        QCOMPARE(int(floatToE4m3(0.0146484375f)), 0x08); // 7.5 * 2^-9: up to 2^-6
        std::mt19937 random(5);
        std::uniform_real_distribution<float> exponent(-12.0f, 9.5f);
        for (int k = 0; k < 20000; ++k) {
            const float v = std::exp2(exponent(random)) * (k % 2 ? -1.0f : 1.0f);
            QCOMPARE(int(floatToE4m3(v)), int(reference::nearestE4m3(v)));
        }
    }

    void fp8UsesTheEncoder()
    {
        const int rows = 4, cols = 96;
        const std::vector<float> w = withOutliers(test::randomValues(size_t(rows * cols), 31, 1.0f), 32);
        const std::vector<float> got = fast(QuantScheme::parse("fp8"), w, rows, cols);
        for (int r = 0; r < rows; ++r) {
            float absmax = 0;
            for (int c = 0; c < cols; ++c)
                absmax = std::max(absmax, std::fabs(w[size_t(r * cols + c)]));
            const float s = absmax / 448.0f;
            for (int c = 0; c < cols; ++c) {
                const size_t i = size_t(r * cols + c);
                QCOMPARE(got[i], e4m3ToFloat(floatToE4m3(w[i] / s)) * s);
            }
        }
    }

    void mxfp4Scale()
    {
        std::vector<float> w(128, 0.0f);
        // block 0: absmax 6 -> scale 1, grid values stay
        const float grid[] = {6.0f, -4.0f, 3.0f, 1.5f, -0.5f, 0.25f, 0.75f, 5.0f};
        std::copy(std::begin(grid), std::end(grid), w.begin());
        // block 1: absmax 7 -> scale 1 still (floor(log2 7) = 2), 7 saturates to 6
        w[32] = 7.0f;
        w[33] = -6.5f;
        // block 2: absmax 8 -> scale 2: 5 -> 2.5*2 -> tie to 2 -> 4; 7 -> 3.5 -> 4 -> 8
        w[64] = 8.0f;
        w[65] = 5.0f;
        w[66] = 7.0f;
        // block 3: absmax 0.75 -> scale 1/8
        w[96] = 0.75f;
        w[97] = 0.1f; // 0.8 -> 1 -> 0.125
        const std::vector<float> got = fast(QuantScheme::parse("mxfp4"), w, 1, 128);
        const float expected[] = {6.0f, -4.0f, 3.0f, 1.5f, -0.5f, 0.0f, 1.0f, 4.0f};
        for (int i = 0; i < 8; ++i)
            QCOMPARE(got[size_t(i)], expected[i]);
        QCOMPARE(got[32], 6.0f);
        QCOMPARE(got[33], -6.0f);
        QCOMPARE(got[64], 8.0f);
        QCOMPARE(got[65], 4.0f);
        QCOMPARE(got[66], 8.0f);
        QCOMPARE(got[96], 0.75f);
        QCOMPARE(got[97], 0.125f);
        // A subnormal block: the E8M0 scale bottoms out at 2^-127.
        std::vector<float> tiny(32, 0.0f);
        tiny[0] = 1e-39f;
        const QuantScheme mx = QuantScheme::parse("mxfp4");
        QCOMPARE(fast(mx, tiny, 1, 32), reference::fakeQuantize(mx, tiny, 1, 32));
    }

    void dynamicMap()
    {
        const std::array<float, 256> &map = dynamicMap8();
        const std::vector<double> formula = reference::dynamicMapFormula();
        QCOMPARE(formula.size(), size_t(256));
        QVERIFY(std::is_sorted(map.begin(), map.end()));
        QVERIFY(std::adjacent_find(map.begin(), map.end()) == map.end());
        QCOMPARE(map.back(), 1.0f);
        QCOMPARE(map[127], 0.0f);
        QCOMPARE(map.front(), -0.99296875f);
        QCOMPARE(map[254], 0.99296875f);
        for (size_t i = 0; i < 256; ++i)
            QVERIFY2(std::fabs(map[i] - formula[i]) <= 4e-7 * std::fabs(formula[i]),
                     qPrintable(QStringLiteral("%1: %2 vs %3")
                                    .arg(i)
                                    .arg(double(map[i]), 0, 'g', 9)
                                    .arg(formula[i], 0, 'g', 9)));
    }
};

QTEST_APPLESS_MAIN(TestQuantizers)
#include "tst_quantizers.moc"
