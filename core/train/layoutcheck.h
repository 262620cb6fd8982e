#pragma once
// Two sets of parameters that must pair tensor by tensor (weights and gradients, weights and
// moments, a checkpoint and the model it resumes).
#include "train/parameters.h"

#include <string>

namespace bitcliff::train {

// Throws Error("<what>: ...") naming the first tensor whose name or shape differs, or the
// counts when they differ, unless `b` has the names and shapes of `a` in the same order.
void requireSameLayout(const Parameters<float> &a, const Parameters<float> &b, const std::string &what);

} // namespace bitcliff::train
