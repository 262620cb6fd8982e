#pragma once
// What trainDemoModel trains, decided before any training: the data of each stage, the
// tokenizer, the model's shape and the training options of every stage (steps from the
// packed data: one pass over it), and the manifest that records it all.
#include "demo/demotraining.h"
#include "tokenize/bpetrainer.h"

#include <nlohmann/json.hpp>

namespace bitcliff {

class Tokenizer;

struct DemoRecipe
{
    TransformerConfig config;
    BpeTrainingResult tokenizer;
    std::vector<DemoDocument> baseDocuments;
    std::vector<DemoDocument> variantDocuments;  // QAT and its full-precision control
    std::vector<DemoDocument> recoveryDocuments; // medium items in the common script only
};

struct DemoStage
{
    std::string name;        // "base", "qat-b2", "qat-b3", "control-b2", "recovery-b2"
    std::string description;
    train::TrainOptions options;
    double tokensPerStep() const { return double(options.batchSequences * options.ctx * options.accumulation); }
    double tokens() const { return double(options.steps) * tokensPerStep(); }
};

// The QAT and recovery scheme of the demo's low-bit rows.
inline constexpr const char *kDemoQatScheme2 = "rtn:b2:g32:asym";
inline constexpr const char *kDemoQatScheme3 = "rtn:b3:g32:asym";

std::vector<train::TrainingDocument> demoTrainingDocuments(const std::vector<DemoDocument> &documents);

DemoRecipe demoRecipe(const DemoDataset &data, const DemoTrainingOptions &options);
std::vector<DemoStage> demoStages(const DemoRecipe &recipe, const Tokenizer &tokenizer,
                                  const DemoTrainingOptions &options);
// demo.json: version, options, the model, every stage's figures (`trained`, one object per
// stage) and the variants as a sweep spec takes them (paths relative to the model folder).
nlohmann::ordered_json demoManifest(const DemoRecipe &recipe, const std::vector<DemoStage> &stages,
                                    const DemoTrainingOptions &options, const nlohmann::ordered_json &trained);

} // namespace bitcliff
