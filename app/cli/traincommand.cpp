// `train`: trains a Hugging Face checkpoint (llama, qwen2, qwen3) on text or JSONL documents
// with BitCliff's trainer (AdamW, warmup + cosine, optional QAT) into a checkpoint folder.
// Everything is checked before the weights load; Ctrl-C or SIGTERM ends the run with a
// resumable checkpoint of the completed steps.
#include "cli/cliargs.h"
#include "cli/commands.h"
#include "cli/interruption.h"
#include "cli/trainsetup.h"
#include "formats/model.h"
#include "infer/transformer.h"
#include "tokenize/tokenizer.h"
#include "train/checkpointconfig.h"
#include "train/parameters.h"
#include "train/trainer.h"
#include "train/trainingmemory.h"
#include "util/error.h"
#include "util/meminfo.h"

#include <chrono>
#include <cstdio>
#include <functional>

namespace bitcliff::cli {

namespace fs = std::filesystem;

namespace {

// Packs the documents as the trainer will (it packs them again) and prints what they give, so
// that data which does not pack is refused before the weights load.
void checkData(const std::vector<train::TrainingDocument> &documents, const Tokenizer &tokenizer,
               const train::TrainOptions &o, const train::TrainerState *resumed, const fs::path &resumeFolder)
{
    const train::TrainingData data = train::packDocuments(documents, tokenizer, {o.ctx, o.seed, o.heldOut, o.threads});
    if (resumed && data.fingerprint() != resumed->dataFingerprint)
        throw Error(resumeFolder.string() + ": the training data differs from the data this run was trained on");
    std::printf("data: %lld training documents in %lld sequences of %lld tokens (%lld tokens with loss), %lld held out\n",
                (long long)data.trainDocuments, (long long)data.train.count(), (long long)o.ctx,
                (long long)data.train.countedTargets(), (long long)data.heldOutDocuments);
    std::fflush(stdout);
}

void printRun(const train::Trainer &trainer, const fs::path &out)
{
    const train::TrainOptions &o = trainer.options();
    std::printf("training %lld parameters for %lld steps of %lld sequences, lr %g, warmup %lld, QAT %s, seed %llu, "
                "threads %s -> %s\n",
                (long long)trainer.weights().count(), (long long)o.steps, (long long)o.batchSequences, o.lr,
                (long long)o.warmupSteps, o.qat ? o.qat->toString().c_str() : "none", (unsigned long long)o.seed,
                o.threads > 0 ? std::to_string(o.threads).c_str() : "one per core", out.string().c_str());
}

std::string heldOutText(const train::TrainerState &state)
{
    if (state.heldOutLosses.empty() || state.heldOutLosses.back().step != state.step)
        return {};
    char text[48];
    std::snprintf(text, sizeof text, ", held-out loss %.4f", state.heldOutLosses.back().loss);
    return text;
}

} // namespace

int runTrain(const std::vector<std::string> &argv)
{
    const CliArgs args(argv,
                       {"--data", "--steps", "--lr", "--batch", "--ctx", "--qat", "--resume", "--threads", "--seed",
                        "--warmup", "--held-out", "--eval-every", "--checkpoint-every", "--out"},
                       {});
    if (args.positional().size() != 1)
        throw UsageError("train takes exactly one PATH (a Hugging Face checkpoint folder)");
    const fs::path input = args.positional()[0];
    const std::optional<fs::path> resume = args.value("--resume");
    if (!resume && !args.value("--out"))
        throw UsageError("--out is required");
    const fs::path out = args.value("--out") ? fs::path(*args.value("--out")) : *resume;
    const fs::path dataPath = args.required("--data");

    const auto model = openModel(input);
    if (model->format() == ModelFormat::Gguf)
        throw Error(input.string() + ": training starts from Hugging Face checkpoints only (GGUF is not supported"
                    " for training yet)");
    const TransformerConfig config = transformerConfigFor(*model);
    std::optional<train::TrainerState> resumed;
    if (resume) {
        const std::string label = (*resume / "trainer_state.json").string();
        resumed = train::trainerStateFromJson(train::readTrainerState(*resume), label);
        train::requireSameConfig(config, transformerConfigFor(*openModel(*resume)),
                                 resume->string() + " is not a run of " + input.string());
    }
    const train::TrainOptions options = trainOptionsFromArgs(args, resumed ? &resumed->options : nullptr,
                                                             config.contextLength);
    train::checkTrainOptions(options, config.contextLength);
    if (resumed && options.steps < resumed->step) // as Trainer::resume says, before the weights load
        throw Error((*resume / "trainer_state.json").string() + ": the run has done " + std::to_string(resumed->step)
                    + " steps, more than " + std::to_string(options.steps));
    checkOutputFolder(out, input);
    const std::vector<train::TrainingDocument> documents = train::loadTrainingDocuments(dataPath);
    const std::shared_ptr<const Tokenizer> tokenizer = tokenizerForModel(*model);

    const train::TrainingMemory memory
        = train::trainingMemory(config, options.batchSequences, options.ctx, options.qat.has_value());
    const uint64_t available = availableMemoryBytes();
    std::printf("%s\n", train::trainingMemoryText(memory, available).c_str());
    std::fflush(stdout);
    train::checkTrainingMemory(memory, available);
    checkData(documents, *tokenizer, options, resumed ? &*resumed : nullptr, resume.value_or(fs::path()));

    std::error_code ec;
    const train::CheckpointTarget target{out, fs::is_directory(input, ec) ? input : input.parent_path(), input};
    train::Trainer trainer = resume ? train::Trainer::resume(*resume, documents, *tokenizer, target, options.steps)
                                    : train::Trainer(train::parametersOf(*model), documents, *tokenizer, options, target);
    printRun(trainer, out);
    const int64_t firstStep = trainer.state().step;
    if (resume)
        std::printf("resuming %s at step %lld\n", resume->string().c_str(), (long long)firstStep);
    else if (const std::optional<double> loss = trainer.heldOutLoss())
        std::printf("held-out loss before training: %.4f\n", *loss);
    std::fflush(stdout);

    const auto start = std::chrono::steady_clock::now();
    {
        const Interruption interruption;
        TrainProgressLines lines;
        try {
            trainer.run(std::ref(lines));
        } catch (const Cancelled &) {
            std::fprintf(stderr, "interrupted at step %lld: checkpoint in %s (resume with --resume %s)\n",
                         (long long)trainer.state().step, out.string().c_str(), out.string().c_str());
            return 130;
        }
    }
    // A resumed run that had no step left writes nothing itself.
    if (trainer.state().step == firstStep && (!resume || fs::weakly_canonical(*resume, ec) != fs::weakly_canonical(out, ec)))
        trainer.saveCheckpoint(out);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("wrote the checkpoint of step %lld%s to %s in %s\n", (long long)trainer.state().step,
                heldOutText(trainer.state()).c_str(), out.string().c_str(), durationText(seconds).c_str());
    return 0;
}

} // namespace bitcliff::cli
