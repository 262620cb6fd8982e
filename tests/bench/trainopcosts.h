#pragma once
// bench_train's finer breakdown: the nn/ ops of one training step timed on their own, at the
// shapes ModelGraph runs them (random inputs, the BLAS threads as set by the caller).
#include "infer/transformer.h"

#include <cstdint>

namespace bitcliff {

struct TrainOpCosts // seconds for one step's worth of each
{
    double linearForward = 0;     // every linear layer and the head, one GEMM each
    double linearBackward = 0;    // their dx and dW GEMMs
    double attentionForward = 0;  // causalAttentionForward per layer and sequence, as ModelGraph
    double attentionBackward = 0; // causalAttentionBackward …: sequences on `threads` workers
    double attentionInTurn = 0;   // both, the sequences one after another on threaded BLAS
    double crossEntropy = 0;      // over all rows, with the gradient
    double linearFlops = 0;       // 6 · (matrix parameters) · tokens, as the GEMMs above do
};

TrainOpCosts measureTrainOpCosts(const TransformerConfig &config, int64_t sequences, int64_t length, int threads);

} // namespace bitcliff
