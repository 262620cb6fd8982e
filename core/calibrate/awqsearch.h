#pragma once
// AWQ's two searches on one group of linears (calibrate/awq.h has the whole method): the
// per-input-channel scales, and the per-row, per-group clipping range. x is a sample of the
// group's input [m × cols], row-major; weights are row-major [rows × cols].
#include "quant/scheme.h"

#include <cstdint>
#include <vector>

namespace bitcliff {

struct AwqLinear
{
    float *weights = nullptr;
    int64_t rows = 0;
    int64_t cols = 0;
    QuantScheme grid; // the grid its rows round on (the fallback where the scheme's does not fit)
};

struct AwqScales
{
    std::vector<float> scales; // cols, all 1 when plain rounding is best
    double ratio = 0;          // the exponent chosen
    double error = 0;          // its output error, and plain rounding's
    double roundingError = 0;
};

inline constexpr int kAwqGrid = 20;

// The scales of the ratio with the least output error (the weights are not changed).
AwqScales awqSearchScales(const float *x, int64_t m, const std::vector<double> &meanAbs,
                          const std::vector<AwqLinear> &linears);
// Clamps each row's groups to the shrunk range with the least error of the group's partial
// outputs x_g·w_gᵀ after rounding. Returns the number of (row, group) ranges shrunk.
int64_t awqClip(const float *x, int64_t m, const AwqLinear &linear);

} // namespace bitcliff
