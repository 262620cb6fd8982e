#pragma once
// DIR/results.jsonl: one finished cell per line. A line is appended with one write and synced
// before the next cell starts, so a sweep killed at any moment loses at most the cell it was
// running; a line torn by a kill in mid-write is recognised (no newline at the end of the
// file) and dropped on resume. Cluster cells write DIR/cells/cell-NNNN.json instead, merged
// into the log by mergeCellFiles.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bitcliff {

struct ResultsLog
{
    std::vector<nlohmann::ordered_json> cells; // in file order
    bool tornTail = false; // the file ended in a partial line (dropped)
};

// Missing file: empty log. Throws Error("<file>:<line>: ...") for a line that is not a JSON
// object with "cell" and "scheme" (other than a torn last line).
ResultsLog readResultsLog(const std::filesystem::path &file);
// Appends one line and syncs it to disk. Throws Error naming the file.
void appendResultLine(const std::filesystem::path &file, const nlohmann::ordered_json &cell);
// Replaces the log with `cells` atomically (dropping a torn tail or retried failures).
void rewriteResultsLog(const std::filesystem::path &file, const std::vector<nlohmann::ordered_json> &cells);

std::filesystem::path cellFilePath(const std::filesystem::path &sweepDir, int cell);
void writeCellFile(const std::filesystem::path &sweepDir, const nlohmann::ordered_json &cell); // atomic
// Throws Error when the file is not a cell object.
nlohmann::ordered_json readCellFile(const std::filesystem::path &file);

struct MergeOutcome
{
    std::vector<int> added; // cell files appended to the log now
    std::vector<int> alreadyThere; // in the log before (equal to their file, or the file is gone)
    std::vector<int> conflicting; // a cell file that differs from the log's line for it: kept the log's
    std::vector<int> missing; // cells of the spec with neither a line nor a file
    std::vector<std::string> ignored; // files in cells/ that are not cell files (named, with why)
};

// Merges DIR/cells/*.json into DIR/results.jsonl, in cell order; idempotent (a second merge
// adds nothing). `cellCount`: how many cells the spec has (for `missing`).
MergeOutcome mergeCellFiles(const std::filesystem::path &sweepDir, int cellCount);

} // namespace bitcliff
