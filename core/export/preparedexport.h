#pragma once
// What a calibrated recipe's weights (calibrate/preparedweights.h) become on disk; plain
// schemes have quant/fakequantexport.h and quant/ggufexport.h of their own. Each file holds
// exactly the values the recipe evaluates with for the tensors the method quantized:
// - a GPTQ checkpoint (rtn grids): GPTQ's codes, scales and g_idx; every other tensor copied
//   as the source stores it — GPTQModel's default, embeddings and output head unquantized
//   (where evaluation rounds them to nearest);
// - a GGUF file (GGUF grids): GPTQ's codes as blocks of the grid's type, the other tensors
//   quantized with that type as exportQuantizedGguf does — the whole plan, value for value;
// - a fake-quantized checkpoint: the method's values, the plan's rounding for the rest.
#include "calibrate/preparedweights.h"
#include "export/gptqwriter.h"
#include "plan/recipe.h"

#include <filesystem>
#include <string>
#include <vector>

namespace bitcliff {

// Why `recipe`'s results cannot be written as a GPTQ checkpoint from `source` (a GGUF grid,
// bits GPTQ cannot pack, a source that is not safetensors), or empty. Cheap: ask before
// calibrating.
std::string gptqCheckpointProblem(const Model &source, const QuantRecipe &recipe);

// `prepared` (made from `source` with keepCodes) as a GPTQ checkpoint folder. Throws Error
// for gptqCheckpointProblem's reasons and writeGptqCheckpoint's; Cancelled.
GptqCheckpointResult writePreparedGptqCheckpoint(const Model &source, const PreparedWeights &prepared,
                                                 const QuantRecipe &recipe, const std::filesystem::path &directory,
                                                 const ProgressCallback &progress = {});

// `prepared` (made from `source` with keepCodes, on a GGUF grid) as a GGUF file; returns the
// number of tensors quantized. Throws Error for other grids and exportQuantizedGguf's errors.
int exportPreparedGguf(const Model &source, const PreparedWeights &prepared, const std::filesystem::path &file,
                       const ProgressCallback &progress = {}, std::vector<std::string> *notes = nullptr);

// `prepared` as a fake-quantized checkpoint (quant/fakequantexport.h); returns the number of
// tensors written quantized.
int exportPreparedFakeQuantized(const Model &source, const PreparedWeights &prepared,
                                const std::filesystem::path &directory, const ProgressCallback &progress = {});

} // namespace bitcliff
