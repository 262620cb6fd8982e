#pragma once
// The Train page's background work, free of Qt: load the training documents, the model's
// weights and tokenizer, build a train::Trainer and run it, handing every step's progress to
// the caller. A cancelled run still leaves the checkpoint of its completed steps (the trainer
// writes it); the last update says which step that checkpoint holds.
#include "formats/model.h"
#include "train/trainer.h"
#include "util/progress.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace bitcliff::app {

struct TrainJobInput
{
    std::shared_ptr<const Model> model; // a Hugging Face checkpoint of llama, qwen2 or qwen3
    std::filesystem::path data;         // a .txt/.jsonl file or a folder of them
    std::filesystem::path output;       // the checkpoint folder
    train::TrainOptions options;        // heldOut and evalEvery are chosen by the job (see below)
};

// What the job reports while it runs, in this order: Prepared once, Step after every step,
// then Checkpoint (finished or cancelled after a step) or Failed (an error while cancelling,
// which the job runner would otherwise report as a plain cancel).
struct TrainUpdate
{
    enum class Kind { Prepared, Step, Checkpoint, Failed };
    Kind kind = Kind::Step;
    train::TrainProgress progress; // Step
    int64_t documents = 0;         // Prepared: documents trained on
    int64_t heldOutDocuments = 0;  // Prepared
    int64_t sequences = 0;         // Prepared: packed training sequences
    int64_t checkpointStep = 0;    // Checkpoint: the steps the checkpoint in `output` holds
    std::string message;           // Failed
};

struct TrainJobResult
{
    int64_t steps = 0;
    double finalLoss = 0.0;
};

// Documents held out for the held-out loss: 5 % of them, at least one when there are two or
// more, at most 200 (measuring costs a forward pass over each).
int64_t heldOutDocumentCount(int64_t documents);
// Steps between held-out measurements: about twenty points over the run.
int64_t heldOutInterval(int64_t steps);

// Throws Error (one line) for data, weights or options the trainer refuses, Cancelled when
// `progress` returns false (after Checkpoint when a step had completed).
TrainJobResult runTrainJob(const TrainJobInput &input, const ProgressCallback &progress,
                           const std::function<void(TrainUpdate)> &report);

} // namespace bitcliff::app
