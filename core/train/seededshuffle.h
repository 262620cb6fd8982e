#pragma once
// Shuffles that come out the same on every machine and standard library: std::shuffle and
// std::uniform_int_distribution are implementation-defined, std::mt19937_64's output is not.
#include <cstdint>
#include <random>
#include <vector>

namespace bitcliff::train {

// Uniform in [0, bound) from `generator` by rejection (no modulo bias); bound > 0.
uint64_t uniformBelow(std::mt19937_64 &generator, uint64_t bound);

// 0 .. count-1 in the order of a Fisher-Yates shuffle (i from count-1 down to 1, swap with
// uniformBelow(i + 1)) driven by mt19937_64(seed).
std::vector<int64_t> shuffledOrder(int64_t count, uint64_t seed);

// A seed derived from `seed` and `stream` (splitmix64), for independent shuffles of one run
// (the documents, each epoch's sequence order).
uint64_t derivedSeed(uint64_t seed, uint64_t stream);

} // namespace bitcliff::train
