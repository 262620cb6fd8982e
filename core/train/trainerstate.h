#pragma once
// trainer_state.json: where a run stands, so that a resumed run continues it exactly.
#include "train/trainoptions.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace bitcliff::train {

struct HeldOutLoss
{
    int64_t step = 0; // completed steps when measured
    double loss = 0.0; // nats per counted token
};

struct TrainerState
{
    int64_t step = 0;             // completed steps
    TrainOptions options;         // of the run (the seed among them)
    std::string dataFingerprint;  // TrainingData::fingerprint of the packed data
    int64_t dataPosition = 0;     // sequences consumed (SequenceStream position)
    std::vector<double> losses;   // training loss of every completed step, nats per token
    std::vector<HeldOutLoss> heldOutLosses;
};

nlohmann::ordered_json trainerStateJson(const TrainerState &state);
// Throws Error naming `label` for a file of another format or a missing/mistyped key.
TrainerState trainerStateFromJson(const nlohmann::json &json, const std::string &label);

} // namespace bitcliff::train
