#pragma once
// ggml tensor type codes (ggml.h `enum ggml_type`, as stored in GGUF tensor infos): their
// names, block layouts and the DType BitCliff reads them as. Codes BitCliff cannot read
// are still named so the catalog can show them.
#include "formats/dtype.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace bitcliff {

enum class GgmlType : uint32_t {
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q4_1 = 3,
    Q5_0 = 6,
    Q5_1 = 7,
    Q8_0 = 8,
    Q8_1 = 9,
    Q2_K = 10,
    Q3_K = 11,
    Q4_K = 12,
    Q5_K = 13,
    Q6_K = 14,
    Q8_K = 15,
    IQ2_XXS = 16,
    IQ2_XS = 17,
    IQ3_XXS = 18,
    IQ1_S = 19,
    IQ4_NL = 20,
    IQ3_S = 21,
    IQ2_S = 22,
    IQ4_XS = 23,
    I8 = 24,
    I16 = 25,
    I32 = 26,
    I64 = 27,
    F64 = 28,
    IQ1_M = 29,
    BF16 = 30,
    TQ1_0 = 34,
    TQ2_0 = 35,
    MXFP4 = 39,
};

struct GgmlTypeInfo
{
    uint32_t code = 0;
    std::string_view name;            // ggml's name in upper case: "Q4_K", "IQ2_XS"
    DType dtype = DType::Unsupported; // how BitCliff reads it
    int blockSize = 0;                // elements per block; 0 when the layout is unknown
    int typeSize = 0;                 // bytes per block; 0 when unknown
};

// nullptr for codes ggml never defined (or removed, like the Q4_0_4_4 repacks).
const GgmlTypeInfo *findGgmlType(uint32_t code);
// "Q4_K", or "type 42" for a code ggml does not define.
std::string ggmlTypeName(uint32_t code);
// The ggml code of a DType; throws Error for DTypes GGUF cannot hold (F8_E4M3, Unsupported).
uint32_t ggmlTypeCode(DType type);
inline constexpr uint32_t ggmlTypeCode(GgmlType type) { return static_cast<uint32_t>(type); }

} // namespace bitcliff
