#pragma once
// The fit/round split of BitCliff's integer grids, for methods that round one column at a
// time with error feedback (GPTQ): fit a block's parameters once, then round any value with
// them. Grids: rtn (group or channel, sym/asym, clip) and the GGUF legacy types Q4_0, Q4_1,
// Q5_0, Q8_0 (32-element blocks). Rounding a block's own values with its fitted parameters
// gives exactly what fakeQuantizeRows gives (rtn) and what ggml's encoder + dequantization
// give (GGUF); values outside the fitted range (after error feedback) clamp to the grid.
#include "quant/scheme.h"

#include <cstdint>

namespace bitcliff {

enum class GridRule : uint8_t {
    Rtn,       // q = clamp(rne(x / scale) + zero, lo, hi),        x^ = (q - zero) * scale
    Offset,    // Q4_0/Q5_0: q = clamp(trunc(x * inverse + zero + 0.5), lo, hi), x^ = (q - zero) * scale
    Minimum,   // Q4_1: q = clamp(trunc((x - rawMinimum) * inverse + 0.5), lo, hi), x^ = q * scale + minimum
    Symmetric, // Q8_0: q = clamp(round(x * inverse), lo, hi) (halves away from 0), x^ = q * scale
};

struct GridParams
{
    GridRule rule = GridRule::Rtn;
    float scale = 0.0f;   // the dequantization scale (GGUF: the fp16-rounded one the block stores)
    float inverse = 0.0f; // GGUF: 1/d from the unrounded d, as ggml rounds with it
    float zero = 0.0f;
    float minimum = 0.0f; // Q4_1: the fp16-rounded block minimum
    float rawMinimum = 0.0f; // Q4_1: the block minimum codes are measured from, as ggml does
    float lo = 0.0f;
    float hi = 0.0f;

    float code(float x) const;        // the grid index of x (an integer, as float)
    float value(float code) const;    // its dequantized value
    float round(float x) const { return value(code(x)); }
};

// Whether `scheme` is one of the grids above (rtn per group or channel; q4_0, q4_1, q5_0, q8_0).
bool hasGrid(const QuantScheme &scheme);
// Elements that share one GridParams along a row: the group size, the GGUF block (32), or
// `cols` for per-channel grids.
int64_t gridBlockLength(const QuantScheme &scheme, int64_t cols);
// The parameters of one block of `n` values (n = gridBlockLength). Throws Error when the
// scheme has no grid.
GridParams fitGrid(const QuantScheme &scheme, const float *x, int64_t n);

} // namespace bitcliff
