#pragma once
// Everything a sweep's spec names, resolved and checked before any cell runs: the model and
// its tokenizer, the texts and task items (bundled or the user's), and what reproduces a cell
// (model fingerprint, data hashes, version, machine) for every line of results.jsonl.
#include "calibrate/calibrationset.h"
#include "eval/corpus.h"
#include "eval/taskset.h"
#include "formats/model.h"
#include "sweep/sweepspec.h"

#include <memory>

#include <nlohmann/json.hpp>

namespace bitcliff {
class Tokenizer;
}

namespace bitcliff::app {

struct SweepInputs
{
    std::shared_ptr<const Model> model;
    std::shared_ptr<const Tokenizer> tokenizer;
    std::vector<CorpusText> texts;
    std::vector<TaskItem> tasks;
    std::shared_ptr<const CalibrationSet> calibration; // when the spec has calibration text
    nlohmann::ordered_json repro;
};

// Throws Error (one line) for a model that cannot be opened or run, a missing text or task
// file, a bad task line, or a scheme that fits no tensor of the model.
SweepInputs resolveSweepInputs(const SweepSpec &spec);

} // namespace bitcliff::app
