#include "eval/evaluation.h"

#include "eval/evalworkload.h"
#include "eval/taskevaluation.h"
#include "eval/textevaluation.h"
#include "calibrate/preparedweights.h"
#include "infer/transformer.h"
#include "quant/modelquantizer.h"
#include "tokenize/tokenizer.h"
#include "util/error.h"
#include "util/meminfo.h"

#include <chrono>
#include <memory>

namespace bitcliff {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Loading (dequantizing, fake-quantizing) weights counts as this many forwarded tokens for
// progress: roughly what it costs next to the forward passes of a small evaluation.
constexpr double loadUnits = 256;

// A scheme run: the scheme and the model it quantizes (the spec's, or a variant of it).
struct SchemeJob
{
    QuantRecipe recipe;
    std::shared_ptr<const Model> model;
    std::string label;
};

std::vector<SchemeJob> schemeJobs(const EvalSpec &spec)
{
    if (!spec.schemeModels.empty() && spec.schemeModels.size() != spec.schemes.size())
        throw Error("internal: " + std::to_string(spec.schemeModels.size()) + " scheme models for "
                    + std::to_string(spec.schemes.size()) + " schemes");
    std::vector<SchemeJob> jobs;
    for (size_t s = 0; s < spec.schemes.size(); ++s) {
        const SchemeModel *variant = spec.schemeModels.empty() ? nullptr : &spec.schemeModels[s];
        SchemeJob job{spec.schemes[s], spec.model, spec.schemes[s].toString()};
        if (variant && variant->model) {
            job.model = variant->model;
            job.label += "@" + variant->name;
        }
        jobs.push_back(std::move(job));
    }
    return jobs;
}

// A variant must run exactly like the model it is compared with.
void checkVariant(const EvalSpec &spec, const SchemeJob &job)
{
    if (job.model == spec.model)
        return;
    const TransformerConfig a = transformerConfigFor(*spec.model), b = transformerConfigFor(*job.model);
    if (a.family != b.family || a.layers != b.layers || a.hidden != b.hidden || a.intermediate != b.intermediate
        || a.heads != b.heads || a.kvHeads != b.kvHeads || a.vocab != b.vocab || a.tiedOutput != b.tiedOutput)
        throw Error(job.model->sourcePath() + ": not the same architecture as " + spec.model->sourcePath()
                    + ", cannot compare " + job.label + " with it");
}

// Calibrating costs about this many forwarded tokens per calibration token: each layer runs
// five times (four linear groups' inputs, then its quantized output).
constexpr double calibrationUnitsPerToken = 5;

double calibrationUnits(const EvalSpec &spec, const QuantRecipe &recipe)
{
    return recipe.needsCalibration() && spec.calibration ? calibrationUnitsPerToken * double(spec.calibration->tokens())
                                                         : 0.0;
}

std::shared_ptr<const TransformerWeights> loadWeights(const EvalSpec &spec, std::shared_ptr<const Model> model,
                                                      std::shared_ptr<const WeightPlan> plan, WorkMeter &meter)
{
    InferenceOptions options;
    options.plan = std::move(plan);
    options.threads = spec.threads;
    options.residency = spec.residency;
    auto weights = loadTransformer(std::move(model), options, meter.share(loadUnits));
    meter.advance(loadUnits);
    return weights;
}

void runTasks(EvalRun &run, CachedSequence &model, const EvalSpec &spec, const EvalWorkload &workload,
              WorkMeter &meter)
{
    for (size_t i = 0; i < spec.tasks.size(); ++i) {
        run.outcomes.push_back(
            evaluateTask(model, *spec.tokenizer, spec.tasks[i], workload.tasks[i], i, spec.maxNewTokens));
        meter.advance(workload.tasks[i].tokens);
    }
    run.accuracy = groupAccuracy(spec.tasks, run.outcomes);
}

// The unquantized model alone: its tasks, and its texts unless schemes run beside it (their
// lockstep passes run it on the same chunks; unquantizedTextsFrom takes the figures there).
EvalRun runUnquantized(CachedSequence &base, const EvalSpec &spec, const EvalWorkload &workload, WorkMeter &meter)
{
    const auto start = Clock::now();
    EvalRun run;
    run.label = "unquantized";
    if (spec.schemes.empty()) {
        NllAccumulator total;
        for (const PreparedText &text : workload.texts)
            run.texts.push_back(evaluateText(base, text, total, meter));
        run.perplexity = perplexityOf(total);
    }
    if (spec.unquantizedTasks)
        runTasks(run, base, spec, workload, meter);
    run.seconds = secondsSince(start);
    return run;
}

// The unquantized side of a scheme's lockstep passes: the same perplexities evaluateText
// gives (the same model on the same chunks), per text and over all texts.
void unquantizedTextsFrom(const EvalRun &scheme, EvalRun &unquantized)
{
    for (const TextEvaluation &text : scheme.texts) {
        TextEvaluation base = text;
        base.perplexity = text.comparison->base;
        base.comparison.reset();
        unquantized.texts.push_back(std::move(base));
    }
    if (scheme.comparison)
        unquantized.perplexity = scheme.comparison->base;
}

// The scheme's weights (calibrated first where the recipe asks), with its run's description.
std::shared_ptr<const TransformerWeights> schemeWeights(const EvalSpec &spec, const SchemeJob &job, EvalRun &run,
                                                       WorkMeter &meter)
{
    run.label = job.label;
    run.scheme = job.recipe;
    PrepareOptions options;
    options.calibration = spec.calibration.get();
    options.threads = spec.threads;
    const double units = calibrationUnits(spec, job.recipe);
    PreparedWeights prepared = prepareWeights(job.model, job.recipe, options, meter.share(units));
    meter.advance(units);
    run.plan = prepared.plan->summarize(*prepared.model); // a rotated tied model has an output head of its own
    run.calibration = prepared.calibrationNote;
    return loadWeights(spec, prepared.model, prepared.plan, meter);
}

// Schemes whose weights are all in memory at once: every text chunk runs the unquantized model
// once for all of them.
void runSchemesTogether(EvalReport &report, CachedSequence &base, const EvalSpec &spec,
                        const std::vector<SchemeJob> &jobs, const EvalWorkload &workload, WorkMeter &meter,
                        const EvalRunCallback &onRun)
{
    std::vector<EvalRun> &runs = report.runs;
    const auto start = Clock::now();
    std::vector<std::unique_ptr<CachedSequence>> models;
    std::vector<CachedSequence *> pointers;
    for (const SchemeJob &job : jobs) {
        runs.emplace_back();
        auto weights = schemeWeights(spec, job, runs.back(), meter);
        runs.back().streamed = isStreamed(*weights);
        models.push_back(std::make_unique<CachedSequence>(std::move(weights), workload.maxContext));
        pointers.push_back(models.back().get());
    }
    const size_t first = runs.size() - spec.schemes.size();
    std::vector<LogitComparisonAccumulator> totals(spec.schemes.size());
    for (const PreparedText &text : workload.texts) {
        std::vector<TextEvaluation> results = compareText(base, pointers, text, totals, meter);
        for (size_t s = 0; s < results.size(); ++s)
            runs[first + s].texts.push_back(std::move(results[s]));
    }
    const double sharedSeconds = secondsSince(start) / double(spec.schemes.size());
    for (size_t s = 0; s < spec.schemes.size(); ++s) {
        runs[first + s].comparison = totals[s].result();
        runs[first + s].perplexity = runs[first + s].comparison->quantized;
    }
    unquantizedTextsFrom(runs[first], runs.front());
    if (onRun)
        onRun(runs.front(), report);
    for (size_t s = 0; s < spec.schemes.size(); ++s) {
        EvalRun &run = runs[first + s];
        const auto taskStart = Clock::now();
        runTasks(run, *models[s], spec, workload, meter);
        run.seconds = sharedSeconds + secondsSince(taskStart);
        models[s].reset(); // its weights are no longer needed
        if (onRun)
            onRun(run, report);
    }
}

// One scheme at a time (when they do not all fit): the unquantized model reruns alongside.
EvalRun runScheme(CachedSequence &base, const SchemeJob &job, const EvalSpec &spec, const EvalWorkload &workload,
                  WorkMeter &meter)
{
    const auto start = Clock::now();
    EvalRun run;
    auto weights = schemeWeights(spec, job, run, meter);
    run.streamed = isStreamed(*weights);
    CachedSequence quantized(std::move(weights), workload.maxContext);
    if (!workload.texts.empty()) {
        std::vector<LogitComparisonAccumulator> total(1);
        for (const PreparedText &text : workload.texts)
            run.texts.push_back(std::move(compareText(base, {&quantized}, text, total, meter).front()));
        run.comparison = total.front().result();
        run.perplexity = run.comparison->quantized;
    }
    runTasks(run, quantized, spec, workload, meter);
    run.seconds = secondsSince(start);
    return run;
}

// Float32 weights of the unquantized model and of every scheme at once, with a model's worth
// to spare for loading.
bool schemesFitTogether(const EvalSpec &spec)
{
    const uint64_t available = availableMemoryBytes();
    const uint64_t perModel = uint64_t(spec.model->parameterCount()) * sizeof(float);
    return available > 0 && perModel * (2 + spec.schemes.size()) < available / 4 * 3;
}

} // namespace

std::shared_ptr<const EvalReport> runEvaluation(const EvalSpec &spec, const ProgressCallback &progress,
                                                const EvalRunCallback &onRun)
{
    if (!spec.model || !spec.tokenizer)
        throw Error("internal: an evaluation needs a model and a tokenizer");
    if (spec.texts.empty() && spec.tasks.empty())
        throw Error("nothing to evaluate: give a text or a task file");
    transformerConfigFor(*spec.model); // an unsupported model fails before any work
    const std::vector<SchemeJob> jobs = schemeJobs(spec);
    for (const SchemeJob &job : jobs) { // a scheme that fits nothing, strict misfits, a variant of another shape
        checkVariant(spec, job);
        checkQuantizable(*job.model, QuantizeOptions{job.recipe.scheme, 0, {}});
        if (job.recipe.needsCalibration() && (!spec.calibration || spec.calibration->sequences.empty()))
            throw Error(job.label + " needs calibration text (--calib FILE)");
    }
    const EvalWorkload workload = prepareWorkload(spec);
    const bool together = spec.schemes.size() > 1 && !workload.texts.empty() && schemesFitTogether(spec);
    const double schemes = double(spec.schemes.size());
    // Text passes: the unquantized model alone without schemes, else beside them: once for
    // all of them together, or once per scheme.
    const double textRuns = spec.schemes.empty() ? 1 : (together ? 1 + schemes : 2 * schemes);
    const double taskRuns = schemes + (spec.unquantizedTasks ? 1 : 0);
    double total = (1 + schemes) * loadUnits + taskRuns * workload.taskTokens + textRuns * workload.textTokens;
    for (const SchemeJob &job : jobs)
        total += calibrationUnits(spec, job.recipe);
    WorkMeter meter(progress, total);

    auto report = std::make_shared<EvalReport>();
    report->modelPath = spec.model->sourcePath();
    report->storedBitsPerWeight = storedBitsPerWeight(*spec.model);
    report->nCtx = spec.nCtx;
    report->tasks = spec.tasks;
    auto baseWeights = loadWeights(spec, spec.model, nullptr, meter);
    const bool baseStreamed = isStreamed(*baseWeights);
    CachedSequence base(std::move(baseWeights), workload.maxContext);
    report->runs.push_back(runUnquantized(base, spec, workload, meter));
    report->runs.back().streamed = baseStreamed;
    if (spec.schemes.empty() || workload.texts.empty()) {
        if (onRun)
            onRun(report->runs.front(), *report);
    }
    if (together) {
        runSchemesTogether(*report, base, spec, jobs, workload, meter, onRun);
    } else {
        for (const SchemeJob &job : jobs) {
            report->runs.push_back(runScheme(base, job, spec, workload, meter));
            if (report->runs.size() == 2 && !workload.texts.empty()) {
                unquantizedTextsFrom(report->runs[1], report->runs[0]);
                if (onRun)
                    onRun(report->runs.front(), *report);
            }
            if (onRun)
                onRun(report->runs.back(), *report);
        }
    }
    return report;
}

} // namespace bitcliff
