#pragma once
// Calibration data: `sequences` windows of `length` tokens from calibration text (any text
// file or directory loadCorpus reads, a task file's items, or bundled text), spread evenly
// over the token stream of all the texts one after another, without overlap. Each window
// starts with BOS when the model's tokenizer adds one, as evaluation does.
#include "eval/corpus.h"
#include "eval/taskset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bitcliff {

class Tokenizer;

struct CalibrationSpec
{
    std::vector<CorpusText> texts;
    int sequences = 128;
    int length = 512;
};

struct CalibrationSet
{
    std::string source; // the texts' names, for reports
    std::vector<std::vector<int32_t>> sequences;
    int64_t tokens() const;
};

// A task file's items as one text: each item's context and its answer (the gold choice, or
// the expected answer), one item per line — what a model sees on those tasks.
CorpusText calibrationTextFromTasks(const std::vector<TaskItem> &items, std::string name);

// Throws Error when the texts hold fewer tokens than sequences × length ("calibration text
// has 3,000 tokens; 128 sequences of 512 need 65,536: ask for fewer or shorter sequences")
// or the counts are not positive.
CalibrationSet calibrationSet(const Tokenizer &tokenizer, const CalibrationSpec &spec);

} // namespace bitcliff
