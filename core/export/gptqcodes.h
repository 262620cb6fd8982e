#pragma once
// GPTQ's result for one matrix (calibrate/gptq.h: grid codes, per-group GridParams, g_idx) as
// the files store it, with nothing re-rounded, so a reader's dequantization gives exactly
// GPTQ's values:
// - rtn grids → a GPTQ checkpoint's linear (export/gptqpacking.h): unsigned codes = code +
//   2^(b−1) and zero 2^(b−1) when symmetric, the codes and the zero as they are when
//   asymmetric; the fp16 scales; g_idx as GPTQ assigned it (act-order: processing order).
// - GGUF grids → ggml blocks (formats/ggmlblocks.h): Q4_0/Q5_0 codes 0..15/0..31 around
//   8/16, Q4_1 codes 0..15 above the fp16 minimum, Q8_0 int8 codes; d the fp16 scale.
#include "calibrate/layerwisegptq.h"
#include "export/gptqpacking.h"

#include <cstddef>
#include <cstdint>

namespace bitcliff {

// Throws Error naming the tensor when its grid is not rtn, its codes were not kept
// (PrepareOptions::keepCodes) or do not fit the grid.
PackedLinear packedLinearOf(const GptqTensor &tensor);

// Throws Error naming the tensor when it cannot be written as blocks of its GGUF grid's type:
// not a GGUF grid, codes not kept, or a block's parameters not those of consecutive columns.
void checkGgufBlocks(const GptqTensor &tensor);

// Writes row `row` of `tensor` (checkGgufBlocks first) as blocks of its grid's type at `out`.
void encodeGgufRow(const GptqTensor &tensor, int64_t row, std::byte *out);

} // namespace bitcliff
