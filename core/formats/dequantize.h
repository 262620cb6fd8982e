#pragma once
#include "formats/dtype.h"

#include <cstddef>
#include <cstdint>

namespace bitcliff {

// Converts `count` elements stored as `type` at `src` to float32. For block types `count`
// must be a multiple of the block size (readers guarantee it for every row).
void dequantize(DType type, const std::byte *src, float *dst, int64_t count);

} // namespace bitcliff
