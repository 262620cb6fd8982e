#pragma once
// The parts of `quantize` shared by plain schemes (quantizecommand.cpp) and calibrated recipes
// (quantizecalibrated.cpp): the report as a table or JSON, and the calibrated path itself.
#include "cli/cliargs.h"
#include "plan/recipe.h"
#include "quant/modelquantizer.h"

#include <string>

namespace bitcliff::cli {

// The per-tensor table on stdout, or --json; `calibration` (empty for plain schemes) is the
// calibrated method's note ("gptq: 28 matrices from …").
void printQuantReport(const QuantReport &report, bool json, const std::string &calibration = {});

// `quantize PATH --scheme gptq:... --calib REF [--out DIR|FILE.gguf] [--format gptq|fake]`.
int quantizeCalibrated(const CliArgs &args, const QuantRecipe &recipe);

} // namespace bitcliff::cli
