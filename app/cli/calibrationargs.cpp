#include "cli/calibrationargs.h"

#include "analysis/calibrationinput.h"

namespace bitcliff::cli {

std::shared_ptr<const CalibrationSet> calibrationFrom(const CliArgs &args, const Tokenizer &tokenizer)
{
    const auto path = args.value("--calib");
    if (!path)
        return nullptr;
    return app::calibrationFromReference(*path, static_cast<int>(args.number("--calib-seqs", 128, 1, 100000)),
                                         static_cast<int>(args.number("--calib-len", 512, 2, 131072)), tokenizer);
}

} // namespace bitcliff::cli
