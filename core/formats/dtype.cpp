#include "formats/dtype.h"

#include <array>

namespace bitcliff {

const DTypeTraits &dtypeTraits(DType type)
{
    static constexpr std::array<DTypeTraits, 19> table{{
        {"F32", 1, 4},
        {"F16", 1, 2},
        {"BF16", 1, 2},
        {"F8_E4M3", 1, 1},
        {"Q4_0", 32, 18},
        {"Q4_1", 32, 20},
        {"Q5_0", 32, 22},
        {"Q5_1", 32, 24},
        {"Q8_0", 32, 34},
        {"Q2_K", 256, 84},
        {"Q3_K", 256, 110},
        {"Q4_K", 256, 144},
        {"Q5_K", 256, 176},
        {"Q6_K", 256, 210},
        {"IQ4_NL", 32, 18},
        {"GPTQ", 1, 0},
        {"AWQ", 1, 0},
        {"pack-quantized", 1, 0},
        {"unsupported", 1, 0},
    }};
    return table[static_cast<size_t>(type)];
}

} // namespace bitcliff
