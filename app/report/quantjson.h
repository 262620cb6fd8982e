#pragma once
// JSON of a quantization report (`bitcliff-cli quantize --json`, exported report data).
#include "quant/modelquantizer.h"

#include <nlohmann/json.hpp>

namespace bitcliff::app {

// {scheme (the recipe's text: "gptq:b4:g128:sym" for a calibrated method), model, totals:
//  {quantized_parameters, mse, bpw, model_bpw, bpw_model, tensors: planSummaryJson counts},
//  tensors: [{name, quantized, [fallback, fallback_reason,] mse, sqnr_db, max_abs_err,
//  rel_frobenius, bpw} | {name, quantized: false, kept, bpw}]}
nlohmann::ordered_json quantReportJson(const QuantReport &report);

// What a scheme did to the model's tensors: {quantized, fallback, kept, fallbacks: [{to,
// reason, count, parameters}], kept_reasons: [{reason, count, parameters}]}.
nlohmann::ordered_json tensorCountsJson(const PlanSummary &summary);

} // namespace bitcliff::app
