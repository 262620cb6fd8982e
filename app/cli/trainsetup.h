#pragma once
// The parts of `bitcliff-cli train` around the trainer: the run's options from the command
// line (a resumed run's own as the defaults), the checks of the output folder made before any
// work, and the progress lines.
#include "cli/cliargs.h"
#include "train/trainer.h"

#include <chrono>
#include <filesystem>
#include <string>

namespace bitcliff::cli {

// The options of a new run (`resumed` null): --steps required, the trainer's defaults otherwise,
// except ctx (at most the model's `modelContext`), a held-out 5 % of the documents and a
// held-out loss ten times per run. Of a resumed run: its own options; a given option that
// differs from them is refused (Error), but --steps may extend the run.
train::TrainOptions trainOptionsFromArgs(const CliArgs &args, const train::TrainOptions *resumed,
                                         int64_t modelContext);

// Refuses (Error) an output folder the trainer could not write at the end of the run, so that a
// long run does not fail there: the input model's folder, a folder inside or around it, an
// existing file or a folder holding something else than a model, a place where no folder can
// be created. Leaves nothing behind.
void checkOutputFolder(const std::filesystem::path &out, const std::filesystem::path &inputModel);

// "1m05s", "2h03m".
std::string durationText(double seconds);

// A progress line for the first step, every held-out loss, the last step and otherwise one per
// ~10 s; the callback returns false once Ctrl-C or SIGTERM asked to stop.
class TrainProgressLines
{
public:
    bool operator()(const train::TrainProgress &progress);

private:
    std::chrono::steady_clock::time_point m_lastLine{};
    bool m_printed = false;
};

} // namespace bitcliff::cli
