#pragma once
// What the sweep commands print and write besides the results log: a line per finished cell,
// the closing table, results.csv, the cluster plan and its Slurm script, the merge summary.
#include "cli/cliargs.h"
#include "sweep/resultslog.h"
#include "sweep/sweeprunner.h"

#include <filesystem>

#include <nlohmann/json.hpp>

namespace bitcliff::cli {

// --schemes, --text, --tasks, --ctx, --max-tokens, --threads, --seed where given, over `spec`.
void applySpecOptions(const CliArgs &args, SweepSpec &spec);

class SweepPrinter
{
public:
    SweepPrinter(std::filesystem::path dir, bool quiet);
    void cell(const nlohmann::ordered_json &line); // one line per finished cell
    int finish(const SweepOutcome &outcome); // table, results.csv; the exit code

private:
    std::filesystem::path m_dir;
    bool m_quiet;
};

// Runs the sweep with progress on the terminal and a line per finished cell, then the
// closing summary; returns the exit code.
int runSweepPrinted(const SweepSetup &setup, CellEvaluator &evaluator, const std::string &label, bool quiet);

// "q4_k  4.53 bpw  PPL 23.41  KLD 0.01234  same top 95.1%  acc 61.2%  12.3 s" or the failure.
std::string cellSummary(const nlohmann::ordered_json &line);

void printPlan(const SweepSpec &spec, const std::filesystem::path &dir);
void writeSlurmScript(const CliArgs &args, const std::filesystem::path &dir, int cellCount);
int printMerge(const MergeOutcome &outcome, const std::filesystem::path &dir, int cellCount);

// results.csv and results.json beside results.jsonl, rewritten from the log.
void refreshResultTables(const std::filesystem::path &dir);

} // namespace bitcliff::cli
