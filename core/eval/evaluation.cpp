#include "eval/evaluation.h"

#include "eval/evalworkload.h"
#include "eval/taskevaluation.h"
#include "eval/textevaluation.h"
#include "infer/transformer.h"
#include "tokenize/tokenizer.h"
#include "util/error.h"

#include <chrono>

namespace bitcliff {
namespace {

using Clock = std::chrono::steady_clock;

// Loading (dequantizing, fake-quantizing) weights counts as this many forwarded tokens for
// progress: roughly what it costs next to the forward passes of a small evaluation.
constexpr double loadUnits = 256;

std::shared_ptr<const TransformerWeights> loadWeights(const EvalSpec &spec, const std::optional<QuantScheme> &scheme,
                                                      WorkMeter &meter)
{
    InferenceOptions options;
    options.scheme = scheme;
    options.threads = spec.threads;
    auto weights = loadTransformer(spec.model, options, meter.share(loadUnits));
    meter.advance(loadUnits);
    return weights;
}

void runTasks(EvalRun &run, CachedSequence &model, const EvalSpec &spec, const EvalWorkload &workload,
              WorkMeter &meter)
{
    for (size_t i = 0; i < spec.tasks.size(); ++i) {
        run.outcomes.push_back(
            evaluateTask(model, *spec.tokenizer, spec.tasks[i], workload.tasks[i], i, spec.maxNewTokens));
        double tokens = double(workload.tasks[i].prompt.size() + size_t(spec.maxNewTokens) * !workload.tasks[i].prompt.empty());
        for (const ChoiceRequest &request : workload.tasks[i].choices)
            tokens += double(request.tokens.size());
        meter.advance(tokens);
    }
    run.accuracy = groupAccuracy(spec.tasks, run.outcomes);
}

EvalRun runUnquantized(CachedSequence &base, const EvalSpec &spec, const EvalWorkload &workload, WorkMeter &meter)
{
    const auto start = Clock::now();
    EvalRun run;
    run.label = "unquantized";
    NllAccumulator total;
    for (const PreparedText &text : workload.texts)
        run.texts.push_back(evaluateText(base, text, total, meter));
    run.perplexity = perplexityOf(total);
    runTasks(run, base, spec, workload, meter);
    run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return run;
}

EvalRun runScheme(CachedSequence &base, const QuantScheme &scheme, const EvalSpec &spec, const EvalWorkload &workload,
                  WorkMeter &meter)
{
    const auto start = Clock::now();
    EvalRun run;
    run.label = scheme.toString();
    run.scheme = scheme;
    CachedSequence quantized(loadWeights(spec, scheme, meter), workload.maxContext);
    if (!workload.texts.empty()) {
        LogitComparisonAccumulator total;
        for (const PreparedText &text : workload.texts)
            run.texts.push_back(compareText(base, quantized, text, total, meter));
        run.comparison = total.result();
        run.perplexity = run.comparison->quantized;
    }
    runTasks(run, quantized, spec, workload, meter);
    run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return run;
}

} // namespace

std::shared_ptr<const EvalReport> runEvaluation(const EvalSpec &spec, const ProgressCallback &progress)
{
    if (!spec.model || !spec.tokenizer)
        throw Error("internal: an evaluation needs a model and a tokenizer");
    if (spec.texts.empty() && spec.tasks.empty())
        throw Error("nothing to evaluate: give a text or a task file");
    transformerConfigFor(*spec.model); // an unsupported model fails before any work
    const EvalWorkload workload = prepareWorkload(spec);
    const double runs = 1.0 + double(spec.schemes.size());
    const double total = runs * (loadUnits + workload.taskTokens) + (2 * runs - 1) * workload.textTokens;
    WorkMeter meter(progress, total);

    auto report = std::make_shared<EvalReport>();
    report->modelPath = spec.model->sourcePath();
    report->nCtx = spec.nCtx;
    report->tasks = spec.tasks;
    CachedSequence base(loadWeights(spec, std::nullopt, meter), workload.maxContext);
    report->runs.push_back(runUnquantized(base, spec, workload, meter));
    for (const QuantScheme &scheme : spec.schemes)
        report->runs.push_back(runScheme(base, scheme, spec, workload, meter));
    return report;
}

} // namespace bitcliff
