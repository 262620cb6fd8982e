// loadTransformer: every weight the forward pass reads, dequantized to float32 (and
// fake-quantized with the scheme where the quantizer would quantize it) on worker threads,
// after checking that the floats fit in the memory available. Streamed, the weight matrices
// are only located here; sessions materialize them at each use (infer/weightstream.h).
#include "infer/transformerweights.h"
#include "infer/weightstream.h"
#include "plan/weightplan.h"
#include "quant/modelquantizer.h"
#include "quant/tensortreatment.h"
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
    std::optional<QuantScheme> scheme; // fake-quantized with it (the requested scheme, its fallback, the plan's)
    bool quantize() const { return scheme.has_value(); }
    uint64_t bytes() const { return uint64_t(tensor->elementCount()) * sizeof(float); }
};

// A weight matrix, loaded as a LoadItem or left in the model.
struct MatrixPlan
{
    const TensorInfo *tensor = nullptr;
    WeightMatrix *matrix = nullptr;
    std::optional<QuantScheme> scheme; // what it is fake-quantized with (resolved once), or none
    bool global = false; // the output or the embedding
    bool lookupOnly = false; // the embedding of an untied model: never multiplied
    uint64_t bytes() const { return uint64_t(tensor->elementCount()) * sizeof(float); }
    bool quantize() const { return scheme.has_value(); }
};

// Which matrices are loaded: all (resident), only the output and embedding (streamed, the
// largest matrices kept), or none (streamed).
enum class Keep : uint8_t { All, Globals, None };

class LoadPlan
{
public:
    LoadPlan(const Model &model, const InferenceOptions &options)
        : m_model(model)
        , m_options(options)
    { }

    std::optional<QuantScheme> applied(const TensorInfo &tensor) const
    {
        if (m_options.plan)
            return m_options.plan->loadScheme(tensor);
        return m_options.scheme ? appliedScheme(tensor, *m_options.scheme) : std::nullopt;
    }

    bool quantizes(const TensorInfo &tensor) const { return applied(tensor).has_value(); }

    // Existence and shapes were checked by transformerConfigFor.
    void add(const std::string &name, std::vector<float> &values)
    {
        const TensorInfo &tensor = tensorNamed(name);
        m_items.push_back({ &tensor, &values, applied(tensor) });
    }

    void addMatrix(const std::string &name, WeightMatrix &matrix, bool global = false, bool lookupOnly = false)
    {
        const TensorInfo &tensor = tensorNamed(name);
        matrix.rows = tensor.shape.at(0);
        matrix.cols = tensor.shape.at(1);
        m_matrices.push_back({ &tensor, &matrix, applied(tensor), global, lookupOnly });
    }

    // Float32 bytes of every weight loaded, plus the original floats fakeQuantizeTensor holds
    // next to its result on each worker, plus one session's buffer for the streamed matrices.
    uint64_t bytesNeeded(Keep keep) const
    {
        uint64_t total = 0, largestQuantized = 0, buffer = 0;
        size_t loaded = m_items.size();
        auto load = [&](uint64_t bytes, bool quantize) {
            total += bytes;
            if (quantize)
                largestQuantized = std::max(largestQuantized, bytes);
        };
        for (const LoadItem &item : m_items)
            load(item.bytes(), item.quantize());
        for (const MatrixPlan &m : m_matrices) {
            if (resident(m, keep)) {
                load(m.bytes(), m.quantize());
                ++loaded;
            } else if (needsBuffer(m)) {
                buffer = std::max(buffer, m.bytes());
            }
        }
        return total + uint64_t(parallelWorkerCount(loaded, m_options.threads)) * largestQuantized + buffer;
    }

    // Loads the matrices `keep` names with the other weights; the rest stay in the model.
    void keep(Keep keep, TransformerWeights &weights)
    {
        weights.streamed = keep != Keep::All;
        for (const MatrixPlan &m : m_matrices) {
            if (resident(m, keep)) {
                m_items.push_back({ m.tensor, &m.matrix->values, m.scheme });
                continue;
            }
            m.matrix->lazy = m.tensor;
            m.matrix->scheme = m.scheme;
            if (needsBuffer(m))
                weights.scratchFloats = std::max(weights.scratchFloats, m.tensor->elementCount());
        }
        m_matrices.clear();
    }

    void run(const ProgressCallback &progress)
    {
        // Largest first, so the last worker does not finish alone on the embedding.
        std::stable_sort(
            m_items.begin(), m_items.end(), [](const LoadItem &a, const LoadItem &b) { return a.bytes() > b.bytes(); });
        parallelForEach(
            m_items.size(), m_options.threads, [&](size_t i) { return m_items[i].bytes(); },
            [&](size_t i, int) {
                const LoadItem &item = m_items[i];
                const TensorInfo &t = *item.tensor;
                if (item.quantize()) {
                    *item.values = fakeQuantizeTensor(m_model, t, *item.scheme);
                } else {
                    item.values->resize(size_t(t.elementCount()));
                    m_model.readRows(t, 0, t.rows(), item.values->data());
                }
                m_model.releaseRows(t, 0, t.rows());
            },
            progress);
    }

private:
    const TensorInfo &tensorNamed(const std::string &name) const
    {
        const TensorInfo *tensor = m_model.find(name);
        if (!tensor)
            throw Error(m_model.sourcePath() + ": tensor '" + name + "' is missing");
        return *tensor;
    }

    static bool resident(const MatrixPlan &m, Keep keep)
    {
        return keep == Keep::All || (keep == Keep::Globals && m.global);
    }

    // An embedding only looked up is read row by row when its rows quantize alone.
    bool needsBuffer(const MatrixPlan &m) const
    {
        return !m.lookupOnly || (m.scheme && !quantizesRowByRow(*m.scheme, m.tensor->cols()));
    }

    const Model &m_model;
    const InferenceOptions &m_options;
    std::vector<LoadItem> m_items;
    std::vector<MatrixPlan> m_matrices;
};

// Which matrices to load for `residency`, or the one-line error when even streaming does
// not fit.
Keep chooseResidency(const LoadPlan &plan, WeightResidency residency, const Model &model)
{
    const uint64_t available = availableMemoryBytes();
    auto fits = [&](Keep keep) {
        return available == 0 || plan.bytesNeeded(keep) <= available;
    };
    const std::string availableText = gibText(available) + " available";
    switch (residency) {
    case WeightResidency::Resident:
        if (!fits(Keep::All))
            throw Error(model.sourcePath() + ": inference needs " + gibText(plan.bytesNeeded(Keep::All))
                + " as float32, " + availableText);
        return Keep::All;
    case WeightResidency::Streamed:
        if (!fits(Keep::None))
            throw Error(model.sourcePath() + ": streaming the weights from disk needs "
                + gibText(plan.bytesNeeded(Keep::None)) + " (norms, biases and one float32 matrix), " + availableText);
        return Keep::None;
    case WeightResidency::Automatic:
        break;
    }
    if (fits(Keep::All))
        return Keep::All;
    if (fits(Keep::Globals))
        return Keep::Globals;
    if (fits(Keep::None))
        return Keep::None;
    throw Error(model.sourcePath() + ": inference needs " + gibText(plan.bytesNeeded(Keep::All)) + " as float32, "
        + gibText(plan.bytesNeeded(Keep::None)) + " streaming the weights from disk, " + availableText);
}

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

std::shared_ptr<const TransformerWeights> loadTransformer(
    std::shared_ptr<const Model> model, const InferenceOptions &options, const ProgressCallback &progress)
{
    return loadEditableTransformer(std::move(model), options, progress);
}

std::shared_ptr<TransformerWeights> loadEditableTransformer(
    std::shared_ptr<const Model> model, const InferenceOptions &options, const ProgressCallback &progress)
{
    if (!model)
        throw Error("no model to load");
    auto weights = std::make_shared<TransformerWeights>();
    weights->config = transformerConfigFor(*model);
    weights->model = model;
    weights->threads = options.threads;
    weights->scheme = options.scheme;
    if (options.plan)
        weights->activations = options.plan->activations();
    const TransformerConfig &c = weights->config;
    const ModelFormat f = model->format();

    LoadPlan plan(*model, options);
    weights->layers.resize(size_t(c.layers));
    for (int layer = 0; layer < c.layers; ++layer)
        planLayer(plan, *model, layer, weights->layers[size_t(layer)], c.qkNorm);
    plan.add(globalTensorName(f, GlobalTensor::OutputNorm), weights->outputNorm);
    if (!c.tiedOutput)
        plan.addMatrix(globalTensorName(f, GlobalTensor::Output), weights->output, true);
    // A separate output matrix leaves the embedding table in the mapped file: lookups read
    // their rows, unless the scheme quantizes it (fake quantization needs the whole tensor;
    // streamed, rows that quantize alone are still read one by one).
    const std::string embeddingName = globalTensorName(f, GlobalTensor::Embedding);
    const TensorInfo &embedding = *model->find(embeddingName);
    if (c.tiedOutput || plan.quantizes(embedding)) {
        plan.addMatrix(embeddingName, weights->embedding, true, !c.tiedOutput);
    } else {
        weights->embedding.rows = embedding.shape.at(0);
        weights->embedding.cols = embedding.shape.at(1);
        weights->embedding.lazy = &embedding;
    }

    plan.keep(chooseResidency(plan, options.residency, *model), *weights);
    plan.run(progress);
    return weights;
}

const TransformerConfig &configOf(const TransformerWeights &weights)
{
    return weights.config;
}

bool isStreamed(const TransformerWeights &weights)
{
    return weights.streamed;
}

} // namespace bitcliff
