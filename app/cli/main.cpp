// bitcliff-cli: the headless front end. Same core as the GUI; one-line errors on stderr.
#include "cli/cliargs.h"
#include "cli/commands.h"
#include "util/error.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr const char *kUsage = R"(usage: bitcliff-cli <command> [options]

Commands:
  inspect PATH [--json] [--k K] [--threads N]
      The model catalog with per-tensor statistics: absmax, mean, std (population),
      kurtosis (Pearson: 3 for a Gaussian) and the number of outlier input channels.
  outliers PATH --tensor NAME [--axis rows|cols] [--top N] [--json] [--k K]
      Per-channel absmax and RMS of one tensor; rows = output channels,
      cols = input channels (default).
  demo --out DIR [--model DIR]
      Generates the synthetic demo checkpoint (or uses --model) and renders its
      outlier charts as PNG and SVG, with the data behind them (JSON, CSV).

PATH is a .safetensors file, a .gguf file, or a Hugging Face checkpoint directory
(config.json + model.safetensors or sharded model-*-of-*.safetensors with
model.safetensors.index.json).

Outlier rule: a channel is an outlier when its absmax exceeds K times the median
channel absmax of the same tensor (default K = 4).

Exit status: 0 success, 1 error (one line on stderr), 2 usage error.
)";

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::puts("bitcliff-cli " BITCLIFF_VERSION);
        return 0;
    }
    const std::string command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
        if (command == "inspect")
            return bitcliff::cli::runInspect(rest);
        if (command == "outliers")
            return bitcliff::cli::runOutliers(rest);
        if (command == "demo")
            return bitcliff::cli::runDemo(argc, argv, rest);
        throw bitcliff::cli::UsageError("unknown command '" + command + "'");
    } catch (const bitcliff::cli::UsageError &e) {
        std::fprintf(stderr, "bitcliff-cli %s: %s (see bitcliff-cli --help)\n", command.c_str(), e.what());
        return 2;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bitcliff-cli: %s\n", e.what());
        return 1;
    }
}
