#pragma once
// A PlanSummary as the GUI shows it, translated: how many tensors a scheme quantized as asked,
// how many fell back (to what, why) and were kept, and the bits per weight.
#include "quant/plansummary.h"

#include <QString>

namespace bitcliff::app {

// "q4_k: tensors as asked: 2, fell back to q5_0: 14 (rows of 192 …), kept: 5 (not a matrix …)"
QString planTreatmentText(const PlanSummary &summary);

// "5.28 bits/weight over the quantized tensors (99.9 % of parameters), 5.29 over the model"
QString planBitsText(const PlanSummary &summary);

} // namespace bitcliff::app
