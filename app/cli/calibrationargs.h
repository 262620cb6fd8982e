#pragma once
// --calib PATH [--calib-seqs N] [--calib-len N]: the calibration sequences of calibrated
// recipes (gptq), from a text file or directory, a task file (.jsonl) or "bundled"
// (app/analysis/calibrationinput.h).
#include "calibrate/calibrationset.h"
#include "cli/cliargs.h"

#include <memory>

namespace bitcliff {
class Tokenizer;
}

namespace bitcliff::cli {

inline const std::set<std::string> kCalibrationOptions = { "--calib", "--calib-seqs", "--calib-len" };

// Null without --calib. Throws Error when the text is too short for the sequences asked.
std::shared_ptr<const CalibrationSet> calibrationFrom(const CliArgs &args, const Tokenizer &tokenizer);

} // namespace bitcliff::cli
