#pragma once
// Internal to runEvaluation: perplexity of one text (llama-perplexity's chunks), alone or in
// lockstep with the unquantized model.
#include "eval/cachedsequence.h"
#include "eval/evalworkload.h"
#include "eval/workmeter.h"

namespace bitcliff {

TextEvaluation evaluateText(CachedSequence &model, const PreparedText &text, NllAccumulator &total,
                            WorkMeter &meter);

// Several quantized models against the unquantized one in one pass over the text: each chunk's
// unquantized logits are computed once for all of them. Result s and totals[s] belong to
// quantized[s].
std::vector<TextEvaluation> compareText(CachedSequence &base, const std::vector<CachedSequence *> &quantized,
                                        const PreparedText &text, std::vector<LogitComparisonAccumulator> &totals,
                                        WorkMeter &meter);

} // namespace bitcliff
