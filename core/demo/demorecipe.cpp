#include "demo/demorecipe.h"

#include "demo/demotasks.h"
#include "demo/demotokenizertraining.h"
#include "quant/scheme.h"
#include "train/dataset.h"
#include "train/parameters.h"
#include "util/blaskernels.h"
#include "util/error.h"

#include <thread>

namespace bitcliff {

using Json = nlohmann::ordered_json;

std::vector<train::TrainingDocument> demoTrainingDocuments(const std::vector<DemoDocument> &documents)
{
    std::vector<train::TrainingDocument> out;
    out.reserve(documents.size());
    for (const DemoDocument &document : documents)
        out.push_back(train::TrainingDocument::promptAnswer(document.prompt, document.answer));
    return out;
}

namespace {

// Steps for one pass over the documents as the trainer packs them.
int64_t onePass(const std::vector<DemoDocument> &documents, const Tokenizer &tokenizer,
                const train::TrainOptions &options)
{
    const train::TrainingData packed = train::packDocuments(
        demoTrainingDocuments(documents), tokenizer, train::PackOptions{options.ctx, options.seed, options.heldOut, options.threads});
    const int64_t perStep = options.batchSequences * options.accumulation;
    return std::max<int64_t>(1, packed.train.count() / perStep);
}

std::vector<DemoDocument> recoveryItems(const DemoDataset &data, const DemoTrainingOptions &options)
{
    DemoTrainingStream stream(data, options.mix, options.seed + 3);
    std::vector<DemoDocument> items;
    while (int(items.size()) < options.recoveryExamples) {
        DemoDocument document = stream.next();
        if (document.kind == DemoDocumentKind::Arithmetic && document.tier == DemoTier::Medium
            && document.script == DemoScript::Common)
            items.push_back(std::move(document));
    }
    return items;
}

} // namespace

DemoRecipe demoRecipe(const DemoDataset &data, const DemoTrainingOptions &options)
{
    if (options.hidden % options.heads != 0 || (options.hidden / options.heads) % 2 != 0)
        throw Error("demo model: hidden " + std::to_string(options.hidden) + " does not split into "
                    + std::to_string(options.heads) + " heads of an even size");
    DemoRecipe recipe;
    DemoTokenizerOptions tokenizerOptions;
    tokenizerOptions.sampleSeed = options.seed;
    recipe.tokenizer = trainDemoTokenizer(data, options.mix, tokenizerOptions);
    TransformerConfig &c = recipe.config;
    c.family = "llama";
    c.layers = options.layers;
    c.hidden = options.hidden;
    c.intermediate = options.intermediate;
    c.heads = options.heads;
    c.kvHeads = options.heads;
    c.headDim = options.hidden / options.heads;
    c.vocab = recipe.tokenizer.vocabSize;
    c.contextLength = options.context;
    c.rmsEps = 1e-5f;
    c.ropeTheta = 10000.0;
    c.tiedOutput = true;
    recipe.baseDocuments = DemoTrainingStream(data, options.mix, options.seed).takeCodePoints(size_t(options.baseCodePoints));
    recipe.variantDocuments
        = DemoTrainingStream(data, options.mix, options.seed + 1).takeCodePoints(size_t(options.variantCodePoints));
    recipe.recoveryDocuments = recoveryItems(data, options);
    return recipe;
}

std::vector<DemoStage> demoStages(const DemoRecipe &recipe, const Tokenizer &tokenizer,
                                  const DemoTrainingOptions &options)
{
    train::TrainOptions base;
    base.lr = 3e-3;
    base.minLrRatio = 0.1;
    base.warmupSteps = 100;
    base.batchSequences = options.batchSequences;
    base.ctx = options.context;
    base.seed = options.seed;
    base.threads = options.threads;
    // Held out for the loss curve: 2,000 documents (a tenth of a tiny test budget).
    base.heldOut.documents = std::min<int64_t>(2000, int64_t(recipe.baseDocuments.size()) / 10);
    base.steps = onePass(recipe.baseDocuments, tokenizer, base);
    base.warmupSteps = std::min<int64_t>(base.warmupSteps, std::max<int64_t>(1, base.steps / 10));
    base.evalEvery = std::max<int64_t>(1, base.steps / 10);

    // QAT and its control: the same documents, steps and schedule; only the forward pass differs.
    train::TrainOptions more = base;
    more.lr = 1e-3;
    more.minLrRatio = 0.0;
    more.warmupSteps = 20;
    more.heldOut.documents = std::min<int64_t>(500, int64_t(recipe.variantDocuments.size()) / 10);
    more.seed = options.seed + 1;
    more.steps = onePass(recipe.variantDocuments, tokenizer, more);
    more.warmupSteps = std::min<int64_t>(more.warmupSteps, std::max<int64_t>(1, more.steps / 10));
    more.evalEvery = std::max<int64_t>(1, more.steps / 4);
    train::TrainOptions qat2 = more, qat3 = more;
    qat2.qat = QuantScheme::parse(kDemoQatScheme2);
    qat3.qat = QuantScheme::parse(kDemoQatScheme3);

    train::TrainOptions recovery = base;
    recovery.lr = 5e-4;
    recovery.minLrRatio = 0.0;
    recovery.warmupSteps = 5;
    recovery.batchSequences = 8;
    recovery.heldOut = {};
    recovery.evalEvery = 0;
    recovery.seed = options.seed + 3;
    recovery.steps = options.recoverySteps;
    recovery.qat = QuantScheme::parse(kDemoQatScheme2);

    return {
        {"base", "trained from scratch on the demo mix", base},
        {"qat-b2", std::string("quantization-aware training at ") + kDemoQatScheme2 + " from the base model", qat2},
        {"qat-b3", std::string("quantization-aware training at ") + kDemoQatScheme3 + " from the base model", qat3},
        {"control-b2", "the same extra training as qat-b2 in full precision (a control)", more},
        {"recovery-b2",
         "a short QAT fine-tune at " + std::string(kDemoQatScheme2) + " on "
             + std::to_string(recipe.recoveryDocuments.size()) + " medium common-script items only",
         recovery},
    };
}

Json demoManifest(const DemoRecipe &recipe, const std::vector<DemoStage> &stages, const DemoTrainingOptions &options,
                  const Json &trained)
{
    const std::string q2 = QuantScheme::parse(kDemoQatScheme2).toString();
    const std::string q3 = QuantScheme::parse(kDemoQatScheme3).toString();
    Json variants = Json::array();
    variants.push_back({{"name", "qat"},
                        {"description", stages[1].description + "; " + stages[2].description},
                        {"models", {{q2, "variants/qat-b2"}, {q3, "variants/qat-b3"}}}});
    variants.push_back({{"name", "control"}, {"description", stages[3].description},
                        {"models", {{q2, "variants/control-b2"}}}});
    variants.push_back({{"name", "recovery"}, {"description", stages[4].description},
                        {"models", {{q2, "variants/recovery-b2"}}}});
    const Json recipeJson = {{"seed", options.seed},
                             {"threads", options.threads},
                             {"base_code_points", options.baseCodePoints},
                             {"variant_code_points", options.variantCodePoints},
                             {"recovery_examples", options.recoveryExamples},
                             {"recovery_steps", options.recoverySteps},
                             {"hidden", options.hidden},
                             {"layers", options.layers},
                             {"heads", options.heads},
                             {"intermediate", options.intermediate},
                             {"context", options.context},
                             {"batch_sequences", options.batchSequences}};
    return {{"bitcliff_demo", kTrainedDemoVersion},
            {"recipe", recipeJson},
            {"parameters", train::initialParameters<float>(recipe.config, 0).count()},
            {"vocabulary", recipe.tokenizer.vocabSize},
            {"stages", trained},
            // What the weights' bytes depend on besides the recipe: BLAS kernels and threads.
            {"machine",
             {{"blas", blasCoreName()},
              {"threads", options.threads > 0 ? options.threads
                                              : int(std::max(1u, std::thread::hardware_concurrency()))}}},
            {"variants", variants},
            {"eval", {{"text", "eval/text"}, {"tasks", std::string("eval/") + kDemoTaskFileName}}}};
}

} // namespace bitcliff
