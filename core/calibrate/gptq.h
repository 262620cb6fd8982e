#pragma once
// GPTQ (Frantar et al. 2022, the reference gptq.py that AutoGPTQ/GPTQModel keep): quantize a
// weight matrix column by column on an integer grid (quant/grid.h), spreading each column's
// rounding error over the columns not yet quantized through the inverse Hessian of the
// layer's inputs, so the layer's output on the calibration inputs moves as little as it can.
// As the reference: dead inputs (zero Hessian diagonal) zeroed; dampening of a percentage of
// the mean diagonal (raised by 0.25 points while the Hessian is not positive definite, as
// GPTQModel does); optional act-order (columns by descending Hessian diagonal) with or
// without static groups; lazy updates in blocks of 128 columns; the upper Cholesky factor of
// the inverse Hessian; group parameters fitted when a group's first column comes up, on the
// weights as updated before the current block. Rtn grids keep their scales in fp16, as the
// GPTQ checkpoint stores them (the same rounding as rtn's otherwise, at fp16 scales).
#include "quant/grid.h"
#include "quant/scheme.h"

#include <cstdint>
#include <vector>

namespace bitcliff {

struct GptqOptions
{
    QuantScheme grid;
    bool actOrder = false;
    bool staticGroups = false; // with actOrder: groups fitted up front on consecutive columns
    double dampPercent = 0.01; // of the mean Hessian diagonal
    int blockSize = 128;
};

// Where GPTQ's time goes, for benchmarks.
struct GptqTimings
{
    double inverse = 0; // dampening, Cholesky, inverse, Cholesky of the inverse (LAPACK, double)
    double columns = 0; // rounding column by column with the in-block updates
    double updates = 0; // the lazy updates of the later columns after each block (sgemm)
    double updateFlops = 0;
};

struct GptqResult
{
    std::vector<float> values;        // [rows × cols] dequantized, the original column order
    std::vector<int16_t> codes;       // [rows × cols] grid indices
    std::vector<int32_t> groupIndex;  // per column: which of a row's group parameters it uses (g_idx)
    int64_t groups = 0;               // parameter sets per row
    std::vector<GridParams> params;   // [rows × groups]
    std::vector<int32_t> permutation; // act-order: column processed i-th; empty without
    double dampPercent = 0;           // the dampening that made the Hessian positive definite
    double loss = 0;                  // Σ (w - q)² / [H⁻¹]ᵢᵢ / 2, the reference's "error"
    GptqTimings timings;
};

// Throws Error when the grid cannot be used (no grid, group size not dividing the row,
// act-order without static groups on GGUF blocks) or the Hessian stays singular.
// `hessian` is [cols × cols] (HessianAccumulator::hessian()).
GptqResult gptqQuantize(const float *weights, int64_t rows, int64_t cols, const std::vector<float> &hessian,
                        const GptqOptions &options);

// Whether gptq can run `grid` on rows of `cols` values; the reason when not.
std::string gptqGridProblem(const GptqOptions &options, int64_t cols);

} // namespace bitcliff
