#include "formats/ggmltypes.h"

#include "util/error.h"

#include <array>

namespace bitcliff {

namespace {

constexpr int kQkK = 256; // elements of a k-quant super-block

// Sizes from ggml-common.h's block structs (also static_assert'ed in ggmlblocks.h for the
// types we decode).
constexpr std::array<GgmlTypeInfo, 32> kTypes{{
    {0, "F32", DType::F32, 1, 4},
    {1, "F16", DType::F16, 1, 2},
    {2, "Q4_0", DType::Q4_0, 32, 18},
    {3, "Q4_1", DType::Q4_1, 32, 20},
    {6, "Q5_0", DType::Q5_0, 32, 22},
    {7, "Q5_1", DType::Q5_1, 32, 24},
    {8, "Q8_0", DType::Q8_0, 32, 34},
    {9, "Q8_1", DType::Unsupported, 32, 36},
    {10, "Q2_K", DType::Q2_K, kQkK, 84},
    {11, "Q3_K", DType::Q3_K, kQkK, 110},
    {12, "Q4_K", DType::Q4_K, kQkK, 144},
    {13, "Q5_K", DType::Q5_K, kQkK, 176},
    {14, "Q6_K", DType::Q6_K, kQkK, 210},
    {15, "Q8_K", DType::Unsupported, kQkK, 292},
    {16, "IQ2_XXS", DType::Unsupported, kQkK, 66},
    {17, "IQ2_XS", DType::Unsupported, kQkK, 74},
    {18, "IQ3_XXS", DType::Unsupported, kQkK, 98},
    {19, "IQ1_S", DType::Unsupported, kQkK, 50},
    {20, "IQ4_NL", DType::IQ4_NL, 32, 18},
    {21, "IQ3_S", DType::Unsupported, kQkK, 110},
    {22, "IQ2_S", DType::Unsupported, kQkK, 82},
    {23, "IQ4_XS", DType::Unsupported, kQkK, 136},
    {24, "I8", DType::Unsupported, 1, 1},
    {25, "I16", DType::Unsupported, 1, 2},
    {26, "I32", DType::Unsupported, 1, 4},
    {27, "I64", DType::Unsupported, 1, 8},
    {28, "F64", DType::Unsupported, 1, 8},
    {29, "IQ1_M", DType::Unsupported, kQkK, 56},
    {30, "BF16", DType::BF16, 1, 2},
    {34, "TQ1_0", DType::Unsupported, kQkK, 54},
    {35, "TQ2_0", DType::Unsupported, kQkK, 66},
    {39, "MXFP4", DType::Unsupported, 32, 17},
}};

} // namespace

const GgmlTypeInfo *findGgmlType(uint32_t code)
{
    for (const GgmlTypeInfo &info : kTypes)
        if (info.code == code)
            return &info;
    return nullptr;
}

std::string ggmlTypeName(uint32_t code)
{
    if (const GgmlTypeInfo *info = findGgmlType(code))
        return std::string(info->name);
    return "type " + std::to_string(code);
}

uint32_t ggmlTypeCode(DType type)
{
    if (type != DType::Unsupported)
        for (const GgmlTypeInfo &info : kTypes)
            if (info.dtype == type)
                return info.code;
    throw Error(std::string("GGUF has no tensor type for ") + std::string(dtypeName(type)));
}

} // namespace bitcliff
