// QAT's fake quantization: each quantizable tensor through the treatment the loader gives the
// same tensor of a float32 checkpoint (quant/tensortreatment.h), rows quantized whole-tensor
// like fakeQuantizeTensor, so training sees exactly the weights evaluation would.
#include "train/qat.h"

#include "formats/tensorrole.h"
#include "quant/quantizer.h"
#include "quant/tensortreatment.h"
#include "util/error.h"
#include "util/parallelfor.h"

#include <algorithm>

namespace bitcliff::train {

namespace {

// The catalog entry a float32 Hugging Face checkpoint of these parameters would have.
TensorInfo catalogEntry(const Tensor<float> &tensor)
{
    TensorInfo info;
    info.name = tensor.name;
    info.shape = tensor.shape;
    info.dtype = DType::F32;
    info.dtypeLabel = "F32";
    info.byteSize = uint64_t(tensor.values.size()) * sizeof(float);
    const TensorPlace place = classifyTensorName(tensor.name);
    info.layer = place.layer;
    info.role = place.role;
    return info;
}

TensorTreatment treatmentOf(const Tensor<float> &tensor, const QuantScheme &scheme)
{
    if (!tensor.quantizable)
        return {Treatment::Kept, scheme, "not quantized by QAT"};
    return treatmentFor(catalogEntry(tensor), scheme);
}

} // namespace

void checkQatScheme(const QuantScheme &scheme, const Parameters<float> &latent)
{
    const std::string label = "QAT with " + scheme.toString();
    const Tensor<float> *first = nullptr;
    TensorTreatment firstTreatment;
    std::string why;
    for (const Tensor<float> &tensor : latent.tensors) {
        if (!tensor.quantizable)
            continue;
        const TensorTreatment t = treatmentOf(tensor, scheme);
        if (!t.quantizes()) {
            // As checkQuantizable: a strict scheme may not keep a weight matrix it cannot fit.
            if (scheme.strict)
                throw Error(label + ": " + tensor.name + " cannot be quantized: " + t.reason);
            if (why.empty())
                why = tensor.name + ": " + t.reason;
            continue;
        }
        if (!first) {
            first = &tensor;
            firstTreatment = t;
        }
    }
    if (!first)
        throw Error(label + ": no tensor of the model can be quantized with it" + (why.empty() ? "" : " (" + why + ")"));
    // One row through the fake quantizer: a method or setting it has no rows for fails here,
    // before any training step.
    const int64_t cols = first->shape.back();
    const std::vector<float> row(first->values.begin(), first->values.begin() + cols);
    std::vector<float> out(row.size());
    try {
        fakeQuantizeRows(firstTreatment.scheme, row.data(), 1, cols, out.data());
    } catch (const Error &error) {
        throw Error(label + ": the scheme cannot fake-quantize rows for training: " + error.what());
    }
}

void fakeQuantizeParameters(const QuantScheme &scheme, const Parameters<float> &latent, Parameters<float> &working,
                            int threads)
{
    if (working.tensors.size() != latent.tensors.size())
        working = latent.zerosLike();
    working.config = latent.config;
    const std::vector<Tensor<float>> &from = latent.tensors;
    std::vector<Tensor<float>> &to = working.tensors;
    for (size_t i = 0; i < from.size(); ++i) {
        if (to[i].name != from[i].name || to[i].shape != from[i].shape)
            to[i] = Tensor<float>{from[i].name, from[i].shape, {}, from[i].decays, from[i].quantizable};
        to[i].values.resize(from[i].values.size());
    }
    parallelForEach(
        from.size(), threads, [&](size_t i) { return uint64_t(from[i].values.size()); },
        [&](size_t i, int) {
            const Tensor<float> &source = from[i];
            const TensorTreatment t = treatmentOf(source, scheme);
            if (!t.quantizes()) {
                std::copy(source.values.begin(), source.values.end(), to[i].values.begin());
                return;
            }
            const int64_t cols = source.shape.back(), rows = int64_t(source.values.size()) / cols;
            fakeQuantizeRows(t.scheme, source.values.data(), rows, cols, to[i].values.data());
        },
        {});
}

} // namespace bitcliff::train
