#include "cli/sweepoutput.h"

#include "cli/terminalprogress.h"
#include "report/sweepcsv.h"
#include "sweep/slurmscript.h"
#include "sweep/sweepcell.h"
#include "util/error.h"

#include <cstdio>
#include <unistd.h>

namespace bitcliff::cli {

using Json = nlohmann::ordered_json;

namespace {

double number(const Json &json, std::initializer_list<const char *> path)
{
    const Json *at = &json;
    for (const char *key : path) {
        if (!at->is_object() || !at->contains(key))
            return NAN;
        at = &(*at)[key];
    }
    return at->is_number() ? at->get<double>() : NAN;
}

std::string joined(const std::vector<int> &cells)
{
    std::string text;
    for (int cell : cells)
        text += (text.empty() ? "" : ", ") + std::to_string(cell);
    return text;
}

std::filesystem::path selfPath()
{
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error)
        throw Error("cannot find this program's path for the Slurm script (/proc/self/exe)");
    return self;
}

} // namespace

void applySpecOptions(const CliArgs &args, SweepSpec &spec)
{
    if (const auto schemes = args.value("--schemes"))
        spec.schemes = canonicalSchemes(commaList(*schemes));
    if (const auto text = args.value("--text"))
        spec.text = *text;
    if (const auto tasks = args.value("--tasks"))
        spec.tasks = *tasks;
    spec.nCtx = int(args.number("--ctx", spec.nCtx, 8, 131072));
    spec.maxNewTokens = int(args.number("--max-tokens", spec.maxNewTokens, 1, 4096));
    spec.threads = int(args.number("--threads", spec.threads, 0, 256));
    spec.seed = uint64_t(args.number("--seed", double(spec.seed), 0, 4294967295.0));
    if (const auto calibration = args.value("--calib")) {
        SweepCalibration c = spec.calibration.value_or(SweepCalibration{});
        c.text = *calibration;
        spec.calibration = c;
    }
    if (spec.calibration) {
        spec.calibration->sequences = int(args.number("--calib-seqs", spec.calibration->sequences, 1, 100000));
        spec.calibration->length = int(args.number("--calib-len", spec.calibration->length, 2, 131072));
    }
    spec.checkCalibration();
}

std::string cellSummary(const Json &line)
{
    char text[256];
    const std::string scheme = line.value("scheme", "?");
    if (line.value("status", "") != "ok") {
        std::snprintf(text, sizeof text, "%-18s failed: %s", scheme.c_str(), line.value("error", "").c_str());
        return text;
    }
    std::string out;
    std::snprintf(text, sizeof text, "%-18s %5.2f bpw", scheme.c_str(), number(line, { "bpw" }));
    out += text;
    if (const double ppl = number(line, { "ppl" }); std::isfinite(ppl)) {
        std::snprintf(text, sizeof text, "  PPL %9.4f", ppl);
        out += text;
    }
    if (const double kld = number(line, { "kld", "mean" }); std::isfinite(kld)) {
        std::snprintf(text, sizeof text, "  KLD %.5f  same top %5.1f%%", kld, 100 * number(line, { "same_top", "p" }));
        out += text;
    }
    if (const double acc = number(line, { "accuracy", "overall", "acc" }); std::isfinite(acc)) {
        std::snprintf(text, sizeof text, "  acc %5.1f%%", 100 * acc);
        out += text;
    }
    std::snprintf(text, sizeof text, "  %.1f s", number(line, { "seconds" }));
    return out + text;
}

SweepPrinter::SweepPrinter(std::filesystem::path dir, bool quiet)
    : m_dir(std::move(dir))
    , m_quiet(quiet)
{ }

void SweepPrinter::cell(const Json &line)
{
    if (!m_quiet) {
        std::printf("cell %-3d %s\n", line.value("cell", -1), cellSummary(line).c_str());
        // A scheme that did not run as asked on every tensor says so: its bpw is the truth.
        if (line.contains("tensors") && line["tensors"].contains("fallbacks"))
            for (const Json &fallback : line["tensors"]["fallbacks"])
                std::printf("         %d tensors fell back to %s (%s)\n", fallback.value("count", 0),
                    fallback.value("to", "?").c_str(), fallback.value("reason", "").c_str());
    }
    std::fflush(stdout);
    refreshResultTables(m_dir);
}

int SweepPrinter::finish(const SweepOutcome &outcome)
{
    refreshResultTables(m_dir);
    if (outcome.ran == 0)
        std::printf("all %d cells were finished already in %s\n", outcome.cells, (m_dir / "results.jsonl").c_str());
    else if (outcome.resumed > 0)
        std::printf("resumed: %d cells were finished, %d ran now\n", outcome.resumed, outcome.ran);
    std::printf("%d of %d cells ok, %d failed: %s (and results.csv, results.json)\n", outcome.cells - outcome.failed,
        outcome.cells, outcome.failed, (m_dir / "results.jsonl").c_str());
    return 0;
}

int runSweepPrinted(const SweepSetup &setup, CellEvaluator &evaluator, const std::string &label, bool quiet)
{
    SweepPrinter printer(setup.dir, quiet);
    TerminalProgress progress(label);
    const SweepOutcome outcome = runSweep(
        setup, evaluator,
        [&](const Json &line) {
            progress.done();
            printer.cell(line);
        },
        progress.callback());
    progress.done();
    return printer.finish(outcome);
}

void printPlan(const SweepSpec &spec, const std::filesystem::path &dir)
{
    const std::vector<SweepCell> cells = sweepCells(spec);
    std::printf("planned %zu cells in %s:\n", cells.size(), (dir / "sweep.json").c_str());
    for (const SweepCell &cell : cells)
        std::printf("  cell %-3d %s\n", cell.index, cell.scheme.c_str());
    std::printf("run each with: bitcliff-cli sweep-cell %s --cell I   (or as Slurm array task I)\n"
                "then merge:    bitcliff-cli sweep-merge %s\n",
        dir.c_str(), dir.c_str());
}

void writeSlurmScript(const CliArgs &args, const std::filesystem::path &dir, int cellCount)
{
    SlurmScriptOptions options;
    options.cliPath = selfPath().string();
    options.sweepDir = dir.string();
    options.cellCount = cellCount;
    options.time = args.value("--slurm-time").value_or("");
    options.memory = args.value("--slurm-mem").value_or("");
    options.partition = args.value("--slurm-partition").value_or("");
    options.cpusPerTask = int(args.number("--slurm-cpus", 0, 0, 1024));
    options.maxParallel = int(args.number("--slurm-parallel", 0, 0, 100000));
    const std::filesystem::path file = writeSlurmSweepScript(options);
    std::printf("wrote %s: submit it with  sbatch %s\n", file.c_str(), file.c_str());
}

int printMerge(const MergeOutcome &outcome, const std::filesystem::path &dir, int cellCount)
{
    for (const std::string &why : outcome.ignored)
        std::fprintf(stderr, "ignored %s\n", why.c_str());
    if (!outcome.conflicting.empty())
        std::fprintf(stderr,
            "note: cells %s have a file that differs from the line already merged; kept the merged line\n",
            joined(outcome.conflicting).c_str());
    std::printf("merged %zu new cells into %s (%zu were there already)\n", outcome.added.size(),
        (dir / "results.jsonl").c_str(), outcome.alreadyThere.size());
    refreshResultTables(dir);
    if (!outcome.missing.empty()) {
        std::fprintf(stderr,
            "bitcliff-cli: %zu of %d cells missing: %s (run them with bitcliff-cli sweep-cell %s --cell I)\n",
            outcome.missing.size(), cellCount, joined(outcome.missing).c_str(), dir.c_str());
        return 1;
    }
    return 0;
}

void refreshResultTables(const std::filesystem::path &dir)
{
    const ResultsLog log = readResultsLog(dir / "results.jsonl");
    app::writeSweepResultsCsv(dir / "results.csv", log.cells);
    app::writeSweepResultsJson(dir / "results.json", log.cells);
}

} // namespace bitcliff::cli
