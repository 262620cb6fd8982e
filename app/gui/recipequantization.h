#pragma once
// The Quantize page's analysis of any recipe, run in its background job: plain schemes as
// analyseQuantization quantizes them (report/quantanalysis.h); a recipe that makes its
// weights another way (gptq, calibrated on text) through prepareWeights on a calibration set
// built here and quantReportOf, which measures the prepared weights against the original
// ones. Each prepared run's calibration note comes with the analysis.
#include "plan/recipe.h"
#include "report/quantanalysis.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bitcliff::app {

struct RecipeQuantRequest
{
    std::shared_ptr<const Model> model;
    QuantRecipe first;
    std::optional<QuantRecipe> second;
    std::shared_ptr<const Model> secondModel; // the second run quantizes it, as in QuantRequest
    // Plain schemes only: a calibrated method quantizes the layers in turn, each on the
    // outputs of those before it.
    std::vector<std::string> onlyTensors;
    // The text of recipes that need calibration (analysis/calibrationinput.h), cut into
    // calibrationSequences × calibrationLength tokens with the quantized model's tokenizer.
    std::string calibration;
    int calibrationSequences = 64;
    int calibrationLength = 256;
    int threads = 0;
};

struct RecipeAnalysis
{
    std::shared_ptr<const QuantAnalysis> analysis;
    std::string firstNote; // PreparedWeights::calibrationNote of each run; empty for plain schemes
    std::string secondNote;
};

// Throws Error for a calibrated recipe without calibration text or with onlyTensors, and what
// quantizing throws; Cancelled when `progress` says stop.
RecipeAnalysis analyseRecipes(const RecipeQuantRequest &request, const ProgressCallback &progress);

} // namespace bitcliff::app
