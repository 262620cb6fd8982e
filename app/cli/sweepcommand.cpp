// `sweep`, `sweep-cell`, `sweep-merge`: a model x schemes x evaluation set into DIR/results.jsonl,
// resumable; on a cluster one cell per job (--plan, --slurm) merged afterwards.
#include "analysis/sweepevaluator.h"
#include "analysis/sweepinputs.h"
#include "cli/cliargs.h"
#include "cli/commands.h"
#include "cli/sweepoutput.h"
#include "cli/terminalprogress.h"
#include "sweep/resultslog.h"
#include "sweep/sweepcell.h"
#include "sweep/sweeprunner.h"
#include "util/error.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace bitcliff::cli {
namespace {

// The spec: DIR/sweep.json when resuming with nothing else given, else --spec FILE or
// --preset, overridden by PATH and the options given.
SweepSpec specFromArgs(const CliArgs &args, const std::filesystem::path &dir)
{
    const bool resumeOnly
        = args.positional().empty() && !args.value("--spec") && !args.value("--preset") && !args.value("--schemes");
    if (resumeOnly) {
        if (!std::filesystem::exists(dir / "sweep.json"))
            throw UsageError("give PATH and --schemes (or --preset, or --spec FILE); " + (dir / "sweep.json").string()
                + " does not exist to resume from");
        return loadSweepSpec(dir / "sweep.json");
    }
    if (args.value("--spec") && args.value("--preset"))
        throw UsageError("give --spec or --preset, not both");
    SweepSpec spec;
    if (const auto file = args.value("--spec"))
        spec = loadSweepSpec(*file);
    else if (const auto preset = args.value("--preset"))
        spec = sweepPreset(*preset);
    if (args.positional().size() > 1)
        throw UsageError("sweep takes one PATH");
    if (!args.positional().empty())
        spec.model = std::filesystem::absolute(args.positional()[0]).lexically_normal().string();
    applySpecOptions(args, spec);
    if (spec.model.empty())
        throw UsageError("sweep needs a model: PATH, or \"model\" in the spec");
    if (spec.schemes.empty())
        throw UsageError("sweep needs schemes: --schemes A,B,... or --preset quick|full");
    if (!spec.text && !spec.tasks)
        throw UsageError("give --text FILE|DIR|bundled and/or --tasks FILE|bundled");
    return spec;
}

SweepSetup setupFor(const SweepSpec &spec, const std::filesystem::path &dir, const app::SweepInputs &inputs)
{
    SweepSetup setup;
    setup.spec = spec;
    setup.dir = dir;
    setup.repro = inputs.repro;
    return setup;
}

int cellCountOf(const std::filesystem::path &dir)
{
    return int(sweepCells(loadSweepSpec(dir / "sweep.json")).size());
}

} // namespace

int runSweep(const std::vector<std::string> &argv)
{
    const CliArgs args(argv,
        { "--schemes", "--spec", "--preset", "--text", "--tasks", "--ctx", "--max-tokens", "--threads", "--seed",
            "--out", "--group", "--slurm-time", "--slurm-mem", "--slurm-partition", "--slurm-cpus",
            "--slurm-parallel", "--calib", "--calib-seqs", "--calib-len" },
        { "--plan", "--slurm", "--retry-failed", "--quiet" });
    const std::filesystem::path dir = std::filesystem::absolute(args.required("--out")).lexically_normal();
    const SweepSpec spec = specFromArgs(args, dir); // bad options and schemes fail here, before any work
    const app::SweepInputs inputs = app::resolveSweepInputs(spec);
    SweepSetup setup = setupFor(spec, dir, inputs);
    setup.groupSize = int(args.number("--group", setup.groupSize, 1, 64));
    setup.retryFailed = args.has("--retry-failed");
    if (args.has("--plan") || args.has("--slurm")) {
        const SweepSpec planned = prepareSweepDir(setup);
        printPlan(planned, dir);
        if (args.has("--slurm"))
            writeSlurmScript(args, dir, int(sweepCells(planned).size()));
        return 0;
    }
    app::SweepEvaluator evaluator(spec, inputs);
    return runSweepPrinted(setup, evaluator, "sweeping", args.has("--quiet"));
}

int runSweepCell(const std::vector<std::string> &argv)
{
    const CliArgs args(argv, { "--cell", "--threads" }, {});
    if (args.positional().size() != 1)
        throw UsageError("sweep-cell takes the sweep's DIR");
    const std::filesystem::path dir = std::filesystem::absolute(args.positional()[0]).lexically_normal();
    int cell = -1;
    if (args.value("--cell")) {
        cell = int(args.number("--cell", 0, 0, 1e6));
    } else if (const char *task = std::getenv("SLURM_ARRAY_TASK_ID")) {
        char *end = nullptr;
        const long value = std::strtol(task, &end, 10);
        if (*task == '\0' || *end != '\0' || value < 0)
            throw Error(std::string("SLURM_ARRAY_TASK_ID is '") + task + "', not a cell number");
        cell = int(value);
    } else {
        throw UsageError("give --cell I (or run as a Slurm array task)");
    }
    SweepSpec spec = loadSweepSpec(dir / "sweep.json");
    spec.threads = int(args.number("--threads", spec.threads, 0, 256));
    const app::SweepInputs inputs = app::resolveSweepInputs(spec);
    app::SweepEvaluator evaluator(spec, inputs);
    TerminalProgress progress("cell " + std::to_string(cell));
    const nlohmann::ordered_json line
        = bitcliff::runSweepCell(setupFor(spec, dir, inputs), cell, evaluator, progress.callback());
    progress.done();
    SweepPrinter(dir, false).cell(line);
    std::printf("wrote %s\n", cellFilePath(dir, cell).string().c_str());
    return line.value("status", "") == "ok" ? 0 : 1;
}

int runSweepMerge(const std::vector<std::string> &argv)
{
    const CliArgs args(argv, {}, {});
    if (args.positional().size() != 1)
        throw UsageError("sweep-merge takes the sweep's DIR");
    const std::filesystem::path dir = std::filesystem::absolute(args.positional()[0]).lexically_normal();
    const int cells = cellCountOf(dir);
    const MergeOutcome outcome = mergeCellFiles(dir, cells);
    return printMerge(outcome, dir, cells);
}

} // namespace bitcliff::cli
