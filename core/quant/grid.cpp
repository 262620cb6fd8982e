// Fit once, round many: the integer grids of rtn (rtnquantizer.cpp's parameters) and of the
// GGUF legacy types, whose fits repeat ggml's quantize_row_*_ref (ggmlquantize.cpp) and whose
// rounding is ggml's, clamped to the code range (ggml never needs the clamp below the top:
// its own block values always land inside).
#include "quant/grid.h"

#include "quant/floatvector.h"
#include "quant/methods.h"
#include "util/error.h"
#include "util/floatformats.h"

#include <cmath>

namespace bitcliff {

namespace {

using quantdetail::clampf;

constexpr int64_t kGgufBlock = 32;

// ggml's scan: the first element of largest magnitude, with its sign.
float firstSignedAbsMax(const float *x, int64_t n)
{
    float amax = 0.0f, max = 0.0f;
    for (int64_t j = 0; j < n; ++j) {
        if (amax < std::fabs(x[j])) {
            amax = std::fabs(x[j]);
            max = x[j];
        }
    }
    return max;
}

// Q4_0 (levels 16) and Q5_0 (levels 32): d = max / -(levels/2), codes offset by levels/2.
GridParams offsetGrid(const float *x, int64_t n, int levels)
{
    const float half = float(levels / 2);
    const float d = firstSignedAbsMax(x, n) / -half;
    GridParams p;
    p.rule = GridRule::Offset;
    p.inverse = d != 0.0f ? 1.0f / d : 0.0f;
    p.scale = fp16ToFloat(floatToFp16(d));
    p.zero = half;
    p.lo = 0.0f;
    p.hi = float(levels - 1);
    return p;
}

GridParams minimumGrid(const float *x, int64_t n)
{
    float min = x[0], max = x[0];
    for (int64_t j = 1; j < n; ++j) {
        min = x[j] < min ? x[j] : min;
        max = x[j] > max ? x[j] : max;
    }
    const float d = (max - min) / 15.0f;
    GridParams p;
    p.rule = GridRule::Minimum;
    p.inverse = d != 0.0f ? 1.0f / d : 0.0f;
    p.scale = fp16ToFloat(floatToFp16(d));
    p.minimum = fp16ToFloat(floatToFp16(min));
    p.rawMinimum = min;
    p.lo = 0.0f;
    p.hi = 15.0f;
    return p;
}

GridParams q8Grid(const float *x, int64_t n)
{
    float amax = 0.0f;
    for (int64_t j = 0; j < n; ++j)
        amax = amax > std::fabs(x[j]) ? amax : std::fabs(x[j]);
    const float d = amax / 127.0f;
    GridParams p;
    p.rule = GridRule::Symmetric;
    p.inverse = d != 0.0f ? 1.0f / d : 0.0f;
    p.scale = fp16ToFloat(floatToFp16(d));
    p.lo = -128.0f;
    p.hi = 127.0f;
    return p;
}

// ggml's block encoders keep the unclamped (Q4_1) minimum in the code; GPTQ's error feedback
// can push a value below it, where ggml's truncation would wrap: clamp instead.
float truncateClamped(float v, float lo, float hi)
{
    return clampf(std::trunc(clampf(v, lo - 1.0f, hi + 1.0f)), lo, hi);
}

} // namespace

float GridParams::code(float x) const
{
    switch (rule) {
    case GridRule::Rtn:
        if (!(scale > 0.0f))
            return zero; // an all-zero symmetric block
        return clampf(quantdetail::roundHalfEven(x / scale) + zero, lo, hi);
    case GridRule::Offset:
        return truncateClamped(x * inverse + (zero + 0.5f), lo, hi);
    case GridRule::Minimum:
        return truncateClamped((x - rawMinimum) * inverse + 0.5f, lo, hi);
    case GridRule::Symmetric: // + 0: a code of -0 would dequantize to -0, where ggml's int8 0 gives +0
        return clampf(std::round(clampf(x * inverse, -200.0f, 200.0f)), lo, hi) + 0.0f;
    }
    return 0.0f;
}

float GridParams::value(float q) const
{
    switch (rule) {
    case GridRule::Rtn:
    case GridRule::Offset:
        return (q - zero) * scale;
    case GridRule::Minimum:
        return q * scale + minimum;
    case GridRule::Symmetric:
        return q * scale;
    }
    return 0.0f;
}

bool hasGrid(const QuantScheme &scheme)
{
    switch (scheme.method) {
    case QuantMethod::Rtn:
        return scheme.granularity != Granularity::Tensor;
    case QuantMethod::Gguf:
        return scheme.ggufType == DType::Q4_0 || scheme.ggufType == DType::Q4_1 || scheme.ggufType == DType::Q5_0
            || scheme.ggufType == DType::Q8_0;
    default:
        return false;
    }
}

int64_t gridBlockLength(const QuantScheme &scheme, int64_t cols)
{
    if (scheme.method == QuantMethod::Gguf)
        return kGgufBlock;
    return scheme.granularity == Granularity::Channel ? cols : scheme.groupSize;
}

GridParams fitGrid(const QuantScheme &scheme, const float *x, int64_t n)
{
    if (!hasGrid(scheme))
        throw Error("scheme " + scheme.toString()
                    + " has no integer grid to round on (rtn per group or channel, q4_0, q4_1, q5_0, q8_0 have)");
    if (scheme.method == QuantMethod::Rtn) {
        const quantdetail::RtnParams r = quantdetail::rtnBlockParams(scheme, x, n);
        GridParams p;
        p.scale = r.scale;
        p.zero = r.zero;
        p.lo = r.lo;
        p.hi = r.hi;
        return p;
    }
    switch (scheme.ggufType) {
    case DType::Q4_0:
        return offsetGrid(x, n, 16);
    case DType::Q5_0:
        return offsetGrid(x, n, 32);
    case DType::Q4_1:
        return minimumGrid(x, n);
    default:
        return q8Grid(x, n);
    }
}

} // namespace bitcliff
