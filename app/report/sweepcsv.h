#pragma once
// The data files of a sweep: results.csv (one flat row per cell) and results.json (the array
// of the cells as they are). Qt-free, so that the sweep itself can regenerate them after
// every cell.
#include "analysis/resultcell.h"

#include <filesystem>
#include <string>
#include <vector>

namespace bitcliff::app {

// The columns: cell, scheme, method, bits, status, error, bpw, bpw_model, ppl, ppl_err, kld,
// kld_err, same_top, ln_ppl_ratio, acc, acc_err, then acc_<difficulty> (easy < medium < hard,
// else alphabetical), acc_<language> and ppl_<text name> (in order of first appearance)
// for every difficulty, language and text found in any cell.
std::vector<std::string> sweepCsvColumns(const ResultCells &cells);

// RFC 4180: a header line, then one line per cell, CRLF line ends; fields with a comma,
// quote or line break in double quotes, quotes doubled. Absent values are empty fields;
// numbers have 7 significant digits, fractions stay fractions (same_top 0.95, acc 0.61).
std::string sweepResultsCsv(const ResultCells &cells);

// The cells as one JSON array, indented.
std::string sweepResultsJson(const ResultCells &cells);

// One field quoted as RFC 4180 requires.
std::string csvField(const std::string &text);

// Write results.csv / results.json whole or not at all; throw Error naming the path.
void writeSweepResultsCsv(const std::filesystem::path &path, const ResultCells &cells);
void writeSweepResultsJson(const std::filesystem::path &path, const ResultCells &cells);

} // namespace bitcliff::app
