#pragma once
// Internal to runEvaluation: the texts and tasks tokenized once, with their sizes for progress.
#include "eval/choicerequest.h"
#include "eval/evaluation.h"

#include <cstdint>
#include <vector>

namespace bitcliff {

struct PreparedText
{
    const CorpusText *text = nullptr;
    std::vector<int32_t> tokens;
    PerplexityPlan plan;
    int32_t bos = -1; // set when the model adds BOS: every chunk starts with it
};

struct PreparedTask
{
    std::vector<ChoiceRequest> choices; // choice items
    std::vector<int32_t> prompt;        // generation items
    std::vector<int32_t> answered;      // generation items: the prompt, then the expected answer's tokens
    int64_t answerCodePoints = 0;       // of the expected answer
    double tokens = 0;                  // tokens one model runs for it (upper bound), for progress
};

struct EvalWorkload
{
    std::vector<PreparedText> texts;
    std::vector<PreparedTask> tasks;
    int maxContext = 0;
    double textTokens = 0; // tokens one model runs for all texts
    double taskTokens = 0; // tokens one model runs for all tasks (upper bound)
};

// Throws Error naming the text or task that cannot be evaluated at this context.
EvalWorkload prepareWorkload(const EvalSpec &spec);

} // namespace bitcliff
