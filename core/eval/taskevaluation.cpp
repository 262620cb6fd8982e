#include "eval/taskevaluation.h"

#include "eval/answerextraction.h"
#include "eval/tokenlogprobs.h"
#include "tokenize/tokenizer.h"

namespace bitcliff {
namespace {

// Σ log p(continuation token | everything before it).
double continuationLogLikelihood(CachedSequence &model, const ChoiceRequest &request)
{
    const int first = request.continuationStart - 1;
    const std::span<const float> logits = model.run(request.tokens, first);
    const size_t vocab = size_t(model.vocab());
    double sum = 0;
    for (size_t i = size_t(request.continuationStart); i < request.tokens.size(); ++i) {
        const LogitRow row(logits.subspan((i - 1 - size_t(first)) * vocab, vocab));
        sum += row.logProb(request.tokens[i]);
    }
    return sum;
}

ItemOutcome scoreChoices(CachedSequence &model, const TaskItem &item, const PreparedTask &prepared, size_t index)
{
    std::vector<double> logLikelihoods;
    for (const ChoiceRequest &request : prepared.choices)
        logLikelihoods.push_back(continuationLogLikelihood(model, request));
    const int best = bestChoice(logLikelihoods);
    ItemOutcome outcome;
    outcome.item = index;
    outcome.correct = best == item.gold;
    outcome.correctNorm = bestChoiceNormalized(logLikelihoods, item.choices) == item.gold;
    outcome.prediction = item.choices[size_t(best)];
    return outcome;
}

ItemOutcome generateAnswer(CachedSequence &model, const Tokenizer &tokenizer, const TaskItem &item,
                           const PreparedTask &prepared, size_t index, int maxNewTokens)
{
    std::span<const float> logits = model.run(prepared.prompt, int(prepared.prompt.size()) - 1);
    std::vector<int32_t> generated;
    std::string text;
    for (int step = 0; step < maxNewTokens; ++step) {
        const int32_t next = LogitRow(logits).argmax;
        if (next == tokenizer.eosId())
            break;
        generated.push_back(next);
        text = tokenizer.decode(generated);
        if (generationComplete(text) || step + 1 == maxNewTokens)
            break;
        logits = model.append(next);
    }
    ItemOutcome outcome;
    outcome.item = index;
    outcome.correct = answerMatches(text, item.answer, item.match);
    outcome.correctNorm = outcome.correct;
    outcome.prediction = extractAnswer(text, item.answer, item.match);
    return outcome;
}

} // namespace

ItemOutcome evaluateTask(CachedSequence &model, const Tokenizer &tokenizer, const TaskItem &item,
                         const PreparedTask &prepared, size_t index, int maxNewTokens)
{
    if (item.kind == TaskKind::Choice)
        return scoreChoices(model, item, prepared, index);
    return generateAnswer(model, tokenizer, item, prepared, index, maxNewTokens);
}

} // namespace bitcliff
