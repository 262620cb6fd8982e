#pragma once
// Task files: JSON Lines, one item per line (resources/eval/README.md has the schema).
//   {"id", "kind": "choice", "context", "choices": [...], "gold": i, "difficulty", "language"}
//   {"id", "kind": "generate", "prompt", "answer", "difficulty", "language", "match"}
// `difficulty` and `language` are optional labels every result is reported by; `match`
// (generate only, optional) is "last_number" to score the last number of the answer line.
#include "eval/answerextraction.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace bitcliff {

enum class TaskKind : uint8_t { Choice, Generate };

struct TaskItem
{
    std::string id;
    TaskKind kind = TaskKind::Choice;
    std::string context;              // choice: the text the choices continue; generate: the prompt
    std::vector<std::string> choices; // choice only
    int gold = 0;                     // choice only
    std::string answer;               // generate only
    std::string difficulty;           // "" when unlabelled
    std::string language;
    std::string source;               // the file's name, for reports
    AnswerMatch match = AnswerMatch::Auto; // generate only: how the answer line is compared
};

// Parses JSON Lines text. Throws FormatError("<label>:<line>: <problem>") on the first bad line
// (not JSON, missing or mistyped field, gold out of range, fewer than two choices, duplicate
// id, unknown "match", a "last_number" answer without a number). Blank lines are skipped.
std::vector<TaskItem> parseTaskLines(std::string_view text, const std::string &label);
std::vector<TaskItem> loadTaskFile(const std::filesystem::path &path);

} // namespace bitcliff
