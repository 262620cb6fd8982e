// The training graph against the inference engine on tiny Hugging Face checkpoints of every
// supported family: parametersOf reads the values written, ModelGraph<float> gives the
// logits and loss InferenceSession gives (and ModelGraph<double> the independent double
// reference's logits); a QAT forward pass on fakeQuantizeParameters(scheme) runs on exactly
// the weights and loss evaluation with that scheme runs on. Plus the refusals of parametersOf
// and checkQatScheme.
#include "formats/model.h"
#include "infer/transformer.h"
#include "infer/transformerweights.h"
#include "quant/ggufexport.h"
#include "support/referencetransformer.h"
#include "support/tinytransformer.h"
#include "support/trainfixtures.h"
#include "train/modelgraph.h"
#include "util/error.h"
#include "train/qat.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace bitcliff;
using namespace bitcliff::train;
namespace fs = std::filesystem;

namespace {

constexpr int64_t kSequences = 3;
constexpr int64_t kLength = 9;
// Same float32 ops in the same order; only the GEMMs' row blocking differs (all rows of the
// batch at once against one sequence at a time).
constexpr double kLogitTolerance = 2e-6;
constexpr double kLossTolerance = 2e-6;

// Logits of every sequence of the batch from the inference engine, one session per sequence.
std::vector<float> sessionLogits(const std::shared_ptr<const TransformerWeights> &weights, const Batch &batch)
{
    const int vocab = configOf(*weights).vocab;
    std::vector<float> logits(size_t(batch.sequences * batch.length * vocab));
    InferenceSession session(weights, int(batch.length));
    for (int64_t s = 0; s < batch.sequences; ++s) {
        session.reset();
        const std::span<const int32_t> tokens(batch.tokens.data() + s * batch.length, size_t(batch.length));
        session.evaluate(tokens, 0, std::span<float>(logits.data() + s * batch.length * vocab,
                                                     size_t(batch.length * vocab)));
    }
    return logits;
}

std::shared_ptr<const TransformerWeights> load(const std::shared_ptr<const Model> &model,
                                               std::optional<QuantScheme> scheme = std::nullopt)
{
    InferenceOptions options;
    options.scheme = scheme;
    options.threads = 1;
    options.residency = WeightResidency::Resident;
    return loadTransformer(model, options);
}

bool throwsWith(const std::function<void()> &action, const std::string &expected)
{
    try {
        action();
    } catch (const Error &error) {
        qInfo("%s", error.what());
        return std::string(error.what()).find(expected) != std::string::npos;
    }
    return false;
}

} // namespace

class TestTrainAgreement : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void matchesInference_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<bool>("tied");
        QTest::addColumn<bool>("llama3");
        QTest::newRow("llama untied") << "llama" << false << false;
        QTest::newRow("llama tied llama3 rope") << "llama" << true << true;
        QTest::newRow("qwen2") << "qwen2" << false << false;
        QTest::newRow("qwen3 tied") << "qwen3" << true << false;
    }

    void matchesInference()
    {
        QFETCH(QString, family);
        QFETCH(bool, tied);
        QFETCH(bool, llama3);
        test::TinyTransformerSpec spec;
        spec.family = family.toStdString();
        spec.tied = tied;
        spec.llama3Rope = llama3;
        const fs::path dir = test::subdirectory(fs::path(m_dir.path().toStdString()), QTest::currentDataTag());
        const test::TinyTransformer tiny = test::writeTinyTransformer(dir, spec);
        const std::shared_ptr<const Model> model = openModel(dir);

        const Parameters<float> p = parametersOf(*model);
        QCOMPARE(p.tensors.size(), tiny.tensors.size());
        for (const Tensor<float> &t : p.tensors)
            QVERIFY2(t.values == tiny[t.name], t.name.c_str());
        QCOMPARE(p.config.ropeFreqFactors.empty(), !llama3);

        const Batch batch = test::randomBatch(spec.vocab, kSequences, kLength, 9);
        ModelGraph<float> graph(p.config);
        const double loss = graph.run(p, batch, 1.0f, nullptr);
        const std::vector<float> logits(graph.logits().begin(), graph.logits().end());
        const std::vector<float> expected = sessionLogits(load(model), batch);
        const double logitError = test::relativeError(logits, expected);
        const double reference = test::summedCrossEntropy(expected, batch.targets, spec.vocab);
        const double lossError = std::abs(loss - reference) / reference;

        // The double graph against the independent double reference forward pass.
        ModelGraph<double> graphD(p.config);
        graphD.run(test::toDouble(p), batch, 1.0, nullptr);
        std::vector<double> referenceLogits;
        for (int64_t s = 0; s < kSequences; ++s) {
            const std::vector<int32_t> tokens(batch.tokens.begin() + s * kLength,
                                              batch.tokens.begin() + (s + 1) * kLength);
            const std::vector<double> row = test::referenceLogits(tiny, tokens);
            referenceLogits.insert(referenceLogits.end(), row.begin(), row.end());
        }
        double doubleError = 0, scale = 0;
        for (size_t i = 0; i < referenceLogits.size(); ++i) {
            doubleError = std::max(doubleError, std::abs(graphD.logits()[i] - referenceLogits[i]));
            scale = std::max(scale, std::abs(referenceLogits[i]));
        }
        doubleError /= scale;
        qInfo("graph vs engine: logits %.3g, loss %.3g relative; double graph vs reference %.3g", logitError,
              lossError, doubleError);
        QVERIFY(logitError < kLogitTolerance);
        QVERIFY(lossError < kLossTolerance);
        // ~1e-13; the Llama-3 divisors reach the graph as TransformerConfig's float32 values
        // where the reference computes them in double: ~1e-9.
        QVERIFY(doubleError < (llama3 ? 1e-8 : 1e-12));
    }

    void qatMatchesEvaluation_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("family");
        QTest::addColumn<bool>("tied");
        // Rows of 64 and 96: nf4:g64 falls back to g32 on down_proj, q4_k to q5_0 everywhere.
        QTest::newRow("rtn:b4:g32 llama") << "rtn:b4:g32" << "llama" << false;
        QTest::newRow("q4_0 qwen3 tied") << "q4_0" << "qwen3" << true;
        QTest::newRow("nf4:g64 qwen2") << "nf4:g64" << "qwen2" << false;
        QTest::newRow("q4_k llama tied") << "q4_k" << "llama" << true;
    }

    void qatMatchesEvaluation()
    {
        QFETCH(QString, scheme);
        QFETCH(QString, family);
        QFETCH(bool, tied);
        test::TinyTransformerSpec spec;
        spec.family = family.toStdString();
        spec.tied = tied;
        const fs::path dir = test::subdirectory(fs::path(m_dir.path().toStdString()), QTest::currentDataTag());
        test::writeTinyTransformer(dir, spec);
        const std::shared_ptr<const Model> model = openModel(dir);
        const QuantScheme s = QuantScheme::parse(scheme.toStdString());

        const Parameters<float> latent = parametersOf(*model);
        checkQatScheme(s, latent);
        Parameters<float> working;
        fakeQuantizeParameters(s, latent, working, 2);
        const std::shared_ptr<const TransformerWeights> weights = load(model, s);

        // Every matrix the engine holds is the working tensor, bit for bit.
        int compared = 0;
        auto same = [&](const infer::WeightMatrix &m, const std::string &name) {
            ++compared;
            return m.values == working.find(name)->values;
        };
        for (int layer = 0; layer < spec.layers; ++layer)
            for (const infer::Linear linear : infer::kLinears) {
                const std::string name = infer::linearTensorName(ModelFormat::Safetensors, layer, linear);
                QVERIFY2(same(weights->layers[size_t(layer)][linear].weight, name), name.c_str());
                QVERIFY(working.find(name)->values != latent.find(name)->values); // quantized
            }
        QVERIFY(same(weights->embedding, "model.embed_tokens.weight"));
        if (!tied)
            QVERIFY(same(weights->output, "lm_head.weight"));
        for (const Tensor<float> &t : working.tensors)
            if (!t.quantizable)
                QVERIFY(t.values == latent.find(t.name)->values);

        const Batch batch = test::randomBatch(spec.vocab, kSequences, kLength, 10);
        ModelGraph<float> graph(latent.config);
        const double quantized = graph.run(working, batch, 1.0f, nullptr);
        const double evaluated = test::summedCrossEntropy(sessionLogits(weights, batch), batch.targets, spec.vocab);
        const double unquantized = graph.run(latent, batch, 1.0f, nullptr);
        qInfo("%d matrices identical; loss %.6f QAT, %.6f evaluation, %.6f unquantized", compared, quantized,
              evaluated, unquantized);
        QVERIFY(std::abs(quantized - evaluated) < kLossTolerance * evaluated);
        QVERIFY(std::abs(quantized - unquantized) > 1e-4 * unquantized);

        // The working copy is reused: another latent state gives its own quantization.
        Parameters<float> moved = latent;
        for (float &v : moved.tensors[0].values)
            v *= 0.5f;
        fakeQuantizeParameters(s, moved, working, 1);
        Parameters<float> fresh;
        fakeQuantizeParameters(s, moved, fresh, 3);
        for (size_t t = 0; t < fresh.tensors.size(); ++t)
            QVERIFY(fresh.tensors[t].values == working.tensors[t].values);
    }

    void checkQatSchemeRefusesMisfits()
    {
        // Rows of 12 and 20: no bitsandbytes block (32 and up) fits, a strict GGUF block neither.
        const Parameters<float> p = initialParameters<float>(test::tinyTrainConfig({}), 1);
        QVERIFY(throwsWith([&] { checkQatScheme(QuantScheme::parse("nf4"), p); },
                           "QAT with nf4:g64: no tensor of the model can be quantized with it"));
        QVERIFY(throwsWith([&] { checkQatScheme(QuantScheme::parse("q4_0:strict"), p); }, "QAT with q4_0:strict"));
        checkQatScheme(QuantScheme::parse("q4_0"), p);  // falls back to F16
        checkQatScheme(QuantScheme::parse("rtn:b3"), p); // per channel
        Parameters<float> working;
        fakeQuantizeParameters(QuantScheme::parse("nf4"), p, working, 1); // keeps everything
        for (size_t t = 0; t < p.tensors.size(); ++t)
            QVERIFY(working.tensors[t].values == p.tensors[t].values);
    }

    void parametersOfRefusesWhatTrainingCannotRead()
    {
        const fs::path dir = fs::path(m_dir.path().toStdString()) / "refusals";
        test::TinyTransformerSpec spec;
        spec.hidden = 32;
        spec.intermediate = 64;
        test::writeTinyTransformer(dir, spec);
        const fs::path gguf = dir.parent_path() / "tiny.gguf";
        exportQuantizedGguf(*openModel(dir), QuantScheme::parse("q8_0"), gguf);
        QVERIFY(throwsWith([&] { parametersOf(*openModel(gguf)); }, "GGUF is not supported for training yet"));

        const fs::path partial = dir.parent_path() / "partial";
        spec.omit = {"model.layers.1.mlp.up_proj.weight"};
        test::writeTinyTransformer(partial, spec);
        QVERIFY(throwsWith([&] { parametersOf(*openModel(partial)); }, "model.layers.1.mlp.up_proj.weight"));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_APPLESS_MAIN(TestTrainAgreement)
#include "tst_trainagreement.moc"
