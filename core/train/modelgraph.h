#pragma once
// The forward and backward pass of a whole llama-family model over a Batch, built from the
// nn/ ops (the same forward ops inference runs): embedding, per layer RMSNorm → q/k/v (bias
// for qwen2, per-head q/k RMSNorm for qwen3) → RoPE (Neox) → causal GQA attention → o_proj +
// residual → RMSNorm → SwiGLU MLP + residual, final RMSNorm, tied or untied head,
// cross-entropy. Linears run over all sequences × length rows at once (one GEMM each, on the
// BLAS library's threads); attention per sequence, the sequences spread over `threads`
// workers with single-threaded BLAS (its small per-head GEMMs gain little from BLAS threads).
// Results depend on the thread count (as BLAS's do), not on the scheduling. Activations are
// kept for backward in buffers owned by the graph and reused between calls.
#include "train/batch.h"
#include "train/parameters.h"

#include <cstdint>
#include <memory>
#include <span>

namespace bitcliff::train {

template<class T>
class ModelGraph
{
public:
    // `threads` for attention (<= 0: one per core); 1 runs the sequences in turn.
    explicit ModelGraph(const TransformerConfig &config, int threads = 1);
    ~ModelGraph();
    ModelGraph(const ModelGraph &) = delete;
    ModelGraph &operator=(const ModelGraph &) = delete;

    // Runs `batch` through `weights` and returns the summed cross-entropy over the counted
    // targets (nats). When `gradients` is not null (same layout as `weights`), ADDS
    // ∂(lossScale · summed loss)/∂weights to it (so gradient accumulation is repeated calls).
    // Throws Error on a token outside the vocabulary or a batch longer than the context.
    double run(const Parameters<T> &weights, const Batch &batch, T lossScale, Parameters<T> *gradients);

    // Bytes of activations run() keeps for a batch of this shape (for memory estimates),
    // the backward pass's scratch and the logits included: exactly what run() allocates.
    static int64_t activationBytes(const TransformerConfig &config, int64_t sequences, int64_t length);
    // Bytes of the buffers the last run() used (activationBytes of its batch shape).
    int64_t bufferBytes() const;
    // The logits of the last run() without gradients, [sequences × length × vocab]; a run
    // with gradients leaves the logits' gradient there instead.
    std::span<const T> logits() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace bitcliff::train
