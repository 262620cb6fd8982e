#pragma once
// Gradient clipping by global norm (torch.nn.utils.clip_grad_norm_).
#include "train/parameters.h"

namespace bitcliff::train {

// sqrt(Σ g²) over every gradient: each tensor's sum of squares in double (one thread per
// tensor, elements in order), the tensor sums added in tensor order, so the value does not
// depend on `threads`.
double globalNorm(const Parameters<float> &gradients, int threads);

// Scales every gradient by maxNorm / (norm + 1e-6) when the global norm exceeds `maxNorm`
// (maxNorm <= 0: no clipping). Returns the norm before clipping.
double clipGradients(Parameters<float> &gradients, double maxNorm, int threads);

} // namespace bitcliff::train
