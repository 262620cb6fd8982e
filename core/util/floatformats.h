#pragma once
// Scalar conversions between float32 and the narrow float formats of checkpoints:
// IEEE binary16, bfloat16 and FP8 E4M3 ("FN": no infinity, max 448).
#include <bit>
#include <cstdint>
#include <cstring>

namespace bitcliff {

inline float fp16ToFloat(uint16_t h)
{
    const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    const uint32_t exponent = (h >> 10) & 0x1Fu;
    const uint32_t mantissa = h & 0x3FFu;
    uint32_t bits;
    if (exponent == 0) {
        if (mantissa == 0)
            return std::bit_cast<float>(sign);
        // Subnormal: mantissa * 2^-24, exact in float32.
        const float value = static_cast<float>(mantissa) * 5.9604644775390625e-8f;
        return sign ? -value : value;
    }
    if (exponent == 31)
        bits = sign | 0x7F800000u | (mantissa << 13);
    else
        bits = sign | ((exponent + 112u) << 23) | (mantissa << 13);
    return std::bit_cast<float>(bits);
}

// Round to nearest, ties to even (what numpy/ggml's GGML_FP32_TO_FP16 give).
inline uint16_t floatToFp16(float f)
{
    const uint32_t x = std::bit_cast<uint32_t>(f);
    const uint32_t sign = (x >> 16) & 0x8000u;
    uint32_t absx = x & 0x7FFFFFFFu;
    if (absx >= 0x7F800000u) // inf or NaN
        return static_cast<uint16_t>(sign | 0x7C00u | (absx > 0x7F800000u ? 0x200u : 0u));
    if (absx >= 0x477FF000u) // rounds to >= 65520: overflow to infinity
        return static_cast<uint16_t>(sign | 0x7C00u);
    if (absx < 0x38800000u) { // below 2^-14: subnormal half (or zero)
        const float scaled = std::bit_cast<float>(absx) * 16777216.0f; // * 2^24
        // Round-half-even of a float in [0, 1024] via the 1.5*2^23 trick.
        const float rounded = (scaled + 12582912.0f) - 12582912.0f;
        return static_cast<uint16_t>(sign | static_cast<uint32_t>(rounded));
    }
    const uint32_t roundBit = 0x1000u;
    const uint32_t lsb = (absx >> 13) & 1u;
    absx += roundBit - 1 + lsb;
    return static_cast<uint16_t>(sign | ((absx - (112u << 23)) >> 13));
}

inline float bf16ToFloat(uint16_t b) { return std::bit_cast<float>(static_cast<uint32_t>(b) << 16); }

// ggml's rounding: nearest even, NaN kept quiet.
inline uint16_t floatToBf16(float f)
{
    uint32_t u = std::bit_cast<uint32_t>(f);
    if ((u & 0x7FFFFFFFu) > 0x7F800000u)
        return static_cast<uint16_t>((u >> 16) | 64u);
    return static_cast<uint16_t>((u + (0x7FFFu + ((u >> 16) & 1u))) >> 16);
}

inline float e4m3ToFloat(uint8_t v)
{
    const bool negative = v & 0x80u;
    const uint32_t exponent = (v >> 3) & 0xFu;
    const uint32_t mantissa = v & 0x7u;
    float value;
    if (exponent == 0xF && mantissa == 0x7)
        value = std::bit_cast<float>(0x7FC00000u); // NaN
    else if (exponent == 0)
        value = static_cast<float>(mantissa) * 0.001953125f; // m/8 * 2^-6
    else
        value = std::bit_cast<float>(((exponent + 120u) << 23) | (mantissa << 20));
    return negative ? -value : value;
}

// Round to nearest, ties to even, saturating at +-448: the FN format has no infinity and
// values from 464 up would round to the NaN pattern. NaN stays NaN (0x7F).
inline uint8_t floatToE4m3(float f)
{
    const uint32_t x = std::bit_cast<uint32_t>(f);
    const auto sign = static_cast<uint8_t>((x >> 24) & 0x80u);
    const uint32_t absx = x & 0x7FFFFFFFu;
    if (absx > 0x7F800000u)
        return static_cast<uint8_t>(sign | 0x7Fu);
    if (absx >= 0x43E00000u) // 448 and up, infinity included
        return static_cast<uint8_t>(sign | 0x7Eu);
    if (absx < 0x3C800000u) { // below 2^-6: subnormal steps of 2^-9 (8 steps = 2^-6, code 8)
        const float scaled = std::bit_cast<float>(absx) * 512.0f;
        const float rounded = (scaled + 12582912.0f) - 12582912.0f; // half to even
        return static_cast<uint8_t>(sign | static_cast<uint32_t>(rounded));
    }
    // Keep 3 mantissa bits, ties to even; a carry moves into the exponent. Rebias 127 -> 7.
    const uint32_t rounded = absx + 0x7FFFFu + ((absx >> 20) & 1u);
    const uint32_t code = (rounded >> 20) - (120u << 3);
    return static_cast<uint8_t>(sign | (code > 0x7Eu ? 0x7Eu : code));
}

inline uint16_t readU16(const std::byte *p)
{
    uint16_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline uint32_t readU32(const std::byte *p)
{
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline uint64_t readU64(const std::byte *p)
{
    uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

} // namespace bitcliff
