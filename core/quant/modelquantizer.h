#pragma once
// Quantizes every eligible tensor of a model with one scheme, streaming rows out of the
// memory-mapped files on several threads, and measures the error against the originals.
// Eligible: 2-D weights (linear layers, embeddings, output); a tensor whose rows do not fit
// the scheme's blocks is quantized with the scheme's fallback (quant/tensortreatment.h);
// norms, biases and vectors stay as they are, as llama.cpp keeps them.
#include "formats/model.h"
#include "quant/errormetrics.h"
#include "quant/plansummary.h"
#include "quant/scheme.h"
#include "util/progress.h"

#include <memory>
#include <string>
#include <vector>

namespace bitcliff {

struct QuantizeOptions
{
    QuantScheme scheme;
    int threads = 0;
    std::vector<std::string> onlyTensors; // empty: all eligible tensors
};

struct TensorQuantResult
{
    std::string name;
    bool quantized = false;
    std::string keptReason;   // why it was not quantized
    std::string fallback;     // quantized with this scheme instead of the requested one, or empty
    std::string fallbackReason;
    double bitsPerWeight = 0; // of the scheme (or fallback) applied, or of the kept type
    TensorError error;
};

struct QuantReport
{
    std::shared_ptr<const Model> model;
    QuantScheme scheme;
    std::vector<TensorQuantResult> tensors; // same order as model->tensors()
    PlanSummary summary;                    // counts, fallbacks, bits per weight
    int64_t quantizedParameters = 0;
    double quantizedBitsPerWeight = 0;      // parameter-weighted over quantized tensors
    double modelBitsPerWeight = 0;          // over every tensor, kept ones at their own size
    double quantizedMse = 0;                // parameter-weighted
    // The recipe when more than the scheme made the weights ("gptq:b4:g128:sym"); empty: the scheme.
    std::string label;
    const TensorQuantResult *find(std::string_view name) const;
    // What made the weights, for titles and files: the label, else the scheme's text.
    std::string recipe() const { return label.empty() ? scheme.toString() : label; }
};

// Why `tensor` is not quantized by `scheme` (not even with a fallback), or empty when it is.
std::string ineligibleReason(const TensorInfo &tensor, const QuantScheme &scheme);

// Throws Error when `onlyTensors` names a tensor the model lacks or that cannot be quantized
// with the scheme, when the scheme fits no tensor at all, or when a strict scheme would have
// to fall back on a weight matrix (checked before any work).
void checkQuantizable(const Model &model, const QuantizeOptions &options);

// Throws Cancelled when progress returns false, and checkQuantizable's errors.
std::shared_ptr<const QuantReport> quantizeModel(std::shared_ptr<const Model> model, const QuantizeOptions &options,
                                                 const ProgressCallback &progress = {});

// Weights a plan made (plan/weightplan.h), reported like quantizeModel's: `treatments` (one
// per tensor of the model) say what happened to each tensor, for the counts and bits per
// weight; tensors marked in `precomputed` were quantized elsewhere (a calibrated method) and
// are compared as `quantized` holds them — a model with the same tensor names and shapes, such
// as an overlay (plan/overlaymodel.h); the others are quantized here with their treatment.
struct PlannedQuantization
{
    std::string label;                      // the recipe ("gptq:b4:g128:sym")
    QuantScheme scheme;                     // the plain scheme of the tensors not precomputed
    std::vector<TensorTreatment> treatments;
    std::vector<bool> precomputed;          // empty: none
    std::shared_ptr<const Model> quantized; // required when something is precomputed
    int threads = 0;
};

// Throws Error when the treatments or precomputed tensors do not match the model; Cancelled.
std::shared_ptr<const QuantReport> quantizeAsPlanned(std::shared_ptr<const Model> model,
                                                     const PlannedQuantization &plan,
                                                     const ProgressCallback &progress = {});

// The dequantized ("fake-quantized") weights of one tensor, [rows, cols] floats, with the
// scheme or its fallback for this tensor.
std::vector<float> fakeQuantizeTensor(const Model &model, const TensorInfo &tensor, const QuantScheme &scheme);

} // namespace bitcliff
