#include "train/sequencestream.h"

#include "train/seededshuffle.h"
#include "util/error.h"

namespace bitcliff::train {

namespace {

constexpr uint64_t kEpochStream = 0xE90C;

} // namespace

SequenceStream::SequenceStream(int64_t sequences, uint64_t seed)
    : m_sequences(sequences)
    , m_seed(derivedSeed(seed, kEpochStream))
{
    if (sequences <= 0)
        throw Error("no training sequences");
}

std::vector<int64_t> SequenceStream::take(int64_t position, int64_t count)
{
    std::vector<int64_t> indices;
    indices.reserve(size_t(count));
    for (int64_t k = position; k < position + count; ++k) {
        const int64_t epoch = k / m_sequences;
        if (epoch != m_epoch) {
            m_order = shuffledOrder(m_sequences, derivedSeed(m_seed, uint64_t(epoch)));
            m_epoch = epoch;
        }
        indices.push_back(m_order[size_t(k % m_sequences)]);
    }
    return indices;
}

} // namespace bitcliff::train
