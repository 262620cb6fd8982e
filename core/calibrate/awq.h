#pragma once
// AWQ (Lin et al. 2024, AutoAWQ's quantizer) over a whole model, layer by layer. For the input
// X of each group of linears sharing it — q/k/v after the attention norm, o after v (when v
// and o have the same heads), gate/up after the FFN norm, down after up — the per-input-channel
// scales s = mean|X|^r, normalized by sqrt(max(s)·min(s)), for the ratio r of a grid of 20 in
// [0, 1) that gives the least output error ||X·Wᵀ − X·(Q(W·diag(s))·diag(1/s))ᵀ||² summed over
// the module the group belongs to (r = 0 is plain rounding), as llm-awq measures it: the
// attention block's output for q/k/v (on whole sequences), the MLP's for gate/up, the
// linear's own for o and down. The scales are folded into the weights (W·diag(s)) and
// into what makes X (the norm's weight, or v's / up's rows, divided by s), so the float model
// computes the same function. Then, except for q and k, a clipping search per output row and
// group: the range shrunk to (1 − i/20)·max|W| for i in 0..9, the one with the least error of
// that group's partial outputs kept, and W clamped to it. Each layer's inputs come from the
// float layers before it, as AutoAWQ computes them. The result is float32 weights that round
// to nearest on the grid with less error where the activations are large.
#include "calibrate/calibrationset.h"
#include "formats/model.h"
#include "plan/recipe.h"
#include "util/progress.h"

#include <memory>
#include <string>

namespace bitcliff {

struct AwqModelOptions
{
    QuantScheme grid; // an rtn grid with groups or channels
    AwqSettings settings;
    int threads = 0;
};

struct AwqModelResult
{
    std::shared_ptr<const Model> model; // an overlay with the scaled (and clipped) weights
    int scaledInputs = 0;
    int clippedMatrices = 0;
    uint64_t calibrationBytes = 0; // hidden states and sampled linear inputs
    double seconds = 0;
};

// Tokens of each linear input the searches evaluate on (evenly spaced over the calibration
// tokens): the scale search, and the clipping search (AutoAWQ's n_sample_token).
inline constexpr int64_t kAwqScaleTokens = 2048;
inline constexpr int64_t kAwqClipTokens = 512;

// Throws Error when the grid is not an rtn grid with groups or channels, or the activations
// do not fit in memory; Cancelled on cancel.
AwqModelResult awqModel(const std::shared_ptr<const Model> &model, const CalibrationSet &calibration,
                        const AwqModelOptions &options, const ProgressCallback &progress = {});

} // namespace bitcliff
