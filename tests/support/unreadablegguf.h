#pragma once
// GGUF fixtures with tensors of a type BitCliff cannot read (IQ2_XXS, MXFP4...): a copy of a
// GGUF file in which chosen tensors take that type, with filler bytes of its exact size.
#include "formats/tensorinfo.h"

#include <cstdint>
#include <filesystem>
#include <functional>

namespace bitcliff::test {

// Copies `from` to `to` (metadata, alignment and every other tensor as they are); each tensor
// `which` selects gets ggml type `ggmlType` (its rows must fit the type's blocks). Returns how
// many tensors were retyped.
int retypeGgufTensors(const std::filesystem::path &from, const std::filesystem::path &to, uint32_t ggmlType,
    const std::function<bool(const TensorInfo &)> &which);

} // namespace bitcliff::test
