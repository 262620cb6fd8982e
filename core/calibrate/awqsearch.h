#pragma once
// AWQ's two searches on one group of linears (calibrate/awq.h has the whole method): the
// per-input-channel scales, and the per-row, per-group clipping range. Weights are row-major
// [rows × cols]; x is a sample of an input [m × cols], row-major.
#include "quant/scheme.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace bitcliff {

struct AwqLinear
{
    float *weights = nullptr;
    int64_t rows = 0;
    int64_t cols = 0;
    QuantScheme grid; // the grid its rows round on (the fallback where the scheme's does not fit)
};

// The squared error of the module the group belongs to, run with `candidates` (one weight
// matrix per linear of the group, in its order) in place of the float weights.
using AwqModuleLoss = std::function<double(const std::vector<std::vector<float>> &candidates)>;

// Σ ||x·Wᵀ − x·Ŵᵀ||² over the group's linears (all read x): their own outputs.
AwqModuleLoss linearOutputLoss(const float *x, int64_t m, const std::vector<AwqLinear> &linears);
// The SwiGLU MLP's output: ||down(silu(x·Gᵀ)⊙(x·Uᵀ)) − down(silu(x·Ĝᵀ)⊙(x·Ûᵀ))||² for the
// group {gate, up}; `down` [hidden × intermediate] stays float. x is copied.
AwqModuleLoss mlpOutputLoss(const float *x, int64_t m, const AwqLinear &gate, const AwqLinear &up,
                            const float *down, int64_t hidden);

struct AwqScales
{
    std::vector<float> scales; // cols, all 1 when plain rounding is best
    double ratio = 0;          // the exponent chosen
    double error = 0;          // its module error, and plain rounding's
    double roundingError = 0;
};

inline constexpr int kAwqGrid = 20;

// The scales of the ratio with the least module error (the weights are not changed): s =
// meanAbs^r (llm-awq), or with `duo` meanAbs^r / (w^(1−r) + 1e−4) where w is AutoAWQ's w_mean,
// per column the mean over the group's rows of |W| relative to the largest |W| of its block.
AwqScales awqSearchScales(const std::vector<double> &meanAbs, const std::vector<AwqLinear> &linears,
                          const AwqModuleLoss &loss, bool duo = false);
// Clamps each row's groups to the shrunk range with the least error of the group's partial
// outputs x_g·w_gᵀ after rounding. Returns the number of (row, group) ranges shrunk.
int64_t awqClip(const float *x, int64_t m, const AwqLinear &linear);

} // namespace bitcliff
