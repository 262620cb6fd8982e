#pragma once
// On-disk layouts of the ggml block types BitCliff decodes (ggml-common.h).
// Fields are little-endian; f16 values are kept as their raw 16 bits. Blocks sit at any
// byte offset in a file, so read them with std::memcpy into these structs, never by cast.
#include <bit>
#include <cstdint>

namespace bitcliff {

static_assert(std::endian::native == std::endian::little, "GGUF blocks are read as little-endian structs");

inline constexpr int kQk4 = 32; // elements of a Q4_x / Q5_x / Q8_0 block
inline constexpr int kQkK = 256; // elements of a k-quant super-block

struct BlockQ4_0
{
    uint16_t d;
    uint8_t qs[kQk4 / 2]; // element j in the low nibble of qs[j], j+16 in the high one
};
static_assert(sizeof(BlockQ4_0) == 18);

struct BlockQ4_1
{
    uint16_t d;
    uint16_t m;
    uint8_t qs[kQk4 / 2];
};
static_assert(sizeof(BlockQ4_1) == 20);

struct BlockQ5_0
{
    uint16_t d;
    uint8_t qh[4]; // u32 LE: bit j is the 5th bit of element j
    uint8_t qs[kQk4 / 2];
};
static_assert(sizeof(BlockQ5_0) == 22);

struct BlockQ5_1
{
    uint16_t d;
    uint16_t m;
    uint8_t qh[4];
    uint8_t qs[kQk4 / 2];
};
static_assert(sizeof(BlockQ5_1) == 24);

struct BlockQ8_0
{
    uint16_t d;
    int8_t qs[kQk4];
};
static_assert(sizeof(BlockQ8_0) == 34);

struct BlockQ2_K
{
    uint8_t scales[kQkK / 16]; // low nibble scale, high nibble min, per 16 elements
    uint8_t qs[kQkK / 4];
    uint16_t d;
    uint16_t dmin;
};
static_assert(sizeof(BlockQ2_K) == 84);

struct BlockQ3_K
{
    uint8_t hmask[kQkK / 8];
    uint8_t qs[kQkK / 4];
    uint8_t scales[12]; // 16 six-bit signed scales, packed
    uint16_t d;
};
static_assert(sizeof(BlockQ3_K) == 110);

struct BlockQ4_K
{
    uint16_t d;
    uint16_t dmin;
    uint8_t scales[12]; // 8 six-bit scales and 8 six-bit mins, packed
    uint8_t qs[kQkK / 2];
};
static_assert(sizeof(BlockQ4_K) == 144);

// Q3_K's 16 signed six-bit scales: low nibbles in packed[0..7] (j < 8) or their high nibbles
// (j >= 8), top two bits in packed[8 + j%4] at bit 2·(j/4); stored with +32.
inline int unpackQ3Scale(int j, const uint8_t *packed)
{
    const int low = j < 8 ? packed[j] & 0xF : packed[j - 8] >> 4;
    const int high = (packed[8 + j % 4] >> (2 * (j / 4))) & 3;
    return (low | (high << 4)) - 32;
}

// Q4_K/Q5_K's 8 six-bit (scale, min) pairs in 12 bytes (ggml's get_scale_min_k4): for j < 4
// the low six bits of q[j] and q[j + 4]; for j >= 4 the nibbles of q[j + 4] with the top two
// bits of q[j - 4] (scale) and q[j] (min) above them.
inline void unpackScaleMinK4(int j, const uint8_t *q, int &scale, int &min)
{
    if (j < 4) {
        scale = q[j] & 63;
        min = q[j + 4] & 63;
    } else {
        scale = (q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4);
        min = (q[j + 4] >> 4) | ((q[j] >> 6) << 4);
    }
}

struct BlockQ5_K
{
    uint16_t d;
    uint16_t dmin;
    uint8_t scales[12];
    uint8_t qh[kQkK / 8];
    uint8_t qs[kQkK / 2];
};
static_assert(sizeof(BlockQ5_K) == 176);

struct BlockQ6_K
{
    uint8_t ql[kQkK / 2];
    uint8_t qh[kQkK / 4];
    int8_t scales[kQkK / 16];
    uint16_t d;
};
static_assert(sizeof(BlockQ6_K) == 210);

// IQ4_NL: element j is d·kIq4nlValues[low nibble of qs[j]], element j + 16 the high nibble's.
struct BlockIQ4_NL
{
    uint16_t d;
    uint8_t qs[kQk4 / 2];
};
static_assert(sizeof(BlockIQ4_NL) == 18);

// ggml-common.h's kvalues_iq4nl: a non-uniform 4-bit grid, denser near zero, sorted.
inline constexpr int8_t kIq4nlValues[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

} // namespace bitcliff
