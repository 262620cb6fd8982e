// The nn/ ops beyond their gradients: gemm against plain loops for every transpose; attendHead
// on a block of queries at positions first … (the KV-cache path of inference) against the
// rows of the whole-sequence attention; and each op's float forward and backward against
// its double instantiation (float is what inference and training run).
#include "nn/attention.h"
#include "nn/crossentropy.h"
#include "nn/embedding.h"
#include "nn/gemm.h"
#include "nn/linear.h"
#include "nn/rmsnorm.h"
#include "nn/rope.h"
#include "nn/swiglu.h"
#include "support/gradientcheck.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace bitcliff;
using test::randomValues;
using std::vector;

namespace {

template<class T>
vector<T> as(const vector<double> &values)
{
    return vector<T>(values.begin(), values.end());
}

template<class T>
void append(vector<double> &all, const vector<T> &values)
{
    all.insert(all.end(), values.begin(), values.end());
}

// max |a − b| / max |b|
double scaledDifference(const vector<double> &a, const vector<double> &b)
{
    double difference = 0, scale = 0;
    for (size_t i = 0; i < b.size(); ++i) {
        difference = std::max(difference, std::abs(a[i] - b[i]));
        scale = std::max(scale, std::abs(b[i]));
    }
    return difference / scale;
}

// One set of random inputs for every op, run in T: the outputs and gradients, in double.
struct Inputs
{
    explicit Inputs(std::mt19937 &random)
        : x(randomValues(random, 5 * 20))
        , w(randomValues(random, 12 * 20))
        , bias(randomValues(random, 12))
        , norm(randomValues(random, 20))
        , q(randomValues(random, 7 * 4 * 6))
        , k(randomValues(random, 7 * 2 * 6))
        , v(randomValues(random, 7 * 2 * 6))
        , dOut(randomValues(random, 7 * 4 * 6))
    {
    }
    vector<double> x, w, bias, norm, q, k, v, dOut;
    vector<int32_t> tokens{2, 0, 2, 4, 1};
    vector<int32_t> targets{3, -1, 11, 0, 5};
};

template<class T>
vector<double> linearRun(const Inputs &in, int64_t n)
{
    const vector<T> x = as<T>(in.x), w = as<T>(in.w), b = as<T>(in.bias), dy = as<T>(in.dOut);
    vector<T> y(size_t(n * 12)), dx(size_t(n * 20)), dW(w.size()), dBias(b.size());
    nn::linearForward<T>(x.data(), w.data(), b.data(), n, 20, 12, y.data());
    nn::linearBackward<T>(x.data(), w.data(), dy.data(), n, 20, 12, dx.data(), dW.data(), dBias.data());
    vector<double> all;
    for (const vector<T> *part : {&y, &dx, &dW, &dBias})
        append(all, *part);
    return all;
}

template<class T>
vector<double> rmsNormRun(const Inputs &in, int64_t cols)
{
    const int64_t rows = int64_t(in.x.size()) / cols;
    const vector<T> x = as<T>(in.x), weight = as<T>(vector<double>(in.x.begin(), in.x.begin() + cols)),
                    d = as<T>(vector<double>(in.dOut.begin(), in.dOut.begin() + int64_t(x.size())));
    vector<T> out(x.size()), inverseRms(static_cast<size_t>(rows)), dx(x.size()), dWeight(weight.size());
    nn::rmsNormForward<T>(x.data(), weight.data(), out.data(), inverseRms.data(), rows, cols, T(1e-6));
    nn::rmsNormBackward<T>(x.data(), weight.data(), inverseRms.data(), d.data(), rows, cols, dx.data(),
                           dWeight.data());
    vector<double> all;
    for (const vector<T> *part : {&out, &inverseRms, &dx, &dWeight})
        append(all, *part);
    return all;
}

template<class T>
vector<double> swigluRun(const Inputs &in)
{
    const auto count = int64_t(in.x.size()) - 3; // no multiple of 8
    const vector<T> gate = as<T>(in.x), up = as<T>(in.dOut);
    vector<T> out(gate.size()), dGate(gate.size()), dUp(gate.size());
    nn::swigluForward<T>(gate.data(), up.data(), out.data(), count);
    nn::swigluBackward<T>(gate.data(), up.data(), up.data(), count, dGate.data(), dUp.data());
    vector<double> all;
    for (const vector<T> *part : {&out, &dGate, &dUp})
        append(all, *part);
    return all;
}

template<class T>
vector<double> ropeRun(const Inputs &in, RopeLayout layout)
{
    nn::RopeTables<T> tables;
    tables.compute({6, 10000.0, layout, {1.0f, 4.0f, 8.0f}}, 11, 7);
    vector<T> x = as<T>(in.q), d = as<T>(in.dOut);
    tables.forward(x.data(), 7, 24, 4);
    tables.backward(d.data(), 7, 24, 4);
    vector<double> all;
    append(all, x);
    append(all, d);
    return all;
}

template<class T>
vector<double> attentionRun(const Inputs &in)
{
    const nn::AttentionShape shape{7, 4, 2, 6};
    const vector<T> q = as<T>(in.q), k = as<T>(in.k), v = as<T>(in.v), d = as<T>(in.dOut);
    vector<T> out(q.size()), probs(4 * 7 * 7), dq(q.size()), dk(k.size()), dv(v.size()), scratch(7 * 7);
    nn::causalAttentionForward<T>(q.data(), k.data(), v.data(), shape, out.data(), probs.data());
    nn::causalAttentionBackward<T>(q.data(), k.data(), v.data(), probs.data(), d.data(), shape, dq.data(), dk.data(),
                                   dv.data(), scratch.data());
    vector<double> all;
    for (const vector<T> *part : {&out, &probs, &dq, &dk, &dv})
        append(all, *part);
    return all;
}

template<class T>
vector<double> lossRun(const Inputs &in)
{
    const vector<T> logits = as<T>(in.x); // 5 rows of 20
    vector<T> grad(logits.size());
    vector<double> all{nn::crossEntropy<T>(logits.data(), in.targets.data(), 5, 20, T(0.5), grad.data())};
    vector<T> table = as<T>(in.w), rows(5 * 20);
    nn::embeddingForward<T>(table.data(), 20, in.tokens.data(), 5, rows.data());
    nn::embeddingBackward<T>(logits.data(), in.tokens.data(), 5, 20, table.data());
    for (const vector<T> *part : {&grad, &rows, &table})
        append(all, *part);
    return all;
}

} // namespace

class TestNnForward : public QObject
{
    Q_OBJECT

private slots:
    void gemm_data()
    {
        QTest::addColumn<bool>("transA");
        QTest::addColumn<bool>("transB");
        for (bool a : {false, true})
            for (bool b : {false, true})
                QTest::addRow("%s·%s", a ? "Aᵀ" : "A", b ? "Bᵀ" : "B") << a << b;
    }

    void gemm()
    {
        QFETCH(bool, transA);
        QFETCH(bool, transB);
        const int64_t m = 5, n = 7, k = 6;
        const int64_t lda = (transA ? m : k) + 2, ldb = (transB ? k : n) + 1, ldc = n + 3; // padded rows
        std::mt19937 random(11);
        const vector<double> a = randomValues(random, (transA ? k : m) * lda),
                             b = randomValues(random, (transB ? n : k) * ldb), c0 = randomValues(random, m * ldc);
        vector<double> c = c0;
        nn::gemm<double>(transA, transB, m, n, k, 1.5, a.data(), lda, b.data(), ldb, 0.5, c.data(), ldc);
        vector<float> cf = as<float>(c0);
        const vector<float> af = as<float>(a), bf = as<float>(b);
        nn::gemm<float>(transA, transB, m, n, k, 1.5f, af.data(), lda, bf.data(), ldb, 0.5f, cf.data(), ldc);
        for (int64_t i = 0; i < m; ++i)
            for (int64_t j = 0; j < ldc; ++j) {
                const size_t at = size_t(i * ldc + j);
                double expected = c0[at]; // the padding stays
                if (j < n) {
                    double dot = 0;
                    for (int64_t p = 0; p < k; ++p)
                        dot += a[size_t(transA ? p * lda + i : i * lda + p)] * b[size_t(transB ? j * ldb + p : p * ldb + j)];
                    expected = 1.5 * dot + 0.5 * c0[at];
                }
                QVERIFY(std::abs(c[at] - expected) < 1e-12);
                QVERIFY(std::abs(cf[at] - expected) < 1e-5);
            }
        vector<double> empty = c0; // k = 0: C = beta · C
        nn::gemm<double>(transA, transB, m, n, 0, 1.5, a.data(), lda, b.data(), ldb, 0.5, empty.data(), ldc);
        QCOMPARE(empty[1], 0.5 * c0[1]);
    }

    void attendHeadMatchesWholeSequence_data()
    {
        QTest::addColumn<int>("first");
        for (int first : {1, 4, 8})
            QTest::addRow("queries from %d", first) << first;
    }

    void attendHeadMatchesWholeSequence()
    {
        QFETCH(int, first);
        const int tokens = 9, heads = 4, kvHeads = 2, d = 6, rows = tokens - first;
        const int64_t qStride = heads * d, kvStride = kvHeads * d;
        std::mt19937 random(12);
        const vector<double> q = randomValues(random, tokens * qStride), k = randomValues(random, tokens * kvStride),
                             v = randomValues(random, tokens * kvStride);
        vector<double> whole(q.size()), wholeProbs(size_t(heads * tokens * tokens));
        nn::causalAttentionForward<double>(q.data(), k.data(), v.data(), {tokens, heads, kvHeads, d}, whole.data(),
                                           wholeProbs.data());
        const vector<float> qf = as<float>(q);
        for (int h = 0; h < heads; ++h) {
            // each KV head's positions one after another, as the KV cache stores them
            vector<double> keys, values;
            for (int t = 0; t < tokens; ++t) {
                const auto at = k.begin() + t * kvStride + (h / 2) * d;
                keys.insert(keys.end(), at, at + d);
                values.insert(values.end(), v.begin() + (at - k.begin()), v.begin() + (at - k.begin()) + d);
            }
            vector<double> out(size_t(rows * d)), probs(size_t(rows * tokens));
            nn::attendHead<double>(q.data() + first * qStride + h * d, qStride, keys.data(), d, values.data(), d, rows,
                                   first, d, out.data(), d, probs.data());
            const vector<float> keysF = as<float>(keys), valuesF = as<float>(values);
            vector<float> outF(out.size()), probsF(probs.size());
            nn::attendHead<float>(qf.data() + first * qStride + h * d, qStride, keysF.data(), d, valuesF.data(), d,
                                  rows, first, d, outF.data(), d, probsF.data());
            for (int r = 0; r < rows; ++r) {
                for (int i = 0; i < d; ++i) {
                    const double expected = whole[size_t((first + r) * qStride + h * d + i)];
                    QVERIFY(std::abs(out[size_t(r * d + i)] - expected) < 1e-12);
                    QVERIFY(std::abs(outF[size_t(r * d + i)] - expected) < 1e-5);
                }
                for (int j = 0; j < tokens; ++j) {
                    const double expected = wholeProbs[size_t((h * tokens + first + r) * tokens + j)];
                    QVERIFY(std::abs(probs[size_t(r * tokens + j)] - expected) < 1e-14);
                    QVERIFY(std::abs(probsF[size_t(r * tokens + j)] - expected) < 1e-6);
                }
            }
        }
    }

    void floatMatchesDouble()
    {
        std::mt19937 random(13);
        const Inputs in(random);
        auto check = [](const char *op, const vector<double> &f, const vector<double> &d) {
            const double difference = scaledDifference(f, d);
            qInfo("%s: float vs double %.3g", op, difference);
            QVERIFY2(f.size() == d.size() && difference < 1e-5, op);
        };
        check("linear, 5 rows", linearRun<float>(in, 5), linearRun<double>(in, 5));
        check("linear, 1 row", linearRun<float>(in, 1), linearRun<double>(in, 1));
        check("rmsNorm, 20 columns", rmsNormRun<float>(in, 20), rmsNormRun<double>(in, 20));
        check("rmsNorm, 25 columns", rmsNormRun<float>(in, 25), rmsNormRun<double>(in, 25));
        check("swiglu", swigluRun<float>(in), swigluRun<double>(in));
        check("rope, neox", ropeRun<float>(in, RopeLayout::Neox), ropeRun<double>(in, RopeLayout::Neox));
        check("rope, adjacent pairs", ropeRun<float>(in, RopeLayout::AdjacentPairs),
              ropeRun<double>(in, RopeLayout::AdjacentPairs));
        check("attention", attentionRun<float>(in), attentionRun<double>(in));
        check("cross-entropy and embedding", lossRun<float>(in), lossRun<double>(in));
    }
};

QTEST_APPLESS_MAIN(TestNnForward)
#include "tst_nnforward.moc"
