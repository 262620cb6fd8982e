#pragma once
// The per-tensor error report (quant/modelquantizer.h) of any recipe's weights: tensors a
// calibrated method prepared are measured as its overlay holds them against the original
// values; the others as the plan treats them (its scheme, or the fallback the plan reports).
// For a plain scheme this is quantizeModel's report of that scheme.
#include "calibrate/preparedweights.h"
#include "quant/modelquantizer.h"
#include "util/progress.h"

#include <memory>

namespace bitcliff {

// `original` is the model `prepared` was made from. Throws Error when they do not match;
// Cancelled when `progress` says stop.
std::shared_ptr<const QuantReport> quantReportOf(const std::shared_ptr<const Model> &original,
                                                 const PreparedWeights &prepared, int threads = 0,
                                                 const ProgressCallback &progress = {});

} // namespace bitcliff
