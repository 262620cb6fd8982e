#include "train/parameterlayout.h"

#include "infer/tensornames.h"
#include "util/error.h"

namespace bitcliff::train {

namespace {

using infer::GlobalTensor;
using infer::Linear;
using infer::Norm;

constexpr ModelFormat kHf = ModelFormat::Safetensors;

void checkConfig(const TransformerConfig &c)
{
    if (c.layers <= 0 || c.hidden <= 0 || c.intermediate <= 0 || c.heads <= 0 || c.kvHeads <= 0 || c.headDim <= 0
        || c.vocab <= 0)
        throw Error("training: invalid model configuration (" + configText(c) + ")");
    if (c.heads % c.kvHeads != 0 || c.headDim % 2 != 0)
        throw Error("training: " + configText(c) + ": heads must be a multiple of KV heads and the head size even");
}

class LayoutBuilder
{
public:
    int add(std::string name, std::vector<int64_t> shape, ParameterKind kind)
    {
        ParameterSlot slot{std::move(name), std::move(shape), kind};
        // AdamW decays the matrices and an untied head; evaluation's scheme treatment
        // quantizes every weight matrix of two rows or more (embedding and head included).
        slot.decays = kind == ParameterKind::Matrix || kind == ParameterKind::Output;
        slot.quantizable = kind == ParameterKind::Matrix || kind == ParameterKind::Output
            || kind == ParameterKind::Embedding;
        slot.quantizable = slot.quantizable && slot.shape.size() == 2 && slot.shape[0] >= 2;
        slots.push_back(std::move(slot));
        return int(slots.size()) - 1;
    }

    std::vector<ParameterSlot> slots;
    ParameterIndex index;
};

LayoutBuilder build(const TransformerConfig &c)
{
    checkConfig(c);
    LayoutBuilder b;
    const int64_t hidden = c.hidden, q = int64_t(c.heads) * c.headDim, kv = int64_t(c.kvHeads) * c.headDim;
    b.index.embedding = b.add(infer::globalTensorName(kHf, GlobalTensor::Embedding), {c.vocab, hidden},
                              ParameterKind::Embedding);
    for (int layer = 0; layer < c.layers; ++layer) {
        LayerSlots s;
        auto linear = [&](Linear which, int64_t out, int64_t in, int *bias) {
            const int index = b.add(infer::linearTensorName(kHf, layer, which), {out, in}, ParameterKind::Matrix);
            if (bias)
                *bias = b.add(infer::linearTensorName(kHf, layer, which, true), {out}, ParameterKind::Bias);
            return index;
        };
        auto norm = [&](Norm which, int64_t size) {
            return b.add(infer::normTensorName(kHf, layer, which), {size}, ParameterKind::Norm);
        };
        s.attnNorm = norm(Norm::Attn, hidden);
        s.q = linear(Linear::Q, q, hidden, c.qkvBias ? &s.qBias : nullptr);
        s.k = linear(Linear::K, kv, hidden, c.qkvBias ? &s.kBias : nullptr);
        s.v = linear(Linear::V, kv, hidden, c.qkvBias ? &s.vBias : nullptr);
        s.o = linear(Linear::O, hidden, q, nullptr);
        if (c.qkNorm) {
            s.qNorm = norm(Norm::QHead, c.headDim);
            s.kNorm = norm(Norm::KHead, c.headDim);
        }
        s.ffnNorm = norm(Norm::Ffn, hidden);
        s.gate = linear(Linear::Gate, c.intermediate, hidden, nullptr);
        s.up = linear(Linear::Up, c.intermediate, hidden, nullptr);
        s.down = linear(Linear::Down, hidden, c.intermediate, nullptr);
        b.index.layers.push_back(s);
    }
    b.index.outputNorm = b.add(infer::globalTensorName(kHf, GlobalTensor::OutputNorm), {hidden}, ParameterKind::Norm);
    if (!c.tiedOutput)
        b.index.output = b.add(infer::globalTensorName(kHf, GlobalTensor::Output), {c.vocab, hidden},
                               ParameterKind::Output);
    return b;
}

} // namespace

std::vector<ParameterSlot> parameterLayout(const TransformerConfig &config)
{
    return build(config).slots;
}

ParameterIndex parameterIndex(const TransformerConfig &config)
{
    return build(config).index;
}

std::string configText(const TransformerConfig &c)
{
    return c.family + " " + std::to_string(c.layers) + " layers, hidden " + std::to_string(c.hidden)
        + ", intermediate " + std::to_string(c.intermediate) + ", " + std::to_string(c.heads) + " heads, "
        + std::to_string(c.kvHeads) + " KV heads of " + std::to_string(c.headDim) + ", vocabulary "
        + std::to_string(c.vocab);
}

} // namespace bitcliff::train
