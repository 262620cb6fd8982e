#pragma once
// The passes over a row of logits that the metrics make (a row is the whole vocabulary, 32k
// to 150k floats, and a comparison makes them for every scored position and scheme):
// vectorized, with a double-precision exp and sums in double, so they give the scalar
// formulas' results up to double rounding.
#include <cstdint>
#include <span>

namespace bitcliff {

struct RowMaximum
{
    float value = 0;
    int32_t index = 0; // the first maximum, as llama.cpp
};

RowMaximum rowMaximum(std::span<const float> row);

// Σ exp(row_i − shift) in double; with `exps` (row.size() doubles) each term is stored too.
double sumExpShifted(std::span<const float> row, float shift, double *exps = nullptr);

// One pass over a base row b and a quantized row q of the same length, given
// baseExps_i = exp(b_i − shift_b): Σ baseExps_i (b_i − q_i), the KLD's cross term, and
// Σ exp(q_i − quantizedShift), summed exactly as sumExpShifted does.
struct CrossSums
{
    double weightedDifference = 0;
    double quantizedExpSum = 0;
};

CrossSums crossSums(
    std::span<const float> base, const double *baseExps, std::span<const float> quantized, float quantizedShift);

} // namespace bitcliff
