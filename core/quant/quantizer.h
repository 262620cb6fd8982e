#pragma once
// Fake quantization: a [rows, cols] float matrix (PyTorch order, rows = output channels,
// groups run along a row) in, the weights the scheme produces out. Every method has a plain
// scalar reference (quantreference.h) that the tests compare the fast path against.
#include "quant/scheme.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace bitcliff {

// Bits per weight of the scheme on rows of `cols` elements, including scales, zero points
// and (double-quantized) absmax: what the weights cost in memory. Storage assumed: integer
// and HQQ scales fp16; asym RTN zero points `bits` bits (packed like GPTQ/AWQ); HQQ zero
// points fp16 (HQQ optimizes them as floats); NF4/FP4 absmax fp32, or 8 bits plus one fp32
// per 256 blocks with dq; MXFP4 one E8M0 byte per 32; FP8 one fp16 scale per row; GGUF the
// block bytes. Per-channel scales are amortized over the row, the one per-tensor scale counts
// as nothing.
double bitsPerWeight(const QuantScheme &scheme, int64_t cols);

// What per-tensor quantization and NF4 double quantization need from the whole tensor when
// the caller streams a big tensor in row chunks (quantizationRange() computes it).
struct TensorRange
{
    TensorRange() = default;
    TensorRange(float lo, float hi)
        : min(lo)
        , max(hi)
    {
    }

    // The range the per-tensor scale is built from, used as is: for `clip` schemes pass the
    // searched range from quantizationRange(); a plain min/max means no clipping.
    float min = 0.0f;
    float max = 0.0f;
    // nf4 dq: the mean block absmax of the whole tensor, subtracted before the absmax values
    // are quantized (bitsandbytes' offset). Unset: the mean over the rows given.
    std::optional<float> absmaxMean;
};

// Whether rows of a tensor quantize only with the whole tensor's TensorRange (per-tensor
// scales, nf4 double quantization's mean block absmax): chunked runs compute it first.
bool needsWholeTensorRange(const QuantScheme &scheme);

// The TensorRange of a whole [rows, cols] tensor under `scheme`: min/max (narrowed by the
// clip search for per-tensor `clip` schemes) and, for nf4 dq, the mean block absmax.
TensorRange quantizationRange(const QuantScheme &scheme, const float *weights, int64_t rows, int64_t cols);

// Row chunks must start at multiples of this many rows for a chunked run to equal a whole-
// tensor run: nf4 dq quantizes the absmax values in blocks of 256 that can span rows. 1 for
// every other scheme.
int64_t rowAlignment(const QuantScheme &scheme, int64_t cols);

// Quantizes rows [0, rows) of `weights` and writes the dequantized values to `out` (same
// shape; `out` may be `weights`). `range` is required for per-tensor granularity and nf4 dq
// when these rows are not the whole tensor (null: computed from these rows). Single-threaded
// and reentrant; callers split rows across threads (every scheme treats rows independently
// given the range, nf4 dq given the range and rowAlignment()). Throws Error when the scheme
// does not fit the row length (QuantScheme::checkRowLength). Weights must be finite.
// Arithmetic is float32 like the PyTorch originals on float32 weights; rounding is half to
// even (torch.round, std::nearbyint) unless a method says otherwise.
void fakeQuantizeRows(const QuantScheme &scheme, const float *weights, int64_t rows, int64_t cols, float *out,
                      const TensorRange *range = nullptr);

} // namespace bitcliff
