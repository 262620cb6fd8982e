#include "formats/dequantize.h"

#include "formats/ggmlquants.h"
#include "util/error.h"
#include "util/floatformats.h"
#include "util/vectorclones.h"

#include <algorithm>

// Vector helpers are internal and never cross an ABI boundary.
#pragma GCC diagnostic ignored "-Wpsabi"

#include <cstring>

namespace bitcliff {

namespace {

constexpr int64_t kChunk = 256;

using Raw16 = uint16_t __attribute__((vector_size(16)));
using Wide16 = uint32_t __attribute__((vector_size(32)));

// BF16 is the top half of a float32: widen and shift, 8 values per step. Mapped tensor
// data need not be aligned, hence the memcpy loads and stores.
BITCLIFF_VECTOR_CLONES void bf16ToFloats(const std::byte *src, float *dst, int64_t count)
{
    int64_t i = 0;
    for (; i + 8 <= count; i += 8) {
        Raw16 raw;
        std::memcpy(&raw, src + 2 * i, sizeof raw);
        const Wide16 wide = __builtin_convertvector(raw, Wide16) << 16;
        std::memcpy(dst + i, &wide, sizeof wide);
    }
    for (; i < count; ++i)
        dst[i] = bf16ToFloat(readU16(src + 2 * i));
}

BITCLIFF_VECTOR_CLONES void fp16ToFloats(const std::byte *src, float *dst, int64_t count)
{
    uint16_t raw[kChunk];
    for (int64_t begin = 0; begin < count; begin += kChunk) {
        const int64_t n = std::min(kChunk, count - begin);
        std::memcpy(raw, src + 2 * begin, static_cast<size_t>(n) * 2);
        for (int64_t i = 0; i < n; ++i)
            dst[begin + i] = fp16ToFloat(raw[i]);
    }
}

} // namespace

void dequantize(DType type, const std::byte *src, float *dst, int64_t count)
{
    if (count <= 0)
        return; // empty tensors may have null pointers, which memcpy must not see
    switch (type) {
    case DType::F32:
        std::memcpy(dst, src, static_cast<size_t>(count) * sizeof(float));
        return;
    case DType::F16:
        fp16ToFloats(src, dst, count);
        return;
    case DType::BF16:
        bf16ToFloats(src, dst, count);
        return;
    case DType::F8_E4M3:
        for (int64_t i = 0; i < count; ++i)
            dst[i] = e4m3ToFloat(static_cast<uint8_t>(src[i]));
        return;
    case DType::Unsupported:
        throw Error("cannot read a tensor of an unsupported type");
    case DType::GPTQ:
    case DType::AWQ_GEMM:
    case DType::CT_PACKED:
        throw Error(std::string(dtypeName(type)) + " weights span several tensors: read them with Model::readRows");
    default:
        dequantizeGgmlBlocks(type, src, dst, count / dtypeTraits(type).blockSize);
        return;
    }
}

} // namespace bitcliff
