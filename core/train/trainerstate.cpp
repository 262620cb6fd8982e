#include "train/trainerstate.h"

#include "util/error.h"

namespace bitcliff::train {

namespace {

constexpr const char *kFormat = "bitcliff-trainer-state";
constexpr int kVersion = 1;

const nlohmann::json &member(const nlohmann::json &json, const char *key, const std::string &label)
{
    const auto it = json.find(key);
    if (it == json.end())
        throw Error(label + ": no \"" + key + "\"");
    return *it;
}

template<class T>
T value(const nlohmann::json &json, const char *key, const std::string &label)
{
    try {
        return member(json, key, label).get<T>();
    } catch (const nlohmann::json::exception &) {
        throw Error(label + ": \"" + key + "\" has the wrong type");
    }
}

} // namespace

nlohmann::ordered_json trainerStateJson(const TrainerState &state)
{
    nlohmann::ordered_json json;
    json["format"] = kFormat;
    json["version"] = kVersion;
    json["step"] = state.step;
    json["options"] = trainOptionsJson(state.options);
    json["data"] = {{"fingerprint", state.dataFingerprint}, {"position", state.dataPosition}};
    json["losses"] = state.losses;
    nlohmann::ordered_json heldOut = nlohmann::ordered_json::array();
    for (const HeldOutLoss &point : state.heldOutLosses)
        heldOut.push_back({{"step", point.step}, {"loss", point.loss}});
    json["held_out_losses"] = heldOut;
    return json;
}

TrainerState trainerStateFromJson(const nlohmann::json &json, const std::string &label)
{
    if (!json.is_object() || json.value("format", std::string()) != kFormat)
        throw Error(label + ": not a BitCliff trainer state");
    if (value<int>(json, "version", label) != kVersion)
        throw Error(label + ": trainer state version " + member(json, "version", label).dump() + " (this BitCliff reads "
                    + std::to_string(kVersion) + ")");
    TrainerState state;
    state.step = value<int64_t>(json, "step", label);
    state.options = trainOptionsFromJson(member(json, "options", label), label);
    const nlohmann::json &data = member(json, "data", label);
    state.dataFingerprint = value<std::string>(data, "fingerprint", label);
    state.dataPosition = value<int64_t>(data, "position", label);
    state.losses = value<std::vector<double>>(json, "losses", label);
    for (const nlohmann::json &point : member(json, "held_out_losses", label))
        state.heldOutLosses.push_back({value<int64_t>(point, "step", label), value<double>(point, "loss", label)});
    if (state.step < 0 || state.step > state.options.steps || int64_t(state.losses.size()) != state.step)
        throw Error(label + ": step " + std::to_string(state.step) + " does not match its " +
                    std::to_string(state.losses.size()) + " losses and " + std::to_string(state.options.steps) + " steps");
    return state;
}

} // namespace bitcliff::train
