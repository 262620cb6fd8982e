#pragma once
// Internal to runEvaluation: perplexity of one text (llama-perplexity's chunks), alone or in
// lockstep with the unquantized model.
#include "eval/cachedsequence.h"
#include "eval/evalworkload.h"
#include "eval/workmeter.h"

namespace bitcliff {

TextEvaluation evaluateText(CachedSequence &model, const PreparedText &text, NllAccumulator &total,
                            WorkMeter &meter);

TextEvaluation compareText(CachedSequence &base, CachedSequence &quantized, const PreparedText &text,
                           LogitComparisonAccumulator &total, WorkMeter &meter);

} // namespace bitcliff
