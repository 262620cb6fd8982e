#pragma once
// OpenBLAS picks its compute kernels for the CPU when it is loaded, before main(). Debian
// 12's OpenBLAS (0.3.21) does not know CPUs newer than itself (Sapphire Rapids and later
// Xeons) and falls back to its SSE3 "Prescott" kernels: sgemm ~5x slower (measured 37 vs
// 198 GFLOP/s on 2 cores). Its only switch is the OPENBLAS_CORETYPE variable, read at load
// time, so the programs call useFastBlasKernels() first thing: it sets the variable and
// starts the program again when OpenBLAS chose kernels older than the CPU runs.
#include <string>
#include <string_view>

namespace bitcliff {

struct CpuVectorSupport
{
    bool avx2Fma = false;
    bool avx512 = false; // F, BW, DQ and VL, as OpenBLAS's SkylakeX kernels need

    static CpuVectorSupport detect();
};

// The OPENBLAS_CORETYPE to ask for, or empty when `current` (openblas_get_corename()) is
// fine: only kernels below AVX2 on a CPU with AVX2 (or AVX-512) are replaced.
std::string fasterBlasCore(std::string_view current, const CpuVectorSupport &cpu);

// The core OpenBLAS runs on now ("SkylakeX").
std::string blasCoreName();

// When OPENBLAS_CORETYPE is unset and fasterBlasCore() names a core: sets it and executes
// /proc/self/exe with `argv` again (returns only if that fails, leaving things as they are).
void useFastBlasKernels(char **argv);

} // namespace bitcliff
