// The transforms that run before a weight method, and activation quantization: recipe texts
// with modifiers, per-token activation quantizers, rotation and SmoothQuant keeping the
// model's function, and what they buy on a model with outlier channels.
#include "calibrate/awqsearch.h"
#include "calibrate/calibrationset.h"
#include "calibrate/preparedweights.h"
#include "eval/evaluation.h"
#include "infer/tensornames.h"
#include "infer/transformer.h"
#include "plan/recipe.h"
#include "plan/weightplan.h"
#include "quant/activationquant.h"
#include "quant/quantizer.h"
#include "support/evalfixtures.h"
#include "support/fixtures.h"
#include "support/trainerfixtures.h"
#include "tokenize/tokenizer.h"
#include "transform/rotation.h"
#include "transform/smoothing.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace bitcliff;

namespace {

std::vector<float> logitsOf(const std::shared_ptr<const Model> &model, const std::vector<int32_t> &tokens,
                            std::shared_ptr<const WeightPlan> plan = {})
{
    InferenceOptions options;
    options.threads = 1;
    options.plan = std::move(plan);
    const auto weights = loadTransformer(model, options);
    InferenceSession session(weights, int(tokens.size()));
    std::vector<float> logits(tokens.size() * size_t(configOf(*weights).vocab));
    session.evaluate(tokens, 0, logits);
    return logits;
}

// max |a − b| / max |a|
double relativeDifference(const std::vector<float> &a, const std::vector<float> &b)
{
    double diff = 0, scale = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        diff = std::max(diff, double(std::fabs(a[i] - b[i])));
        scale = std::max(scale, double(std::fabs(a[i])));
    }
    return diff / scale;
}

std::vector<int32_t> sampleTokens(const Model &model, int words)
{
    return tokenizerForModel(model)->encode(test::sampleText(words), true);
}

enum Outliers { None = 0, InWeights = 1, InActivations = 2 };

// Rewrites the checkpoint in `dir` with random norm weights (so folding them matters) and
// the outlier channels LLMs have: three residual channels ten times louder in the embedding
// (InActivations), the same input columns ten times larger in every linear that reads the
// residual stream (InWeights).
void reshape(const std::filesystem::path &dir, int outliers)
{
    const auto model = openModel(dir);
    std::vector<SafetensorsEntry> entries;
    const int64_t hidden = model->architecture().hiddenSize;
    const std::vector<int64_t> loud = {3, hidden / 2 + 1, hidden - 5};
    unsigned seed = 7;
    for (const TensorInfo &tensor : model->tensors()) {
        std::vector<float> values = test::tensorValues(*model, tensor.name);
        const bool norm = tensor.role == TensorRole::Norm && tensor.shape.size() == 1;
        if (norm) {
            const std::vector<float> noise = test::randomValues(values.size(), ++seed, 0.3f);
            for (size_t i = 0; i < values.size(); ++i)
                values[i] = 1.0f + std::fabs(noise[i]);
        }
        const bool readsResidual = tensor.role == TensorRole::AttnQ || tensor.role == TensorRole::AttnK
            || tensor.role == TensorRole::AttnV || tensor.role == TensorRole::FfnGate
            || tensor.role == TensorRole::FfnUp;
        const bool loudChannels = tensor.role == TensorRole::Embed ? (outliers & InActivations) != 0
                                                                   : readsResidual && (outliers & InWeights) != 0;
        if (loudChannels && tensor.cols() == hidden)
            for (int64_t r = 0; r < tensor.rows(); ++r)
                for (const int64_t j : loud)
                    values[size_t(r * hidden + j)] *= 10.0f;
        entries.push_back(test::f32Entry(tensor.name, tensor.shape, values));
    }
    writeSafetensors(dir / "model.safetensors", entries);
}

CalibrationSet calibrationFor(const Model &model, int sequences = 8, int length = 48)
{
    CalibrationSpec spec;
    spec.texts = {corpusText("calibration.txt", "en", test::sampleText(400))};
    spec.sequences = sequences;
    spec.length = length;
    return calibrationSet(*tokenizerForModel(model), spec);
}

// Mean KLD against the unquantized model on held-out text, per recipe.
std::vector<double> kldOf(const std::shared_ptr<const Model> &model, const std::vector<std::string> &recipes,
                          std::shared_ptr<const CalibrationSet> calibration = {})
{
    EvalSpec eval;
    eval.model = model;
    eval.tokenizer = tokenizerForModel(*model);
    eval.nCtx = 64;
    eval.threads = 1;
    eval.texts = {corpusText("held-out.txt", "en", test::sampleText(500))};
    for (const std::string &recipe : recipes)
        eval.schemes.push_back(QuantRecipe::parse(recipe));
    eval.calibration = std::move(calibration);
    const auto report = runEvaluation(eval);
    std::vector<double> klds;
    for (size_t i = 1; i < report->runs.size(); ++i) {
        klds.push_back(report->runs[i].comparison->kld.mean);
        qInfo("%-32s KLD %.5f", report->runs[i].label.c_str(), klds.back());
    }
    return klds;
}

} // namespace

class TestTransforms : public QObject
{
    Q_OBJECT

private slots:
    void recipeModifiers()
    {
        const std::vector<std::pair<const char *, const char *>> canonical = {
            {"rtn:b8:channel:sym+a8", "rtn:b8:channel:sym+a8"},
            {"rtn:b4:g128+A4", "rtn:b4:g128:sym+a4"},
            {"q4_0+afp8", "q4_0+afp8"},
            {"gptq:b4:g128+a8+rot", "gptq:b4:g128:sym+rot+a8"},
            {"rtn:b4:g128+a4+smooth0.8+rot", "rtn:b4:g128:sym+smooth0.8+rot+a4"},
            {"rtn:b8:channel+smooth", "rtn:b8:channel:sym+smooth"},
            {"rtn:b8:channel+smooth0.5", "rtn:b8:channel:sym+smooth"},
            {"awq:b4:g128:asym", "awq:b4:g128:asym"},
            {"awq", "awq:b4:g128:sym"},
            {"awq:noclip:b3:g64+rot", "awq:b3:g64:sym:noclip+rot"},
            {"awq:b4:g128:asym:noclip:duo", "awq:b4:g128:asym:duo:noclip"},
        };
        for (const auto &[text, expected] : canonical) {
            const QuantRecipe r = QuantRecipe::parse(text);
            QCOMPARE(r.toString(), std::string(expected));
            QCOMPARE(QuantRecipe::parse(r.toString()), r);
        }
        const QuantRecipe w8a8 = QuantRecipe::parse("rtn:b8:channel:sym+a8");
        QCOMPARE(w8a8.activations, ActivationQuant::Int8);
        QVERIFY(!w8a8.needsCalibration());
        QVERIFY(!w8a8.isPlainScheme());
        QVERIFY(QuantRecipe::parse("rtn:b4:g128").isPlainScheme());
        QVERIFY(QuantRecipe::parse("rtn:b8:channel+smooth+a8").needsCalibration());
        QVERIFY(QuantRecipe::parse("awq:b3:g128").needsCalibration());
        QVERIFY(!QuantRecipe::parse("rtn:b4:g128+rot").needsCalibration());
        QCOMPARE(QuantRecipe::parse("rtn:b4:g128+rot").weightText(), std::string("rtn:b4:g128:sym"));
        for (const char *bad : {"rtn:b4:g128+a3", "rtn:b4:g128+smooth1.5", "rtn:b4:g128+smooth0", "rtn:b4:g128+rot+rot",
                                "rtn:b4:g128+a8+a4", "rtn:b4:g128+", "awq:q4_0", "awq:b4:g128:actorder",
                                "awq:b4:tensor", "rtn:b4:g128+smoothx", "nf4:g64+turbo"}) {
            const std::string message = test::errorOf([&] { QuantRecipe::parse(bad); });
            QVERIFY2(message.rfind(std::string("bad scheme '"), 0) == 0, (std::string(bad) + ": " + message).c_str());
        }
        QVERIFY(test::errorOf([&] { QuantRecipe::parse("rtn:b4:g128+a3"); }).find("+a8, +a4, +afp8, +smooth[α], +rot")
                != std::string::npos);
    }

    // Per token, dynamic, symmetric: each row on its own absmax grid.
    void activationQuantizers()
    {
        const int64_t tokens = 5, channels = 37;
        std::vector<float> x = test::randomValues(size_t(tokens * channels), 3, 2.0f);
        x[40] = 50.0f; // one loud token must not coarsen the others' grids
        for (const auto &[format, levels] : {std::pair{ActivationQuant::Int8, 127}, std::pair{ActivationQuant::Int4, 7}}) {
            std::vector<float> q = x;
            fakeQuantizeActivations(format, q.data(), tokens, channels);
            for (int64_t t = 0; t < tokens; ++t) {
                float absmax = 0;
                for (int64_t j = 0; j < channels; ++j)
                    absmax = std::max(absmax, std::fabs(x[size_t(t * channels + j)]));
                const float scale = absmax / float(levels);
                for (int64_t j = 0; j < channels; ++j) {
                    const float v = x[size_t(t * channels + j)], got = q[size_t(t * channels + j)];
                    QCOMPARE(got, std::nearbyint(v / scale) * scale);
                    QVERIFY(std::fabs(got - v) <= 0.5f * scale * 1.0001f);
                }
            }
        }
        std::vector<float> fp8 = x, reference = x;
        fakeQuantizeActivations(ActivationQuant::Fp8, fp8.data(), tokens, channels);
        fakeQuantizeRows(QuantScheme::parse("fp8"), x.data(), tokens, channels, reference.data());
        QCOMPARE(fp8, reference); // fp8's per-row E4M3 grid, one row a token
        std::vector<float> none = x;
        fakeQuantizeActivations(ActivationQuant::None, none.data(), tokens, channels);
        QCOMPARE(none, x);
    }

    // AWQ's scale search on one layer with loud input channels: both forms of the scales
    // (llm-awq's mean|X|^r, AutoAWQ's duo) never do worse than plain rounding (r = 0) and do
    // much better here; the chosen scales are the formula's at the chosen ratio.
    void awqScaleSearch()
    {
        const int64_t rows = 64, cols = 256, m = 512;
        std::vector<float> x = test::randomValues(size_t(m * cols), 5), w = test::randomValues(size_t(rows * cols), 6, 0.05f);
        for (int64_t t = 0; t < m; ++t)
            for (int64_t j = 0; j < cols; j += 37)
                x[size_t(t * cols + j)] *= 30.0f;
        std::vector<double> meanAbs(size_t(cols), 0.0);
        for (int64_t k = 0; k < m * cols; ++k)
            meanAbs[size_t(k % cols)] += std::fabs(x[size_t(k)]) / double(m);
        const AwqLinear linear{w.data(), rows, cols, QuantScheme::parse("rtn:b3:g128:asym")};
        for (const bool duo : {false, true}) {
            const AwqScales best = awqSearchScales(meanAbs, {linear}, linearOutputLoss(x.data(), m, {linear}), duo);
            qInfo("duo %d: ratio %.2f, error %.3f of plain rounding's", int(duo), best.ratio, best.error / best.roundingError);
            QVERIFY(best.ratio > 0 && best.error < 0.8 * best.roundingError);
            if (duo)
                continue;
            std::vector<double> expected(static_cast<size_t>(cols));
            double lo = 1e300, hi = 0;
            for (int64_t j = 0; j < cols; ++j) {
                expected[size_t(j)] = std::max(1e-4, std::pow(meanAbs[size_t(j)], best.ratio));
                lo = std::min(lo, expected[size_t(j)]);
                hi = std::max(hi, expected[size_t(j)]);
            }
            for (int64_t j = 0; j < cols; ++j)
                QVERIFY(std::fabs(best.scales[size_t(j)] - expected[size_t(j)] / std::sqrt(lo * hi))
                        <= 1e-4 * std::fabs(best.scales[size_t(j)]));
        }
    }

    void rotationKeepsTheFunction_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<int>("hidden");
        QTest::addColumn<bool>("tied");
        QTest::newRow("llama 192 GQA tied") << "llama" << 192 << true;
        QTest::newRow("llama 576 GQA") << "llama" << 576 << false;
        QTest::newRow("qwen2 biases 64 tied") << "qwen2" << 64 << true;
        QTest::newRow("qwen3 q/k norms 100 (random orthogonal)") << "qwen3" << 100 << false;
    }

    // QuaRot's computational invariance: the rotated model's logits equal the original's to
    // 1e-4 of their range, norms folded (ones), a tied head untied.
    void rotationKeepsTheFunction()
    {
        QFETCH(QString, family);
        QFETCH(int, hidden);
        QFETCH(bool, tied);
        QTemporaryDir dir;
        test::TinyTransformerSpec spec = hidden >= 192 ? test::narrowSpec(hidden) : test::TinyTransformerSpec{};
        spec.family = family.toStdString();
        spec.hidden = hidden;
        if (hidden < 192) { // narrowSpec: heads of 64, three query heads per K/V head
            spec.heads = 4;
            spec.kvHeads = 2;
            spec.headDim = hidden % 8 == 0 ? 0 : 20; // 100: heads of 20 (an even size)
        }
        spec.layers = 2;
        spec.tied = tied;
        test::writeEvaluableModel(dir.path().toStdString(), spec);
        reshape(dir.path().toStdString(), InWeights | InActivations);
        const auto model = openModel(dir.path().toStdString());
        const RotatedModel rotated = rotateModel(model, kRotationSeed, 1);
        qInfo("%s", rotated.note.c_str());
        const std::vector<int32_t> tokens = sampleTokens(*model, 30);
        const double difference = relativeDifference(logitsOf(model, tokens), logitsOf(rotated.model, tokens));
        qInfo("logits differ by %.2g of their range", difference);
        QVERIFY2(difference < 1e-4, std::to_string(difference).c_str());

        const ModelFormat f = model->format();
        for (const float g : test::tensorValues(*rotated.model, infer::normTensorName(f, 1, infer::Norm::Ffn)))
            QCOMPARE(g, 1.0f);
        QVERIFY(!transformerConfigFor(*rotated.model).tiedOutput);
        QVERIFY(rotated.model->find(infer::globalTensorName(f, infer::GlobalTensor::Output)));
        QCOMPARE(rotated.model->tensors().size(), model->tensors().size() + (tied ? 1 : 0));
        const std::string q = infer::linearTensorName(f, 0, infer::Linear::Q);
        QVERIFY(test::tensorValues(*rotated.model, q) != test::tensorValues(*model, q));
        QVERIFY(rotated.note.find(hidden == 100 ? "random orthogonal" : "Hadamard") != std::string::npos);
    }

    // Rotation spreads the outlier channels over all channels: 4-bit rounding of the rotated
    // weights loses much less than of the original ones, weights only and with 4-bit activations.
    void rotationHelpsOnOutlierChannels()
    {
        QTemporaryDir dir;
        test::TinyTransformerSpec spec = test::narrowSpec(192);
        spec.layers = 2;
        spec.tied = true;
        test::writeEvaluableModel(dir.path().toStdString(), spec);
        reshape(dir.path().toStdString(), InActivations);
        const auto model = openModel(dir.path().toStdString());
        const std::vector<double> kld =
            kldOf(model, {"rtn:b4:g64:asym", "rtn:b4:g64:asym+rot", "rtn:b8:channel:sym+a4", "rtn:b8:channel:sym+rot+a4"});
        QVERIFY2(kld[1] < 0.5 * kld[0], "rot + rtn 4-bit vs rtn 4-bit");
        QVERIFY2(kld[3] < 0.5 * kld[2], "rot + a4 vs a4");
    }

    void smoothingKeepsTheFunction()
    {
        QTemporaryDir dir;
        test::TinyTransformerSpec spec = test::narrowSpec(192);
        spec.layers = 2;
        spec.kvHeads = spec.heads; // v → o smoothed too
        test::writeEvaluableModel(dir.path().toStdString(), spec);
        reshape(dir.path().toStdString(), InWeights | InActivations);
        const auto model = openModel(dir.path().toStdString());
        const SmoothedModel smoothed = smoothModel(model, calibrationFor(*model), 0.5, 1);
        qInfo("%s", smoothed.note.c_str());
        QVERIFY(smoothed.note.find("8 linear inputs of 2 layers") != std::string::npos);
        const std::vector<int32_t> tokens = sampleTokens(*model, 30);
        const double difference = relativeDifference(logitsOf(model, tokens), logitsOf(smoothed.model, tokens));
        QVERIFY2(difference < 1e-4, std::to_string(difference).c_str());
        const std::string norm = infer::normTensorName(model->format(), 0, infer::Norm::Attn);
        QVERIFY(test::tensorValues(*smoothed.model, norm) != test::tensorValues(*model, norm));
        QVERIFY(test::errorOf([&] { smoothModel(model, calibrationFor(*model), 1.5); }).find("between 0 and 1")
                != std::string::npos);
    }

    // SmoothQuant moves the activation outliers into the weights: 8-bit weights with 4-bit
    // activations lose less after smoothing.
    void smoothingHelpsActivationQuantization()
    {
        QTemporaryDir dir;
        test::TinyTransformerSpec spec = test::narrowSpec(192);
        spec.layers = 2;
        spec.tied = true;
        test::writeEvaluableModel(dir.path().toStdString(), spec);
        reshape(dir.path().toStdString(), InActivations);
        const auto model = openModel(dir.path().toStdString());
        const auto calibration = std::make_shared<CalibrationSet>(calibrationFor(*model));
        const std::vector<double> kld = kldOf(
            model, {"rtn:b8:channel:sym+a4", "rtn:b8:channel:sym+smooth+a4", "rtn:b8:channel:sym+a8"}, calibration);
        QVERIFY2(kld[1] < 0.5 * kld[0], "smooth + a4 vs a4");
        QVERIFY2(kld[2] < kld[0], "a8 vs a4");
        QVERIFY(test::errorOf([&] { kldOf(model, {"rtn:b8:channel:sym+smooth+a8"}); }).find("needs calibration text")
                != std::string::npos);
    }

    // The plan carries the activation format to the engine; prepared weights say what ran.
    void preparedWeightsCarryEverything()
    {
        QTemporaryDir dir;
        test::TinyTransformerSpec spec = test::narrowSpec(192);
        spec.layers = 1;
        test::writeEvaluableModel(dir.path().toStdString(), spec);
        const auto model = openModel(dir.path().toStdString());
        const CalibrationSet calibration = calibrationFor(*model);
        PrepareOptions options;
        options.calibration = &calibration;
        options.threads = 1;
        const PreparedWeights w8a8 = prepareWeights(model, QuantRecipe::parse("rtn:b8:channel+a8"), options);
        QCOMPARE(w8a8.plan->activations(), ActivationQuant::Int8);
        QCOMPARE(w8a8.model, model);
        const std::vector<int32_t> tokens = sampleTokens(*model, 20);
        QVERIFY(logitsOf(model, tokens, w8a8.plan) != logitsOf(model, tokens, std::make_shared<WeightPlan>("w8", QuantScheme::parse("rtn:b8:channel"))));
        const PreparedWeights all = prepareWeights(model, QuantRecipe::parse("gptq:b4:g64+smooth+rot+afp8"), options);
        QCOMPARE(all.plan->activations(), ActivationQuant::Fp8);
        QCOMPARE(all.plan->label(), std::string("gptq:b4:g64:sym+smooth+rot+afp8"));
        const std::string notes = all.calibrationNote;
        QVERIFY2(notes.find("rotated: Hadamard") == 0, notes.c_str());
        QVERIFY2(notes.find("\nsmoothed (α 0.5)") != std::string::npos, notes.c_str());
        QVERIFY2(notes.find("\ngptq: 7 matrices") != std::string::npos, notes.c_str());
        QVERIFY(all.reference != model);
    }
};

QTEST_GUILESS_MAIN(TestTransforms)
#include "tst_transforms.moc"
