#pragma once
// Internal to the inference engine: streamed weight matrices (WeightResidency::Streamed). A
// lazy matrix stays in the memory-mapped model and is materialized in float32 just before its
// use, into one scratch buffer of the session: dequantized by Model::readRows and, when the
// scheme quantizes it, fake-quantized by fakeQuantizeRows in row chunks on worker threads.
// The chunks start at the scheme's row alignment and share the whole tensor's range, as in
// quantizeModel, so the values equal fakeQuantizeTensor's (the resident loader's) bit for bit.
#include "infer/transformerweights.h"

#include <memory>
#include <span>

namespace bitcliff::infer {

// Whether a row of `cols` floats fake-quantizes alone as it does inside its tensor (no
// per-tensor range, no nf4 dq blocks across rows): a lazy embedding is then looked up row by
// row, without materializing the table.
bool quantizesRowByRow(const QuantScheme &scheme, int64_t cols);

// Writes the float32 weights of `tensor` ([rows × cols]) to `out`, fake-quantized with
// `scheme` unless it is null, on up to `threads` workers (0: one per core).
void materializeMatrix(
    const Model &model, const TensorInfo &tensor, const QuantScheme *scheme, int threads, float *out);

// A session's view of the weight matrices. Not thread-safe: one per session.
class WeightStream
{
public:
    // Allocates (without touching) a buffer of weights.scratchFloats floats.
    explicit WeightStream(const TransformerWeights &weights);

    // The float32 values of `matrix`: resident values as they are; a lazy matrix materialized
    // into the buffer, valid until values() or lookup() is called for another lazy matrix.
    const float *values(const WeightMatrix &matrix);
    // Rows `rows` of `table` (the embedding), one after another, to `out`.
    void lookup(const WeightMatrix &table, std::span<const int32_t> rows, float *out);

private:
    const TransformerWeights &m_weights;
    std::unique_ptr<float[]> m_scratch;
    const TensorInfo *m_held = nullptr; // the lazy matrix the buffer holds: a tied output
                                        // followed by the next batch's embedding is read once
};

} // namespace bitcliff::infer
