#pragma once
// The demo data's test files, for `bitcliff-cli eval --tasks FILE --text ...`:
//   demo-arithmetic.jsonl  every test question of every tier in both scripts, one file
//                          (results are reported per difficulty and language anyway):
//                          {"id": "demo-easy-0001-en", "kind": "generate", "prompt": "17+31=",
//                           "answer": "48", "difficulty": "easy", "language": "en"}
//                          Hard items carry "match": "last_number" (scored on the final
//                          number of the scratchpad). The two scripts of a question share the
//                          number in the id, for paired comparisons.
//   en.txt, hi.txt         the held-out passages, parallel, separated by blank lines (as
//                          resources/eval/corpus), for per-script perplexity.
#include "demo/demodataset.h"
#include "eval/taskset.h"

#include <filesystem>
#include <string>
#include <vector>

namespace bitcliff {

inline constexpr const char *kDemoTaskFileName = "demo-arithmetic.jsonl";
inline constexpr const char *kDemoCalibrationFile = "calibration/en.txt"; // in the model folder
inline constexpr size_t kDemoCalibrationCodePoints = 80'000; // 64 × 256 tokens and more

// The test items in file order: tier by tier, question by question, common then rare.
std::vector<TaskItem> demoTestTasks(const DemoDataset &data);

// The task file's text: one JSON object per line, LF line ends.
std::string demoTaskJsonLines(const DemoDataset &data);

// The held-out passages of one script, separated by blank lines, ending in a line break.
std::string demoCorpusText(const DemoDataset &data, DemoScript script);

// Calibration text for GPTQ and other calibrated methods: training-distribution documents
// (half sentence passages, half arithmetic of every tier; seed 7) in the common script only, one
// per line, `codePoints` code points at least — so the rare script is a language the
// calibration never saw.
std::string demoCalibrationText(const DemoDataset &data, size_t codePoints = kDemoCalibrationCodePoints);

// Writes <directory>/demo-arithmetic.jsonl, en.txt and hi.txt (atomically, creating the
// directory). Throws Error naming a file that cannot be written.
void writeDemoTestFiles(const DemoDataset &data, const std::filesystem::path &directory);

} // namespace bitcliff
