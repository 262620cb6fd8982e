#include "eval/activationstats.h"

#include "eval/workmeter.h"
#include "tokenize/tokenizer.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>

namespace bitcliff {

std::string_view linearInputName(LinearInput input)
{
    switch (input) {
    case LinearInput::AttnIn: return "attn_in";
    case LinearInput::AttnOut: return "attn_out";
    case LinearInput::FfnIn: return "ffn_in";
    case LinearInput::FfnDown: return "ffn_down";
    }
    return "?";
}

ActivationCollector::ActivationCollector(int layers)
{
    m_stats.layers = layers;
    m_stats.activity.resize(size_t(layers));
}

void ActivationCollector::observe(int layer, LinearInput which, const float *x, int64_t tokens, int64_t channels)
{
    if (layer < 0 || layer >= m_stats.layers)
        return;
    ChannelActivity &activity = m_stats.activity[size_t(layer)][size_t(which)];
    if (activity.absMax.empty()) {
        activity.absMax.assign(size_t(channels), 0.0f);
        activity.sumAbs.assign(size_t(channels), 0.0);
    }
    for (int64_t t = 0; t < tokens; ++t) {
        const float *row = x + t * channels;
        for (int64_t c = 0; c < channels; ++c) {
            const float magnitude = std::fabs(row[c]);
            activity.absMax[size_t(c)] = std::max(activity.absMax[size_t(c)], magnitude);
            activity.sumAbs[size_t(c)] += magnitude;
        }
    }
    activity.tokens += tokens;
    if (layer == 0 && which == LinearInput::AttnIn)
        m_stats.tokens += tokens;
}

ActivationStats ActivationCollector::take()
{
    return std::move(m_stats);
}

std::shared_ptr<const ActivationStats> captureActivations(std::shared_ptr<const Model> model, const Tokenizer &tokenizer,
                                                          const std::vector<CorpusText> &texts, int nCtx,
                                                          int64_t maxTokens, int threads,
                                                          const ProgressCallback &progress)
{
    const bool bos = tokenizer.addsBos() && tokenizer.bosId() >= 0;
    std::vector<std::vector<int32_t>> chunks;
    int64_t budget = maxTokens;
    for (const CorpusText &text : texts) {
        const std::vector<int32_t> tokens = tokenizer.encode(text.text, bos);
        for (size_t start = 0; start < tokens.size() && budget > 0; start += size_t(nCtx)) {
            const size_t length = std::min({tokens.size() - start, size_t(nCtx), size_t(budget)});
            chunks.emplace_back(tokens.begin() + int64_t(start), tokens.begin() + int64_t(start + length));
            budget -= int64_t(length);
        }
    }
    if (chunks.empty())
        throw Error("the texts give no tokens to capture activations on");
    const double loadUnits = 256;
    WorkMeter meter(progress, loadUnits + double(maxTokens - budget));
    InferenceOptions options;
    options.threads = threads;
    auto weights = loadTransformer(model, options, meter.share(loadUnits));
    meter.advance(loadUnits);
    ActivationCollector collector(configOf(*weights).layers);
    InferenceSession session(weights, nCtx);
    std::vector<float> lastLogits(size_t(configOf(*weights).vocab));
    for (const std::vector<int32_t> &chunk : chunks) {
        session.reset();
        session.evaluate(chunk, int(chunk.size()) - 1, lastLogits, &collector);
        meter.advance(double(chunk.size()));
    }
    auto stats = std::make_shared<ActivationStats>(collector.take());
    stats->modelPath = model->sourcePath();
    return stats;
}

} // namespace bitcliff
