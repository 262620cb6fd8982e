#pragma once
// Turns the component tensors of packed linear layers into the catalog's single tensors:
// GPTQ `<p>.qweight`, `.qzeros`, `.scales`, `.g_idx`; AWQ `<p>.qweight`, `.qzeros`, `.scales`;
// compressed-tensors `<p>.weight_packed`, `.weight_scale`, `.weight_zero_point`,
// `.weight_g_idx`, `.weight_shape` become `<p>.weight` [out, in] of type GPTQ, AWQ_GEMM or
// CT_PACKED (formats/packedweight.h), in the place of the codes tensor. Biases stay as they are.
#include "formats/quantconfig.h"
#include "formats/tensorinfo.h"
#include "util/mappedfile.h"

#include <memory>
#include <string>
#include <vector>

namespace bitcliff {

// Rewrites `tensors` (as read from `files`) for `config`; nothing changes for family None.
// Throws FormatError naming `label` (the checkpoint) when a component is missing, has the
// wrong type or shape, or the config does not quantize a module that holds packed weights.
void assemblePackedTensors(const QuantizationConfig &config, std::vector<TensorInfo> &tensors,
    const std::vector<std::shared_ptr<const MappedFile>> &files, const std::string &label);

} // namespace bitcliff
