#pragma once
// JSON of an evaluation report (`bitcliff-cli eval --json`, exported report data). The top
// level carries the figures of the last run (the quantized model when a scheme was given:
// ppl, ppl_err, tokens_scored, kld, same_top, delta_p, ln_ppl_ratio, accuracy) and `runs`
// every run, the unquantized one first, each with its per-text and per-item results.
#include "eval/evaluation.h"

#include <nlohmann/json.hpp>

namespace bitcliff::app {

// `storedBitsPerWeight`: the unquantized model's, reported as the unquantized run's bpw.
nlohmann::ordered_json evalRunJson(const EvalRun &run, const std::vector<TaskItem> &tasks, double storedBitsPerWeight);
nlohmann::ordered_json evalReportJson(const EvalReport &report);

} // namespace bitcliff::app
