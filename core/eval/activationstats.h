#pragma once
// Activation capture: per layer and per linear input, the per-channel absmax and mean |x| of
// the activations over a corpus — the activation side of the outlier story (and what
// GPTQ/AWQ calibrate on).
#include "eval/corpus.h"
#include "infer/transformer.h"
#include "util/progress.h"

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace bitcliff {

class Tokenizer;

constexpr int linearInputCount = 4;
std::string_view linearInputName(LinearInput input); // "attn_in", "attn_out", "ffn_in", "ffn_down"

struct ChannelActivity
{
    std::vector<float> absMax;
    std::vector<double> sumAbs;
    int64_t tokens = 0;
    double meanAbs(size_t channel) const { return tokens ? sumAbs[channel] / double(tokens) : 0.0; }
};

struct ActivationStats
{
    int layers = 0;
    int64_t tokens = 0;
    std::string modelPath;
    // [layer][LinearInput]
    std::vector<std::array<ChannelActivity, linearInputCount>> activity;
    const ChannelActivity &at(int layer, LinearInput input) const { return activity[size_t(layer)][size_t(input)]; }
};

class ActivationCollector : public ActivationObserver
{
public:
    explicit ActivationCollector(int layers);
    void observe(int layer, LinearInput which, const float *x, int64_t tokens, int64_t channels) override;
    ActivationStats take();

private:
    ActivationStats m_stats;
};

// Runs the unquantized model over the texts in chunks of `nCtx` tokens, at most `maxTokens`
// in all, and collects the statistics. Throws Error when the texts give no tokens.
std::shared_ptr<const ActivationStats> captureActivations(std::shared_ptr<const Model> model, const Tokenizer &tokenizer,
                                                          const std::vector<CorpusText> &texts, int nCtx,
                                                          int64_t maxTokens, int threads,
                                                          const ProgressCallback &progress = {});

} // namespace bitcliff
