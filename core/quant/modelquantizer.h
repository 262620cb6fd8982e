#pragma once
// Quantizes every eligible tensor of a model with one scheme, streaming rows out of the
// memory-mapped files on several threads, and measures the error against the originals.
// Eligible: 2-D weights (linear layers, embeddings, output) whose rows fit the scheme's
// blocks; norms, biases and tensors whose row length does not fit stay as they are, as
// llama.cpp keeps them.
#include "formats/model.h"
#include "quant/errormetrics.h"
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
    double bitsPerWeight = 0; // of the scheme, or of the kept type
    TensorError error;
};

struct QuantReport
{
    std::shared_ptr<const Model> model;
    QuantScheme scheme;
    std::vector<TensorQuantResult> tensors; // same order as model->tensors()
    int64_t quantizedParameters = 0;
    double quantizedBitsPerWeight = 0;      // parameter-weighted over quantized tensors
    double modelBitsPerWeight = 0;          // over every tensor, kept ones at their own size
    double quantizedMse = 0;                // parameter-weighted
    const TensorQuantResult *find(std::string_view name) const;
};

// Why `tensor` is not quantized by `scheme`, or empty when it is.
std::string ineligibleReason(const TensorInfo &tensor, const QuantScheme &scheme);

// Throws Error when `onlyTensors` names a tensor the model lacks or that cannot be quantized
// with the scheme, or when the scheme fits no tensor at all (checked before any work).
void checkQuantizable(const Model &model, const QuantizeOptions &options);

// Throws Cancelled when progress returns false, and checkQuantizable's errors.
std::shared_ptr<const QuantReport> quantizeModel(std::shared_ptr<const Model> model, const QuantizeOptions &options,
                                                 const ProgressCallback &progress = {});

// The dequantized ("fake-quantized") weights of one tensor, [rows, cols] floats.
std::vector<float> fakeQuantizeTensor(const Model &model, const TensorInfo &tensor, const QuantScheme &scheme);

} // namespace bitcliff
