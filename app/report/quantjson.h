#pragma once
// JSON of a quantization report (`bitcliff-cli quantize --json`, exported report data).
#include "quant/modelquantizer.h"

#include <nlohmann/json.hpp>

namespace bitcliff::app {

// {scheme, model, totals: {...}, tensors: [{name, quantized, mse, sqnr_db, max_abs_err,
//  rel_frobenius, bpw} | {name, quantized: false, kept, bpw}]}
nlohmann::ordered_json quantReportJson(const QuantReport &report);

} // namespace bitcliff::app
