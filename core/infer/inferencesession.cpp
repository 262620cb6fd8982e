// InferenceSession: one sequence through the transformer, batch by batch, with its KV cache.
#include "infer/attention.h"
#include "infer/linear.h"
#include "infer/transformerweights.h"
#include "nn/rmsnorm.h"
#include "nn/rope.h"
#include "nn/swiglu.h"
#include "quant/activationquant.h"
#include "util/error.h"
#include "util/meminfo.h"

#include <algorithm>

namespace bitcliff {

namespace {

// Tokens per forward pass: bounds the activations (n × intermediate floats) of long inputs;
// large enough for the GEMMs to run at full speed.
constexpr int64_t kMaxBatch = 512;

using infer::Linear;

} // namespace

struct InferenceSession::State
{
    State(std::shared_ptr<const TransformerWeights> w, int context)
        : weights(std::move(w))
        , maxContext(context)
        , cache(weights->config, context)
        , stream(*weights)
    {
    }

    void layer(int index, int64_t n, ActivationObserver *observer)
    {
        attentionBlock(index, n, observer);
        ffnBlock(index, n, observer);
    }
    // x += o·attention(norm(x)), then x += down(swiglu(norm(x))): the two residual blocks.
    void attentionBlock(int index, int64_t n, ActivationObserver *observer);
    void ffnBlock(int index, int64_t n, ActivationObserver *observer);
    // Copies `hidden` in as a new sequence at position 0 of layer `layer`, checked.
    int64_t loadLayerInput(int layer, std::span<const float> hidden);
    void resize(int64_t n); // the activation buffers for n tokens
    // One batch at position `position`: logits of its rows [logitBegin, n).
    void forward(std::span<const int32_t> tokens, int64_t logitBegin, float *logits, ActivationObserver *observer);

    std::shared_ptr<const TransformerWeights> weights;
    int maxContext = 0;
    int position = 0;
    infer::KvCache cache;
    infer::WeightStream stream; // the matrices' float32 values, materialized here when streamed
    nn::RopeTables<float> rope;
    // Activations of one batch, row-major [tokens × channels].
    std::vector<float> x, normed, q, k, v, attention, gate, up, scores;
};

namespace {

// The input of the `which` linears of layer `index`, as they get it: quantized per token
// when the plan quantizes activations (in place: each buffer feeds only those linears).
void linearInput(const TransformerWeights &weights, int index, LinearInput which, std::vector<float> &values,
                 int64_t n, int64_t channels, ActivationObserver *observer)
{
    fakeQuantizeActivations(weights.activations, values.data(), n, channels);
    if (observer)
        observer->observe(index, which, values.data(), n, channels);
}

} // namespace

void InferenceSession::State::attentionBlock(int index, int64_t n, ActivationObserver *observer)
{
    const TransformerConfig &c = weights->config;
    const infer::LayerWeights &w = weights->layers[size_t(index)];
    const int64_t hidden = c.hidden, qWidth = int64_t(c.heads) * c.headDim, kvWidth = int64_t(c.kvHeads) * c.headDim;
    auto observe = [&](LinearInput which, std::vector<float> &values, int64_t channels) {
        linearInput(*weights, index, which, values, n, channels, observer);
    };

    nn::rmsNormForward<float>(x.data(), w.attnNorm.data(), normed.data(), nullptr, n, hidden, c.rmsEps);
    observe(LinearInput::AttnIn, normed, hidden);
    infer::linearForward(stream, w[Linear::Q], normed.data(), n, q.data());
    infer::linearForward(stream, w[Linear::K], normed.data(), n, k.data());
    infer::linearForward(stream, w[Linear::V], normed.data(), n, v.data());
    if (c.qkNorm) { // each head's vector, before RoPE
        nn::rmsNormForward<float>(q.data(), w.qNorm.data(), q.data(), nullptr, n * c.heads, c.headDim, c.rmsEps);
        nn::rmsNormForward<float>(k.data(), w.kNorm.data(), k.data(), nullptr, n * c.kvHeads, c.headDim, c.rmsEps);
    }
    rope.forward(q.data(), n, qWidth, c.heads);
    rope.forward(k.data(), n, kvWidth, c.kvHeads);
    infer::causalAttention(c, cache, index, q.data(), k.data(), v.data(), n, position, attention.data(), scores);
    observe(LinearInput::AttnOut, attention, qWidth);
    infer::linearForward(stream, w[Linear::O], attention.data(), n, x.data(), true); // residual
}

void InferenceSession::State::ffnBlock(int index, int64_t n, ActivationObserver *observer)
{
    const TransformerConfig &c = weights->config;
    const infer::LayerWeights &w = weights->layers[size_t(index)];
    const int64_t hidden = c.hidden;
    auto observe = [&](LinearInput which, std::vector<float> &values, int64_t channels) {
        linearInput(*weights, index, which, values, n, channels, observer);
    };
    nn::rmsNormForward<float>(x.data(), w.ffnNorm.data(), normed.data(), nullptr, n, hidden, c.rmsEps);
    observe(LinearInput::FfnIn, normed, hidden);
    infer::linearForward(stream, w[Linear::Gate], normed.data(), n, gate.data());
    infer::linearForward(stream, w[Linear::Up], normed.data(), n, up.data());
    nn::swigluForward<float>(gate.data(), up.data(), gate.data(), n * c.intermediate);
    observe(LinearInput::FfnDown, gate, c.intermediate);
    infer::linearForward(stream, w[Linear::Down], gate.data(), n, x.data(), true); // residual
}

void InferenceSession::State::resize(int64_t n)
{
    const TransformerConfig &c = weights->config;
    x.resize(size_t(n * c.hidden));
    normed.resize(x.size());
    q.resize(size_t(n * c.heads * c.headDim));
    attention.resize(q.size());
    k.resize(size_t(n * c.kvHeads * c.headDim));
    v.resize(k.size());
    gate.resize(size_t(n * c.intermediate));
    up.resize(gate.size());
}

void InferenceSession::State::forward(std::span<const int32_t> tokens, int64_t logitBegin, float *logits,
                                      ActivationObserver *observer)
{
    const TransformerConfig &c = weights->config;
    const auto n = int64_t(tokens.size());
    resize(n);
    stream.lookup(weights->embedding, tokens, x.data());
    rope.compute(ropeSpecFor(c), position, n);
    for (int index = 0; index < c.layers; ++index)
        layer(index, n, observer);
    const int64_t rows = n - logitBegin;
    if (rows > 0) {
        nn::rmsNormForward<float>(x.data() + logitBegin * c.hidden, weights->outputNorm.data(), normed.data(), nullptr,
                                  rows, c.hidden, c.rmsEps);
        infer::multiplyTransposed(stream, weights->outputMatrix(), normed.data(), rows, logits);
    }
    position += int(n);
}

InferenceSession::InferenceSession(std::shared_ptr<const TransformerWeights> weights, int maxContext)
{
    if (!weights)
        throw Error("inference session without weights");
    if (maxContext <= 0)
        throw Error("inference session: a context of " + std::to_string(maxContext) + " positions");
    const TransformerConfig &c = weights->config;
    const uint64_t cacheBytes = 2ull * uint64_t(c.layers) * uint64_t(c.kvHeads) * uint64_t(c.headDim)
        * uint64_t(maxContext) * sizeof(float);
    const uint64_t bufferBytes = uint64_t(weights->scratchFloats) * sizeof(float); // streamed matrices
    const uint64_t available = availableMemoryBytes();
    if (available > 0 && cacheBytes + bufferBytes > available)
        throw Error(weights->model->sourcePath() + ": a KV cache of " + std::to_string(maxContext) + " positions"
                    + (bufferBytes ? " and a " + gibText(bufferBytes) + " buffer for streamed weights need " : " needs ")
                    + gibText(cacheBytes + bufferBytes) + ", " + gibText(available) + " available");
    m_state = std::make_unique<State>(std::move(weights), maxContext);
}

InferenceSession::~InferenceSession() = default;

const TransformerConfig &InferenceSession::config() const { return m_state->weights->config; }

int InferenceSession::position() const { return m_state->position; }

void InferenceSession::reset() { m_state->position = 0; }

void InferenceSession::truncate(int position)
{
    if (position < 0 || position > m_state->position)
        throw Error("inference session: cannot truncate to position " + std::to_string(position) + " of "
                    + std::to_string(m_state->position));
    m_state->position = position;
}

void InferenceSession::evaluate(std::span<const int32_t> tokens, int firstLogit, std::span<float> logits,
                                ActivationObserver *observer)
{
    State &s = *m_state;
    const TransformerConfig &c = s.weights->config;
    const auto n = int64_t(tokens.size());
    if (n > int64_t(s.maxContext) - s.position)
        throw Error("inference session: " + std::to_string(n) + " tokens at position " + std::to_string(s.position)
                    + " overflow the context of " + std::to_string(s.maxContext) + " positions");
    if (firstLogit < 0 || firstLogit > n)
        throw Error("inference session: first logit row " + std::to_string(firstLogit) + " of " + std::to_string(n)
                    + " tokens");
    if (logits.size() != size_t(n - firstLogit) * size_t(c.vocab))
        throw Error("inference session: " + std::to_string(logits.size()) + " logits given for "
                    + std::to_string(n - firstLogit) + " rows of " + std::to_string(c.vocab));
    for (const int32_t token : tokens)
        if (token < 0 || token >= c.vocab)
            throw Error("inference session: token " + std::to_string(token) + " is outside the vocabulary of "
                        + std::to_string(c.vocab));

    infer::useBlasThreads(s.weights->threads);
    for (int64_t begin = 0; begin < n; begin += kMaxBatch) {
        const int64_t end = std::min(n, begin + kMaxBatch);
        const int64_t logitRow = std::min(end, std::max<int64_t>(firstLogit, begin)); // first with logits
        float *out = logitRow < end ? logits.data() + (logitRow - firstLogit) * c.vocab : nullptr;
        s.forward(tokens.subspan(size_t(begin), size_t(end - begin)), logitRow - begin, out, observer);
    }
}

void InferenceSession::embed(std::span<const int32_t> tokens, std::span<float> out)
{
    State &s = *m_state;
    const TransformerConfig &c = s.weights->config;
    if (out.size() != tokens.size() * size_t(c.hidden))
        throw Error("inference session: " + std::to_string(out.size()) + " floats given for the embeddings of "
                    + std::to_string(tokens.size()) + " tokens");
    for (const int32_t token : tokens)
        if (token < 0 || token >= c.vocab)
            throw Error("inference session: token " + std::to_string(token) + " is outside the vocabulary of "
                        + std::to_string(c.vocab));
    s.stream.lookup(s.weights->embedding, tokens, out.data());
}

int64_t InferenceSession::State::loadLayerInput(int layer, std::span<const float> hidden)
{
    const TransformerConfig &c = weights->config;
    const auto n = int64_t(hidden.size() / size_t(c.hidden));
    if (layer < 0 || layer >= c.layers || n < 1 || hidden.size() != size_t(n * c.hidden))
        throw Error("inference session: cannot run layer " + std::to_string(layer) + " on "
                    + std::to_string(hidden.size()) + " floats");
    if (n > maxContext)
        throw Error("inference session: " + std::to_string(n) + " tokens overflow the context of "
                    + std::to_string(maxContext) + " positions");
    infer::useBlasThreads(weights->threads);
    position = 0;
    resize(n);
    std::copy(hidden.begin(), hidden.end(), x.begin());
    rope.compute(ropeSpecFor(c), 0, n);
    return n;
}

void InferenceSession::runLayer(int layer, std::span<float> hidden, ActivationObserver *observer)
{
    State &s = *m_state;
    s.layer(layer, s.loadLayerInput(layer, hidden), observer);
    std::copy(s.x.begin(), s.x.end(), hidden.begin());
}

void InferenceSession::runAttention(int layer, std::span<float> hidden, ActivationObserver *observer)
{
    State &s = *m_state;
    s.attentionBlock(layer, s.loadLayerInput(layer, hidden), observer);
    std::copy(s.x.begin(), s.x.end(), hidden.begin());
}

void InferenceSession::finalNorm(std::span<float> hidden)
{
    State &s = *m_state;
    const TransformerConfig &c = s.weights->config;
    const auto n = int64_t(hidden.size() / size_t(c.hidden));
    nn::rmsNormForward<float>(hidden.data(), s.weights->outputNorm.data(), hidden.data(), nullptr, n, c.hidden,
                              c.rmsEps);
}

} // namespace bitcliff
