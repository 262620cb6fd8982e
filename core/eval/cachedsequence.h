#pragma once
// An inference session that remembers which tokens its KV cache holds, so consecutive
// requests sharing a prefix (the choices of one question, chunks starting with BOS) only
// run the tokens that differ.
#include "infer/transformer.h"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace bitcliff {

class CachedSequence
{
public:
    CachedSequence(std::shared_ptr<const TransformerWeights> weights, int maxContext);

    int vocab() const { return m_vocab; }
    int maxContext() const { return m_maxContext; }
    int threads() const { return m_threads; } // the model's threads (0: one per core), for work around it

    // Logits of positions [firstLogit, tokens.size()) of `tokens` (row-major, vocab floats a
    // row); valid until the next call.
    std::span<const float> run(
        const std::vector<int32_t> &tokens, int firstLogit, ActivationObserver *observer = nullptr);
    // Appends one token to the current sequence and returns its logits.
    std::span<const float> append(int32_t token);
    const std::vector<int32_t> &tokens() const { return m_tokens; }

private:
    InferenceSession m_session;
    int m_vocab = 0;
    int m_maxContext = 0;
    int m_threads = 0;
    std::vector<int32_t> m_tokens;
    std::vector<float> m_logits;
};

} // namespace bitcliff
