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

// -Σ log p(answer token | prompt and the answer before it): the expected answer fed in.
double teacherForcedAnswerNats(CachedSequence &model, const PreparedTask &prepared)
{
    const size_t start = prepared.prompt.size();
    if (prepared.answered.size() <= start || start == 0)
        return 0;
    const std::span<const float> logits = model.run(prepared.answered, int(start) - 1);
    const size_t vocab = size_t(model.vocab());
    double nats = 0;
    for (size_t i = start; i < prepared.answered.size(); ++i)
        nats -= LogitRow(logits.subspan((i - start) * vocab, vocab)).logProb(prepared.answered[i]);
    return nats;
}

ItemOutcome generateAnswer(CachedSequence &model, const Tokenizer &tokenizer, const TaskItem &item,
                           const PreparedTask &prepared, size_t index, int maxNewTokens)
{
    const double answerNats = teacherForcedAnswerNats(model, prepared);
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
    outcome.answerNats = answerNats;
    outcome.answerCodePoints = prepared.answered.size() > prepared.prompt.size() ? prepared.answerCodePoints : 0;
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
