// Float rows -> ggml blocks. The 32-element encoders repeat ggml's quantize_row_*_ref
// operation for operation in float32 (ggml-quants.c quantize_row_*_ref), so the bytes equal
// llama-quantize's when no importance matrix is used. The K-quants live in ggmlkquantize.cpp,
// IQ4_NL in iq4nlquantize.cpp.
#include "quant/ggmlquantize.h"

#include "formats/ggmlblocks.h"
#include "quant/ggmlkquantize.h"
#include "quant/iq4nlquantize.h"
#include "util/error.h"
#include "util/float8.h"
#include "util/floatformats.h"
#include "util/vectorclones.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

// Bit-exactness with ggml's reference needs every a*b + c rounded twice, as its x86-64 build
// does: stop the compiler fusing them into FMAs on targets that have them (-march=native,
// aarch64), which moves ties (see tst_ggmlquantize's q4_0NoFusedMultiplyAdd).
// (Built with -ffp-contract=off: see core/CMakeLists.txt. A `#pragma GCC optimize` would
// also stop inlining across these functions.)

namespace bitcliff {

namespace {

// C's (int8_t)/(uint8_t) cast of a float as ggml's x86 build performs it: truncate to int32
// (cvttss2si, which yields INT32_MIN for NaN and out-of-range values), keep the low byte.
// Equal to the plain cast for every value a finite block produces, and defined for the rest.
// Inlined into the multi-versioned row loops below.
[[gnu::always_inline]] inline int truncateToByte(float v)
{
    const int32_t wide = (v >= -2147483648.0f && v < 2147483648.0f) ? static_cast<int32_t>(v) : INT32_MIN;
    return static_cast<int8_t>(wide);
}

// ggml's scan: the first element of largest magnitude, with its sign (NaN never wins).
float firstSignedAbsMax(const float *x)
{
    float amax = 0.0f;
    float max = 0.0f;
    for (int j = 0; j < kQk4; ++j) {
        if (amax < std::fabs(x[j])) {
            amax = std::fabs(x[j]);
            max = x[j];
        }
    }
    return max;
}

// One 32-float block in four 8-float vectors, with the magnitudes' maximum in every lane.
struct BlockVectors
{
    simd::Float8 v[4], a[4]; // values, magnitudes
    simd::Float8 amax;
    simd::Int8 nan; // lanes of a NaN: amax and firstOfLargest mean nothing then
};

[[gnu::always_inline]] inline BlockVectors loadBlock(const float *x)
{
    using namespace simd;
    BlockVectors b;
    b.nan = Int8{};
#pragma GCC unroll 4
    for (int k = 0; k < 4; ++k) {
        b.v[k] = load8(x + 8 * k);
        b.a[k] = abs8(b.v[k]);
        b.nan |= b.v[k] != b.v[k];
    }
    b.amax = allLanesMax(max8(max8(b.a[0], b.a[1]), max8(b.a[2], b.a[3])));
    return b;
}

// firstSignedAbsMax for a block without NaN (a NaN would poison its lane's maximum): the
// smallest index whose magnitude is the maximum, found lane-wise; +0 for an all-zero block.
[[gnu::always_inline]] inline float firstOfLargest(const float *x, const BlockVectors &b)
{
    using namespace simd;
    if (!(b.amax[0] > 0.0f))
        return 0.0f;
    const Int8 lane{0, 1, 2, 3, 4, 5, 6, 7};
    Int8 first = Int8{} + kQk4;
#pragma GCC unroll 4
    for (int k = 0; k < 4; ++k)
        first = minInt8(first, b.a[k] == b.amax ? lane + 8 * k : Int8{} + kQk4);
    return x[std::min(allLanesMin(first)[0], kQk4 - 1)]; // no match only with a NaN
}

// Inlined into the multi-versioned row loops below.
[[gnu::always_inline]] inline float signedAbsMax(const float *x)
{
    const BlockVectors b = loadBlock(x);
    return simd::allLanesOr(b.nan)[0] != 0 ? firstSignedAbsMax(x) : firstOfLargest(x, b);
}

struct Range
{
    float min = FLT_MAX;
    float max = -FLT_MAX;
};

Range blockRange(const float *x)
{
    Range r;
    for (int j = 0; j < kQk4; ++j) {
        if (x[j] < r.min)
            r.min = x[j];
        if (x[j] > r.max)
            r.max = x[j];
    }
    return r;
}

// Element j goes to the low nibble of qs[j], element j + 16 to the high one.
void packNibbles(const int *q, uint8_t *qs)
{
    for (int j = 0; j < kQk4 / 2; ++j)
        qs[j] = static_cast<uint8_t>((q[j] & 0x0F) | ((q[j + kQk4 / 2] & 0x0F) << 4));
}

// The 5th bit of element j is bit j of the little-endian u32 qh.
void packHighBits(const int *q, uint8_t *qh)
{
    uint32_t bits = 0;
    for (int j = 0; j < kQk4; ++j)
        bits |= ((static_cast<uint32_t>(q[j]) & 0x10u) >> 4) << j;
    std::memcpy(qh, &bits, sizeof bits);
}

// ggml's Q8_0 codes of one block and the fp16 scale.
// Inlined into the multi-versioned row loops below.
[[gnu::always_inline]] inline uint16_t quantizeQ8_0Block(const float *x, int8_t *q)
{
    float amax = 0.0f;
    for (int j = 0; j < kQk4; ++j) {
        const float a = std::fabs(x[j]);
        amax = amax > a ? amax : a; // ggml's MAX(amax, a), including its NaN behaviour
    }
    const float d = amax / 127.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f; // from the unrounded d, as ggml does
    for (int j = 0; j < kQk4; ++j)
        q[j] = static_cast<int8_t>(truncateToByte(std::round(x[j] * id))); // halves away from 0
    return floatToFp16(d);
}

void encodeQ8_0(const float *x, BlockQ8_0 &y)
{
    y.d = quantizeQ8_0Block(x, y.qs);
}

// Inlined into the multi-versioned row loops below.
[[gnu::always_inline]] inline void fakeQ8_0Scalar(const float *x, float *out)
{
    int8_t q[kQk4];
    const float d = fp16ToFloat(quantizeQ8_0Block(x, q));
    for (int j = 0; j < kQk4; ++j)
        out[j] = float(q[j]) * d;
}

// The same floats, vector by vector, for a block without NaN whose scaled values stay
// within ±128 (all finite blocks): round() as trunc plus the sign where the fraction is at
// least one half (exact below 2^23). Other blocks take fakeQ8_0Scalar.
[[gnu::always_inline]] inline void fakeQ8_0(const float *x, float *out)
{
    using namespace simd;
    const BlockVectors b = loadBlock(x);
    const float d = b.amax[0] / 127.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    const float dh = fp16ToFloat(floatToFp16(d));
    Float8 t[4];
    Int8 outside = b.nan; // one test for NaN and out-of-range codes
#pragma GCC unroll 4
    for (int k = 0; k < 4; ++k) {
        t[k] = b.v[k] * id;
        outside |= (abs8(t[k]) > 128.0f) | (t[k] != t[k]);
    }
    if (allLanesOr(outside)[0] != 0)
        return fakeQ8_0Scalar(x, out);
#pragma GCC unroll 4
    for (int k = 0; k < 4; ++k) {
        const Int8 whole = __builtin_convertvector(t[k], Int8); // toward zero
        const Float8 fraction = t[k] - __builtin_convertvector(whole, Float8);
        const Int8 away = (abs8(fraction) >= 0.5f) & (t[k] < 0.0f ? Int8{} - 1 : Int8{} + 1);
        store8(out + 8 * k, __builtin_convertvector(whole + away, Float8) * dh);
    }
}

// ggml's Q4_0 codes of one block: q in 0..15 and the fp16 scale.
// Inlined into the multi-versioned row loops below.
[[gnu::always_inline]] inline uint16_t quantizeQ4_0Block(const float *x, int *q)
{
    const float d = signedAbsMax(x) / -8.0f; // an all-zero block gives -0 (fp16 0x8000), as in ggml
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    float v[kQk4];
    int outside = 0;
    for (int j = 0; j < kQk4; ++j) {
        v[j] = x[j] * id + 8.5f;
        // Bitwise, not short-circuit: no branch, so the loop vectorizes. NaN != NaN.
        outside |= int(v[j] < 0.0f) | int(v[j] >= 128.0f) | int(v[j] != v[j]);
    }
    if (outside == 0) { // every finite block: a plain truncation, which vectorizes
        for (int j = 0; j < kQk4; ++j)
            q[j] = std::min(15, static_cast<int>(v[j]));
    } else {
        for (int j = 0; j < kQk4; ++j)
            q[j] = std::min(15, truncateToByte(v[j]));
    }
    return floatToFp16(d);
}

void encodeQ4_0(const float *x, BlockQ4_0 &y)
{
    int q[kQk4];
    y.d = quantizeQ4_0Block(x, q);
    packNibbles(q, y.qs);
}

// Encode and decode in one step: the values dequantize() gives for encodeQ4_0's block.
// Inlined into the multi-versioned row loops below.
[[gnu::always_inline]] inline void fakeQ4_0Scalar(const float *x, float *out)
{
    int q[kQk4];
    const float d = fp16ToFloat(quantizeQ4_0Block(x, q));
    for (int j = 0; j < kQk4; ++j)
        out[j] = float((q[j] & 0x0F) - 8) * d; // the nibble the block would store
}

// The same floats, vector by vector, for a block without NaN whose codes all land in 0..127
// before the clamp to 15; other blocks (NaN, infinities) take fakeQ4_0Scalar.
[[gnu::always_inline]] inline void fakeQ4_0(const float *x, float *out)
{
    using namespace simd;
    const BlockVectors b = loadBlock(x);
    const float d = firstOfLargest(x, b) / -8.0f; // an all-zero block gives -0, as in ggml
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    const float dh = fp16ToFloat(floatToFp16(d));
    Float8 t[4];
    Int8 outside = b.nan; // one test for NaN and out-of-range codes
#pragma GCC unroll 4
    for (int k = 0; k < 4; ++k) {
        t[k] = b.v[k] * id + 8.5f;
        outside |= (t[k] < 0.0f) | (t[k] >= 128.0f) | (t[k] != t[k]);
    }
    if (allLanesOr(outside)[0] != 0)
        return fakeQ4_0Scalar(x, out);
#pragma GCC unroll 4
    for (int k = 0; k < 4; ++k) {
        const Int8 q = minInt8(__builtin_convertvector(t[k], Int8), Int8{} + 15);
        store8(out + 8 * k, __builtin_convertvector(q - 8, Float8) * dh);
    }
}

void encodeQ4_1(const float *x, BlockQ4_1 &y)
{
    const Range r = blockRange(x);
    const float d = (r.max - r.min) / 15.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    y.d = floatToFp16(d);
    y.m = floatToFp16(r.min);
    int q[kQk4];
    for (int j = 0; j < kQk4; ++j)
        q[j] = std::min(15, truncateToByte((x[j] - r.min) * id + 0.5f));
    packNibbles(q, y.qs);
}

void encodeQ5_0(const float *x, BlockQ5_0 &y)
{
    const float d = signedAbsMax(x) / -16.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    y.d = floatToFp16(d);
    int q[kQk4];
    for (int j = 0; j < kQk4; ++j)
        q[j] = std::min(31, truncateToByte(x[j] * id + 16.5f));
    packNibbles(q, y.qs);
    packHighBits(q, y.qh);
}

void encodeQ5_1(const float *x, BlockQ5_1 &y)
{
    const Range r = blockRange(x);
    const float d = (r.max - r.min) / 31.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    y.d = floatToFp16(d);
    y.m = floatToFp16(r.min);
    int q[kQk4];
    // ggml casts straight to uint8_t here, with no clamp to 31 (the top lands on 31.5 at most).
    for (int j = 0; j < kQk4; ++j)
        q[j] = static_cast<uint8_t>(truncateToByte((x[j] - r.min) * id + 0.5f));
    packNibbles(q, y.qs);
    packHighBits(q, y.qh);
}

// quantize_row_iq4_nl_ref: no scale search.
void encodeIQ4_NLRef(const float *x, BlockIQ4_NL &y)
{
    encodeIQ4_NL(x, y, Iq4NlScaleSearch::None);
}

// Encodes each block into a local struct and copies it out: `out` has no alignment.
template<typename Block, int Elements, void (*Encode)(const float *, Block &)>
void forEachBlock(const float *values, std::byte *out, int64_t blocks)
{
    for (int64_t b = 0; b < blocks; ++b) {
        Block block {};
        Encode(values + b * Elements, block);
        std::memcpy(out + b * static_cast<int64_t>(sizeof(Block)), &block, sizeof(Block));
    }
}

} // namespace

namespace {

BITCLIFF_VECTOR_CLONES void fakeQ4_0Row(const float *values, float *out, int64_t count)
{
    for (int64_t b = 0; b < count; b += kQk4)
        fakeQ4_0(values + b, out + b);
}

BITCLIFF_VECTOR_CLONES void fakeQ8_0Row(const float *values, float *out, int64_t count)
{
    for (int64_t b = 0; b < count; b += kQk4)
        fakeQ8_0(values + b, out + b);
}

} // namespace

namespace {

// 16-bit floats: each value rounded as quantizeGgmlRow stores it and read back.
BITCLIFF_VECTOR_CLONES void fakeF16Row(const float *values, float *out, int64_t count)
{
    for (int64_t i = 0; i < count; ++i)
        out[i] = fp16ToFloat(floatToFp16(values[i]));
}

BITCLIFF_VECTOR_CLONES void fakeBf16Row(const float *values, float *out, int64_t count)
{
    for (int64_t i = 0; i < count; ++i)
        out[i] = bf16ToFloat(floatToBf16(values[i]));
}

} // namespace

bool fakeQuantizeGgmlRow(DType type, const float *values, float *out, int64_t count)
{
    if (type == DType::F16 || type == DType::BF16) {
        (type == DType::F16 ? fakeF16Row : fakeBf16Row)(values, out, count);
        return true;
    }
    if (count % kQk4 != 0)
        return false;
    if (type == DType::Q4_0)
        fakeQ4_0Row(values, out, count);
    else if (type == DType::Q8_0)
        fakeQ8_0Row(values, out, count);
    else
        return false;
    return true;
}

void quantizeGgmlRow(DType type, const float *values, std::byte *out, int64_t count)
{
    const DTypeTraits &traits = dtypeTraits(type);
    if (traits.blockSize > 1 && (count < 0 || count % traits.blockSize != 0))
        throw Error(std::string("quantizeGgmlRow: ") + std::to_string(count) + " values is not a whole number of "
            + std::string(traits.name) + " blocks");
    const int64_t blocks = traits.blockSize > 1 ? count / traits.blockSize : 0;
    switch (type) {
    case DType::F16:
        for (int64_t i = 0; i < count; ++i) {
            const uint16_t h = floatToFp16(values[i]);
            std::memcpy(out + 2 * i, &h, sizeof h);
        }
        return;
    case DType::BF16:
        for (int64_t i = 0; i < count; ++i) {
            const uint16_t h = floatToBf16(values[i]);
            std::memcpy(out + 2 * i, &h, sizeof h);
        }
        return;
    case DType::Q8_0:
        return forEachBlock<BlockQ8_0, kQk4, encodeQ8_0>(values, out, blocks);
    case DType::Q4_0:
        return forEachBlock<BlockQ4_0, kQk4, encodeQ4_0>(values, out, blocks);
    case DType::Q4_1:
        return forEachBlock<BlockQ4_1, kQk4, encodeQ4_1>(values, out, blocks);
    case DType::Q5_0:
        return forEachBlock<BlockQ5_0, kQk4, encodeQ5_0>(values, out, blocks);
    case DType::Q5_1:
        return forEachBlock<BlockQ5_1, kQk4, encodeQ5_1>(values, out, blocks);
    case DType::Q2_K:
        return forEachBlock<BlockQ2_K, kQkK, encodeQ2_K>(values, out, blocks);
    case DType::Q3_K:
        return forEachBlock<BlockQ3_K, kQkK, encodeQ3_K>(values, out, blocks);
    case DType::Q4_K:
        return forEachBlock<BlockQ4_K, kQkK, encodeQ4_K>(values, out, blocks);
    case DType::Q5_K:
        return forEachBlock<BlockQ5_K, kQkK, encodeQ5_K>(values, out, blocks);
    case DType::Q6_K:
        return forEachBlock<BlockQ6_K, kQkK, encodeQ6_K>(values, out, blocks);
    case DType::IQ4_NL:
        return forEachBlock<BlockIQ4_NL, kQk4, encodeIQ4_NLRef>(values, out, blocks);
    default:
        throw Error(std::string("no GGUF block encoder for ") + std::string(traits.name));
    }
}

} // namespace bitcliff
