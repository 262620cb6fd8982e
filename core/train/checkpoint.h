#pragma once
// Training checkpoints as Hugging Face folders that BitCliff (and transformers) open as models:
//   config.json        checkpointconfig.h (read back and compared before the folder is put in place)
//   model.safetensors  every parameter as F32, in the parameters' order
//   tokenizer.json     copied bytes (and tokenizer_config.json when one sits beside the source)
// and, to resume training:
//   optimizer.safetensors  AdamW moments "m.<name>", "v.<name>" (F32), metadata "steps"
//   trainer_state.json     what the trainer needs (train/trainer.h)
// The folder is written atomically (atomicfolder.h): a failure leaves an older checkpoint intact.
#include "train/adamw.h"
#include "train/parameters.h"

#include <filesystem>
#include <nlohmann/json.hpp>

namespace bitcliff::train {

struct CheckpointContents
{
    const Parameters<float> *weights = nullptr;
    std::filesystem::path tokenizer;  // tokenizer.json or a folder holding one; empty: none written
    nlohmann::json ropeScaling;       // written as rope_scaling; null when none (ropeScalingOf)
    const AdamW *optimizer = nullptr; // optimizer.safetensors when set
    nlohmann::ordered_json trainerState; // trainer_state.json when not null
};

// Throws Error when a file cannot be written or read, or when config.json would not read back
// as weights->config (e.g. a RoPE scaling without its rope_scaling object).
void writeCheckpoint(const std::filesystem::path &folder, const CheckpointContents &contents);

// Throws Error when `output` is the folder of `inputModel` (a file or folder; compared as
// canonical paths) or contains it, so that training never replaces the model it starts from.
void refuseOverwritingInput(const std::filesystem::path &output, const std::filesystem::path &inputModel);

// The rope_scaling object of the model folder (or file) `model`'s config.json, null when it has
// none or there is no config.json: what a checkpoint of a model trained from it must keep.
nlohmann::json ropeScalingOf(const std::filesystem::path &model);

struct OptimizerState
{
    Parameters<float> m;
    Parameters<float> v;
    int64_t steps = 0;
};

// model.safetensors + config.json (train/parameters.h parametersOf).
Parameters<float> readCheckpointWeights(const std::filesystem::path &folder);
// optimizer.safetensors, checked tensor by tensor against `weights`' names and shapes.
OptimizerState readOptimizerState(const std::filesystem::path &folder, const Parameters<float> &weights);
// trainer_state.json; Error when missing or not a JSON object.
nlohmann::ordered_json readTrainerState(const std::filesystem::path &folder);

} // namespace bitcliff::train
