// `eval`: perplexity (llama.cpp's method) of the unquantized model and, per --scheme, of the
// fake-quantized one with KLD / same-top / Δp against it; --tasks for task accuracy per label.
#include "cli/calibrationargs.h"
#include "cli/cliargs.h"
#include "cli/commands.h"
#include "cli/terminalprogress.h"
#include "eval/evaluation.h"
#include "report/bundledeval.h"
#include "report/evaljson.h"
#include "tokenize/tokenizer.h"

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace bitcliff::cli {
namespace {

// A run's name with the bits per weight it really stores: "q4_k 5.06 bpw".
std::string runTitle(const EvalRun &run, const EvalReport &report)
{
    char bpw[32];
    std::snprintf(bpw, sizeof bpw, " %.2f bpw", run.plan ? run.plan->bitsPerWeight : report.storedBitsPerWeight);
    return run.label + bpw;
}

// What each scheme did to the model: counts, fallbacks, bits per weight.
void printRuns(const EvalReport &report)
{
    for (const EvalRun &run : report.runs) {
        if (run.plan)
            std::printf("  %s\n", run.plan->describe().c_str());
        else
            std::printf("  %s: as stored, %.2f bits/weight\n", run.label.c_str(), report.storedBitsPerWeight);
    }
}

void printTexts(const EvalReport &report)
{
    std::printf("%-30s %-14s %-5s %8s %9s %22s %10s %9s\n", "run", "text", "lang", "tokens", "tok/char", "PPL", "KLD",
        "same top");
    for (const EvalRun &run : report.runs) {
        for (const TextEvaluation &text : run.texts) {
            std::printf("%-30s %-14s %-5s %8lld %9.3f %13.4f ± %6.4f", runTitle(run, report).c_str(), text.name.c_str(),
                text.language.empty() ? "-" : text.language.c_str(), static_cast<long long>(text.fertility.tokens),
                text.fertility.tokensPerCharacter(), text.perplexity.ppl, text.perplexity.pplError);
            if (text.comparison)
                std::printf(" %10.6f %8.2f%%", text.comparison->kld.mean, 100 * text.comparison->sameTop.mean);
            std::printf("\n");
        }
        if (run.texts.size() > 1 || (run.comparison && !run.texts.empty())) {
            std::printf("%-30s %-14s %-5s %8s %9s %13.4f ± %6.4f", runTitle(run, report).c_str(), "(all)", "", "", "",
                run.perplexity.ppl, run.perplexity.pplError);
            if (run.comparison)
                std::printf(" %10.6f %8.2f%%  RMS Δp %.3f%%  ln(PPL ratio) %.5f", run.comparison->kld.mean,
                    100 * run.comparison->sameTop.mean, 100 * run.comparison->rmsDeltaP, run.comparison->lnPplRatio);
            std::printf("\n");
        }
    }
}

void printAccuracyGroup(
    const char *title, const EvalReport &report, const std::map<std::string, Accuracy> LabelledAccuracy::*group)
{
    if ((report.runs.front().accuracy.*group).empty())
        return;
    std::printf("\n%s (acc %%, acc_norm %% for choice tasks)\n%-22s", title, "run");
    for (const auto &[label, accuracy] : report.runs.front().accuracy.*group)
        std::printf(" %16s", (label + " (" + std::to_string(accuracy.count) + ")").c_str());
    std::printf("\n");
    for (const EvalRun &run : report.runs) {
        std::printf("%-30s", runTitle(run, report).c_str());
        for (const auto &[label, accuracy] : run.accuracy.*group)
            std::printf("   %6.1f / %5.1f", 100 * accuracy.acc, 100 * accuracy.accNorm);
        std::printf("\n");
    }
}

void printAccuracy(const EvalReport &report)
{
    if (report.runs.empty() || report.runs.front().outcomes.empty())
        return;
    std::printf("\naccuracy (acc %% / acc_norm %%, ± standard error of acc)\n");
    for (const EvalRun &run : report.runs)
        std::printf("%-30s %6.1f / %5.1f ± %4.1f  (%lld items)\n", runTitle(run, report).c_str(),
            100 * run.accuracy.overall.acc, 100 * run.accuracy.overall.accNorm, 100 * run.accuracy.overall.accError,
            static_cast<long long>(run.accuracy.overall.count));
    printAccuracyGroup("by difficulty", report, &LabelledAccuracy::byDifficulty);
    printAccuracyGroup("by language", report, &LabelledAccuracy::byLanguage);
    printAccuracyGroup("by task file", report, &LabelledAccuracy::byTask);
}

} // namespace

int runEval(const std::vector<std::string> &argv)
{
    std::set<std::string> options = { "--text", "--tasks", "--ctx", "--scheme", "--threads", "--max-tokens",
        "--tokenizer" };
    options.insert(kCalibrationOptions.begin(), kCalibrationOptions.end());
    const CliArgs args(argv, options, { "--json", "--streamed" });
    if (args.positional().size() != 1)
        throw UsageError("eval takes exactly one PATH");
    if (!args.value("--text") && !args.value("--tasks"))
        throw UsageError("give --text FILE|DIR and/or --tasks FILE.jsonl");
    EvalSpec spec;
    spec.nCtx = static_cast<int>(args.number("--ctx", 512, 8, 131072));
    spec.threads = static_cast<int>(args.number("--threads", 0, 0, 256));
    spec.maxNewTokens = static_cast<int>(args.number("--max-tokens", 32, 1, 4096));
    if (args.has("--streamed"))
        spec.residency = WeightResidency::Streamed;
    if (const auto schemes = args.value("--scheme"))
        for (const std::string &text : commaList(*schemes))
            spec.schemes.push_back(QuantRecipe::parse(text));
    if (const auto text = args.value("--text"))
        spec.texts = app::corpusFrom(QString::fromStdString(*text));
    if (const auto tasks = args.value("--tasks"))
        for (const std::string &file : commaList(*tasks)) {
            std::vector<TaskItem> items = app::tasksFrom(QString::fromStdString(file));
            spec.tasks.insert(spec.tasks.end(), items.begin(), items.end());
        }
    spec.model = openModel(args.positional()[0]);
    spec.tokenizer
        = args.value("--tokenizer") ? loadTokenizer(*args.value("--tokenizer")) : tokenizerForModel(*spec.model);
    spec.calibration = calibrationFrom(args, *spec.tokenizer);

    TerminalProgress progress("evaluating");
    const auto report = runEvaluation(spec, progress.callback());
    progress.done();
    for (const EvalRun &run : report->runs) {
        for (size_t start = 0; start < run.calibration.size();) { // one line per step that ran
            const size_t end = std::min(run.calibration.find('\n', start), run.calibration.size());
            std::fprintf(stderr, "%s: %s\n", run.label.c_str(), run.calibration.substr(start, end - start).c_str());
            start = end + 1;
        }
        if (run.plan && run.plan->deservesNote())
            std::fprintf(stderr, "note: %s\n", run.plan->describe().c_str());
        if (run.streamed)
            std::fprintf(stderr,
                "note: %s: weights streamed from the model file at each batch, not held in memory"
                " as float32 (slower)\n",
                run.label.c_str());
    }
    if (args.has("--json")) {
        std::cout << app::evalReportJson(*report).dump(2) << '\n';
        return 0;
    }
    std::printf("%s, n_ctx %d\n", report->modelPath.c_str(), report->nCtx);
    printRuns(*report);
    if (!report->runs.front().texts.empty())
        printTexts(*report);
    printAccuracy(*report);
    return 0;
}

} // namespace bitcliff::cli
