// The training graph on its own: whole-model gradients in double against central finite
// differences (llama untied and tied, GQA, qwen2 biases, qwen3 q/k norms, RoPE divisors,
// awkward sizes, ignored targets), float against double, gradient accumulation and scaling,
// the buffers it reports, its refusals, and the parameters' layout and initialization.
#include "support/trainfixtures.h"
#include "train/modelgraph.h"
#include "util/error.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace bitcliff;
using namespace bitcliff::train;
using test::TinyTrainSpec;

Q_DECLARE_METATYPE(bitcliff::test::TinyTrainSpec)

namespace {

constexpr double kStep = 1e-3; // five-point stencil: truncation ~h⁴, rounding ~1e-16 · loss / h
constexpr double kGradientTolerance = 1e-6;
constexpr double kLossScale = 0.7;
// An entry's error counts relative to the larger of its two values, or to this fraction of
// its tensor's largest gradient when both are smaller: the differences' rounding noise is
// absolute (~1e-12) and some entries are 1e-8 of their neighbours.
constexpr double kFloor = 1e-4;

template<class T>
double maxAbs(const std::vector<T> &values)
{
    double m = 0;
    for (const T v : values)
        m = std::max(m, std::abs(double(v)));
    return m;
}

struct GradientCheck
{
    double maxRelative = 0;
    std::string worst;
    int checked = 0;
};

// Samples up to `perTensor` entries of every tensor and compares the graph's gradient of
// kLossScale · loss with the five-point central difference of the loss.
GradientCheck checkGradients(const TransformerConfig &config, const Batch &batch, unsigned seed, int perTensor)
{
    Parameters<double> w = test::randomParameters<double>(config, seed);
    Parameters<double> g = w.zerosLike();
    ModelGraph<double> graph(config);
    graph.run(w, batch, kLossScale, &g);
    std::mt19937 random(seed);
    GradientCheck result;
    for (size_t t = 0; t < w.tensors.size(); ++t) {
        std::vector<double> &values = w.tensors[t].values;
        const auto count = int(values.size());
        const double scale = maxAbs(g.tensors[t].values);
        std::uniform_int_distribution<int> pick(0, count - 1);
        for (int s = 0; s < std::min(count, perTensor); ++s) {
            const int i = count <= perTensor ? s : pick(random);
            const double original = values[size_t(i)];
            auto lossAt = [&](double offset) {
                values[size_t(i)] = original + offset;
                return graph.run(w, batch, 1.0, nullptr);
            };
            const double difference =
                (8 * (lossAt(kStep) - lossAt(-kStep)) - (lossAt(2 * kStep) - lossAt(-2 * kStep))) / (12 * kStep);
            values[size_t(i)] = original;
            const double numeric = kLossScale * difference, analytic = g.tensors[t].values[size_t(i)];
            const double error =
                std::abs(analytic - numeric) / std::max({std::abs(analytic), std::abs(numeric), kFloor * scale});
            ++result.checked;
            if (error > result.maxRelative) {
                result.maxRelative = error;
                result.worst = w.tensors[t].name + "[" + std::to_string(i) + "]";
            }
        }
    }
    return result;
}

} // namespace

class TestTrainModel : public QObject
{
    Q_OBJECT

private slots:
    void gradientsMatchFiniteDifferences_data()
    {
        QTest::addColumn<TinyTrainSpec>("spec");
        QTest::addColumn<int>("sequences");
        QTest::addColumn<int>("length");
        TinyTrainSpec llama; // hidden 12, heads 2 × 6, intermediate 20, vocab 11
        QTest::newRow("llama untied") << llama << 2 << 5;
        TinyTrainSpec tied = llama;
        tied.tied = true;
        tied.heads = 4; // GQA, q width 16 ≠ hidden
        tied.kvHeads = 2;
        tied.headDim = 4;
        tied.ropeFactors = true;
        QTest::newRow("llama tied GQA rope divisors") << tied << 3 << 4;
        TinyTrainSpec qwen2 = llama;
        qwen2.family = "qwen2";
        qwen2.heads = 3;
        qwen2.kvHeads = 1;
        qwen2.headDim = 4;
        QTest::newRow("qwen2 biases, one KV head") << qwen2 << 2 << 5;
        TinyTrainSpec qwen3 = llama;
        qwen3.family = "qwen3";
        qwen3.heads = 4;
        qwen3.kvHeads = 2;
        qwen3.tied = true;
        qwen3.layers = 3;
        QTest::newRow("qwen3 q/k norms tied") << qwen3 << 2 << 4;
    }

    void gradientsMatchFiniteDifferences()
    {
        QFETCH(TinyTrainSpec, spec);
        QFETCH(int, sequences);
        QFETCH(int, length);
        const TransformerConfig config = test::tinyTrainConfig(spec);
        const Batch batch = test::randomBatch(config.vocab, sequences, length, 7);
        QVERIFY(batch.counted() < batch.sequences * batch.length); // some targets ignored
        const GradientCheck check = checkGradients(config, batch, 11, 40);
        qInfo("%d entries, max relative error %.3g at %s", check.checked, check.maxRelative, check.worst.c_str());
        QVERIFY2(check.maxRelative < kGradientTolerance, check.worst.c_str());
    }

    // Gradients add up over calls, scaled by lossScale; the loss does not depend on it.
    void gradientsAccumulate()
    {
        TinyTrainSpec spec;
        spec.family = "qwen2";
        const TransformerConfig config = test::tinyTrainConfig(spec);
        const Parameters<double> w = test::randomParameters<double>(config, 3);
        const Batch batch = test::randomBatch(config.vocab, 2, 6, 4);
        ModelGraph<double> graph(config);
        Parameters<double> once = w.zerosLike(), twice = w.zerosLike();
        const double loss = graph.run(w, batch, 1.0, &once);
        QCOMPARE(graph.run(w, batch, 0.25, &twice), loss);
        graph.run(w, batch, 0.75, &twice);
        QCOMPARE(graph.run(w, batch, 1.0, nullptr), loss);
        for (size_t t = 0; t < w.tensors.size(); ++t) {
            const std::vector<double> &a = once.tensors[t].values, &b = twice.tensors[t].values;
            QVERIFY2(maxAbs(a) > 0, w.tensors[t].name.c_str()); // every tensor gets a gradient
            for (size_t i = 0; i < a.size(); ++i)
                QVERIFY(std::abs(a[i] - b[i]) <= 1e-12 * maxAbs(a));
        }
    }

    // Float (the training precision) against double on the same weights.
    void floatAgreesWithDouble()
    {
        TinyTrainSpec spec;
        spec.family = "qwen3";
        spec.hidden = 32;
        spec.heads = 4;
        spec.kvHeads = 2;
        spec.headDim = 8;
        spec.intermediate = 48;
        spec.vocab = 50;
        const TransformerConfig config = test::tinyTrainConfig(spec);
        const Parameters<double> wd = test::randomParameters<double>(config, 5);
        Parameters<float> wf = test::randomParameters<float>(config, 5);
        const Batch batch = test::randomBatch(config.vocab, 3, 16, 6);
        Parameters<double> gd = wd.zerosLike();
        Parameters<float> gf = wf.zerosLike();
        ModelGraph<double> graphD(config);
        ModelGraph<float> graphF(config);
        const double lossD = graphD.run(wd, batch, 1.0, &gd), lossF = graphF.run(wf, batch, 1.0f, &gf);
        const double lossError = std::abs(lossF - lossD) / lossD;
        double gradientError = 0;
        for (size_t t = 0; t < wd.tensors.size(); ++t) {
            const double scale = maxAbs(gd.tensors[t].values);
            for (size_t i = 0; i < gd.tensors[t].values.size(); ++i)
                gradientError = std::max(gradientError,
                                         std::abs(double(gf.tensors[t].values[i]) - gd.tensors[t].values[i]) / scale);
        }
        qInfo("loss %.6f, float vs double: loss %.3g relative, gradients %.3g of each tensor's largest", lossD,
              lossError, gradientError);
        QVERIFY(lossError < 1e-5);
        QVERIFY(gradientError < 1e-3);
    }

    // Attention over sequences on several workers (single-threaded BLAS there): the same loss
    // and gradients as in turn up to rounding, and bit for bit the same on a rerun.
    void sequencesInParallelAgree()
    {
        TinyTrainSpec spec;
        spec.heads = 4;
        spec.kvHeads = 2;
        spec.headDim = 16;
        spec.intermediate = 96;
        spec.vocab = 70;
        const TransformerConfig config = test::tinyTrainConfig(spec);
        const Parameters<float> w = test::randomParameters<float>(config, 21);
        const Batch batch = test::randomBatch(config.vocab, 5, 48, 22);
        const auto run = [&](int threads, Parameters<float> &g) {
            ModelGraph<float> graph(config, threads);
            g = w.zerosLike();
            return graph.run(w, batch, 1.0f, &g);
        };
        Parameters<float> inTurn, parallel, again;
        const double lossInTurn = run(1, inTurn), lossParallel = run(2, parallel), lossAgain = run(2, again);
        QCOMPARE(lossAgain, lossParallel);
        double gradientError = 0;
        for (size_t t = 0; t < w.tensors.size(); ++t) {
            QVERIFY(again.tensors[t].values == parallel.tensors[t].values);
            const double scale = maxAbs(inTurn.tensors[t].values);
            for (size_t i = 0; i < inTurn.tensors[t].values.size(); ++i)
                gradientError = std::max(gradientError,
                    std::abs(double(parallel.tensors[t].values[i]) - inTurn.tensors[t].values[i]) / scale);
        }
        qInfo("parallel vs in turn: loss %.3g relative, gradients %.3g of each tensor's largest",
              std::abs(lossParallel - lossInTurn) / lossInTurn, gradientError);
        QVERIFY(std::abs(lossParallel - lossInTurn) / lossInTurn < 1e-6);
        QVERIFY(gradientError < 1e-4);
    }

    // From HF's initialization, plain gradient descent on one batch lowers its loss fast
    // (the gradient points downhill in float as well).
    void gradientDescentLowersTheLoss()
    {
        TinyTrainSpec spec;
        spec.family = "qwen3";
        spec.tied = true;
        const TransformerConfig config = test::tinyTrainConfig(spec);
        Parameters<float> w = initialParameters<float>(config, 8);
        const Batch batch = test::randomBatch(config.vocab, 4, 8, 12);
        const auto counted = float(batch.counted());
        ModelGraph<float> graph(config);
        Parameters<float> g = w.zerosLike();
        const double first = graph.run(w, batch, 1.0f, nullptr) / counted;
        double last = first;
        for (int step = 0; step < 60; ++step) {
            g.setZero();
            last = graph.run(w, batch, 1.0f / counted, &g) / counted;
            for (size_t t = 0; t < w.tensors.size(); ++t)
                for (size_t i = 0; i < w.tensors[t].values.size(); ++i)
                    w.tensors[t].values[i] -= 0.5f * g.tensors[t].values[i];
        }
        qInfo("mean loss %.4f (log vocab %.4f) → %.4f", first, std::log(double(config.vocab)), last);
        QVERIFY(std::abs(first - std::log(double(config.vocab))) < 0.05);
        QVERIFY(last < 0.8 * first);
    }

    void buffersAreWhatActivationBytesSays()
    {
        for (const char *family : {"llama", "qwen3"}) {
            TinyTrainSpec spec;
            spec.family = family;
            const TransformerConfig config = test::tinyTrainConfig(spec);
            ModelGraph<float> graph(config);
            const Parameters<float> w = test::randomParameters<float>(config, 1);
            Parameters<float> g = w.zerosLike();
            for (const auto &[sequences, length] : {std::pair{2, 7}, std::pair{3, 3}}) {
                graph.run(w, test::randomBatch(config.vocab, sequences, length, 2), 1.0f, &g);
                QCOMPARE(graph.bufferBytes(), ModelGraph<float>::activationBytes(config, sequences, length));
            }
            QVERIFY(ModelGraph<double>::activationBytes(config, 2, 7)
                    == 2 * ModelGraph<float>::activationBytes(config, 2, 7));
            // Same rows: only the attention probabilities (per layer and head) and the
            // backward's length × length scratch per sequence grow with the square of the length.
            const int64_t grown = int64_t(config.layers) * config.heads * (64 * 64 - 2 * 32 * 32) + 64 * 64 - 2 * 32 * 32;
            QCOMPARE(ModelGraph<float>::activationBytes(config, 1, 64) - ModelGraph<float>::activationBytes(config, 2, 32),
                     grown * int64_t(sizeof(float)));
        }
    }

    void refusesBadInput()
    {
        const TransformerConfig config = test::tinyTrainConfig({});
        const Parameters<float> w = test::randomParameters<float>(config, 1);
        ModelGraph<float> graph(config);
        auto refuses = [&](const Batch &batch, const Parameters<float> &weights, const char *expected) {
            try {
                graph.run(weights, batch, 1.0f, nullptr);
            } catch (const Error &error) {
                return std::string(error.what()).find(expected) != std::string::npos;
            }
            return false;
        };
        Batch batch = test::randomBatch(config.vocab, 2, 4, 1);
        batch.tokens[5] = config.vocab;
        QVERIFY(refuses(batch, w, "outside the vocabulary of 11"));
        batch = test::randomBatch(config.vocab, 1, config.contextLength + 1, 1);
        QVERIFY(refuses(batch, w, "exceed the context of 64"));
        batch = test::randomBatch(config.vocab, 2, 4, 1);
        batch.targets.pop_back();
        QVERIFY(refuses(batch, w, "7 targets"));
        TransformerConfig tied = config;
        tied.tiedOutput = true;
        QVERIFY(refuses(test::randomBatch(config.vocab, 2, 4, 1), test::randomParameters<float>(tied, 1), "tensors"));
    }

    void parametersFollowHfNamesAndOrder()
    {
        TinyTrainSpec spec;
        spec.family = "qwen3";
        spec.layers = 1;
        Parameters<float> qwen3 = initialParameters<float>(test::tinyTrainConfig(spec), 1);
        std::vector<std::string> names;
        for (const auto &t : qwen3.tensors)
            names.push_back(t.name);
        const std::string l = "model.layers.0.";
        const std::vector<std::string> expected{
            "model.embed_tokens.weight", l + "input_layernorm.weight", l + "self_attn.q_proj.weight",
            l + "self_attn.k_proj.weight", l + "self_attn.v_proj.weight", l + "self_attn.o_proj.weight",
            l + "self_attn.q_norm.weight", l + "self_attn.k_norm.weight", l + "post_attention_layernorm.weight",
            l + "mlp.gate_proj.weight", l + "mlp.up_proj.weight", l + "mlp.down_proj.weight", "model.norm.weight",
            "lm_head.weight"};
        QVERIFY(names == expected);
        QVERIFY(qwen3.find(l + "self_attn.q_norm.weight")->shape == std::vector<int64_t>{6});
        QVERIFY(qwen3.find("lm_head.weight")->decays && qwen3.find("lm_head.weight")->quantizable);
        QVERIFY(!qwen3.find("model.embed_tokens.weight")->decays && qwen3.find("model.embed_tokens.weight")->quantizable);
        QVERIFY(!qwen3.find("model.norm.weight")->decays && !qwen3.find("model.norm.weight")->quantizable);
        QVERIFY(qwen3.find(l + "mlp.down_proj.weight")->shape == (std::vector<int64_t>{12, 20}));

        spec.family = "qwen2";
        spec.tied = true;
        const Parameters<double> qwen2 = initialParameters<double>(test::tinyTrainConfig(spec), 1);
        const Tensor<double> *bias = qwen2.find(l + "self_attn.k_proj.bias");
        QVERIFY(bias && !bias->decays && !bias->quantizable && bias->shape == std::vector<int64_t>{12});
        QCOMPARE(qwen2.tensors[3].name, l + "self_attn.q_proj.bias");
        QVERIFY(!qwen2.find("lm_head.weight"));
        QCOMPARE(qwen2.tensors.back().name, std::string("model.norm.weight"));
        int64_t total = 0;
        for (const auto &t : qwen2.tensors)
            total += int64_t(t.values.size());
        QCOMPARE(qwen2.count(), total);
        QCOMPARE(qwen2.count(), 11 * 12 + 12 + 3 * (12 * 12 + 12) + 12 * 12 + 12 + 3 * 12 * 20 + 12);
    }

    void initializationIsSeededLikeHf()
    {
        TinyTrainSpec spec;
        spec.family = "qwen2";
        spec.hidden = 64;
        spec.vocab = 1000;
        const TransformerConfig config = test::tinyTrainConfig(spec);
        const Parameters<float> a = initialParameters<float>(config, 42), b = initialParameters<float>(config, 42);
        const Parameters<double> d = initialParameters<double>(config, 42);
        const Parameters<float> other = initialParameters<float>(config, 43);
        for (size_t t = 0; t < a.tensors.size(); ++t) {
            QVERIFY(a.tensors[t].values == b.tensors[t].values);
            for (size_t i = 0; i < a.tensors[t].values.size(); ++i) // one sequence, rounded per type
                QCOMPARE(a.tensors[t].values[i], float(d.tensors[t].values[i]));
        }
        const std::vector<float> &embedding = a.find("model.embed_tokens.weight")->values;
        QVERIFY(embedding != other.find("model.embed_tokens.weight")->values);
        double sum = 0, squares = 0;
        for (const float v : embedding) {
            sum += v;
            squares += double(v) * v;
        }
        const double n = double(embedding.size()), mean = sum / n, std = std::sqrt(squares / n - mean * mean);
        QVERIFY(std::abs(mean) < 0.001);
        QVERIFY(std::abs(std - 0.02) < 0.0005); // 64000 samples: std of the estimate ~0.00006
        for (const auto &t : a.tensors) {
            if (t.name.find("norm") != std::string::npos)
                QVERIFY(std::all_of(t.values.begin(), t.values.end(), [](float v) { return v == 1.0f; }));
            if (t.name.find(".bias") != std::string::npos)
                QVERIFY(std::all_of(t.values.begin(), t.values.end(), [](float v) { return v == 0.0f; }));
        }
        Parameters<float> zeros = a.zerosLike();
        QCOMPARE(zeros.count(), a.count());
        QVERIFY(zeros.find("lm_head.weight")->decays);
        Parameters<float> copy = a;
        copy.setZero();
        QVERIFY(copy.tensors[1].values == zeros.tensors[1].values);
    }
};

QTEST_APPLESS_MAIN(TestTrainModel)
#include "tst_trainmodel.moc"
