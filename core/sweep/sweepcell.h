#pragma once
// The cells of a sweep: cell 0 the unquantized baseline, cell i the spec's scheme i-1. A cell
// knows its series on the cliff chart (the method: the scheme without its bit-width), its
// nominal bits, and a relative cost that orders the work cheapest first.
#include "sweep/sweepspec.h"

#include <string>
#include <vector>

namespace bitcliff {

inline constexpr const char *kUnquantized = "unquantized";

struct SweepCell
{
    int index = 0;
    std::string scheme; // canonical scheme text, or "unquantized"
    bool baseline() const { return index == 0; }
};

std::vector<SweepCell> sweepCells(const SweepSpec &spec);

// A cell's scheme text split: "rtn:b2:g32@qat" -> {"rtn:b2:g32", "qat"}; no variant: "".
struct CellScheme
{
    std::string scheme;
    std::string variant;
};
CellScheme splitCellScheme(const std::string &text);

// "rtn:g128:sym" for rtn:b3:g128:sym, "hqq:g64", "gguf-k" (q2_k..q6_k), "gguf-legacy"
// (q4_0..q8_0), "nf4", "fp8", "f16", "unquantized"...: one line per method on the chart;
// a variant's cells get their own line, "rtn:g32@qat".
std::string seriesKeyOf(const std::string &scheme);
// The bits a scheme's codes have: 3 for q3_k and rtn:b3, 16 for f16/bf16 and unquantized.
int nominalBitsOf(const std::string &scheme);
// Relative cost of quantizing with the scheme (evaluation costs the same for every cell):
// round-to-nearest 1, searches (K-quants, clipping, HQQ) more.
double quantizationCostOf(const std::string &scheme);

// The order cells run in: the baseline first (every comparison needs it), then cheapest first,
// the spec's order among equals.
std::vector<SweepCell> cheapestFirst(std::vector<SweepCell> cells);

} // namespace bitcliff
