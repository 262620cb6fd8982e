#pragma once
// GGUF block types: on-disk block layouts (static_assert'ed sizes) and dequantization,
// as ggml-common.h (block_q*) and ggml-quants.c (dequantize_row_*) define them.
#include "formats/dtype.h"

#include <cstddef>
#include <cstdint>

namespace bitcliff {

// Dequantizes `blocks` consecutive blocks of a GGUF block type (Q4_0 ... Q6_K, IQ4_NL).
void dequantizeGgmlBlocks(DType type, const std::byte *src, float *dst, int64_t blocks);

} // namespace bitcliff
