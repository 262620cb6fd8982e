#include "eval/labelaccuracy.h"

#include <cmath>

namespace bitcliff {
namespace {

struct Tally
{
    int64_t count = 0;
    int64_t correct = 0;
    int64_t correctNorm = 0;
    int64_t answerCodePoints = 0;
    double answerNats = 0;

    void add(const ItemOutcome &outcome)
    {
        ++count;
        answerCodePoints += outcome.answerCodePoints;
        answerNats += outcome.answerNats;
        correct += outcome.correct ? 1 : 0;
        correctNorm += outcome.correctNorm ? 1 : 0;
    }
};

double standardError(double p, int64_t n)
{
    return n > 1 ? std::sqrt(p * (1 - p) / double(n - 1)) : 0.0;
}

Accuracy accuracyOf(const Tally &tally)
{
    Accuracy result;
    result.count = tally.count;
    if (tally.count == 0)
        return result;
    result.acc = double(tally.correct) / double(tally.count);
    result.accNorm = double(tally.correctNorm) / double(tally.count);
    result.accError = standardError(result.acc, tally.count);
    result.accNormError = standardError(result.accNorm, tally.count);
    result.answerCodePoints = tally.answerCodePoints;
    if (tally.answerCodePoints > 0)
        result.answerNatsPerChar = tally.answerNats / double(tally.answerCodePoints);
    return result;
}

std::map<std::string, Accuracy> accuracies(const std::map<std::string, Tally> &tallies)
{
    std::map<std::string, Accuracy> result;
    for (const auto &[label, tally] : tallies)
        result[label] = accuracyOf(tally);
    return result;
}

} // namespace

LabelledAccuracy groupAccuracy(const std::vector<TaskItem> &items, const std::vector<ItemOutcome> &outcomes)
{
    Tally overall;
    std::map<std::string, Tally> byTask, byDifficulty, byLanguage, byBoth;
    for (const ItemOutcome &outcome : outcomes) {
        const TaskItem &item = items.at(outcome.item);
        overall.add(outcome);
        byTask[item.source].add(outcome);
        if (!item.difficulty.empty())
            byDifficulty[item.difficulty].add(outcome);
        if (!item.language.empty())
            byLanguage[item.language].add(outcome);
        if (!item.language.empty() && !item.difficulty.empty())
            byBoth[item.language + "/" + item.difficulty].add(outcome);
    }
    LabelledAccuracy result;
    result.overall = accuracyOf(overall);
    result.byTask = accuracies(byTask);
    result.byDifficulty = accuracies(byDifficulty);
    result.byLanguage = accuracies(byLanguage);
    result.byLanguageDifficulty = accuracies(byBoth);
    return result;
}

} // namespace bitcliff
