#pragma once
// What runs a sweep's cells: the real evaluator (app/analysis/sweepevaluator: quantize and
// evaluate in lockstep with the unquantized model) or a test's fake. The sweep runner owns
// the order, the files and resume; the evaluator only measures.
#include "sweep/sweepcell.h"
#include "util/progress.h"

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bitcliff {

struct CellCallbacks
{
    // A cell's metrics (the keys of `eval --json` for one run), as soon as they are final.
    std::function<void(const SweepCell &, nlohmann::ordered_json metrics)> finished;
    // A cell that cannot be measured (a scheme that fits no tensor...), with one line why.
    std::function<void(const SweepCell &, const std::string &error)> failed;
};

class CellEvaluator
{
public:
    virtual ~CellEvaluator() = default;
    // Measures `cells` (the baseline first when it is among them) and reports each through
    // `callbacks` as it finishes. The unquantized model runs as the reference of the
    // comparisons whether or not its cell is asked for. Throws Cancelled when progress
    // returns false; another exception fails the cells not yet reported.
    virtual void evaluate(
        const std::vector<SweepCell> &cells, const CellCallbacks &callbacks, const ProgressCallback &progress)
        = 0;
};

} // namespace bitcliff
