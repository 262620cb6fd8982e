#include "util/blaskernels.h"

#include <array>
#include <cstdlib>
#include <unistd.h>

extern "C" char *openblas_get_corename(void);

namespace bitcliff {

CpuVectorSupport CpuVectorSupport::detect()
{
    CpuVectorSupport cpu;
#if defined(__x86_64__)
    __builtin_cpu_init();
    cpu.avx2Fma = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    cpu.avx512 = cpu.avx2Fma && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
#endif
    return cpu;
}

std::string fasterBlasCore(std::string_view current, const CpuVectorSupport &cpu)
{
    // OpenBLAS 0.3.21's x86-64 cores with AVX2 kernels or better; anything else (Prescott,
    // Core2, Nehalem, Sandybridge, Bulldozer...) is slower than an AVX2 CPU can go.
    static constexpr std::array<std::string_view, 5> kModern
        = { "Haswell", "Zen", "SkylakeX", "Cooperlake", "SapphireRapids" };
    if (!cpu.avx2Fma)
        return {};
    for (std::string_view modern : kModern)
        if (current == modern)
            return {};
    return cpu.avx512 ? "SkylakeX" : "Haswell";
}

std::string blasCoreName()
{
    const char *name = openblas_get_corename();
    return name ? name : "";
}

void useFastBlasKernels(char **argv)
{
    if (std::getenv("OPENBLAS_CORETYPE") != nullptr) // the user's choice, or ours already
        return;
    const std::string core = fasterBlasCore(blasCoreName(), CpuVectorSupport::detect());
    if (core.empty())
        return;
    setenv("OPENBLAS_CORETYPE", core.c_str(), 1);
    execv("/proc/self/exe", argv);
    unsetenv("OPENBLAS_CORETYPE"); // exec failed: carry on with the kernels we have
}

} // namespace bitcliff
