// transformerConfigFor: the family, dimensions, norms and RoPE of a checkpoint, from
// config.json (Hugging Face) or the [arch].* keys (GGUF), checked against its tensors.
#include "formats/ropescaling.h"
#include "infer/tensornames.h"
#include "infer/transformer.h"
#include "util/error.h"

namespace bitcliff {

namespace {

using namespace infer;

std::string familyOf(const Model &model)
{
    const std::string &name = model.architecture().name;
    if (model.format() == ModelFormat::Gguf) {
        if (name == "llama" || name == "qwen2" || name == "qwen3")
            return name;
    } else if (name == "LlamaForCausalLM" || name == "MistralForCausalLM" || name == "llama" || name == "mistral") {
        return "llama";
    } else if (name == "Qwen2ForCausalLM" || name == "qwen2") {
        return "qwen2";
    } else if (name == "Qwen3ForCausalLM" || name == "qwen3") {
        return "qwen3";
    }
    const std::string shown = name.empty() ? std::string("(none: no config.json or general.architecture)") : "'" + name + "'";
    throw Error(model.sourcePath() + ": unsupported architecture " + shown + " (BitCliff runs llama, qwen2, qwen3)");
}

[[noreturn]] void refuseUnreadable(const std::vector<const TensorInfo *> &tensors)
{
    throw Error("cannot evaluate: " + unreadableTensorsText(tensors));
}

// The tensor, checked to exist with `shape` and a type the engine can read. A tensor of a
// type BitCliff cannot read is added to `unreadable` when given (so one message can name
// them all), else refused at once.
const TensorInfo &requireTensor(const Model &model, const std::string &name, const std::vector<int64_t> &shape,
                                std::vector<const TensorInfo *> *unreadable = nullptr)
{
    const TensorInfo *tensor = model.find(name);
    if (!tensor)
        throw Error(model.sourcePath() + ": tensor '" + name + "' is missing");
    if (tensor->shape != shape)
        throw Error(name + ": shape " + shapeText(tensor->shape) + ", expected " + shapeText(shape));
    if (!tensor->supported()) {
        if (!unreadable)
            refuseUnreadable({tensor});
        unreadable->push_back(tensor);
    }
    return *tensor;
}

const std::string *ggufKey(const Model &model, const std::string &key)
{
    for (const auto &[name, value] : model.metadata())
        if (name == key)
            return &value;
    return nullptr;
}

// A numeric GGUF key (the catalog holds values as text), or `fallback`.
double ggufNumber(const Model &model, const std::string &key, double fallback)
{
    const std::string *text = ggufKey(model, key);
    try {
        return text ? std::stod(*text) : fallback;
    } catch (const std::exception &) {
        throw Error(model.sourcePath() + ": key " + key + " is not a number: " + *text);
    }
}

// RoPE frequency divisors of a GGUF file: the rope_freqs tensor (llama.cpp's Llama-3
// scaling) times a linear scaling factor; yarn and longrope are refused.
std::vector<float> ggufRopeDivisors(const Model &model, const TransformerConfig &config)
{
    std::vector<float> divisors;
    const std::string label = model.sourcePath();
    if (const TensorInfo *freqs = model.find(globalTensorName(ModelFormat::Gguf, GlobalTensor::RopeFreqs))) {
        requireTensor(model, freqs->name, {config.headDim / 2});
        divisors.resize(size_t(config.headDim / 2));
        model.readRows(*freqs, 0, 1, divisors.data());
    }
    const std::string prefix = config.family + ".rope.scaling.";
    const std::string *type = ggufKey(model, prefix + "type");
    if (type && !type->empty() && *type != "none") {
        RopeScaling scaling;
        scaling.type = *type;
        scaling.factor = ggufNumber(model, prefix + "factor", 1.0);
        const std::vector<float> more = ropeFreqDivisors(scaling, config.headDim, config.ropeTheta, label);
        if (divisors.empty())
            divisors.assign(more.size(), 1.0f);
        for (size_t i = 0; i < divisors.size(); ++i)
            divisors[i] *= more[i];
    }
    return divisors;
}

std::vector<float> hfRopeDivisors(const Model &model, const TransformerConfig &config)
{
    const std::filesystem::path source(model.sourcePath());
    std::error_code ec;
    const std::filesystem::path directory = std::filesystem::is_directory(source, ec) ? source : source.parent_path();
    return ropeFreqDivisors(readHfRopeScaling(directory / "config.json"), config.headDim, config.ropeTheta,
                            model.sourcePath());
}

// Every tensor the forward pass reads, with its shape; biases where the checkpoint has them.
// Tensors of types BitCliff cannot read are refused together, in one line.
void checkTensors(const Model &model, const TransformerConfig &c)
{
    std::vector<const TensorInfo *> unreadable;
    const auto require = [&model, &unreadable](const std::string &name, const std::vector<int64_t> &shape) {
        requireTensor(model, name, shape, &unreadable);
    };
    const ModelFormat f = model.format();
    const int64_t q = int64_t(c.heads) * c.headDim, kv = int64_t(c.kvHeads) * c.headDim;
    require(globalTensorName(f, GlobalTensor::Embedding), {c.vocab, c.hidden});
    require(globalTensorName(f, GlobalTensor::OutputNorm), {c.hidden});
    if (!c.tiedOutput)
        require(globalTensorName(f, GlobalTensor::Output), {c.vocab, c.hidden});
    for (int layer = 0; layer < c.layers; ++layer) {
        require(normTensorName(f, layer, Norm::Attn), {c.hidden});
        require(normTensorName(f, layer, Norm::Ffn), {c.hidden});
        if (c.qkNorm) {
            require(normTensorName(f, layer, Norm::QHead), {c.headDim});
            require(normTensorName(f, layer, Norm::KHead), {c.headDim});
        }
        const std::array<std::vector<int64_t>, 7> shapes{{{q, c.hidden},
                                                          {kv, c.hidden},
                                                          {kv, c.hidden},
                                                          {c.hidden, q},
                                                          {c.intermediate, c.hidden},
                                                          {c.intermediate, c.hidden},
                                                          {c.hidden, c.intermediate}}};
        for (Linear linear : infer::kLinears) {
            const std::vector<int64_t> &shape = shapes[size_t(linear)];
            require(linearTensorName(f, layer, linear), shape);
            const bool qkv = linear == Linear::Q || linear == Linear::K || linear == Linear::V;
            const std::string bias = linearTensorName(f, layer, linear, true);
            if ((qkv && c.qkvBias) || model.find(bias))
                require(bias, {shape[0]});
        }
    }
    if (!unreadable.empty())
        refuseUnreadable(unreadable);
}

} // namespace

TransformerConfig transformerConfigFor(const Model &model)
{
    TransformerConfig c;
    c.family = familyOf(model);
    const ArchitectureSummary &arch = model.architecture();
    const ModelFormat f = model.format();
    const std::string label = model.sourcePath();

    const TensorInfo *embedding = model.find(globalTensorName(f, GlobalTensor::Embedding));
    if (!embedding || embedding->shape.size() != 2)
        throw Error(label + ": tensor '" + globalTensorName(f, GlobalTensor::Embedding)
                    + (embedding ? "' is not a matrix" : "' is missing"));
    c.vocab = int(embedding->shape[0]);
    c.hidden = arch.hiddenSize > 0 ? arch.hiddenSize : int(embedding->shape[1]);
    c.layers = arch.layers;
    c.heads = arch.heads;
    c.kvHeads = arch.kvHeads > 0 ? arch.kvHeads : arch.heads;
    c.headDim = arch.headDim > 0 ? arch.headDim : (arch.heads > 0 ? c.hidden / arch.heads : 0);
    c.intermediate = arch.intermediateSize;
    if (c.intermediate == 0)
        if (const TensorInfo *gate = model.find(linearTensorName(f, 0, Linear::Gate)); gate && !gate->shape.empty())
            c.intermediate = int(gate->shape[0]);
    if (c.layers <= 0 || c.heads <= 0 || c.kvHeads <= 0 || c.hidden <= 0 || c.intermediate <= 0 || c.vocab <= 0)
        throw Error(label + ": the configuration lacks layers, heads, hidden or intermediate size");
    if (c.heads % c.kvHeads != 0 || c.headDim % 2 != 0 || c.headDim <= 0)
        throw Error(label + ": " + std::to_string(c.heads) + " heads, " + std::to_string(c.kvHeads)
                    + " KV heads of size " + std::to_string(c.headDim)
                    + ": heads must be a multiple of KV heads and the head size even");
    c.contextLength = arch.contextLength;
    c.rmsEps = float(arch.rmsNormEps > 0 ? arch.rmsNormEps : (c.family == "llama" ? 1e-5 : 1e-6));
    c.ropeTheta = arch.ropeTheta > 0 ? arch.ropeTheta : 10000.0;
    // llama.cpp's converter permutes the Q/K rows of `llama` for its adjacent-pair RoPE.
    c.ropeLayout = f == ModelFormat::Gguf && c.family == "llama" ? RopeLayout::AdjacentPairs : RopeLayout::Neox;
    c.qkvBias = model.find(linearTensorName(f, 0, Linear::Q, true)) != nullptr;
    c.qkNorm = c.family == "qwen3";
    c.tiedOutput = arch.tieWordEmbeddings || !model.find(globalTensorName(f, GlobalTensor::Output));
    checkTensors(model, c);

    if (f == ModelFormat::Gguf) {
        const double ropeDims = ggufNumber(model, c.family + ".rope.dimension_count", c.headDim);
        if (ropeDims != c.headDim)
            throw Error(label + ": RoPE over " + std::to_string(int64_t(ropeDims)) + " of " + std::to_string(c.headDim)
                        + " head dimensions (partial rotary) is not supported");
        c.ropeFreqFactors = ggufRopeDivisors(model, c);
    } else {
        c.ropeFreqFactors = hfRopeDivisors(model, c);
    }
    return c;
}

nn::RopeSpec ropeSpecFor(const TransformerConfig &config)
{
    return {config.headDim, config.ropeTheta, config.ropeLayout, config.ropeFreqFactors};
}

} // namespace bitcliff
