// Scalar dequantization of the ggml block types, written from ggml-quants.c dequantize_row_* in
// ggml's float evaluation order (scale·q first, then the min), so results match ggml
// bit for bit. The inner loops are plain enough for the compiler to vectorize.
#include "formats/ggmlquants.h"

#include "formats/ggmlblocks.h"
#include "util/error.h"
#include "util/floatformats.h"

#include <cstring>
#include <string>

namespace bitcliff {

namespace {

// Calls Decode(block, out) for each block (a compile-time callee, so it inlines); memcpy
// because blocks are not aligned.
template <typename Block, int Elements, void (*Decode)(const Block &, float *)>
void forEachBlock(const std::byte *src, float *dst, int64_t blocks)
{
    for (int64_t b = 0; b < blocks; ++b) {
        Block block;
        std::memcpy(&block, src + b * static_cast<int64_t>(sizeof(Block)), sizeof(Block));
        Decode(block, dst + b * Elements);
    }
}

void decodeQ4_0(const BlockQ4_0 &b, float *y)
{
    const float d = fp16ToFloat(b.d);
    for (int j = 0; j < kQk4 / 2; ++j) {
        y[j] = static_cast<float>((b.qs[j] & 0xF) - 8) * d;
        y[j + kQk4 / 2] = static_cast<float>((b.qs[j] >> 4) - 8) * d;
    }
}

void decodeQ4_1(const BlockQ4_1 &b, float *y)
{
    const float d = fp16ToFloat(b.d);
    const float m = fp16ToFloat(b.m);
    for (int j = 0; j < kQk4 / 2; ++j) {
        y[j] = static_cast<float>(b.qs[j] & 0xF) * d + m;
        y[j + kQk4 / 2] = static_cast<float>(b.qs[j] >> 4) * d + m;
    }
}

// Q5_0/Q5_1: the 5th bit of element j (j < 32) is bit j of qh (u32 LE). Q5_0: x = (q - 16)·d,
// Q5_1: x = q·d + m.
template <typename Block>
uint32_t highBits(const Block &b)
{
    uint32_t qh;
    std::memcpy(&qh, b.qh, sizeof qh);
    return qh;
}

void decodeQ5_0(const BlockQ5_0 &b, float *y)
{
    const float d = fp16ToFloat(b.d);
    const uint32_t qh = highBits(b);
    for (int j = 0; j < kQk4 / 2; ++j) {
        const int low = (b.qs[j] & 0xF) | static_cast<int>(((qh >> j) << 4) & 0x10u);
        const int high = (b.qs[j] >> 4) | static_cast<int>((qh >> (j + 12)) & 0x10u);
        y[j] = static_cast<float>(low - 16) * d;
        y[j + kQk4 / 2] = static_cast<float>(high - 16) * d;
    }
}

void decodeQ5_1(const BlockQ5_1 &b, float *y)
{
    const float d = fp16ToFloat(b.d);
    const float m = fp16ToFloat(b.m);
    const uint32_t qh = highBits(b);
    for (int j = 0; j < kQk4 / 2; ++j) {
        const int low = (b.qs[j] & 0xF) | static_cast<int>(((qh >> j) << 4) & 0x10u);
        const int high = (b.qs[j] >> 4) | static_cast<int>((qh >> (j + 12)) & 0x10u);
        y[j] = static_cast<float>(low) * d + m;
        y[j + kQk4 / 2] = static_cast<float>(high) * d + m;
    }
}

void decodeQ8_0(const BlockQ8_0 &b, float *y)
{
    const float d = fp16ToFloat(b.d);
    for (int j = 0; j < kQk4; ++j)
        y[j] = static_cast<float>(b.qs[j]) * d;
}

// Element e = 128h + 32j + l: 2-bit value (qs[32h + l] >> 2j) & 3, scale byte 8h + 2j + l/16.
void decodeQ2_K(const BlockQ2_K &b, float *y)
{
    const float d = fp16ToFloat(b.d);
    const float dmin = fp16ToFloat(b.dmin);
    for (int h = 0; h < 2; ++h) {
        for (int j = 0; j < 4; ++j) {
            for (int half = 0; half < 2; ++half) {
                const uint8_t s = b.scales[8 * h + 2 * j + half];
                const float scale = d * static_cast<float>(s & 0xF);
                const float min = dmin * static_cast<float>(s >> 4);
                float *out = y + 128 * h + 32 * j + 16 * half;
                const uint8_t *qs = b.qs + 32 * h + 16 * half;
                for (int l = 0; l < 16; ++l)
                    out[l] = scale * static_cast<float>((qs[l] >> (2 * j)) & 3) - min;
            }
        }
    }
}

// Element e = 128h + 32j + l: low2 = (qs[32h + l] >> 2j) & 3, minus 4 unless hmask[l] has
// bit 4h + j set.
void decodeQ3_K(const BlockQ3_K &b, float *y)
{
    const float d = fp16ToFloat(b.d);
    for (int h = 0; h < 2; ++h) {
        for (int j = 0; j < 4; ++j) {
            const int bit = 4 * h + j;
            for (int half = 0; half < 2; ++half) {
                const float scale = d * static_cast<float>(unpackQ3Scale(8 * h + 2 * j + half, b.scales));
                float *out = y + 128 * h + 32 * j + 16 * half;
                const uint8_t *qs = b.qs + 32 * h + 16 * half;
                const uint8_t *hmask = b.hmask + 16 * half;
                for (int l = 0; l < 16; ++l) {
                    const int q = ((qs[l] >> (2 * j)) & 3) - (((hmask[l] >> bit) & 1) ? 0 : 4);
                    out[l] = scale * static_cast<float>(q);
                }
            }
        }
    }
}

// Element e = 64c + l: l < 32 low nibble of qs[32c + l] (sub-block 2c), else the high nibble
// of qs[32c + l - 32] (sub-block 2c + 1). Q5_K adds qh[l % 32] bit (2c or 2c+1) worth 16.
template <typename Block, bool HasHighBit>
void decodeK4(const Block &b, float *y)
{
    const float d = fp16ToFloat(b.d);
    const float dmin = fp16ToFloat(b.dmin);
    for (int c = 0; c < 4; ++c) {
        for (int half = 0; half < 2; ++half) {
            const int sub = 2 * c + half;
            int sc = 0;
            int m = 0;
            unpackScaleMinK4(sub, b.scales, sc, m);
            const float scale = d * static_cast<float>(sc);
            const float min = dmin * static_cast<float>(m);
            const uint8_t *qs = b.qs + 32 * c;
            float *out = y + 64 * c + 32 * half;
            for (int l = 0; l < 32; ++l) {
                int q = half == 0 ? qs[l] & 0xF : qs[l] >> 4;
                if constexpr (HasHighBit)
                    q += ((b.qh[l] >> sub) & 1) << 4;
                out[l] = scale * static_cast<float>(q) - min;
            }
        }
    }
}

// Element e = 128h + 32k + l: low nibble from ql[64h + 32(k&1) + l] (high nibble for k >= 2),
// two high bits (qh[32h + l] >> 2k) & 3, scale scales[8h + 2k + l/16].
void decodeQ6_K(const BlockQ6_K &b, float *y)
{
    const float d = fp16ToFloat(b.d);
    for (int h = 0; h < 2; ++h) {
        for (int k = 0; k < 4; ++k) {
            const uint8_t *ql = b.ql + 64 * h + 32 * (k & 1);
            const uint8_t *qh = b.qh + 32 * h;
            const int shift = k >= 2 ? 4 : 0;
            for (int half = 0; half < 2; ++half) {
                const float scale = d * static_cast<float>(b.scales[8 * h + 2 * k + half]);
                float *out = y + 128 * h + 32 * k + 16 * half;
                for (int l = 16 * half; l < 16 * half + 16; ++l) {
                    const int q = (((ql[l] >> shift) & 0xF) | (((qh[l] >> (2 * k)) & 3) << 4)) - 32;
                    out[l - 16 * half] = scale * static_cast<float>(q);
                }
            }
        }
    }
}

void decodeIQ4_NL(const BlockIQ4_NL &b, float *y)
{
    const float d = fp16ToFloat(b.d);
    for (int j = 0; j < kQk4 / 2; ++j) {
        y[j] = d * static_cast<float>(kIq4nlValues[b.qs[j] & 0xF]);
        y[j + kQk4 / 2] = d * static_cast<float>(kIq4nlValues[b.qs[j] >> 4]);
    }
}

} // namespace

void dequantizeGgmlBlocks(DType type, const std::byte *src, float *dst, int64_t blocks)
{
    switch (type) {
    case DType::Q4_0: return forEachBlock<BlockQ4_0, kQk4, decodeQ4_0>(src, dst, blocks);
    case DType::Q4_1: return forEachBlock<BlockQ4_1, kQk4, decodeQ4_1>(src, dst, blocks);
    case DType::Q5_0: return forEachBlock<BlockQ5_0, kQk4, decodeQ5_0>(src, dst, blocks);
    case DType::Q5_1: return forEachBlock<BlockQ5_1, kQk4, decodeQ5_1>(src, dst, blocks);
    case DType::Q8_0: return forEachBlock<BlockQ8_0, kQk4, decodeQ8_0>(src, dst, blocks);
    case DType::Q2_K: return forEachBlock<BlockQ2_K, kQkK, decodeQ2_K>(src, dst, blocks);
    case DType::Q3_K: return forEachBlock<BlockQ3_K, kQkK, decodeQ3_K>(src, dst, blocks);
    case DType::Q4_K: return forEachBlock<BlockQ4_K, kQkK, decodeK4<BlockQ4_K, false>>(src, dst, blocks);
    case DType::Q5_K: return forEachBlock<BlockQ5_K, kQkK, decodeK4<BlockQ5_K, true>>(src, dst, blocks);
    case DType::Q6_K: return forEachBlock<BlockQ6_K, kQkK, decodeQ6_K>(src, dst, blocks);
    case DType::IQ4_NL: return forEachBlock<BlockIQ4_NL, kQk4, decodeIQ4_NL>(src, dst, blocks);
    default:
        throw Error(std::string("no GGUF block decoder for ") + std::string(dtypeName(type)));
    }
}

} // namespace bitcliff
