#pragma once
// Internal to the quantizers: one entry point per method, called by fakeQuantizeRows() after
// it has checked the row length. `weights` and `out` hold rows*cols floats and may alias.
#include "quant/quantizer.h"

#include <cstdint>

namespace bitcliff::quantdetail {

// rtnquantizer.cpp: integer round-to-nearest, sym/asym, tensor/channel/group, clip search.
// One block's grid: q = clamp(round(x/scale) + zero, lo, hi), x^ = (q - zero)*scale; a zero
// scale (an all-zero symmetric block) maps everything to 0.
struct RtnParams
{
    float scale = 0.0f;
    float zero = 0.0f;
    float lo = 0.0f;
    float hi = 0.0f;
};
// The grid of one block of `n` values (with the clip search for clip schemes).
RtnParams rtnBlockParams(const QuantScheme &scheme, const float *x, int64_t n);
void rtnRows(const QuantScheme &scheme, const float *weights, int64_t rows, int64_t cols, float *out,
             const TensorRange *range);
// The per-tensor range of `count` values, narrowed by the clip search for clip schemes.
TensorRange rtnTensorRange(const QuantScheme &scheme, const float *weights, int64_t count);

// nf4quantizer.cpp: block absmax with the NF4 or bitsandbytes FP4 code book, optional
// double quantization of the absmax values (NF4).
void codebookRows(const QuantScheme &scheme, const float *weights, int64_t rows, int64_t cols, float *out,
                  const TensorRange *range);
// Mean of the block absmax values of `count` values in blocks of `groupSize`.
float meanBlockAbsmax(const float *weights, int64_t count, int64_t groupSize);

// fpquantizer.cpp: OCP MXFP4 (count a multiple of 32) and per-row FP8 E4M3.
void mxfp4Rows(const float *weights, int64_t count, float *out);
void fp8Rows(const float *weights, int64_t rows, int64_t cols, float *out);

// hqqquantizer.cpp: HQQ zero-point optimization per group.
void hqqRows(const QuantScheme &scheme, const float *weights, int64_t count, float *out);

} // namespace bitcliff::quantdetail
