#include "demo/demotraining.h"

#include "demo/demorecipe.h"
#include "demo/demotasks.h"
#include "demo/demotokenizertraining.h"
#include "tokenize/tokenizer.h"
#include "train/atomicfolder.h"
#include "train/parameters.h"
#include "util/atomicwrite.h"
#include "util/error.h"
#include "util/progress.h"

#include <chrono>
#include <nlohmann/json.hpp>

namespace bitcliff {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

// Removes the work folder however the run ends.
struct WorkFolder
{
    explicit WorkFolder(fs::path p)
        : path(std::move(p))
    {
        std::error_code ignored;
        fs::remove_all(path, ignored);
        fs::create_directories(path);
    }
    ~WorkFolder()
    {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    fs::path path;
};

void writeText(const fs::path &path, const std::string &text)
{
    writeFileAtomically(path, std::as_bytes(std::span(text.data(), text.size())));
}

// A checkpoint's files for the bundle: weights, config, tokenizer, the run's state; not the
// optimizer moments (only a resumed run needs them, and they double the size).
void copyCheckpoint(const fs::path &from, const fs::path &to)
{
    fs::create_directories(to);
    for (const auto &entry : fs::directory_iterator(from))
        if (entry.is_regular_file() && entry.path().filename() != "optimizer.safetensors")
            fs::copy_file(entry.path(), to / entry.path().filename(), fs::copy_options::overwrite_existing);
}

class StageRunner
{
public:
    StageRunner(const std::vector<DemoStage> &stages, const DemoTrainingCallback &callback)
        : m_stages(stages)
        , m_callback(callback)
    {
        for (const DemoStage &stage : stages)
            m_totalTokens += stage.tokens();
    }

    // Trains stage `index` from `start` on `documents`; the checkpoint lands in `folder`.
    Json run(size_t index, train::Parameters<float> start, const std::vector<train::TrainingDocument> &documents,
             const Tokenizer &tokenizer, const fs::path &tokenizerFolder, const fs::path &folder)
    {
        const DemoStage &stage = m_stages[index];
        const auto begin = std::chrono::steady_clock::now();
        train::Trainer trainer(std::move(start), documents, tokenizer, stage.options,
                               train::CheckpointTarget{folder, tokenizerFolder, {}});
        double tokensPerSecond = 0;
        trainer.run([&](const train::TrainProgress &step) {
            tokensPerSecond = step.tokensPerSecond;
            const double doneTokens = m_doneTokens + double(step.step) * stage.tokensPerStep();
            DemoTrainingProgress progress{stage.name, int(index), int(m_stages.size()), step,
                                          step.tokensPerSecond > 0
                                              ? (m_totalTokens - doneTokens) / step.tokensPerSecond
                                              : 0.0};
            return !m_callback || m_callback(progress);
        });
        m_doneTokens += stage.tokens();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
        const train::TrainerState &state = trainer.state();
        Json result = {{"name", stage.name},
                       {"description", stage.description},
                       {"steps", state.step},
                       {"tokens", stage.tokens()},
                       {"seconds", seconds},
                       {"tokens_per_second", tokensPerSecond},
                       {"final_loss", state.losses.empty() ? 0.0 : state.losses.back()}};
        if (!state.heldOutLosses.empty())
            result["held_out_loss"] = state.heldOutLosses.back().loss;
        if (stage.options.qat)
            result["qat"] = stage.options.qat->toString();
        m_weights = trainer.weights();
        return result;
    }

    const train::Parameters<float> &lastWeights() const { return m_weights; }

private:
    const std::vector<DemoStage> &m_stages;
    const DemoTrainingCallback &m_callback;
    double m_totalTokens = 0;
    double m_doneTokens = 0;
    train::Parameters<float> m_weights;
};

} // namespace

void trainDemoModel(const fs::path &outPath, const DemoTrainingOptions &options, const DemoTrainingCallback &callback)
{
    const fs::path out = fs::absolute(outPath).lexically_normal();
    WorkFolder work(out.parent_path() / (out.filename().string() + ".train-demo-work"));

    const DemoDataset data;
    const DemoRecipe recipe = demoRecipe(data, options);
    const fs::path tokenizerFolder = work.path / "tokenizer";
    fs::create_directories(tokenizerFolder);
    writeText(tokenizerFolder / "tokenizer.json", recipe.tokenizer.tokenizerJson);
    writeText(tokenizerFolder / "tokenizer_config.json", recipe.tokenizer.tokenizerConfigJson);
    const std::shared_ptr<const Tokenizer> tokenizer
        = tokenizerFromJson(recipe.tokenizer.tokenizerJson, recipe.tokenizer.tokenizerConfigJson, "demo tokenizer");

    const std::vector<DemoStage> stages = demoStages(recipe, *tokenizer, options);
    StageRunner runner(stages, callback);
    Json trained = Json::array();
    const auto base = demoTrainingDocuments(recipe.baseDocuments);
    trained.push_back(runner.run(0, train::initialParameters<float>(recipe.config, options.seed), base, *tokenizer,
                                 tokenizerFolder, work.path / "base"));
    const train::Parameters<float> baseWeights = runner.lastWeights();
    const auto more = demoTrainingDocuments(recipe.variantDocuments);
    const auto recovery = demoTrainingDocuments(recipe.recoveryDocuments);
    for (size_t s = 1; s < stages.size(); ++s)
        trained.push_back(runner.run(s, baseWeights, stages[s].name == "recovery-b2" ? recovery : more, *tokenizer,
                                     tokenizerFolder, work.path / "variants" / stages[s].name));

    const Json manifest = demoManifest(recipe, stages, options, trained);
    train::writeFolderAtomically(out, [&](const fs::path &folder) {
        copyCheckpoint(work.path / "base", folder);
        for (size_t s = 1; s < stages.size(); ++s)
            copyCheckpoint(work.path / "variants" / stages[s].name, folder / "variants" / stages[s].name);
        writeDemoTestFiles(data, folder / "eval");
        fs::create_directories(folder / "eval" / "text");
        for (const char *language : {"en.txt", "hi.txt"})
            fs::rename(folder / "eval" / language, folder / "eval" / "text" / language);
        fs::create_directories((folder / kDemoCalibrationFile).parent_path());
        writeText(folder / kDemoCalibrationFile, demoCalibrationText(data));
        writeText(folder / kDemoManifest, manifest.dump(2) + "\n");
    });
}

} // namespace bitcliff
