// Parameters: the named tensors of a model, made from a config (HF-style random
// initialization from a portable generator) or read from a Hugging Face checkpoint.
#include "train/parameters.h"

#include "infer/tensornames.h"
#include "train/parameterlayout.h"
#include "util/error.h"
#include "util/parallelfor.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

namespace bitcliff::train {

namespace {

constexpr double kInitStd = 0.02; // HF LlamaConfig.initializer_range

// Standard normal values by Box-Muller from a 64-bit Mersenne Twister: the same sequence on
// every machine (std::normal_distribution's algorithm is up to the library).
class NormalSource
{
public:
    explicit NormalSource(uint64_t seed)
        : m_engine(seed)
    {
    }

    double next()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        const double radius = std::sqrt(-2.0 * std::log(uniformOpen()));
        const double angle = 2.0 * std::numbers::pi * uniformOpen();
        m_spare = radius * std::sin(angle);
        m_hasSpare = true;
        return radius * std::cos(angle);
    }

private:
    // Uniform in (0, 1): 53 random bits, offset by half a step so log() never sees 0.
    double uniformOpen() { return (double(m_engine() >> 11) + 0.5) * 0x1p-53; }

    std::mt19937_64 m_engine;
    bool m_hasSpare = false;
    double m_spare = 0.0;
};

template<class T>
std::vector<Tensor<T>> emptyTensors(const std::vector<ParameterSlot> &layout)
{
    std::vector<Tensor<T>> tensors;
    tensors.reserve(layout.size());
    for (const ParameterSlot &slot : layout) {
        int64_t count = 1;
        for (const int64_t d : slot.shape)
            count *= d;
        tensors.push_back({slot.name, slot.shape, std::vector<T>(size_t(count), T(0)), slot.decays, slot.quantizable});
    }
    return tensors;
}

// Biases the inference engine would add but the training graph has no place for.
void refuseUnmodeledBiases(const Model &model, const TransformerConfig &c)
{
    using infer::Linear;
    for (int layer = 0; layer < c.layers; ++layer)
        for (const Linear linear : {Linear::O, Linear::Gate, Linear::Up, Linear::Down}) {
            const std::string name = infer::linearTensorName(model.format(), layer, linear, true);
            if (model.find(name))
                throw Error(model.sourcePath() + ": tensor '" + name + "' is a bias training does not support");
        }
}

} // namespace

template<class T>
int64_t Parameters<T>::count() const
{
    int64_t total = 0;
    for (const Tensor<T> &t : tensors)
        total += int64_t(t.values.size());
    return total;
}

template<class T>
Tensor<T> *Parameters<T>::find(const std::string &name)
{
    for (Tensor<T> &t : tensors)
        if (t.name == name)
            return &t;
    return nullptr;
}

template<class T>
const Tensor<T> *Parameters<T>::find(const std::string &name) const
{
    for (const Tensor<T> &t : tensors)
        if (t.name == name)
            return &t;
    return nullptr;
}

template<class T>
Parameters<T> Parameters<T>::zerosLike() const
{
    Parameters<T> zeros;
    zeros.config = config;
    zeros.tensors.reserve(tensors.size());
    for (const Tensor<T> &t : tensors)
        zeros.tensors.push_back({t.name, t.shape, std::vector<T>(t.values.size(), T(0)), t.decays, t.quantizable});
    return zeros;
}

template<class T>
void Parameters<T>::setZero()
{
    for (Tensor<T> &t : tensors)
        std::fill(t.values.begin(), t.values.end(), T(0));
}

template<class T>
Parameters<T> initialParameters(const TransformerConfig &config, uint64_t seed)
{
    const std::vector<ParameterSlot> layout = parameterLayout(config);
    Parameters<T> p;
    p.config = config;
    p.config.ropeLayout = RopeLayout::Neox;
    p.tensors = emptyTensors<T>(layout);
    NormalSource normal(seed);
    for (size_t i = 0; i < layout.size(); ++i) {
        std::vector<T> &values = p.tensors[i].values;
        switch (layout[i].kind) {
        case ParameterKind::Norm:
            std::fill(values.begin(), values.end(), T(1));
            break;
        case ParameterKind::Bias:
            break; // zeros
        case ParameterKind::Embedding:
        case ParameterKind::Matrix:
        case ParameterKind::Output:
            for (T &v : values)
                v = T(kInitStd * normal.next());
            break;
        }
    }
    return p;
}

Parameters<float> parametersOf(const Model &model)
{
    if (model.format() == ModelFormat::Gguf)
        throw Error(model.sourcePath() + ": training starts from Hugging Face checkpoints only (GGUF is not supported"
                    " for training yet)");
    const TransformerConfig config = transformerConfigFor(model);
    if (config.ropeLayout != RopeLayout::Neox)
        throw Error(model.sourcePath() + ": training needs the Hugging Face (Neox) RoPE layout");
    refuseUnmodeledBiases(model, config);
    const std::vector<ParameterSlot> layout = parameterLayout(config);
    std::vector<const TensorInfo *> infos;
    for (const ParameterSlot &slot : layout) {
        const TensorInfo *info = model.find(slot.name);
        if (!info)
            throw Error(model.sourcePath() + ": tensor '" + slot.name + "' is missing");
        if (info->shape != slot.shape)
            throw Error(model.sourcePath() + ": tensor '" + slot.name + "' has shape " + shapeText(info->shape)
                        + ", expected " + shapeText(slot.shape));
        if (!info->supported())
            throw Error(model.sourcePath() + ": tensor '" + slot.name + "' has type " + info->dtypeLabel
                        + ", which BitCliff cannot read");
        infos.push_back(info);
    }
    Parameters<float> p;
    p.config = config;
    p.tensors = emptyTensors<float>(layout);
    parallelForEach(
        infos.size(), 0, [&](size_t i) { return uint64_t(p.tensors[i].values.size()); },
        [&](size_t i, int) { model.readRows(*infos[i], 0, infos[i]->rows(), p.tensors[i].values.data()); }, {});
    return p;
}

template struct Parameters<float>;
template struct Parameters<double>;
template Parameters<float> initialParameters(const TransformerConfig &, uint64_t);
template Parameters<double> initialParameters(const TransformerConfig &, uint64_t);

} // namespace bitcliff::train
