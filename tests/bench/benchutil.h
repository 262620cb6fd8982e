#pragma once
// What the calibration benchmarks share: a clock, the sgemm baseline they are measured
// against, peak memory, and deterministic layer-like inputs.
#include <algorithm>
#include <cblas.h>
#include <chrono>
#include <cstdint>
#include <sys/resource.h>
#include <vector>

namespace bitcliff::bench {

inline double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

// Roughly normal values (sum of uniforms), every 97th channel 20 times louder, as layer
// inputs with outlier channels.
inline void fill(std::vector<float> &v, uint64_t &state, int64_t channels)
{
    for (size_t i = 0; i < v.size(); ++i) {
        float sum = 0;
        for (int k = 0; k < 4; ++k) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            sum += float(state >> 40) / float(1 << 24) - 0.5f;
        }
        v[i] = sum * (int64_t(i) % channels % 97 == 5 ? 20.0f : 1.0f);
    }
}

// OpenBLAS sgemm on square n × n matrices, the best of three runs, in GFLOP/s.
inline double sgemmGflops(int n)
{
    std::vector<float> a(size_t(n) * size_t(n), 0.5f), b(a.size(), 0.25f), c(a.size());
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, a.data(), n, b.data(), n, 0.0f, c.data(), n);
    double best = 0;
    for (int repeat = 0; repeat < 3; ++repeat) {
        const double start = now();
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, a.data(), n, b.data(), n, 0.0f,
                    c.data(), n);
        best = std::max(best, 2.0 * double(n) * n * n / (now() - start) / 1e9);
    }
    return best;
}

inline double peakMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

} // namespace bitcliff::bench
