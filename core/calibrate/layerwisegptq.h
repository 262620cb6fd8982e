#pragma once
// GPTQ over a whole model, true-sequential as GPTQModel runs it by default: the calibration
// sequences' hidden states enter layer 0; in each layer the linear layers are quantized in
// the order of the forward pass — {q, k, v}, then o, then {gate, up}, then down — each from
// the Hessian of its inputs as the already-quantized linears before it produce them; then
// the quantized layer's outputs become the next layer's inputs. Memory: the float32 weights,
// the hidden states of all calibration tokens at one layer (sequences × length × hidden),
// and one Hessian with its factorization.
// Every matrix of a decoder layer whose grid fits its rows (the scheme's fallback grid where
// the scheme's does not) is quantized by GPTQ; the embedding and output head, and matrices
// without a usable grid, are left to the plan's plain treatment.
#include "calibrate/calibrationset.h"
#include "calibrate/gptq.h"
#include "formats/model.h"
#include "plan/recipe.h"
#include "util/progress.h"

#include <memory>
#include <string>
#include <vector>

namespace bitcliff {

struct GptqTensor
{
    std::string name;
    GptqOptions options; // the grid used (the scheme's fallback where the rows need one)
    GptqResult result;   // codes and parameters emptied unless kept
};

struct GptqModelResult
{
    std::vector<GptqTensor> tensors;
    uint64_t calibrationBytes = 0; // hidden states and the largest Hessian's work buffers
    double seconds = 0;
};

struct GptqModelOptions
{
    QuantScheme grid;
    GptqSettings settings;
    int threads = 0;
    bool keepCodes = false; // for writing a GPTQ checkpoint or GGUF blocks
};

// Throws Error when the weights and activations do not fit in memory, Cancelled on cancel.
GptqModelResult gptqModel(const std::shared_ptr<const Model> &model, const CalibrationSet &calibration,
                          const GptqModelOptions &options, const ProgressCallback &progress = {});

} // namespace bitcliff
