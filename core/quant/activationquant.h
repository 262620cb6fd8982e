#pragma once
// Activation quantization as W8A8/W4A8/W4A4 deployments run it: the input of a linear layer,
// per token (one scale per row), dynamic (the scale from that row's own absolute maximum),
// symmetric: int8 s = absmax/127 and int4 s = absmax/7 on the codes [-2^(b-1), 2^(b-1)-1]
// (SmoothQuant's per-token quantizer), FP8 E4M3 s = absmax/448 with round to nearest even.
#include "plan/recipe.h"

#include <cstdint>

namespace bitcliff {

// Fake-quantizes x [tokens × channels] in place; None leaves it unchanged.
void fakeQuantizeActivations(ActivationQuant format, float *x, int64_t tokens, int64_t channels);

} // namespace bitcliff
