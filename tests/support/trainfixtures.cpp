#include "support/trainfixtures.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace bitcliff::test {

TransformerConfig tinyTrainConfig(const TinyTrainSpec &spec)
{
    TransformerConfig c;
    c.family = spec.family;
    c.layers = spec.layers;
    c.hidden = spec.hidden;
    c.intermediate = spec.intermediate;
    c.heads = spec.heads;
    c.kvHeads = spec.kvHeads;
    c.headDim = spec.headDim;
    c.vocab = spec.vocab;
    c.contextLength = 64;
    c.rmsEps = spec.family == "llama" ? 1e-5f : 1e-6f;
    c.ropeTheta = 10000.0;
    c.qkvBias = spec.family == "qwen2";
    c.qkNorm = spec.family == "qwen3";
    c.tiedOutput = spec.tied;
    if (spec.ropeFactors)
        for (int i = 0; i < spec.headDim / 2; ++i)
            c.ropeFreqFactors.push_back(1.0f + 2.5f * float(i));
    return c;
}

template<class T>
train::Parameters<T> randomParameters(const TransformerConfig &config, unsigned seed)
{
    train::Parameters<T> p = train::initialParameters<T>(config, seed);
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    const double sqrt3 = std::sqrt(3.0); // uniform(-1, 1) · sqrt(3) has std 1
    for (train::Tensor<T> &t : p.tensors) {
        const bool norm = t.name.find("norm") != std::string::npos, bias = t.name.find(".bias") != std::string::npos;
        const double scale = t.shape.size() == 2 && t.name.find("embed") == std::string::npos
            ? sqrt3 / std::sqrt(double(t.shape[1]))
            : sqrt3;
        for (T &v : t.values)
            v = T(norm ? 1.0 + 0.3 * uniform(random) : (bias ? 0.3 * uniform(random) : scale * uniform(random)));
    }
    return p;
}

template train::Parameters<float> randomParameters(const TransformerConfig &, unsigned);
template train::Parameters<double> randomParameters(const TransformerConfig &, unsigned);

train::Parameters<double> toDouble(const train::Parameters<float> &p)
{
    train::Parameters<double> d;
    d.config = p.config;
    for (const train::Tensor<float> &t : p.tensors)
        d.tensors.push_back({t.name, t.shape, std::vector<double>(t.values.begin(), t.values.end()), t.decays,
                             t.quantizable});
    return d;
}

train::Batch randomBatch(int vocab, int64_t sequences, int64_t length, unsigned seed)
{
    std::mt19937 random(seed);
    std::uniform_int_distribution<int32_t> token(0, vocab - 1);
    train::Batch b;
    b.sequences = sequences;
    b.length = length;
    for (int64_t i = 0; i < sequences * length; ++i) {
        b.tokens.push_back(token(random));
        b.targets.push_back(random() % 4 == 0 ? -1 : token(random));
    }
    if (b.counted() == 0)
        b.targets[0] = 0;
    return b;
}

double summedCrossEntropy(std::span<const float> logits, std::span<const int32_t> targets, int vocab)
{
    double total = 0;
    for (size_t row = 0; row < targets.size(); ++row) {
        if (targets[row] < 0)
            continue;
        const float *x = logits.data() + row * size_t(vocab);
        const double top = *std::max_element(x, x + vocab);
        double sum = 0;
        for (int i = 0; i < vocab; ++i)
            sum += std::exp(double(x[i]) - top);
        total += std::log(sum) + top - double(x[targets[row]]);
    }
    return total;
}

} // namespace bitcliff::test
