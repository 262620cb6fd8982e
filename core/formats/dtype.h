#pragma once
// Element types BitCliff can read. Block types (GGUF quants) hold `blockSize` elements in
// `blockBytes` bytes; plain types have blockSize 1; packed types (GPTQ...) blockBytes 0.
#include <cstdint>
#include <string_view>

namespace bitcliff {

enum class DType : uint8_t {
    F32,
    F16,
    BF16,
    F8_E4M3,
    Q4_0,
    Q4_1,
    Q5_0,
    Q5_1,
    Q8_0,
    Q2_K,
    Q3_K,
    Q4_K,
    Q5_K,
    Q6_K,
    IQ4_NL, // non-linear 4-bit codebook, 32-element blocks
    // Packed integer weights assembled from several tensors (formats/packedweight.h); no fixed
    // bytes per element: Model::readRows decodes them, dequantize() cannot.
    GPTQ,
    AWQ_GEMM,
    CT_PACKED, // compressed-tensors pack-quantized
    Unsupported, // listed in the catalog, never read
};

struct DTypeTraits
{
    std::string_view name;
    int blockSize;
    int blockBytes;
};

const DTypeTraits &dtypeTraits(DType type);
inline std::string_view dtypeName(DType type) { return dtypeTraits(type).name; }
inline bool isQuantized(DType type) { return dtypeTraits(type).blockSize > 1; }

} // namespace bitcliff
