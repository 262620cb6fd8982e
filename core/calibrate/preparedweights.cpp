#include "calibrate/preparedweights.h"

#include "calibrate/awq.h"
#include "plan/overlaymodel.h"
#include "transform/rotation.h"
#include "transform/smoothing.h"
#include "util/error.h"
#include "util/meminfo.h"

#include <cstdio>

namespace bitcliff {

namespace {

std::string tokensText(const CalibrationSet &calibration)
{
    char text[160];
    std::snprintf(text, sizeof text, "%zu × %zu tokens of %s", calibration.sequences.size(),
                  calibration.sequences.front().size(), calibration.source.c_str());
    return text;
}

std::string gptqNote(const GptqModelResult &r, const CalibrationSet &calibration)
{
    char text[256];
    std::snprintf(text, sizeof text, "gptq: %zu matrices from %s in %.1f s (%s beside the weights)", r.tensors.size(),
                  tokensText(calibration).c_str(), r.seconds, gibText(r.calibrationBytes).c_str());
    return text;
}

std::string awqNote(const AwqModelResult &r, const CalibrationSet &calibration)
{
    char text[256];
    std::snprintf(text, sizeof text, "awq: %d linear inputs scaled, %d matrices clipped, from %s in %.1f s (%s beside the weights)",
                  r.scaledInputs, r.clippedMatrices, tokensText(calibration).c_str(), r.seconds,
                  gibText(r.calibrationBytes).c_str());
    return text;
}

void addNote(std::string &notes, const std::string &note)
{
    notes += (notes.empty() ? "" : "\n") + note;
}

} // namespace

PreparedWeights prepareWeights(const std::shared_ptr<const Model> &model, const QuantRecipe &recipe,
                               const PrepareOptions &options, const ProgressCallback &progress)
{
    const std::string label = recipe.toString();
    if (recipe.needsCalibration() && (!options.calibration || options.calibration->sequences.empty()))
        throw Error(label + " needs calibration text (--calib FILE)");
    PreparedWeights prepared;
    std::shared_ptr<const Model> current = model;
    const int steps = int(recipe.rotate) + int(recipe.smoothAlpha > 0) + int(recipe.method != WeightMethod::Round);
    int step = 0;
    auto next = [&] {
        const ProgressCallback part = progressSlice(progress, double(step) / std::max(steps, 1), double(step + 1) / std::max(steps, 1));
        ++step;
        return part;
    };
    if (recipe.rotate) {
        RotatedModel rotated = rotateModel(current, kRotationSeed, options.threads, next());
        current = std::move(rotated.model);
        addNote(prepared.calibrationNote, rotated.note);
    }
    if (recipe.smoothAlpha > 0) {
        SmoothedModel smoothed = smoothModel(current, *options.calibration, recipe.smoothAlpha, options.threads, next());
        current = std::move(smoothed.model);
        addNote(prepared.calibrationNote, smoothed.note);
    }

    auto plan = std::make_shared<WeightPlan>(label, recipe.scheme);
    plan->setActivations(recipe.activations);
    switch (recipe.method) {
    case WeightMethod::Round:
        break;
    case WeightMethod::Awq: {
        AwqModelOptions awq;
        awq.grid = recipe.scheme;
        awq.settings = recipe.awq;
        awq.threads = options.threads;
        AwqModelResult result = awqModel(current, *options.calibration, awq, next());
        current = std::move(result.model);
        addNote(prepared.calibrationNote, awqNote(result, *options.calibration));
        break;
    }
    case WeightMethod::Gptq: {
        GptqModelOptions gptq;
        gptq.grid = recipe.scheme;
        gptq.settings = recipe.gptq;
        gptq.threads = options.threads;
        gptq.keepCodes = options.keepCodes;
        GptqModelResult result = gptqModel(current, *options.calibration, gptq, next());
        plan->setUnpreparedReason("no decoder-layer inputs to calibrate on: rounded to nearest");
        std::vector<ReplacedTensor> replaced;
        for (GptqTensor &t : result.tensors) {
            plan->setPrepared(t.name, t.options.grid);
            replaced.push_back({t.name, std::move(t.result.values), "F32 · " + label});
        }
        addNote(prepared.calibrationNote, gptqNote(result, *options.calibration));
        prepared.reference = current;
        prepared.model = overlayModel(current, std::move(replaced));
        prepared.plan = std::move(plan);
        prepared.gptq = std::move(result.tensors);
        return prepared;
    }
    }
    prepared.model = current;
    prepared.reference = current;
    prepared.plan = std::move(plan);
    return prepared;
}

} // namespace bitcliff
