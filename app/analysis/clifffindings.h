#pragma once
// The findings of a sweep report, computed from the sweep's cells alone (results.jsonl lines):
// where each method stays within 1 % and 5 % of the unquantized model, whether hard items and
// non-Latin languages lose more at 3 and 2 bits, whether 4-bit weights hold, which cells
// failed. Every number is a CellValue (cell index + JSON pointer) or is derived from
// CellValues the finding carries, so a report can say where each figure came from.
//
// "Within x %" per metric:
//  - accuracy: acc >= (1 - x) * acc of the unquantized cell (relative, /accuracy/overall/acc);
//  - perplexity: ln PPL ratio <= ln(1 + x), i.e. PPL at most x above the unquantized PPL, read
//    from /ln_ppl_ratio/value (computed on the same tokens as the KLD); without it from the
//    cells' /ppl: ppl <= (1 + x) * unquantized ppl;
//  - same-top: same_top.p >= 1 - x (the unquantized model agrees with itself on every token).
// Qt-free.
#include "analysis/resultcell.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace bitcliff::app {

enum class CliffMetric { Accuracy, Perplexity, SameTop };

inline constexpr std::array<double, 2> cliffTolerances { 0.01, 0.05 };

// One cell's metric as compared with the unquantized cell.
struct MetricReading
{
    // Accuracy: /accuracy/overall/acc; perplexity: /ln_ppl_ratio/value, or /ppl when the cell
    // has no ratio; same-top: /same_top/p.
    CellValue value;
    // The unquantized cell's /accuracy/overall/acc or /ppl; absent for the ratio and same-top,
    // which already compare with the unquantized model.
    std::optional<CellValue> baseline;
    std::optional<CellValue> ppl, basePpl, kld; // perplexity's context: both PPLs, the mean KLD
};

// The lowest-bit cell of one method within one tolerance of the unquantized cell.
struct ThresholdFinding
{
    std::string method;
    CliffMetric metric = CliffMetric::Accuracy;
    double tolerance = 0.01;
    std::vector<int> cells; // the method's ok cells that have the metric, by bits, then bpw
    std::optional<int> cell; // absent: none of `cells` is within the tolerance
    int bits = -1;
    std::string scheme;
    std::optional<CellValue> bpw;
    std::optional<MetricReading> reading;
    std::vector<int> notWithinAbove; // cells of the method with more bits that are not within
};

// An accuracy and the unquantized cell's on the same items; drop = (base - acc) * 100 pp.
struct AccuracyDrop
{
    CellValue acc;
    CellValue base;
    double dropPp = 0;
};

// "Hard falls first": the easiest and the hardest tier of one cell at 3 or 2 bits.
struct TierFinding
{
    std::string method;
    int bits = -1;
    int cell = -1;
    std::string scheme;
    std::string easiest, hardest; // tier names (easy < medium < hard, else alphabetical)
    AccuracyDrop easy, hard;
    double differencePp = 0; // hard.dropPp - easy.dropPp
};

// "The rarer script falls first": one non-Latin language of one cell at 3 or 2 bits against
// English in the same cell.
struct ScriptFinding
{
    std::string method;
    int bits = -1;
    int cell = -1;
    std::string scheme;
    std::string language;
    std::optional<AccuracyDrop> accuracy, englishAccuracy; // /accuracy/by_language/<l>/acc
    std::optional<double> differencePp; // accuracy->dropPp - englishAccuracy->dropPp
    // From texts[] of that language: /texts/<i>/ln_ppl_ratio/value and /texts/<i>/kld/mean.
    std::optional<CellValue> lnPplRatio, englishLnPplRatio, kld, englishKld;
};

// The W4A16 floor: one 4-bit cell of a method against the unquantized cell.
struct FloorFinding
{
    std::string method;
    int cell = -1;
    std::string scheme;
    std::optional<CellValue> bpw;
    CliffMetric metric = CliffMetric::Accuracy; // accuracy, else perplexity
    MetricReading reading;
    bool within1 = false, within5 = false;
    // Accuracy: points lost, (base - acc) * 100; perplexity: PPL increase in %, (ratio - 1) * 100.
    double loss = 0;
};

struct FailedCell
{
    int cell = -1;
    std::string scheme;
    std::string error;
};

struct CliffFindings
{
    std::optional<int> baseline; // the ok cell with scheme "unquantized"; absent: no baseline
    std::vector<std::string> methods; // methods of the quantized ok cells, in order of first cell
    std::vector<ThresholdFinding> thresholds; // per method: accuracy, perplexity, same-top x 1 %, 5 %
    std::vector<TierFinding> tiers; // 3 bits, then 2 bits
    std::vector<ScriptFinding> scripts; // 3 bits, then 2 bits
    std::vector<FloorFinding> floor;
    std::vector<FailedCell> failed;
};

CliffFindings findCliffs(const ResultCells &cells);

// Whether `reading` is within `tolerance` of the unquantized cell (see the top of this file).
bool withinTolerance(const MetricReading &reading, CliffMetric metric, double tolerance);

// ISO 639-1 codes of languages written in Latin script. A tag's primary subtag decides
// ("pt-BR" is Latin), unless it names a script ("sr-Latn" is Latin, "uz-Cyrl" is not).
const std::vector<std::string> &latinScriptLanguages();
bool isLatinScript(const std::string &language);

// Difficulty tiers from easiest to hardest: easy < medium < hard when every name is one of
// those, else alphabetical.
std::vector<std::string> orderedTiers(std::vector<std::string> tiers);

} // namespace bitcliff::app
