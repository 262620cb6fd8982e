#pragma once
// The demo data's random numbers: SplitMix64 with its own bounded draws, so the same seed
// gives the same data with every compiler and standard library (std::uniform_int_distribution
// is not specified bit for bit).
#include <cstdint>

namespace bitcliff {

class DemoRng
{
public:
    // `stream` separates independent uses of one seed (the held-out split, a training stream...).
    explicit DemoRng(uint64_t seed, uint64_t stream = 0)
        : m_state(seed ^ (stream * 0xD1B54A32D192ED03ull))
    {
        next(); // decorrelate neighbouring seeds
    }

    uint64_t next()
    {
        uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    // Uniform in [0, n) without modulo bias (draws from the last incomplete block of n values
    // are rejected); n > 0.
    uint64_t below(uint64_t n)
    {
        const uint64_t limit = UINT64_MAX - UINT64_MAX % n; // a multiple of n
        uint64_t x = next();
        while (x >= limit)
            x = next();
        return x % n;
    }

    // Uniform integer in [low, high].
    int between(int low, int high) { return low + int(below(uint64_t(int64_t(high) - low + 1))); }

    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }

    bool chance(double p) { return uniform() < p; }

private:
    uint64_t m_state;
};

} // namespace bitcliff
