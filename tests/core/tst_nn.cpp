// The backward passes of the nn/ ops against central finite differences (h = 1e-5) of
// L = Σ dOut ⊙ forward(inputs) with random dOut, in double precision, for every input and
// parameter: the max relative error is printed and must stay below 1e-6. Shapes fit no
// 8-float vector (6, 12, 20, 37 columns), attention is grouped-query, RoPE runs both layouts
// with and without frequency divisors, cross-entropy ignores rows. Gradient buffers start
// with random values: every backward pass must add to them (cross-entropy's overwrites).
#include "nn/attention.h"
#include "nn/crossentropy.h"
#include "nn/embedding.h"
#include "nn/linear.h"
#include "nn/rmsnorm.h"
#include "nn/rope.h"
#include "nn/swiglu.h"
#include "support/gradientcheck.h"
#include "util/error.h"

#include <QTest>

#include <cmath>

using namespace bitcliff;
using test::maxGradientError;
using test::randomValues;
using test::weightedSum;
using std::vector;

namespace {

constexpr double kMaxError = 1e-6;

// A gradient buffer prefilled with random values; added() is what the backward pass added.
struct Accumulated
{
    Accumulated(std::mt19937 &random, size_t count)
        : initial(randomValues(random, int64_t(count)))
        , buffer(initial)
    {
    }
    vector<double> added() const
    {
        vector<double> d(buffer.size());
        for (size_t i = 0; i < d.size(); ++i)
            d[i] = buffer[i] - initial[i];
        return d;
    }
    double *data() { return buffer.data(); }
    vector<double> initial, buffer;
};

void expectSmall(const char *what, double error)
{
    qInfo("%s: max relative gradient error %.3g", what, error);
    QVERIFY2(error < kMaxError, what);
}

} // namespace

class TestNn : public QObject
{
    Q_OBJECT

private slots:
    void embedding()
    {
        std::mt19937 random(1);
        const int64_t cols = 6;
        const vector<int32_t> tokens{3, 1, 3, 5, 3, 0}; // token 3 three times: its gradients add up
        const auto n = int64_t(tokens.size());
        vector<double> table = randomValues(random, 7 * cols), out(size_t(n * cols));
        const vector<double> dOut = randomValues(random, n * cols);
        nn::embeddingForward(table.data(), cols, tokens.data(), n, out.data());
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < cols; ++j)
                QCOMPARE(out[size_t(i * cols + j)], table[size_t(tokens[size_t(i)] * cols + j)]);
        Accumulated dTable(random, table.size());
        nn::embeddingBackward(dOut.data(), tokens.data(), n, cols, dTable.data());
        const vector<double> unused(dTable.initial.begin() + 2 * cols, dTable.initial.begin() + 3 * cols);
        QVERIFY(vector<double>(dTable.buffer.begin() + 2 * cols, dTable.buffer.begin() + 3 * cols) == unused);
        expectSmall("embedding dTable", maxGradientError(table, dTable.added(), [&] {
            nn::embeddingForward(table.data(), cols, tokens.data(), n, out.data());
            return weightedSum(out, dOut);
        }));
    }

    void linear_data()
    {
        QTest::addColumn<bool>("bias");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("out");
        QTest::newRow("bias, 5 rows") << true << 5 << 12 << 6;
        QTest::newRow("no bias, 5 rows") << false << 5 << 20 << 7;
        QTest::newRow("bias, 1 row (gemv)") << true << 1 << 6 << 12;
        QTest::newRow("no bias, 1 row (gemv)") << false << 1 << 12 << 20;
    }

    void linear()
    {
        QFETCH(bool, bias);
        QFETCH(int, n);
        QFETCH(int, in);
        QFETCH(int, out);
        std::mt19937 random(2);
        vector<double> x = randomValues(random, n * in), w = randomValues(random, out * in),
                       b = bias ? randomValues(random, out) : vector<double>{};
        const vector<double> dOut = randomValues(random, n * out), y0 = randomValues(random, n * out);
        vector<double> y(y0.size());
        auto forward = [&] {
            nn::linearForward(x.data(), w.data(), bias ? b.data() : nullptr, n, in, out, y.data());
            return weightedSum(y, dOut);
        };
        forward();
        for (int r = 0; r < n; ++r) // against plain loops
            for (int o = 0; o < out; ++o) {
                double expected = bias ? b[size_t(o)] : 0.0;
                for (int i = 0; i < in; ++i)
                    expected += x[size_t(r * in + i)] * w[size_t(o * in + i)];
                QVERIFY(std::abs(y[size_t(r * out + o)] - expected) < 1e-12);
            }
        vector<double> accumulated = y0; // accumulate: y += x Wᵀ + b
        nn::linearForward(x.data(), w.data(), bias ? b.data() : nullptr, n, in, out, accumulated.data(), true);
        for (size_t i = 0; i < y.size(); ++i)
            QVERIFY(std::abs(accumulated[i] - (y0[i] + y[i])) < 1e-12);

        Accumulated dx(random, x.size()), dW(random, w.size()), dBias(random, size_t(out));
        nn::linearBackward(x.data(), w.data(), dOut.data(), n, in, out, dx.data(), dW.data(),
                           bias ? dBias.data() : nullptr);
        expectSmall("linear dx", maxGradientError(x, dx.added(), forward));
        expectSmall("linear dW", maxGradientError(w, dW.added(), forward));
        if (bias)
            expectSmall("linear dBias", maxGradientError(b, dBias.added(), forward));
        else
            QVERIFY(dBias.buffer == dBias.initial);
        vector<double> dxOnly(x.size()); // null dW and dBias are skipped
        nn::linearBackward<double>(x.data(), w.data(), dOut.data(), n, in, out, dxOnly.data(), nullptr, nullptr);
        for (size_t i = 0; i < x.size(); ++i)
            QVERIFY(std::abs(dxOnly[i] - dx.added()[i]) < 1e-12);
    }

    void rmsNorm_data()
    {
        QTest::addColumn<int>("cols");
        for (int cols : {6, 12, 20, 37})
            QTest::addRow("%d columns", cols) << cols;
    }

    void rmsNorm()
    {
        QFETCH(int, cols);
        const int rows = 3;
        const double eps = 1e-6;
        std::mt19937 random(3);
        vector<double> x = randomValues(random, rows * cols), weight = randomValues(random, cols);
        const vector<double> dOut = randomValues(random, rows * cols);
        vector<double> out(x.size()), inverseRms(rows);
        auto forward = [&] {
            nn::rmsNormForward(x.data(), weight.data(), out.data(), inverseRms.data(), rows, cols, eps);
            return weightedSum(out, dOut);
        };
        forward();
        for (int r = 0; r < rows; ++r) {
            double squares = 0;
            for (int j = 0; j < cols; ++j)
                squares += x[size_t(r * cols + j)] * x[size_t(r * cols + j)];
            const double s = 1.0 / std::sqrt(squares / cols + eps);
            QVERIFY(std::abs(inverseRms[size_t(r)] - s) < 1e-12 * s);
            for (int j = 0; j < cols; ++j)
                QVERIFY(std::abs(out[size_t(r * cols + j)] - weight[size_t(j)] * x[size_t(r * cols + j)] * s) < 1e-12);
        }
        vector<double> inPlace = x; // out may be x
        nn::rmsNormForward<double>(inPlace.data(), weight.data(), inPlace.data(), nullptr, rows, cols, eps);
        QVERIFY(inPlace == out);

        Accumulated dx(random, x.size()), dWeight(random, weight.size());
        nn::rmsNormBackward(x.data(), weight.data(), inverseRms.data(), dOut.data(), rows, cols, dx.data(),
                            dWeight.data());
        expectSmall("rmsNorm dx", maxGradientError(x, dx.added(), forward));
        expectSmall("rmsNorm dWeight", maxGradientError(weight, dWeight.added(), forward));
    }

    void swiglu_data()
    {
        QTest::addColumn<int>("count");
        for (int count : {6, 13, 20})
            QTest::addRow("%d values", count) << count;
    }

    void swiglu()
    {
        QFETCH(int, count);
        std::mt19937 random(4);
        vector<double> gate = randomValues(random, count, 3.0), up = randomValues(random, count);
        const vector<double> dOut = randomValues(random, count);
        vector<double> out(size_t(count), 0.0);
        auto forward = [&] {
            nn::swigluForward(gate.data(), up.data(), out.data(), count);
            return weightedSum(out, dOut);
        };
        forward();
        for (int j = 0; j < count; ++j) {
            const double g = gate[size_t(j)];
            QVERIFY(std::abs(out[size_t(j)] - g / (1 + std::exp(-g)) * up[size_t(j)]) < 1e-12);
        }
        vector<double> inPlace = gate; // out may be gate
        nn::swigluForward(inPlace.data(), up.data(), inPlace.data(), count);
        QVERIFY(inPlace == out);
        Accumulated dGate(random, gate.size()), dUp(random, up.size());
        nn::swigluBackward(gate.data(), up.data(), dOut.data(), count, dGate.data(), dUp.data());
        expectSmall("swiglu dGate", maxGradientError(gate, dGate.added(), forward));
        expectSmall("swiglu dUp", maxGradientError(up, dUp.added(), forward));
    }

    void rope_data()
    {
        QTest::addColumn<bool>("adjacent");
        QTest::addColumn<bool>("divisors");
        QTest::newRow("neox") << false << false;
        QTest::newRow("neox, frequency divisors") << false << true;
        QTest::newRow("adjacent pairs") << true << false;
        QTest::newRow("adjacent pairs, frequency divisors") << true << true;
    }

    void rope()
    {
        QFETCH(bool, adjacent);
        QFETCH(bool, divisors);
        const int headDim = 6, heads = 3, rows = 4, first = 3;
        const int64_t stride = heads * headDim + 2; // two more values per row that RoPE leaves alone
        nn::RopeSpec spec{headDim, 500.0, adjacent ? RopeLayout::AdjacentPairs : RopeLayout::Neox, {}};
        if (divisors)
            spec.freqFactors = {1.0f, 2.5f, 8.0f};
        nn::RopeTables<double> tables;
        tables.compute(spec, first, rows + 1); // one position more than used
        std::mt19937 random(5);
        vector<double> x = randomValues(random, rows * stride), out;
        const vector<double> dOut = randomValues(random, rows * stride);
        auto forward = [&] {
            out = x;
            tables.forward(out.data(), rows, stride, heads);
            return weightedSum(out, dOut);
        };
        forward();
        for (int r = 0; r < rows; ++r) { // against the rotation written out
            for (int h = 0; h < heads; ++h)
                for (int i = 0; i < headDim / 2; ++i) {
                    const double angle = (first + r) * std::pow(500.0, -2.0 * i / headDim)
                        / (divisors ? double(spec.freqFactors[size_t(i)]) : 1.0);
                    const size_t base = size_t(r * stride + h * headDim);
                    const size_t lo = base + size_t(adjacent ? 2 * i : i);
                    const size_t hi = base + size_t(adjacent ? 2 * i + 1 : i + headDim / 2);
                    QVERIFY(std::abs(out[lo] - (x[lo] * std::cos(angle) - x[hi] * std::sin(angle))) < 1e-12);
                    QVERIFY(std::abs(out[hi] - (x[hi] * std::cos(angle) + x[lo] * std::sin(angle))) < 1e-12);
                }
            for (int64_t j = heads * headDim; j < stride; ++j)
                QCOMPARE(out[size_t(r * stride + j)], x[size_t(r * stride + j)]);
        }
        vector<double> dx = dOut; // backward runs in place
        tables.backward(dx.data(), rows, stride, heads);
        expectSmall(adjacent ? "rope (adjacent pairs) dx" : "rope (neox) dx", maxGradientError(x, dx, forward));
    }

    void attention_data()
    {
        QTest::addColumn<int>("tokens");
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("kvHeads");
        QTest::addColumn<int>("headDim");
        QTest::newRow("GQA 4 over 2, head 6") << 5 << 4 << 2 << 6;
        QTest::newRow("MHA 2, head 12") << 4 << 2 << 2 << 12;
        QTest::newRow("MQA 3 over 1, head 20") << 6 << 3 << 1 << 20;
    }

    void attention()
    {
        QFETCH(int, tokens);
        QFETCH(int, heads);
        QFETCH(int, kvHeads);
        QFETCH(int, headDim);
        const nn::AttentionShape shape{tokens, heads, kvHeads, headDim};
        const int64_t qSize = int64_t(tokens) * heads * headDim, kvSize = int64_t(tokens) * kvHeads * headDim;
        std::mt19937 random(6);
        vector<double> q = randomValues(random, qSize), k = randomValues(random, kvSize),
                       v = randomValues(random, kvSize);
        const vector<double> dOut = randomValues(random, qSize);
        vector<double> out(static_cast<size_t>(qSize)), probs(size_t(heads * tokens * tokens), -1.0);
        auto forward = [&] {
            nn::causalAttentionForward(q.data(), k.data(), v.data(), shape, out.data(), probs.data());
            return weightedSum(out, dOut);
        };
        forward();
        const int group = heads / kvHeads; // against the attention written out
        for (int h = 0; h < heads; ++h)
            for (int t = 0; t < tokens; ++t) {
                const double *qt = q.data() + (t * heads + h) * headDim;
                vector<double> p(size_t(t + 1));
                double max = -INFINITY, sum = 0;
                for (int j = 0; j <= t; ++j) {
                    const double *kj = k.data() + (j * kvHeads + h / group) * headDim;
                    double dot = 0;
                    for (int i = 0; i < headDim; ++i)
                        dot += qt[i] * kj[i];
                    max = std::max(max, p[size_t(j)] = dot / std::sqrt(double(headDim)));
                }
                for (double &e : p)
                    sum += (e = std::exp(e - max));
                const double *row = probs.data() + (int64_t(h) * tokens + t) * tokens;
                for (int j = 0; j < tokens; ++j)
                    QVERIFY(std::abs(row[j] - (j <= t ? p[size_t(j)] / sum : 0.0)) < 1e-14);
                for (int i = 0; i < headDim; ++i) {
                    double expected = 0;
                    for (int j = 0; j <= t; ++j)
                        expected += p[size_t(j)] / sum * v[size_t((j * kvHeads + h / group) * headDim + i)];
                    QVERIFY(std::abs(out[size_t((t * heads + h) * headDim + i)] - expected) < 1e-12);
                }
            }

        Accumulated dq(random, q.size()), dk(random, k.size()), dv(random, v.size());
        vector<double> scratch(size_t(tokens * tokens));
        nn::causalAttentionBackward(q.data(), k.data(), v.data(), probs.data(), dOut.data(), shape, dq.data(),
                                    dk.data(), dv.data(), scratch.data());
        expectSmall("attention dq", maxGradientError(q, dq.added(), forward));
        expectSmall("attention dk", maxGradientError(k, dk.added(), forward));
        expectSmall("attention dv", maxGradientError(v, dv.added(), forward));
    }

    void crossEntropy()
    {
        const int64_t rows = 5, vocab = 11;
        const vector<int32_t> targets{3, -1, 0, 10, -1}; // rows 1 and 4 ignored
        const double gradScale = 0.25;
        std::mt19937 random(7);
        vector<double> logits = randomValues(random, rows * vocab, 3.0);
        auto loss = [&] { return nn::crossEntropy<double>(logits.data(), targets.data(), rows, vocab, 1.0, nullptr); };
        double expected = 0; // -log softmax(logits[i])[target], written out
        for (int64_t i = 0; i < rows; ++i) {
            if (targets[size_t(i)] < 0)
                continue;
            double sum = 0;
            for (int64_t j = 0; j < vocab; ++j)
                sum += std::exp(logits[size_t(i * vocab + j)]);
            expected -= std::log(std::exp(logits[size_t(i * vocab + targets[size_t(i)])]) / sum);
        }
        QVERIFY(std::abs(loss() - expected) < 1e-12 * expected);

        vector<double> dLogits = randomValues(random, rows * vocab); // overwritten, ignored rows too
        QCOMPARE(nn::crossEntropy(logits.data(), targets.data(), rows, vocab, gradScale, dLogits.data()), loss());
        for (int64_t j = 0; j < vocab; ++j)
            QVERIFY(dLogits[size_t(vocab + j)] == 0.0 && dLogits[size_t(4 * vocab + j)] == 0.0);
        expectSmall("crossEntropy dLogits",
                    maxGradientError(logits, dLogits, [&] { return gradScale * loss(); }));

        vector<double> inPlace = logits; // dLogits may be the logits
        QCOMPARE(nn::crossEntropy(inPlace.data(), targets.data(), rows, vocab, gradScale, inPlace.data()), loss());
        QVERIFY(inPlace == dLogits);

        // The max is subtracted: logits of 1000 neither overflow nor change the loss.
        vector<double> shifted = logits;
        for (double &x : shifted)
            x += 1000.0;
        const double shiftedLoss = nn::crossEntropy<double>(shifted.data(), targets.data(), rows, vocab, 1.0, nullptr);
        QVERIFY(std::abs(shiftedLoss - loss()) < 1e-9);
        vector<float> large(logits.begin(), logits.end());
        for (float &x : large)
            x = x * 100.0f + 1e4f;
        QVERIFY(std::isfinite(nn::crossEntropy<float>(large.data(), targets.data(), rows, vocab, 1.0f, nullptr)));
        const vector<int32_t> outside{3, 11, 0, 0, 0};
        QVERIFY_THROWS_EXCEPTION(Error, nn::crossEntropy<double>(logits.data(), outside.data(), rows, vocab, 1.0,
                                                                 nullptr));
    }
};

QTEST_APPLESS_MAIN(TestNn)
#include "tst_nn.moc"
