#pragma once
// Token embedding: rows of a [vocab × cols] table.
#include <cstdint>

namespace bitcliff::nn {

// out[i] = table[tokens[i]] for i in [0, n); tokens must be in range (callers check).
template<class T>
void embeddingForward(const T *table, int64_t cols, const int32_t *tokens, int64_t n, T *out);
// dTable[tokens[i]] += dOut[i]: accumulates, in token order (deterministic).
template<class T>
void embeddingBackward(const T *dOut, const int32_t *tokens, int64_t n, int64_t cols, T *dTable);

} // namespace bitcliff::nn
