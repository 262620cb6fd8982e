#pragma once
// The trained demo model, made from scratch by BitCliff's own code: the demo data
// (demostream.h), its BPE tokenizer (demotokenizertraining.h), a Llama-style model trained on
// it, and the derived checkpoints the demo compares with post-training quantization:
//   qat-b2, qat-b3  quantization-aware training (straight-through) at rtn b2/b3 g32 asym
//   control-b2      the same extra training in full precision (then quantized like the rest):
//                   it shows that QAT, not more training, restores the low bits
//   recovery-b2     a short QAT fine-tune on 545 medium common-script items only (the seed's
//                   "545 examples" experiment in small): what it restores there, what it costs
//                   elsewhere
// Folder layout (a Hugging Face checkpoint that every part of BitCliff opens):
//   config.json model.safetensors tokenizer.json tokenizer_config.json trainer_state.json
//   demo.json                    what was trained, how, and the cells the demo sweep runs
//   eval/demo-arithmetic.jsonl   held-out items, 500 per tier × script
//   eval/text/en.txt, hi.txt     held-out passages per script
//   calibration/en.txt           training-distribution text, common script only (GPTQ …)
//   variants/<name>/             the derived checkpoints
#include "demo/demostream.h"
#include "train/trainer.h"

#include <filesystem>
#include <functional>
#include <string>

namespace bitcliff {

struct DemoTrainingOptions
{
    uint64_t seed = 1;
    int threads = 0;                       // 0: one per core; the result depends on it (BLAS)
    int64_t baseCodePoints = 10'000'000;   // training text of the base model (≈ tokens)
    int64_t variantCodePoints = 1'400'000; // of QAT and its control
    int recoveryExamples = 545;
    int64_t recoverySteps = 60;
    int hidden = 128;                      // every matrix's input a multiple of 128
    int layers = 4;
    int heads = 4;
    int intermediate = 384;
    int context = 256;
    int64_t batchSequences = 16;
    DemoMix mix;
};

struct DemoTrainingProgress
{
    std::string stage;   // "base", "qat-b2", ...
    int stageIndex = 0;  // 0-based, of stageCount
    int stageCount = 0;
    train::TrainProgress step;
    double secondsLeft = 0; // of all stages, at the pace so far
};

// Returns false to cancel (Cancelled is thrown; nothing is left at `out`).
using DemoTrainingCallback = std::function<bool(const DemoTrainingProgress &)>;

// Trains everything into `out` (created, or replaced when it holds a model: written whole in
// a sibling folder first). Work files go to `<out>.train-demo-work` and are removed at the
// end. Deterministic for fixed options and thread count on the same BLAS kernels.
void trainDemoModel(const std::filesystem::path &out, const DemoTrainingOptions &options,
                    const DemoTrainingCallback &callback = {});

// The demo's manifest name and version (raised whenever the recipe changes).
inline constexpr const char *kDemoManifest = "demo.json";
inline constexpr int kTrainedDemoVersion = 1;

} // namespace bitcliff
