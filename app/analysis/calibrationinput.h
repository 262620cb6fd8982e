#pragma once
// Calibration sequences from a reference as the command line, sweeps and the GUI name them:
// a text file or directory, "bundled[:LANGS]", or a task file (.jsonl, "bundled:NAME" tasks
// are not texts) whose items become one text.
#include "calibrate/calibrationset.h"

#include <memory>
#include <string>

namespace bitcliff {
class Tokenizer;
}

namespace bitcliff::app {

// Throws Error for a missing file or too little text for the sequences asked.
std::shared_ptr<const CalibrationSet> calibrationFromReference(const std::string &reference, int sequences, int length,
                                                               const Tokenizer &tokenizer);

} // namespace bitcliff::app
