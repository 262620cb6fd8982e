#include "train/seededshuffle.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace bitcliff::train {

uint64_t uniformBelow(std::mt19937_64 &generator, uint64_t bound)
{
    // Values at or above the largest multiple of `bound` would favour small results.
    const uint64_t limit = std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % bound;
    uint64_t value = generator();
    while (value >= limit)
        value = generator();
    return value % bound;
}

std::vector<int64_t> shuffledOrder(int64_t count, uint64_t seed)
{
    std::vector<int64_t> order(size_t(std::max<int64_t>(count, 0)));
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = int64_t(i);
    std::mt19937_64 generator(seed);
    for (size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[size_t(uniformBelow(generator, i))]);
    return order;
}

uint64_t derivedSeed(uint64_t seed, uint64_t stream)
{
    uint64_t z = seed + (stream + 1) * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

} // namespace bitcliff::train
