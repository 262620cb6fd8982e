#pragma once
// GGUF block types: on-disk block layouts (static_assert'ed sizes) and dequantization,
// per ../shared/reference/formats-and-algorithms.md §2.2.
#include "formats/dtype.h"

#include <cstddef>
#include <cstdint>

namespace bitcliff {

// Dequantizes `blocks` consecutive blocks of a GGUF block type (Q4_0 ... Q6_K, IQ4_NL).
void dequantizeGgmlBlocks(DType type, const std::byte *src, float *dst, int64_t blocks);

} // namespace bitcliff
