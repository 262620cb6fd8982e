// ModelGraph: the forward pass of inferencesession.cpp over a whole batch, keeping what the
// backward pass needs, and the backward pass in reverse order.
#include "train/modelgraph.h"

#include "nn/attention.h"
#include "nn/crossentropy.h"
#include "nn/embedding.h"
#include "nn/linear.h"
#include "nn/rmsnorm.h"
#include "nn/rope.h"
#include "nn/swiglu.h"
#include "train/graphbuffers.h"
#include "infer/linear.h"
#include "train/parameterlayout.h"
#include "util/error.h"
#include "util/parallelfor.h"

#include <algorithm>

namespace bitcliff::train {

namespace {

template<class T>
void zero(std::vector<T> &buffer)
{
    std::fill(buffer.begin(), buffer.end(), T(0));
}

template<class T>
void checkLayout(const Parameters<T> &p, const std::vector<ParameterSlot> &layout, const TransformerConfig &c,
                 const char *what)
{
    if (p.tensors.size() != layout.size())
        throw Error(std::string("model graph: ") + what + " hold " + std::to_string(p.tensors.size())
                    + " tensors, the model (" + configText(c) + ") has " + std::to_string(layout.size()));
    for (size_t i = 0; i < layout.size(); ++i) {
        const Tensor<T> &t = p.tensors[i];
        int64_t count = 1;
        for (const int64_t d : layout[i].shape)
            count *= d;
        if (t.shape != layout[i].shape || int64_t(t.values.size()) != count)
            throw Error(std::string("model graph: ") + what + " tensor " + std::to_string(i) + " '" + t.name
                        + "' does not have the shape of '" + layout[i].name + "' "
                        + shapeText(layout[i].shape));
    }
}

void checkBatch(const Batch &batch, const TransformerConfig &c)
{
    if (batch.sequences < 0 || batch.length < 0)
        throw Error("model graph: a batch of " + std::to_string(batch.sequences) + " × "
                    + std::to_string(batch.length) + " tokens");
    const auto n = size_t(batch.sequences * batch.length);
    if (batch.tokens.size() != n || batch.targets.size() != n)
        throw Error("model graph: a batch of " + std::to_string(batch.sequences) + " × " + std::to_string(batch.length)
                    + " holds " + std::to_string(batch.tokens.size()) + " tokens and "
                    + std::to_string(batch.targets.size()) + " targets");
    if (c.contextLength > 0 && batch.length > c.contextLength)
        throw Error("model graph: sequences of " + std::to_string(batch.length) + " tokens exceed the context of "
                    + std::to_string(c.contextLength));
    for (size_t i = 0; i < n; ++i) {
        if (batch.tokens[i] < 0 || batch.tokens[i] >= c.vocab)
            throw Error("model graph: token " + std::to_string(batch.tokens[i]) + " at " + std::to_string(i)
                        + " is outside the vocabulary of " + std::to_string(c.vocab));
        if (batch.targets[i] < -1 || batch.targets[i] >= c.vocab)
            throw Error("model graph: target " + std::to_string(batch.targets[i]) + " at " + std::to_string(i)
                        + " is outside the vocabulary of " + std::to_string(c.vocab));
    }
}

} // namespace

template<class T>
struct ModelGraph<T>::State
{
    State(const TransformerConfig &c, int threadCount)
        : config(c)
        , threads(threadCount)
        , layout(parameterLayout(c))
        , index(parameterIndex(c))
        , layers(size_t(c.layers))
    {
        if (c.ropeLayout != RopeLayout::Neox)
            throw Error("model graph: training runs the Hugging Face (Neox) RoPE layout only");
    }

    void allocate(int64_t sequences, int64_t length);
    void forward(const Parameters<T> &w, const Batch &batch);
    void backward(const Parameters<T> &w, const Batch &batch, Parameters<T> &g);
    void layerForward(int layer, const Parameters<T> &w, T *output);
    void layerBackward(int layer, const Parameters<T> &w, Parameters<T> &g);
    nn::AttentionShape attentionShape() const { return {length, config.heads, config.kvHeads, config.headDim}; }
    template<class F>
    void forEachSequence(const F &work);

    TransformerConfig config;
    int threads = 1;
    std::vector<ParameterSlot> layout;
    ParameterIndex index;
    int64_t sequences = 0, length = 0, rows = 0;
    int64_t ropeLength = -1;
    nn::RopeTables<T> rope;
    std::vector<std::array<std::vector<T>, kLayerBuffers>> layers;
    std::array<std::vector<T>, kGlobalBuffers> globals;
};

template<class T>
void ModelGraph<T>::State::allocate(int64_t s, int64_t l)
{
    sequences = s;
    length = l;
    rows = s * l;
    const LayerSizes layerSizes = layerBufferSizes(config, s, l);
    for (auto &buffers : layers)
        for (size_t b = 0; b < buffers.size(); ++b)
            buffers[b].resize(size_t(layerSizes[b]));
    const GlobalSizes globalSizes = globalBufferSizes(config, s, l);
    for (size_t b = 0; b < globals.size(); ++b)
        globals[b].resize(size_t(globalSizes[b]));
    if (ropeLength != l) {
        rope.compute(ropeSpecFor(config), 0, l);
        ropeLength = l;
    }
}

// work(sequence) for every sequence of the batch: in turn, or on the workers with
// single-threaded BLAS (each sequence's arithmetic is then the same whichever worker runs it).
template<class T>
template<class F>
void ModelGraph<T>::State::forEachSequence(const F &work)
{
    if (parallelWorkerCount(size_t(sequences), threads) <= 1) {
        for (int64_t seq = 0; seq < sequences; ++seq)
            work(seq);
        return;
    }
    const infer::BlasThreadsScope singleThreaded(1);
    parallelForEach(
        size_t(sequences), threads, [](size_t) { return uint64_t(1); },
        [&work](size_t seq, int) { work(int64_t(seq)); }, {});
}

// One decoder block as InferenceSession::State::layer runs it; `output` receives the
// residual stream after the block.
template<class T>
void ModelGraph<T>::State::layerForward(int layer, const Parameters<T> &w, T *output)
{
    const TransformerConfig &c = config;
    const LayerSlots &s = index.layers[size_t(layer)];
    auto &a = layers[size_t(layer)];
    auto value = [&w](int slot) { return slot >= 0 ? w.tensors[size_t(slot)].values.data() : nullptr; };
    const int64_t n = rows, hidden = c.hidden, qWidth = int64_t(c.heads) * c.headDim;
    const int64_t kvWidth = int64_t(c.kvHeads) * c.headDim;
    const T eps = T(c.rmsEps);

    nn::rmsNormForward(a[LayerInput].data(), value(s.attnNorm), a[AttnNormed].data(), a[AttnInverse].data(), n,
                       hidden, eps);
    T *q = c.qkNorm ? a[QRaw].data() : a[QRotated].data();
    T *k = c.qkNorm ? a[KRaw].data() : a[KRotated].data();
    nn::linearForward(a[AttnNormed].data(), value(s.q), value(s.qBias), n, hidden, qWidth, q);
    nn::linearForward(a[AttnNormed].data(), value(s.k), value(s.kBias), n, hidden, kvWidth, k);
    nn::linearForward(a[AttnNormed].data(), value(s.v), value(s.vBias), n, hidden, kvWidth, a[Values].data());
    if (c.qkNorm) { // each head's vector, before RoPE
        nn::rmsNormForward(q, value(s.qNorm), a[QRotated].data(), a[QInverse].data(), n * c.heads, c.headDim, eps);
        nn::rmsNormForward(k, value(s.kNorm), a[KRotated].data(), a[KInverse].data(), n * c.kvHeads, c.headDim, eps);
    }
    const nn::AttentionShape shape = attentionShape();
    forEachSequence([&](int64_t seq) {
        T *qs = a[QRotated].data() + seq * length * qWidth, *ks = a[KRotated].data() + seq * length * kvWidth;
        rope.forward(qs, length, qWidth, c.heads);
        rope.forward(ks, length, kvWidth, c.kvHeads);
        nn::causalAttentionForward<T>(qs, ks, a[Values].data() + seq * length * kvWidth, shape,
                                      a[AttnOut].data() + seq * length * qWidth,
                                      a[Probs].data() + seq * c.heads * length * length);
    });
    std::copy(a[LayerInput].begin(), a[LayerInput].end(), a[Mid].begin());
    nn::linearForward(a[AttnOut].data(), value(s.o), static_cast<const T *>(nullptr), n, qWidth, hidden,
                      a[Mid].data(), true); // residual

    nn::rmsNormForward(a[Mid].data(), value(s.ffnNorm), a[FfnNormed].data(), a[FfnInverse].data(), n, hidden, eps);
    nn::linearForward(a[FfnNormed].data(), value(s.gate), static_cast<const T *>(nullptr), n, hidden,
                      int64_t(c.intermediate), a[Gate].data());
    nn::linearForward(a[FfnNormed].data(), value(s.up), static_cast<const T *>(nullptr), n, hidden,
                      int64_t(c.intermediate), a[Up].data());
    nn::swigluForward(a[Gate].data(), a[Up].data(), a[Activated].data(), n * c.intermediate);
    std::copy(a[Mid].begin(), a[Mid].end(), output);
    nn::linearForward(a[Activated].data(), value(s.down), static_cast<const T *>(nullptr), n,
                      int64_t(c.intermediate), hidden, output, true); // residual
}

template<class T>
void ModelGraph<T>::State::forward(const Parameters<T> &w, const Batch &batch)
{
    const TransformerConfig &c = config;
    T *stream = layers.empty() ? globals[FinalInput].data() : layers[0][LayerInput].data();
    nn::embeddingForward(w.tensors[size_t(index.embedding)].values.data(), int64_t(c.hidden), batch.tokens.data(),
                         rows, stream);
    for (int layer = 0; layer < c.layers; ++layer) {
        T *output = layer + 1 < c.layers ? layers[size_t(layer) + 1][LayerInput].data() : globals[FinalInput].data();
        layerForward(layer, w, output);
    }
    nn::rmsNormForward(globals[FinalInput].data(), w.tensors[size_t(index.outputNorm)].values.data(),
                       globals[FinalNormed].data(), globals[FinalInverse].data(), rows, int64_t(c.hidden),
                       T(c.rmsEps));
    const int head = index.output >= 0 ? index.output : index.embedding;
    nn::linearForward(globals[FinalNormed].data(), w.tensors[size_t(head)].values.data(),
                      static_cast<const T *>(nullptr), rows, int64_t(c.hidden), int64_t(c.vocab),
                      globals[Logits].data());
}

// The gradient of the block's output is in globals[GradStream]; leaves there the gradient of
// its input, and adds the block's weight gradients to `g`.
template<class T>
void ModelGraph<T>::State::layerBackward(int layer, const Parameters<T> &w, Parameters<T> &g)
{
    const TransformerConfig &c = config;
    const LayerSlots &s = index.layers[size_t(layer)];
    auto &a = layers[size_t(layer)];
    auto &d = globals;
    auto value = [&w](int slot) { return slot >= 0 ? w.tensors[size_t(slot)].values.data() : nullptr; };
    auto grad = [&g](int slot) { return slot >= 0 ? g.tensors[size_t(slot)].values.data() : nullptr; };
    const int64_t n = rows, hidden = c.hidden, inner = c.intermediate, qWidth = int64_t(c.heads) * c.headDim;
    const int64_t kvWidth = int64_t(c.kvHeads) * c.headDim;
    T *dStream = d[GradStream].data();

    // MLP: output = mid + down(silu(gate) ⊙ up); dStream carries the residual's identity path.
    zero(d[GradActivated]);
    nn::linearBackward(a[Activated].data(), value(s.down), dStream, n, inner, hidden, d[GradActivated].data(),
                       grad(s.down), static_cast<T *>(nullptr));
    zero(d[GradGate]);
    zero(d[GradUp]);
    nn::swigluBackward(a[Gate].data(), a[Up].data(), d[GradActivated].data(), n * inner, d[GradGate].data(),
                       d[GradUp].data());
    zero(d[GradNormed]);
    nn::linearBackward(a[FfnNormed].data(), value(s.gate), d[GradGate].data(), n, hidden, inner,
                       d[GradNormed].data(), grad(s.gate), static_cast<T *>(nullptr));
    nn::linearBackward(a[FfnNormed].data(), value(s.up), d[GradUp].data(), n, hidden, inner, d[GradNormed].data(),
                       grad(s.up), static_cast<T *>(nullptr));
    nn::rmsNormBackward(a[Mid].data(), value(s.ffnNorm), a[FfnInverse].data(), d[GradNormed].data(), n, hidden,
                        dStream, grad(s.ffnNorm));

    // Attention: mid = input + o_proj(attention(rope(norm(q)), rope(norm(k)), v)).
    zero(d[GradAttnOut]);
    nn::linearBackward(a[AttnOut].data(), value(s.o), dStream, n, qWidth, hidden, d[GradAttnOut].data(), grad(s.o),
                       static_cast<T *>(nullptr));
    zero(d[GradQ]);
    zero(d[GradK]);
    zero(d[GradV]);
    const nn::AttentionShape shape = attentionShape();
    forEachSequence([&](int64_t seq) {
        const int64_t qAt = seq * length * qWidth, kvAt = seq * length * kvWidth;
        nn::causalAttentionBackward<T>(a[QRotated].data() + qAt, a[KRotated].data() + kvAt, a[Values].data() + kvAt,
                                       a[Probs].data() + seq * c.heads * length * length,
                                       d[GradAttnOut].data() + qAt, shape, d[GradQ].data() + qAt,
                                       d[GradK].data() + kvAt, d[GradV].data() + kvAt,
                                       d[AttnScratch].data() + seq * length * length);
        rope.backward(d[GradQ].data() + qAt, length, qWidth, c.heads);
        rope.backward(d[GradK].data() + kvAt, length, kvWidth, c.kvHeads);
    });
    T *dq = d[GradQ].data(), *dk = d[GradK].data();
    if (c.qkNorm) {
        zero(d[GradQRaw]);
        zero(d[GradKRaw]);
        nn::rmsNormBackward(a[QRaw].data(), value(s.qNorm), a[QInverse].data(), dq, n * c.heads, c.headDim,
                            d[GradQRaw].data(), grad(s.qNorm));
        nn::rmsNormBackward(a[KRaw].data(), value(s.kNorm), a[KInverse].data(), dk, n * c.kvHeads, c.headDim,
                            d[GradKRaw].data(), grad(s.kNorm));
        dq = d[GradQRaw].data();
        dk = d[GradKRaw].data();
    }
    zero(d[GradNormed]);
    const T *x = a[AttnNormed].data();
    nn::linearBackward(x, value(s.q), dq, n, hidden, qWidth, d[GradNormed].data(), grad(s.q), grad(s.qBias));
    nn::linearBackward(x, value(s.k), dk, n, hidden, kvWidth, d[GradNormed].data(), grad(s.k), grad(s.kBias));
    nn::linearBackward(x, value(s.v), d[GradV].data(), n, hidden, kvWidth, d[GradNormed].data(), grad(s.v),
                       grad(s.vBias));
    nn::rmsNormBackward(a[LayerInput].data(), value(s.attnNorm), a[AttnInverse].data(), d[GradNormed].data(), n,
                        hidden, dStream, grad(s.attnNorm));
}

// Runs after forward() and the cross-entropy, which left the logits' gradient in
// globals[Logits].
template<class T>
void ModelGraph<T>::State::backward(const Parameters<T> &w, const Batch &batch, Parameters<T> &g)
{
    const TransformerConfig &c = config;
    const int64_t hidden = c.hidden;
    const int head = index.output >= 0 ? index.output : index.embedding; // tied: into the embedding's gradient
    zero(globals[GradNormed]);
    nn::linearBackward(globals[FinalNormed].data(), w.tensors[size_t(head)].values.data(), globals[Logits].data(),
                       rows, hidden, int64_t(c.vocab), globals[GradNormed].data(),
                       g.tensors[size_t(head)].values.data(), static_cast<T *>(nullptr));
    zero(globals[GradStream]);
    nn::rmsNormBackward(globals[FinalInput].data(), w.tensors[size_t(index.outputNorm)].values.data(),
                        globals[FinalInverse].data(), globals[GradNormed].data(), rows, hidden,
                        globals[GradStream].data(), g.tensors[size_t(index.outputNorm)].values.data());
    for (int layer = c.layers - 1; layer >= 0; --layer)
        layerBackward(layer, w, g);
    nn::embeddingBackward(globals[GradStream].data(), batch.tokens.data(), rows, hidden,
                          g.tensors[size_t(index.embedding)].values.data());
}

template<class T>
ModelGraph<T>::ModelGraph(const TransformerConfig &config, int threads)
    : m_state(std::make_unique<State>(config, threads))
{
}

template<class T>
ModelGraph<T>::~ModelGraph() = default;

template<class T>
double ModelGraph<T>::run(const Parameters<T> &weights, const Batch &batch, T lossScale, Parameters<T> *gradients)
{
    State &s = *m_state;
    checkLayout(weights, s.layout, s.config, "weights");
    if (gradients)
        checkLayout(*gradients, s.layout, s.config, "gradients");
    checkBatch(batch, s.config);
    s.allocate(batch.sequences, batch.length);
    if (s.rows == 0)
        return 0.0;
    s.forward(weights, batch);
    T *logits = s.globals[Logits].data();
    const double loss = nn::crossEntropy(logits, batch.targets.data(), s.rows, int64_t(s.config.vocab), lossScale,
                                         gradients ? logits : nullptr);
    if (gradients)
        s.backward(weights, batch, *gradients);
    return loss;
}

template<class T>
int64_t ModelGraph<T>::activationBytes(const TransformerConfig &config, int64_t sequences, int64_t length)
{
    int64_t elements = 0;
    for (const int64_t size : layerBufferSizes(config, sequences, length))
        elements += size * config.layers;
    for (const int64_t size : globalBufferSizes(config, sequences, length))
        elements += size;
    return elements * int64_t(sizeof(T));
}

template<class T>
int64_t ModelGraph<T>::bufferBytes() const
{
    int64_t elements = 0;
    for (const auto &buffers : m_state->layers)
        for (const std::vector<T> &b : buffers)
            elements += int64_t(b.size());
    for (const std::vector<T> &b : m_state->globals)
        elements += int64_t(b.size());
    return elements * int64_t(sizeof(T));
}

template<class T>
std::span<const T> ModelGraph<T>::logits() const
{
    const std::vector<T> &logits = m_state->globals[Logits];
    return {logits.data(), logits.size()};
}

template class ModelGraph<float>;
template class ModelGraph<double>;

} // namespace bitcliff::train
