#pragma once
// What a scheme really does to one tensor: quantize it as asked, quantize it with a fallback
// because its rows do not fit the scheme's blocks, or keep it as stored. Every part of
// BitCliff that applies a scheme (quantizer, inference, exporters) asks here, so what is
// reported is what was done.
//
// Fallbacks, when a row of `cols` values does not fit (none with the `strict` option):
// - GGUF block types as llama-quantize (tensor_type_fallback): Q2_K, Q3_K → Q4_0; Q4_K →
//   Q5_0; Q5_K → Q5_1; Q6_K → Q8_0; then F16 when the row is not a multiple of 32 either.
//   Types of 32-element blocks (Q4_0 …, IQ4_NL, MXFP4) go to F16 where llama-quantize stops
//   with "no tensor type fallback".
// - rtn and hqq: the largest group size from half the requested one up to it that divides
//   the row (g128 on rows of 192: g96), else one group per row (rtn:channel; hqq gN = row).
// - nf4 and fp4 (bitsandbytes blocks are powers of two from 32): the largest such block below
//   the requested one that divides the row; else the tensor is kept.
// Norms, biases, vectors, tensors of other roles and tensors of a type BitCliff cannot read
// are kept.
#include "formats/tensorinfo.h"
#include "quant/scheme.h"

#include <optional>
#include <string>

namespace bitcliff {

enum class Treatment : uint8_t { Quantized, FellBack, Kept };

struct TensorTreatment
{
    Treatment kind = Treatment::Kept;
    QuantScheme scheme; // what the tensor is quantized with (the fallback's when FellBack)
    std::string reason; // FellBack and Kept: why ("rows of 192 are not a multiple of 256")

    bool quantizes() const { return kind != Treatment::Kept; }
};

// Never throws; a strict scheme whose rows do not fit keeps the tensor with the reason.
TensorTreatment treatmentFor(const TensorInfo &tensor, const QuantScheme &requested);

// The scheme a tensor is quantized with, or nothing when it is kept.
std::optional<QuantScheme> appliedScheme(const TensorInfo &tensor, const QuantScheme &requested);

// The fallback for rows of `cols` values that `scheme` cannot quantize as written, or nothing.
std::optional<QuantScheme> fallbackScheme(const QuantScheme &scheme, int64_t cols);

} // namespace bitcliff
