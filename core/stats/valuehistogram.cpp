#include "stats/valuehistogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace bitcliff {

namespace {
// The value range [low, high] (low <= high) of a bucket, or false for NaN/infinity buckets.
bool bucketRange(uint32_t key, double &low, double &high)
{
    const uint32_t bits = key << HistogramCounters::kKeyShift;
    const float start = std::bit_cast<float>(bits);
    const float end = std::bit_cast<float>(bits | ((1u << HistogramCounters::kKeyShift) - 1u));
    if (!std::isfinite(start) || !std::isfinite(end))
        return false;
    low = std::min<double>(start, end);
    high = std::max<double>(start, end);
    return true;
}
} // namespace

template<typename Visit>
void ValueHistogram::forEachBucket(Visit visit) const
{
    for (size_t key = 0; key < m_dense.size(); ++key)
        if (m_dense[key] != 0)
            visit(static_cast<uint32_t>(key), m_dense[key]);
    for (const auto &[key, count] : m_sparse)
        visit(key, count);
}

void ValueHistogram::ensureDense()
{
    if (!m_dense.empty())
        return;
    m_dense.assign(kBuckets, 0);
    for (const auto &[key, count] : m_sparse)
        m_dense[key] += count;
    m_sparse.clear();
}

void ValueHistogram::add(const HistogramCounters &counters)
{
    ensureDense();
    for (int key = 0; key < kBuckets; ++key)
        m_dense[static_cast<size_t>(key)] += counters.counts[key];
}

void ValueHistogram::merge(const ValueHistogram &other)
{
    if (other.m_dense.empty() && other.m_sparse.empty())
        return;
    ensureDense();
    other.forEachBucket([this](uint32_t key, uint64_t count) { m_dense[key] += count; });
}

void ValueHistogram::compact()
{
    std::vector<std::pair<uint16_t, uint64_t>> sparse;
    forEachBucket([&sparse](uint32_t key, uint64_t count) { sparse.emplace_back(static_cast<uint16_t>(key), count); });
    std::sort(sparse.begin(), sparse.end());
    m_sparse = std::move(sparse);
    m_dense = {};
}

uint64_t ValueHistogram::total() const
{
    uint64_t sum = 0;
    forEachBucket([&sum](uint32_t, uint64_t count) { sum += count; });
    return sum;
}

std::vector<double> ValueHistogram::linearBins(double lo, double hi, int bins) const
{
    std::vector<double> out(static_cast<size_t>(std::max(bins, 1)), 0.0);
    if (!(hi > lo))
        hi = lo + 1.0;
    const double width = (hi - lo) / static_cast<double>(out.size());
    const auto last = static_cast<int64_t>(out.size()) - 1;
    auto binOf = [&](double v) { return std::clamp<int64_t>(static_cast<int64_t>(std::floor((v - lo) / width)), 0, last); };
    forEachBucket([&](uint32_t key, uint64_t count) {
        double low, high;
        if (!bucketRange(key, low, high))
            return;
        const int64_t first = binOf(low), final = binOf(high);
        if (first == final || high <= low) {
            out[static_cast<size_t>(first)] += static_cast<double>(count);
            return;
        }
        for (int64_t b = first; b <= final; ++b) {
            const double binLow = std::max(low, lo + static_cast<double>(b) * width);
            const double binHigh = std::min(high, lo + static_cast<double>(b + 1) * width);
            double share = std::max(0.0, binHigh - binLow) / (high - low);
            if (b == first && low < lo)
                share += (std::min(high, lo) - low) / (high - low); // below the range
            if (b == final && high > hi)
                share += (high - std::max(low, hi)) / (high - low); // above the range
            out[static_cast<size_t>(b)] += share * static_cast<double>(count);
        }
    });
    return out;
}

} // namespace bitcliff
