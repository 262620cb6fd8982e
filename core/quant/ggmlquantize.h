#pragma once
// GGUF block quantization: float rows -> ggml blocks (layouts in formats/ggmlblocks.h).
// Every type is bit-exact with ggml's quantize_row_*_ref (K-quants and IQ4_NL: no importance
// matrix), checked against llama.cpp's own library in tests/core/tst_llamacppquantizers.
#include "formats/dtype.h"

#include <cstddef>
#include <cstdint>

namespace bitcliff {

// Encodes `count` values (a multiple of the type's block size) into blocks at `out`
// (count / blockSize * blockBytes bytes). Throws Error for non-GGUF block types.
void quantizeGgmlRow(DType type, const float *values, std::byte *out, int64_t count);

// Encode and decode in one pass, giving exactly what quantizeGgmlRow + dequantize give, for
// the types that have a fused path (Q4_0, Q8_0, F16, BF16). Returns false (doing nothing)
// otherwise.
bool fakeQuantizeGgmlRow(DType type, const float *values, float *out, int64_t count);

} // namespace bitcliff
