#pragma once
// One evaluation job: the unquantized model and each quantization scheme, on corpus texts
// (perplexity per text/language, and for schemes KLD etc. against the unquantized model, run
// in lockstep) and on task items (accuracy per label). Core-only; progress/cancel through a
// plain callback, so the GUI and the command line drive it the same way.
#include "eval/corpus.h"
#include "eval/labelaccuracy.h"
#include "eval/logitcomparison.h"
#include "eval/perplexity.h"
#include "eval/taskset.h"
#include "formats/model.h"
#include "infer/transformer.h"
#include "plan/recipe.h"
#include "quant/plansummary.h"
#include "util/progress.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bitcliff {

class Tokenizer;
struct CalibrationSet;

struct SchemeModel
{
    std::shared_ptr<const Model> model; // null: the spec's model
    std::string name;                   // "" with a null model
};

struct EvalSpec
{
    std::shared_ptr<const Model> model;
    std::shared_ptr<const Tokenizer> tokenizer;
    std::vector<CorpusText> texts;
    std::vector<TaskItem> tasks;
    std::vector<QuantRecipe> schemes; // each is compared with the unquantized model
    // Calibration sequences for calibrated recipes (gptq): required when one is asked for.
    std::shared_ptr<const CalibrationSet> calibration;
    // Empty, or one per scheme: the model that scheme quantizes instead of `model` — a
    // fine-tuned or quantization-aware-trained variant of it (same shape and tokenizer), whose
    // run is labelled "<scheme>@<name>". Comparisons stay against the unquantized `model`.
    std::vector<SchemeModel> schemeModels;
    int nCtx = 512;
    int threads = 0;
    int maxNewTokens = 32;            // generation tasks
    WeightResidency residency = WeightResidency::Automatic; // streamed when float32 weights do not fit
    bool unquantizedTasks = true;     // false: the unquantized model's tasks are known already (a resumed sweep)
};

struct TextEvaluation
{
    std::string name;
    std::string language;
    Fertility fertility;
    PerplexityResult perplexity;
    std::optional<LogitComparison> comparison; // schemes only
};

struct EvalRun
{
    std::string label;                 // "unquantized", the scheme's text form, or "<scheme>@<model name>"
    std::optional<QuantRecipe> scheme;
    std::optional<PlanSummary> plan;   // schemes: what was quantized, fallbacks, bits per weight
    std::string calibration;           // calibrated recipes: what ran on which text, how long
    std::vector<TextEvaluation> texts;
    PerplexityResult perplexity;       // over all texts together
    std::optional<LogitComparison> comparison;
    std::vector<ItemOutcome> outcomes;
    LabelledAccuracy accuracy;
    double seconds = 0;
    bool streamed = false; // the float32 weights did not fit in memory: read from the model at each batch
};

struct EvalReport
{
    std::string modelPath;
    double storedBitsPerWeight = 0; // the unquantized model as its files store it
    int nCtx = 0;
    std::vector<TaskItem> tasks;
    std::vector<EvalRun> runs; // the unquantized run first, then one per scheme
};

// Called with each run as soon as its figures are final (the unquantized run first), on the
// evaluating thread: a sweep streams its cells out while later schemes still run.
using EvalRunCallback = std::function<void(const EvalRun &run, const EvalReport &report)>;

// Throws Error (too little text for n_ctx, a task longer than the context...) before any
// weights are loaded where it can, Cancelled when progress returns false.
std::shared_ptr<const EvalReport> runEvaluation(const EvalSpec &spec, const ProgressCallback &progress = {},
                                                const EvalRunCallback &onRun = {});

} // namespace bitcliff
