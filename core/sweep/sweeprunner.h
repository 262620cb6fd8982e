#pragma once
// Runs a sweep into its directory: DIR/sweep.json, DIR/results.jsonl (a line per finished
// cell, appended as it finishes), resuming what is there. Cells run the baseline first, then
// cheapest first, in groups the evaluator runs in lockstep (one unquantized pass per group);
// a failing cell is recorded with its reason and the sweep goes on.
#include "sweep/cellevaluator.h"
#include "sweep/sweepspec.h"

#include <filesystem>
#include <functional>

#include <nlohmann/json.hpp>

namespace bitcliff {

struct SweepSetup
{
    SweepSpec spec;
    std::filesystem::path dir;
    // What reproduces a cell, the same for all of them: "model" (ModelFingerprint::toJson),
    // "text"/"tasks" (references and file hashes), "version", "machine". Each line gets a copy
    // with its own "time".
    nlohmann::ordered_json repro;
    int groupSize = 6; // schemes per lockstep group: fewer passes vs. results sooner
    bool retryFailed = false; // run cells recorded as failed again
};

struct SweepOutcome
{
    int cells = 0; // in the spec, the baseline included
    int resumed = 0; // found finished in results.jsonl
    int ran = 0; // finished now (ok or failed)
    int failed = 0; // of all cells in the log, failed
};

// One line as the log holds it: cell, scheme, method, bits, status, [error], metrics, repro.
nlohmann::ordered_json resultLine(const SweepCell &cell, const nlohmann::ordered_json *metrics,
    const std::string &error, const nlohmann::ordered_json &repro);

// Writes DIR/sweep.json, merging with the one there: the same measurement is required (model,
// data, context: Error naming the difference otherwise); schemes not there yet are added as
// new cells. Returns the spec that runs. Also refuses a results.jsonl of another model.
SweepSpec prepareSweepDir(const SweepSetup &setup);

// `onCell` gets each line just after it is appended (on the calling thread). Throws Cancelled
// (lines of finished cells stay), Error for a directory that holds another sweep.
SweepOutcome runSweep(const SweepSetup &setup, CellEvaluator &evaluator,
    const std::function<void(const nlohmann::ordered_json &)> &onCell = {}, const ProgressCallback &progress = {});

// Cluster mode: runs cell `index` of the sweep in DIR alone and writes DIR/cells/cell-NNNN.json
// (skipped when an ok result is there). Returns the line.
nlohmann::ordered_json runSweepCell(
    const SweepSetup &setup, int index, CellEvaluator &evaluator, const ProgressCallback &progress = {});

} // namespace bitcliff
