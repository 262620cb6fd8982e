#pragma once
// Quantization-aware training with the straight-through estimator: the forward pass runs on
// weights fake-quantized by the same fakeQuantizeRows (and the same per-tensor treatment and
// fallbacks) evaluation uses, the gradients of those working weights are applied to the
// full-precision latent weights unchanged.
#include "quant/scheme.h"
#include "train/parameters.h"

namespace bitcliff::train {

// Throws Error naming the scheme when QAT cannot use it (no quantizable tensor fits it, or a
// method without a fake-quantizer of rows).
void checkQatScheme(const QuantScheme &scheme, const Parameters<float> &latent);

// working = latent with every quantizable tensor fake-quantized by `scheme` (its fallback for
// rows that do not fit, as evaluation does); other tensors copied. `working` is resized to
// match on first use. Threads: parallelForEach over tensors.
void fakeQuantizeParameters(const QuantScheme &scheme, const Parameters<float> &latent, Parameters<float> &working,
                            int threads);

} // namespace bitcliff::train
