#pragma once
// The demo's sweep on the trained demo model (demotraining.h): the model's cliff under
// post-training quantization — q8_0, q4_0 and RTN (asymmetric min–max) at 8/4/3/2 bits in
// groups of 128 and of 32 ("smaller groups move the cliff") — beside the derived checkpoints
// its demo.json names: QAT at 3 and 2 bits, the full-precision control, the recovery
// fine-tune. Evaluated on the model's held-out items (per tier × script) and passages (per
// script).
#include "sweep/sweepspec.h"

#include <filesystem>

namespace bitcliff {

// Whether `directory` holds a trained demo model (a demo.json of this version beside config.json).
bool isTrainedDemoModel(const std::filesystem::path &directory);

// The sweep spec of the trained demo model in `directory`: paths absolute, preset "demo".
// Throws Error when the folder is not a trained demo model or its demo.json is malformed.
SweepSpec trainedDemoSweep(const std::filesystem::path &directory);

} // namespace bitcliff
