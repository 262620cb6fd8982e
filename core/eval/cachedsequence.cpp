#include "eval/cachedsequence.h"

#include "infer/transformerweights.h"
#include "util/error.h"

#include <algorithm>
#include <string>

namespace bitcliff {

CachedSequence::CachedSequence(std::shared_ptr<const TransformerWeights> weights, int maxContext)
    : m_session(weights, maxContext)
    , m_vocab(m_session.config().vocab)
    , m_maxContext(maxContext)
    , m_threads(weights->threads)
{
}

std::span<const float> CachedSequence::run(const std::vector<int32_t> &tokens, int firstLogit,
                                           ActivationObserver *observer)
{
    const int count = int(tokens.size());
    if (count == 0 || firstLogit < 0 || firstLogit >= count)
        throw Error("internal: no logits requested from a sequence of " + std::to_string(count) + " tokens");
    if (count > m_maxContext)
        throw Error("a sequence of " + std::to_string(count) + " tokens exceeds the context of "
                    + std::to_string(m_maxContext));
    // Cached positions hold keys and values but no logits: rerun from firstLogit at the latest.
    // An observer must see every token, so it gets a fresh run.
    int reuse = 0;
    if (!observer) {
        const auto mismatch = std::mismatch(m_tokens.begin(), m_tokens.end(), tokens.begin(), tokens.end());
        reuse = std::min(int(mismatch.first - m_tokens.begin()), firstLogit);
    }
    m_session.truncate(reuse);
    m_tokens.assign(tokens.begin(), tokens.begin() + reuse);
    m_logits.resize(size_t(count - firstLogit) * size_t(m_vocab));
    m_session.evaluate(std::span(tokens).subspan(size_t(reuse)), firstLogit - reuse, m_logits, observer);
    m_tokens = tokens;
    return m_logits;
}

std::span<const float> CachedSequence::append(int32_t token)
{
    if (int(m_tokens.size()) >= m_maxContext)
        throw Error("generation reached the context limit of " + std::to_string(m_maxContext) + " tokens");
    if (int(m_tokens.size()) != m_session.position())
        m_session.truncate(int(m_tokens.size()));
    m_logits.resize(size_t(m_vocab));
    const int32_t one[] = {token};
    m_session.evaluate(one, 0, m_logits);
    m_tokens.push_back(token);
    return m_logits;
}

} // namespace bitcliff
