// `demo`: the accuracy cliff on the demo model, headless: the demo sweep (every scheme, and
// the QAT, control and recovery checkpoints, evaluated against the unquantized model), then
// the report — cliff charts, the model's outlier and SQNR maps, report.html with the findings
// in numbers.
#include "analysis/bundleddemo.h"
#include "analysis/sweepevaluator.h"
#include "analysis/sweepinputs.h"
#include "cli/cliargs.h"
#include "cli/commands.h"
#include "cli/headlessgui.h"
#include "cli/reportcommand.h"
#include "cli/sweepoutput.h"
#include "cli/terminalprogress.h"
#include "demo/demosweep.h"
#include "sweep/sweeprunner.h"
#include "util/error.h"

#include <QDir>

#include <chrono>
#include <cstdio>
#include <filesystem>

namespace bitcliff::cli {

namespace {

// The trained demo model's own sweep (its schemes, derived checkpoints and held-out data), or
// the quick preset on another model; --preset and the other options change either.
SweepSpec demoSpec(const CliArgs &args, const std::filesystem::path &model)
{
    const bool trained = isTrainedDemoModel(model);
    SweepSpec spec = trained && !args.value("--preset") ? trainedDemoSweep(model)
                                                        : sweepPreset(args.value("--preset").value_or("quick"));
    spec.model = std::filesystem::absolute(model).lexically_normal().string();
    applySpecOptions(args, spec);
    if (spec.schemes.empty())
        throw UsageError("--schemes names no scheme");
    return spec;
}

} // namespace

int runDemo(int argc, char **argv, const std::vector<std::string> &argvRest)
{
    const auto start = std::chrono::steady_clock::now();
    const CliArgs args(argvRest,
        { "--out", "--model", "--schemes", "--preset", "--text", "--tasks", "--ctx", "--max-tokens", "--seed",
            "--threads", "--dpi" },
        { "--quiet" });
    if (!args.positional().empty())
        throw UsageError("demo takes no positional arguments");
    const std::filesystem::path out = std::filesystem::absolute(args.required("--out")).lexically_normal();
    const bool bundled = !args.value("--model");
    const std::filesystem::path model
        = bundled ? app::extractBundledDemoModel(out / "demo-model") : std::filesystem::path(*args.value("--model"));
    const SweepSpec spec = demoSpec(args, model); // bad options fail before any work
    const int dpi = int(args.number("--dpi", 144, 48, 1200));
    const auto application = startHeadlessApplication(argc, argv);
    std::printf("model: %s%s\n", model.string().c_str(),
        isTrainedDemoModel(model) ? "  (BitCliff's trained demo model: see its demo.json)" : "");

    const app::SweepInputs inputs = app::resolveSweepInputs(spec);
    SweepSetup setup;
    setup.spec = spec;
    setup.dir = out / "sweep";
    setup.repro = inputs.repro;
    app::SweepEvaluator evaluator(spec, inputs);
    runSweepPrinted(
        setup, evaluator, "sweeping " + std::to_string(spec.schemes.size()) + " schemes", args.has("--quiet"));

    const QStringList files = writeReportOf(setup.dir, QString::fromStdString(out.string()), dpi, true);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("wrote the report (%lld files) in %.0f s: open %s\n", static_cast<long long>(files.size()), seconds,
        files.front().toUtf8().constData());
    return 0;
}

} // namespace bitcliff::cli
