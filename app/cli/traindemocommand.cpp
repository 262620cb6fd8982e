// `train-demo`: the trained demo model from scratch (demo/demotraining.h), with a progress
// line per stage: loss, held-out loss, tokens/s and the time left of the whole run.
#include "cli/cliargs.h"
#include "cli/commands.h"
#include "cli/interruption.h"
#include "cli/trainsetup.h"
#include "demo/demotraining.h"
#include "util/progress.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

namespace bitcliff::cli {


int runTrainDemo(const std::vector<std::string> &argvRest)
{
    const CliArgs args(argvRest, { "--out", "--threads", "--tokens", "--variant-tokens", "--recovery-steps", "--seed" },
        { "--quiet" });
    if (!args.positional().empty())
        throw UsageError("train-demo takes no positional arguments");
    const std::filesystem::path out = std::filesystem::absolute(args.required("--out")).lexically_normal();
    DemoTrainingOptions options;
    options.threads = int(args.number("--threads", 0, 0, 256));
    options.seed = uint64_t(args.number("--seed", 1, 0, 1e15));
    options.baseCodePoints = int64_t(args.number("--tokens", double(options.baseCodePoints), 1e4, 1e10));
    options.variantCodePoints
        = int64_t(args.number("--variant-tokens", double(options.variantCodePoints), 1e3, 1e10));
    options.recoverySteps = int64_t(args.number("--recovery-steps", double(options.recoverySteps), 1, 1e6));
    const bool quiet = args.has("--quiet");

    const Interruption interruption;
    auto lastLine = std::chrono::steady_clock::now() - std::chrono::hours(1);
    std::string lastStage;
    const auto start = std::chrono::steady_clock::now();
    std::printf("training the demo model into %s (threads: %s)\n", out.string().c_str(),
        options.threads > 0 ? std::to_string(options.threads).c_str() : "one per core");
    std::fflush(stdout);
    trainDemoModel(out, options, [&](const DemoTrainingProgress &p) {
        const auto now = std::chrono::steady_clock::now();
        const bool stageEnd = p.step.step == p.step.steps;
        if (!quiet && (stageEnd || p.step.heldOutLoss || p.stage != lastStage || now - lastLine > std::chrono::seconds(15))) {
            std::printf("[%d/%d %s] step %lld/%lld  loss %.4f%s  %.0f tokens/s  %s left\n", p.stageIndex + 1,
                p.stageCount, p.stage.c_str(), (long long)p.step.step, (long long)p.step.steps, p.step.loss,
                p.step.heldOutLoss ? ("  held-out " + std::to_string(*p.step.heldOutLoss).substr(0, 6)).c_str() : "",
                p.step.tokensPerSecond, durationText(p.secondsLeft).c_str());
            std::fflush(stdout);
            lastLine = now;
            lastStage = p.stage;
        }
        return !Interruption::requested();
    });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("wrote the demo model to %s in %s\n", out.string().c_str(), durationText(seconds).c_str());
    return 0;
}

} // namespace bitcliff::cli
