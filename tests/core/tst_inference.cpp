// The inference engine against an independent double-precision reference forward pass
// (tests/support/referencetransformer.cpp) on tiny random checkpoints of every supported
// family: logits agree to 1e-4 of the logit scale. The KV cache gives the same logits token
// by token, in chunks and in one batch; the activation observer sees each linear layer's
// input; the vectorized exp and softmax match libm.
#include "formats/model.h"
#include "infer/transformer.h"
#include "nn/kernels.h"
#include "support/referencetransformer.h"
#include "support/tinytransformer.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

constexpr double kTolerance = 1e-4;

std::vector<int32_t> randomTokens(size_t count, int vocab, unsigned seed)
{
    std::mt19937 random(seed);
    std::uniform_int_distribution<int32_t> token(0, vocab - 1);
    std::vector<int32_t> tokens(count);
    for (int32_t &t : tokens)
        t = token(random);
    return tokens;
}

std::vector<float> engineLogits(const std::shared_ptr<const TransformerWeights> &weights,
                                const std::vector<int32_t> &tokens, int firstLogit = 0)
{
    InferenceSession session(weights, int(tokens.size()));
    std::vector<float> logits((tokens.size() - size_t(firstLogit)) * size_t(configOf(*weights).vocab));
    session.evaluate(tokens, firstLogit, logits);
    return logits;
}

// Records the shape and the first row of every observed input.
class Recorder : public ActivationObserver
{
public:
    struct Call
    {
        int layer;
        LinearInput which;
        int64_t tokens, channels;
        std::vector<float> firstRow;
    };
    void observe(int layer, LinearInput which, const float *x, int64_t tokens, int64_t channels) override
    {
        calls.push_back({layer, which, tokens, channels, std::vector<float>(x, x + channels)});
    }
    std::vector<Call> calls;
};

} // namespace

class TestInference : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void matchesReference_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<int>("kvHeads");
        QTest::addColumn<int>("headDim");
        QTest::addColumn<bool>("bias");
        QTest::addColumn<bool>("tied");
        QTest::addColumn<bool>("llama3");
        QTest::addColumn<QString>("dtype");
        QTest::newRow("llama GQA untied") << "llama" << 2 << 0 << false << false << false << "F32";
        QTest::newRow("llama tied") << "llama" << 2 << 0 << false << true << false << "F32";
        QTest::newRow("llama MHA attention_bias") << "llama" << 4 << 0 << true << false << false << "F32";
        QTest::newRow("llama3 rope scaling") << "llama" << 1 << 0 << false << false << true << "F32";
        QTest::newRow("llama BF16") << "llama" << 2 << 0 << false << false << false << "BF16";
        QTest::newRow("qwen2 bias") << "qwen2" << 2 << 0 << true << false << false << "F32";
        QTest::newRow("qwen3 qk norm, head_dim 24") << "qwen3" << 2 << 24 << false << true << false << "F16";
    }

    void matchesReference()
    {
        QFETCH(QString, family);
        QFETCH(int, kvHeads);
        QFETCH(int, headDim);
        QFETCH(bool, bias);
        QFETCH(bool, tied);
        QFETCH(bool, llama3);
        QFETCH(QString, dtype);
        test::TinyTransformerSpec spec;
        spec.family = family.toStdString();
        spec.kvHeads = kvHeads;
        spec.headDim = headDim;
        spec.qkvBias = bias;
        spec.tied = tied;
        spec.llama3Rope = llama3;
        spec.dtype = dtype.toStdString();
        spec.rmsEps = family == "llama" ? 1e-5 : 1e-6;
        const fs::path dir = path(QTest::currentDataTag());
        const test::TinyTransformer tiny = test::writeTinyTransformer(dir, spec);

        const auto weights = loadTransformer(openModel(dir), {});
        const TransformerConfig &c = configOf(*weights);
        QCOMPARE(c.family, spec.family);
        QCOMPARE(c.kvHeads, kvHeads);
        QCOMPARE(c.headDim, tiny.headDim());
        QCOMPARE(c.qkvBias, tiny.hasBias());
        QCOMPARE(c.qkNorm, family == "qwen3");
        QCOMPARE(c.tiedOutput, tied);
        QCOMPARE(c.ropeLayout, RopeLayout::Neox);
        QCOMPARE(c.ropeFreqFactors.size(), llama3 ? size_t(c.headDim / 2) : size_t(0));
        QCOMPARE(c.rmsEps, float(spec.rmsEps));

        const std::vector<int32_t> tokens = randomTokens(40, spec.vocab, 7);
        const std::vector<float> logits = engineLogits(weights, tokens);
        const double error = test::relativeError(logits, test::referenceLogits(tiny, tokens));
        QVERIFY2(error < kTolerance, qPrintable(QString::number(error)));
    }

    void kvCacheIncrementalEqualsBatch()
    {
        const fs::path dir = path("kv");
        test::TinyTransformerSpec spec;
        spec.llama3Rope = true;
        test::writeTinyTransformer(dir, spec);
        const auto weights = loadTransformer(openModel(dir), {});
        const std::vector<int32_t> tokens = randomTokens(23, spec.vocab, 3);
        const std::vector<float> batch = engineLogits(weights, tokens);

        for (const std::vector<size_t> &chunks : {std::vector<size_t>(23, 1), std::vector<size_t>{5, 1, 9, 8}}) {
            InferenceSession session(weights, 30);
            std::vector<float> logits;
            size_t begin = 0;
            for (size_t size : chunks) {
                std::vector<float> part(size * size_t(spec.vocab));
                session.evaluate(std::span(tokens).subspan(begin, size), 0, part);
                logits.insert(logits.end(), part.begin(), part.end());
                begin += size;
            }
            QCOMPARE(session.position(), 23);
            const double error = test::relativeError(logits, batch);
            QVERIFY2(error < 1e-5, qPrintable(QString::number(error)));
        }

        // truncate() forgets the tail: evaluating it again gives the same logits.
        InferenceSession session(weights, 23);
        std::vector<float> all(batch.size());
        session.evaluate(tokens, 0, all);
        session.truncate(20);
        std::vector<float> tail(3 * size_t(spec.vocab));
        session.evaluate(std::span(tokens).subspan(20), 0, tail);
        QVERIFY(test::relativeError(tail, std::vector<float>(batch.end() - std::ptrdiff_t(tail.size()), batch.end()))
                < 1e-5);
        session.reset();
        QCOMPARE(session.position(), 0);
    }

    void logitsOfLaterRowsOnly()
    {
        // 600 tokens cross the engine's 512-token batches; only the last 30 rows are asked for.
        const fs::path dir = path("long");
        test::TinyTransformerSpec spec;
        spec.layers = 1;
        const test::TinyTransformer tiny = test::writeTinyTransformer(dir, spec);
        const auto weights = loadTransformer(openModel(dir), {});
        const std::vector<int32_t> tokens = randomTokens(600, spec.vocab, 5);
        const std::vector<float> logits = engineLogits(weights, tokens, 570);
        const std::vector<double> reference = test::referenceLogits(tiny, tokens);
        const std::vector<double> last(reference.end() - std::ptrdiff_t(logits.size()), reference.end());
        const double error = test::relativeError(logits, last);
        QVERIFY2(error < kTolerance, qPrintable(QString::number(error)));
    }

    void observerSeesLinearInputs()
    {
        const fs::path dir = path("observer");
        test::TinyTransformerSpec spec;
        const test::TinyTransformer tiny = test::writeTinyTransformer(dir, spec);
        InferenceSession session(loadTransformer(openModel(dir), {}), 8);
        Recorder recorder;
        std::vector<float> logits(size_t(spec.vocab));
        const std::vector<int32_t> tokens{3, 1, 4, 1, 5};
        session.evaluate(tokens, 4, logits, &recorder);
        QCOMPARE(recorder.calls.size(), size_t(spec.layers * 4));
        const LinearInput order[] = {LinearInput::AttnIn, LinearInput::AttnOut, LinearInput::FfnIn, LinearInput::FfnDown};
        const int64_t channels[] = {spec.hidden, spec.heads * tiny.headDim(), spec.hidden, spec.intermediate};
        for (size_t i = 0; i < recorder.calls.size(); ++i) {
            const Recorder::Call &call = recorder.calls[i];
            QCOMPARE(call.layer, int(i / 4));
            QCOMPARE(call.which, order[i % 4]);
            QCOMPARE(call.tokens, int64_t(5));
            QCOMPARE(call.channels, channels[i % 4]);
        }
        // Layer 0's attention input is the RMS-normed embedding of the first token.
        const std::vector<float> &embed = tiny["model.embed_tokens.weight"];
        const std::vector<float> &norm = tiny["model.layers.0.input_layernorm.weight"];
        double squares = 0;
        for (int i = 0; i < spec.hidden; ++i)
            squares += double(embed[size_t(3 * spec.hidden + i)]) * embed[size_t(3 * spec.hidden + i)];
        const double scale = 1.0 / std::sqrt(squares / spec.hidden + spec.rmsEps);
        for (int i = 0; i < spec.hidden; ++i)
            QVERIFY(std::abs(recorder.calls[0].firstRow[size_t(i)] - norm[size_t(i)] * embed[size_t(3 * spec.hidden + i)] * scale)
                    < 1e-5);
    }

    void kernels()
    {
        std::vector<float> x;
        for (float v = -100.0f; v <= 88.0f; v += 0.37f)
            x.push_back(v);
        x.push_back(-1e30f);
        std::vector<float> e = x;
        nn::expInPlace(e.data(), int64_t(e.size()));
        for (size_t i = 0; i < x.size(); ++i) {
            const double expected = x[i] < -87.3f ? 0.0 : std::exp(double(x[i]));
            QVERIFY2(std::abs(e[i] - expected) <= 3e-7 * expected, qPrintable(QString::number(double(x[i]))));
        }
        std::vector<float> nan{NAN};
        nn::expInPlace(nan.data(), 1);
        QVERIFY(std::isnan(nan[0]));

        for (int64_t n : {1, 7, 8, 13, 100}) {
            std::vector<float> row(static_cast<size_t>(n));
            for (int64_t i = 0; i < n; ++i)
                row[size_t(i)] = float(std::sin(double(i)) * 20.0);
            std::vector<double> expected(row.begin(), row.end());
            const double max = *std::max_element(expected.begin(), expected.end());
            double sum = 0;
            for (double &v : expected)
                sum += (v = std::exp(v - max));
            nn::softmaxInPlace(row.data(), n);
            for (int64_t i = 0; i < n; ++i)
                QVERIFY(std::abs(row[size_t(i)] - expected[size_t(i)] / sum) < 1e-6);
        }
    }

private:
    fs::path path(const char *name) const { return test::subdirectory(m_dir.path().toStdString(), name); }

    QTemporaryDir m_dir;
};

QTEST_APPLESS_MAIN(TestInference)
#include "tst_inference.moc"
