#include "calibrate/preparedweights.h"

#include "plan/overlaymodel.h"
#include "util/error.h"
#include "util/meminfo.h"

#include <cstdio>

namespace bitcliff {

namespace {

std::string calibrationText(const GptqModelResult &r, const CalibrationSet &calibration)
{
    const size_t length = calibration.sequences.front().size();
    char text[256];
    std::snprintf(text, sizeof text, "%zu matrices from %zu × %zu tokens of %s in %.1f s (%s beside the weights)",
                  r.tensors.size(), calibration.sequences.size(), length, calibration.source.c_str(), r.seconds,
                  gibText(r.calibrationBytes).c_str());
    return text;
}

} // namespace

PreparedWeights prepareWeights(const std::shared_ptr<const Model> &model, const QuantRecipe &recipe,
                               const PrepareOptions &options, const ProgressCallback &progress)
{
    const std::string label = recipe.toString();
    PreparedWeights prepared;
    if (!recipe.needsCalibration()) {
        prepared.model = model;
        prepared.plan = std::make_shared<WeightPlan>(label, recipe.scheme);
        return prepared;
    }
    if (!options.calibration || options.calibration->sequences.empty())
        throw Error(label + " needs calibration text (--calib FILE)");

    GptqModelOptions gptq;
    gptq.grid = recipe.scheme;
    gptq.settings = recipe.gptq;
    gptq.threads = options.threads;
    gptq.keepCodes = options.keepCodes;
    GptqModelResult result = gptqModel(model, *options.calibration, gptq, progress);

    auto plan = std::make_shared<WeightPlan>(label, recipe.scheme);
    plan->setUnpreparedReason("no decoder-layer inputs to calibrate on: rounded to nearest");
    std::vector<ReplacedTensor> replaced;
    for (GptqTensor &t : result.tensors) {
        plan->setPrepared(t.name, t.options.grid);
        replaced.push_back({t.name, std::move(t.result.values), "F32 · " + label});
    }
    prepared.calibrationNote = "gptq: " + calibrationText(result, *options.calibration);
    prepared.model = overlayModel(model, std::move(replaced));
    prepared.plan = std::move(plan);
    prepared.gptq = std::move(result.tensors);
    return prepared;
}

} // namespace bitcliff
