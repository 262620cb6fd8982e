#pragma once
// The order in which a run visits its training sequences: epoch after epoch, each epoch a
// seeded shuffle of all of them, so position k of the stream (the k-th sequence the run
// consumes) depends only on the seed, the sequence count and k — what resuming relies on.
#include <cstdint>
#include <vector>

namespace bitcliff::train {

class SequenceStream
{
public:
    SequenceStream(int64_t sequences, uint64_t seed);

    // The sequence indices at positions [position, position + count).
    std::vector<int64_t> take(int64_t position, int64_t count);

private:
    int64_t m_sequences = 0;
    uint64_t m_seed = 0;
    int64_t m_epoch = -1;          // the epoch m_order belongs to
    std::vector<int64_t> m_order;
};

} // namespace bitcliff::train
