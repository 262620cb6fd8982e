#pragma once
// Internal to runEvaluation: one task item on one model — log-likelihood of every choice
// (acc, acc_norm) or greedy generation with exact-match scoring.
#include "eval/cachedsequence.h"
#include "eval/evalworkload.h"

namespace bitcliff {

class Tokenizer;

ItemOutcome evaluateTask(CachedSequence &model, const Tokenizer &tokenizer, const TaskItem &item,
                         const PreparedTask &prepared, size_t index, int maxNewTokens);

} // namespace bitcliff
