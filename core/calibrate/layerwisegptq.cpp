#include "calibrate/layerwisegptq.h"

#include "calibrate/hessianobserver.h"
#include "infer/transformerweights.h"
#include "plan/weightplan.h"
#include "quant/tensortreatment.h"
#include "util/error.h"
#include "util/meminfo.h"

#include <algorithm>
#include <chrono>
#include <map>

namespace bitcliff {

namespace {

using infer::Linear;

struct LinearGroup
{
    LinearInput input;
    std::vector<Linear> linears;
};

const std::vector<LinearGroup> &linearGroups()
{
    static const std::vector<LinearGroup> groups = {
        {LinearInput::AttnIn, {Linear::Q, Linear::K, Linear::V}},
        {LinearInput::AttnOut, {Linear::O}},
        {LinearInput::FfnIn, {Linear::Gate, Linear::Up}},
        {LinearInput::FfnDown, {Linear::Down}},
    };
    return groups;
}

// The GPTQ options for one tensor: the grid its rows take (the fallback where needed), or
// none when GPTQ cannot round it.
std::optional<GptqOptions> optionsFor(const TensorInfo &tensor, const GptqModelOptions &o)
{
    const std::optional<QuantScheme> applied = appliedScheme(tensor, o.grid);
    if (!applied)
        return std::nullopt;
    GptqOptions options;
    options.grid = *applied;
    options.actOrder = o.settings.actOrder;
    options.staticGroups = o.settings.staticGroups;
    options.dampPercent = o.settings.dampPercent / 100.0;
    if (!gptqGridProblem(options, tensor.cols()).empty())
        return std::nullopt;
    return options;
}

uint64_t widest(const TransformerConfig &c)
{
    return uint64_t(std::max({c.hidden, c.intermediate, c.heads * c.headDim}));
}

} // namespace

GptqModelResult gptqModel(const std::shared_ptr<const Model> &model, const CalibrationSet &calibration,
                          const GptqModelOptions &options, const ProgressCallback &progress)
{
    const auto start = std::chrono::steady_clock::now();
    if (calibration.sequences.empty())
        throw Error("gptq: no calibration sequences");
    // The tensors GPTQ rounds are read as stored; the rest (embedding, output head) as the
    // evaluation will see them, so every layer calibrates on the inputs it will get.
    const TransformerConfig config = transformerConfigFor(*model);
    std::map<std::string, GptqOptions> planned;
    auto plan = std::make_shared<WeightPlan>("gptq", options.grid);
    for (int layer = 0; layer < config.layers; ++layer) {
        for (Linear linear : infer::kLinears) {
            const std::string name = infer::linearTensorName(model->format(), layer, linear);
            if (const std::optional<GptqOptions> o = optionsFor(*model->find(name), options)) {
                planned.emplace(name, *o);
                plan->setPrepared(name, o->grid);
            }
        }
    }
    InferenceOptions load;
    load.threads = options.threads;
    load.residency = WeightResidency::Resident;
    load.plan = plan;
    const std::shared_ptr<TransformerWeights> weights = loadEditableTransformer(model, load);
    const TransformerConfig &c = weights->config;

    int length = 0;
    for (const auto &sequence : calibration.sequences)
        length = std::max(length, int(sequence.size()));
    const uint64_t wide = widest(c);
    GptqModelResult result;
    result.calibrationBytes = (uint64_t(calibration.tokens()) + uint64_t(length)) * uint64_t(c.hidden) * sizeof(float)
        + wide * wide * (sizeof(float) * 4 + sizeof(double) * 2);
    if (const uint64_t available = availableMemoryBytes(); available > 0 && result.calibrationBytes > available)
        throw Error(model->sourcePath() + ": calibrating on " + std::to_string(calibration.tokens())
                    + " tokens needs " + gibText(result.calibrationBytes) + " beside the weights, "
                    + gibText(available) + " available");

    InferenceSession session(weights, length);
    std::vector<std::vector<float>> hidden(calibration.sequences.size());
    for (size_t s = 0; s < hidden.size(); ++s) {
        hidden[s].resize(calibration.sequences[s].size() * size_t(c.hidden));
        session.embed(calibration.sequences[s], hidden[s]);
    }

    const double steps = double(c.layers) * (linearGroups().size() + 1);
    double done = 0;
    auto advance = [&] {
        done += 1;
        if (!reportProgress(progress, done / steps))
            throw Cancelled();
    };
    std::vector<float> scratch;
    std::vector<infer::WeightMatrix *> quantized; // beside result.tensors
    for (int layer = 0; layer < c.layers; ++layer) {
        infer::LayerWeights &lw = weights->layers[size_t(layer)];
        for (const LinearGroup &group : linearGroups()) {
            const int64_t channels = lw[group.linears.front()].weight.cols;
            HessianAccumulator accumulator(channels);
            HessianObserver observer(layer, group.input, accumulator);
            for (const std::vector<float> &h : hidden) {
                scratch = h;
                session.runLayer(layer, scratch, &observer);
            }
            const std::vector<float> hessian = accumulator.hessian();
            for (Linear linear : group.linears) {
                const std::string name = infer::linearTensorName(model->format(), layer, linear);
                const auto o = planned.find(name);
                if (o == planned.end())
                    continue;
                infer::WeightMatrix &matrix = lw.linears[size_t(linear)].weight;
                GptqTensor tensor{name, o->second,
                                  gptqQuantize(matrix.values.data(), matrix.rows, matrix.cols, hessian, o->second)};
                matrix.values = std::move(tensor.result.values); // the weights later layers run
                if (!options.keepCodes) {
                    std::vector<int16_t>().swap(tensor.result.codes);
                    std::vector<GridParams>().swap(tensor.result.params);
                }
                result.tensors.push_back(std::move(tensor));
                quantized.push_back(&matrix);
            }
            advance();
        }
        for (std::vector<float> &h : hidden) // the quantized layer feeds the next
            session.runLayer(layer, h);
        advance();
    }
    for (size_t i = 0; i < quantized.size(); ++i)
        result.tensors[i].result.values = std::move(quantized[i]->values);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace bitcliff
