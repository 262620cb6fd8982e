#pragma once
// Task results grouped by their labels: overall, per task file, per difficulty, per language
// and per (language, difficulty), each with acc, acc_norm and their standard errors.
#include "eval/taskset.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bitcliff {

struct ItemOutcome
{
    size_t item = 0;         // index into the task list
    bool correct = false;    // acc (exact match for generation)
    bool correctNorm = false; // acc_norm (= correct for generation)
    std::string prediction;  // the chosen choice text or the extracted answer
    // Generation: -Σ log p of the expected answer's tokens after the prompt (teacher-forced),
    // and the answer's code points. It moves smoothly with bits where exact match jumps.
    double answerNats = 0;
    int64_t answerCodePoints = 0; // 0: not measured (choice items)
};

struct Accuracy
{
    int64_t count = 0;
    double acc = 0;
    double accError = 0;      // sqrt(p(1−p)/(n−1)), lm-eval's standard error of the mean
    double accNorm = 0;
    double accNormError = 0;
    int64_t answerCodePoints = 0;   // generation items' expected answers, teacher-forced
    double answerNatsPerChar = 0;   // Σ answer nats / Σ answer code points (0 without them)
};

struct LabelledAccuracy
{
    Accuracy overall;
    std::map<std::string, Accuracy> byTask;
    std::map<std::string, Accuracy> byDifficulty;
    std::map<std::string, Accuracy> byLanguage;
    std::map<std::string, Accuracy> byLanguageDifficulty; // "ja/hard"
};

LabelledAccuracy groupAccuracy(const std::vector<TaskItem> &items, const std::vector<ItemOutcome> &outcomes);

} // namespace bitcliff
