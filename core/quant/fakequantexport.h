#pragma once
// Export of a fake-quantized Hugging Face checkpoint: the same tensors with every eligible
// weight replaced by what the scheme reconstructs, for evaluation in other frameworks.
#include "formats/model.h"
#include "quant/scheme.h"
#include "util/progress.h"

#include <filesystem>
#include <functional>
#include <string>

namespace bitcliff {

// Tensors quantized elsewhere (a calibrated method's, held by an overlay model with the
// source's names and shapes, plan/overlaymodel.h): those `covers` names are written as
// `values` holds them instead of the scheme's rounding of the source.
struct PrecomputedValues
{
    std::string recipe; // named in the file's metadata instead of the scheme ("gptq:b4:g128:sym")
    const Model *values = nullptr;
    std::function<bool(const std::string &name)> covers;
};

// Writes <directory>/model.safetensors (quantized tensors in their own float dtype, F32 when
// the source was F8; everything else copied unchanged) and copies config.json and the
// tokenizer files from the source checkpoint. Streams tensor by tensor. Throws Error for a
// non-safetensors source or a directory that is the source itself; Cancelled on cancel.
// Returns the number of tensors quantized.
int exportFakeQuantized(const Model &model, const QuantScheme &scheme, const std::filesystem::path &directory,
                        const ProgressCallback &progress = {}, const PrecomputedValues &precomputed = {});

} // namespace bitcliff
