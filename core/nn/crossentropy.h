#pragma once
// Next-token cross-entropy over logits rows, with ignored positions.
#include <cstdint>

namespace bitcliff::nn {

// For each row i with targets[i] >= 0: loss_i = -log softmax(logits[i])[targets[i]] (computed
// with the row's max subtracted, accumulated in double); rows with targets[i] < 0 are ignored.
// Returns Σ loss_i. When dLogits is not null it receives (softmax − onehot) · gradScale for the
// counted rows and zeros for the ignored ones (it may be `logits`: the logits are then
// replaced). Single-threaded; callers split rows.
template<class T>
double crossEntropy(const T *logits, const int32_t *targets, int64_t rows, int64_t vocab, T gradScale, T *dLogits);

} // namespace bitcliff::nn
