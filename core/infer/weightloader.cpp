// loadTransformer: every weight the forward pass reads, dequantized to float32 (and
// fake-quantized with the scheme where the quantizer would quantize it) on worker threads,
// after checking that the floats fit in the memory available.
#include "infer/transformerweights.h"
#include "quant/modelquantizer.h"
#include "util/error.h"
#include "util/meminfo.h"
#include "util/parallelfor.h"

#include <algorithm>

namespace bitcliff {

namespace {

using namespace infer;

struct LoadItem
{
    const TensorInfo *tensor = nullptr;
    std::vector<float> *values = nullptr;
    bool quantize = false;
    uint64_t bytes() const { return uint64_t(tensor->elementCount()) * sizeof(float); }
};

class LoadPlan
{
public:
    LoadPlan(const Model &model, const InferenceOptions &options)
        : m_model(model)
        , m_options(options)
    {
    }

    bool quantizes(const TensorInfo &tensor) const
    {
        return m_options.scheme && ineligibleReason(tensor, *m_options.scheme).empty();
    }

    // Existence and shapes were checked by transformerConfigFor.
    void add(const std::string &name, std::vector<float> &values)
    {
        const TensorInfo *tensor = m_model.find(name);
        if (!tensor)
            throw Error(m_model.sourcePath() + ": tensor '" + name + "' is missing");
        m_items.push_back({tensor, &values, quantizes(*tensor)});
    }

    void addMatrix(const std::string &name, infer::WeightMatrix &matrix)
    {
        add(name, matrix.values);
        matrix.rows = m_items.back().tensor->shape.at(0);
        matrix.cols = m_items.back().tensor->shape.at(1);
    }

    // Float32 bytes of every weight, plus the original floats fakeQuantizeTensor holds
    // next to its result on each worker.
    uint64_t bytesNeeded() const
    {
        uint64_t total = 0, largestQuantized = 0;
        for (const LoadItem &item : m_items) {
            total += item.bytes();
            if (item.quantize)
                largestQuantized = std::max(largestQuantized, item.bytes());
        }
        return total + uint64_t(parallelWorkerCount(m_items.size(), m_options.threads)) * largestQuantized;
    }

    void run(const ProgressCallback &progress)
    {
        // Largest first, so the last worker does not finish alone on the embedding.
        std::stable_sort(m_items.begin(), m_items.end(),
                         [](const LoadItem &a, const LoadItem &b) { return a.bytes() > b.bytes(); });
        parallelForEach(
            m_items.size(), m_options.threads, [&](size_t i) { return m_items[i].bytes(); },
            [&](size_t i, int) {
                const LoadItem &item = m_items[i];
                const TensorInfo &t = *item.tensor;
                if (item.quantize) {
                    *item.values = fakeQuantizeTensor(m_model, t, *m_options.scheme);
                } else {
                    item.values->resize(size_t(t.elementCount()));
                    m_model.readRows(t, 0, t.rows(), item.values->data());
                }
                m_model.releaseRows(t, 0, t.rows());
            },
            progress);
    }

private:
    const Model &m_model;
    const InferenceOptions &m_options;
    std::vector<LoadItem> m_items;
};

void planLayer(LoadPlan &plan, const Model &model, int layer, infer::LayerWeights &weights, bool qkNorm)
{
    const ModelFormat f = model.format();
    plan.add(normTensorName(f, layer, Norm::Attn), weights.attnNorm);
    plan.add(normTensorName(f, layer, Norm::Ffn), weights.ffnNorm);
    if (qkNorm) {
        plan.add(normTensorName(f, layer, Norm::QHead), weights.qNorm);
        plan.add(normTensorName(f, layer, Norm::KHead), weights.kNorm);
    }
    for (Linear linear : infer::kLinears) {
        infer::LinearWeights &target = weights.linears[size_t(linear)];
        plan.addMatrix(linearTensorName(f, layer, linear), target.weight);
        const std::string bias = linearTensorName(f, layer, linear, true);
        if (model.find(bias))
            plan.add(bias, target.bias);
    }
}

} // namespace

std::shared_ptr<const TransformerWeights> loadTransformer(std::shared_ptr<const Model> model,
                                                          const InferenceOptions &options,
                                                          const ProgressCallback &progress)
{
    if (!model)
        throw Error("no model to load");
    auto weights = std::make_shared<TransformerWeights>();
    weights->config = transformerConfigFor(*model);
    weights->model = model;
    weights->threads = options.threads;
    const TransformerConfig &c = weights->config;
    const ModelFormat f = model->format();

    LoadPlan plan(*model, options);
    weights->layers.resize(size_t(c.layers));
    for (int layer = 0; layer < c.layers; ++layer)
        planLayer(plan, *model, layer, weights->layers[size_t(layer)], c.qkNorm);
    plan.add(globalTensorName(f, GlobalTensor::OutputNorm), weights->outputNorm);
    if (!c.tiedOutput)
        plan.addMatrix(globalTensorName(f, GlobalTensor::Output), weights->output);
    // A separate output matrix leaves the embedding table in the mapped file: lookups read
    // their rows, unless the scheme quantizes it (fake quantization needs the whole tensor).
    const std::string embeddingName = globalTensorName(f, GlobalTensor::Embedding);
    const TensorInfo &embedding = *model->find(embeddingName);
    if (c.tiedOutput || plan.quantizes(embedding)) {
        plan.addMatrix(embeddingName, weights->embedding);
    } else {
        weights->embedding.rows = embedding.shape.at(0);
        weights->embedding.cols = embedding.shape.at(1);
        weights->embedding.lazy = &embedding;
    }

    const uint64_t needed = plan.bytesNeeded(), available = availableMemoryBytes();
    if (available > 0 && needed > available)
        throw Error(model->sourcePath() + ": inference needs " + gibText(needed) + " as float32, " + gibText(available)
                    + " available");
    plan.run(progress);
    return weights;
}

const TransformerConfig &configOf(const TransformerWeights &weights) { return weights.config; }

} // namespace bitcliff
