#pragma once
// A one-pass histogram of float values that needs no range up front: each value is
// counted in the bucket of its top 13 bits (sign, 8 exponent bits and 4 mantissa bits:
// 16 buckets per power of two, each 3-6% of its value wide). The dense table of 8192
// counters fits in the L1 cache, which keeps the per-value cost at about one cycle.
// Mergeable across threads; re-binnable afterwards into linear bins over any range.
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace bitcliff {

// The hot-loop counter table of one thread: 32-bit counts, emptied into a ValueHistogram
// at least every 2^32 values.
struct HistogramCounters
{
    static constexpr int kKeyShift = 19; // float bits >> 19 = top 13 bits
    static constexpr int kBuckets = 1 << (32 - kKeyShift);
    uint32_t counts[kBuckets] = {};

    void add(float value)
    {
        uint32_t bits;
        std::memcpy(&bits, &value, sizeof bits);
        ++counts[bits >> kKeyShift];
    }
};

class ValueHistogram
{
public:
    static constexpr int kBuckets = HistogramCounters::kBuckets;

    void add(const HistogramCounters &counters); // and the caller clears them
    void merge(const ValueHistogram &other);
    void compact(); // keep only the non-empty buckets (for result snapshots)
    uint64_t total() const;

    // Counts in `bins` equal bins over [lo, hi]. Each bucket's count is spread over the bins
    // its value range overlaps, in proportion (values assumed uniform within a bucket);
    // counts outside [lo, hi] go to the end bins. NaN and infinity are left out.
    std::vector<double> linearBins(double lo, double hi, int bins) const;

private:
    void ensureDense();
    template<typename Visit>
    void forEachBucket(Visit visit) const;

    std::vector<uint64_t> m_dense;                       // kBuckets entries, or empty
    std::vector<std::pair<uint16_t, uint64_t>> m_sparse; // after compact()
};

} // namespace bitcliff
