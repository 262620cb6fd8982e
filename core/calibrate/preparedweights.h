#pragma once
// From a recipe to what the engine loads: a plain scheme is the original model under the
// plan "every eligible tensor: the scheme"; a calibrated method runs first and gives an
// overlay model holding its quantized matrices, under a plan that reads those as stored.
// Modifiers transform the float weights first — rotation, then SmoothQuant — and the weight
// method rounds the transformed model; AWQ's scaled and clipped float weights are rounded by
// the plan like a plain scheme's. Activation quantization rides on the plan.
#include "calibrate/calibrationset.h"
#include "calibrate/layerwisegptq.h"
#include "formats/model.h"
#include "plan/recipe.h"
#include "plan/weightplan.h"
#include "util/progress.h"

#include <memory>
#include <string>
#include <vector>

namespace bitcliff {

struct PreparedWeights
{
    std::shared_ptr<const Model> model; // the original, or an overlay with the calibrated matrices
    // The float weights the plan rounds (the original, or rotated / smoothed / AWQ-scaled):
    // what quantization errors are measured against.
    std::shared_ptr<const Model> reference;
    std::shared_ptr<const WeightPlan> plan;
    // What ran before rounding, one step per line ("rotated: Hadamard …\ngptq: 28 matrices …").
    std::string calibrationNote;
    std::vector<GptqTensor> gptq;       // with codes when asked to keep them (exports)
};

struct PrepareOptions
{
    const CalibrationSet *calibration = nullptr; // required by calibrated recipes
    int threads = 0;
    bool keepCodes = false;
};

// Throws Error when a calibrated recipe has no calibration set ("gptq:b4:g128 needs
// calibration text (--calib FILE)"), and the method's errors; Cancelled on cancel.
PreparedWeights prepareWeights(const std::shared_ptr<const Model> &model, const QuantRecipe &recipe,
                               const PrepareOptions &options, const ProgressCallback &progress = {});

} // namespace bitcliff
