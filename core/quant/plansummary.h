#pragma once
// What a scheme did to a whole model, in numbers that say what they are about: how many
// tensors got the scheme, how many fell back (to what, why), how many were kept (why), and
// bits per weight over the quantized tensors and over the whole model. Printed next to every
// result (quantize, eval, demo, the GUI), so a figure is never read as "the scheme" when most
// of the model was not quantized with it.
#include "formats/model.h"
#include "quant/tensortreatment.h"

#include <string>
#include <vector>

namespace bitcliff {

struct TreatmentCount
{
    std::string scheme; // fallbacks: the scheme fallen back to; kept: empty
    std::string reason;
    int tensors = 0;
    int64_t parameters = 0;
};

struct PlanSummary
{
    std::string scheme; // the requested scheme's text
    int quantized = 0; // tensors quantized with the scheme as written
    int fellBack = 0;
    int kept = 0;
    std::vector<TreatmentCount> fallbacks; // by (scheme, reason), first seen first
    std::vector<TreatmentCount> keptReasons; // by reason
    int64_t quantizedParameters = 0; // with the scheme or a fallback
    int64_t parameters = 0;
    double bitsPerWeight = 0; // over the quantized tensors, fallbacks at their own cost
    double modelBitsPerWeight = 0; // over every tensor, kept ones as stored

    // "q4_k: 4 tensors as q4_k, 24 fell back to q5_0 (rows of 192 are not a multiple of the
    // q4_k block (256)), 9 kept (not a matrix …); 5.06 bits/weight quantized, 5.33 model"
    std::string describe() const;
    // Whether the scheme was far from applied as asked (something fell back, or it covers
    // under half the parameters): commands print describe() then even where not asked.
    bool deservesNote() const { return fellBack > 0 || 2 * quantizedParameters < parameters; }
};

// Bits per weight of a tensor as stored in its file, and of a whole model.
double storedBitsPerWeight(const TensorInfo &tensor);
double storedBitsPerWeight(const Model &model);

// `treatments[i]` is what happens to `tensors[i]`.
PlanSummary summarizeTreatments(
    const std::string &scheme, const std::vector<TensorInfo> &tensors, const std::vector<TensorTreatment> &treatments);

// Every tensor of `model` under `scheme` (treatmentFor each).
PlanSummary summarizePlan(const Model &model, const QuantScheme &scheme);

} // namespace bitcliff
