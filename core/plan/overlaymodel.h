#pragma once
// A model with some tensors replaced by float32 values held in memory — a calibrated method's
// quantized weights, rotated or smoothed weights — and every other tensor read from the
// original files. Same names, shapes, order, format and source path, so everything that
// reads a Model (inference, statistics, exporters) reads it unchanged.
#include "formats/model.h"

#include <memory>
#include <string>
#include <vector>

namespace bitcliff {

struct ReplacedTensor
{
    std::string name;
    std::vector<float> values; // elementCount() floats in the tensor's row order
    std::string dtypeLabel;    // shown as the tensor's type ("F32 · gptq:b4:g128")
};

struct AddedTensor
{
    ReplacedTensor tensor;
    std::vector<int64_t> shape; // PyTorch order
};

// Throws Error for a name the base model lacks, a value count that does not match the
// shape, or a name given twice. `replaced` is consumed (its values move into the overlay).
std::shared_ptr<const Model> overlayModel(const std::shared_ptr<const Model> &base,
                                          std::vector<ReplacedTensor> replaced);
// As above, and `added` appended after the base's tensors (a name the base has is an
// error); `untie`: the overlay's output head no longer shares the embedding (rotation gives
// the output head weights of its own, added here).
std::shared_ptr<const Model> overlayModel(const std::shared_ptr<const Model> &base,
                                          std::vector<ReplacedTensor> replaced, std::vector<AddedTensor> added,
                                          bool untie);

} // namespace bitcliff
