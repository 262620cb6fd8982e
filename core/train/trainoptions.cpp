#include "train/trainoptions.h"

#include "util/error.h"

namespace bitcliff::train {

namespace {

void require(bool ok, const std::string &what)
{
    if (!ok)
        throw Error("training option " + what);
}

template<class T>
T member(const nlohmann::json &json, const char *key, const std::string &label)
{
    const auto it = json.find(key);
    if (it == json.end())
        throw Error(label + ": options lack \"" + key + "\"");
    try {
        return it->get<T>();
    } catch (const nlohmann::json::exception &) {
        throw Error(label + ": option \"" + key + "\" has the wrong type");
    }
}

} // namespace

void checkTrainOptions(const TrainOptions &o, int64_t contextLimit)
{
    require(o.steps >= 0, "steps must be >= 0");
    require(o.lr > 0.0, "lr must be > 0");
    require(o.minLrRatio >= 0.0 && o.minLrRatio <= 1.0, "minLrRatio must be in [0, 1]");
    require(o.warmupSteps >= 0, "warmupSteps must be >= 0");
    require(o.batchSequences >= 1, "batchSequences must be >= 1");
    require(o.ctx >= 2, "ctx must be >= 2");
    require(contextLimit <= 0 || o.ctx <= contextLimit,
            "ctx " + std::to_string(o.ctx) + " exceeds the model's context of " + std::to_string(contextLimit));
    require(o.accumulation >= 1, "accumulation must be >= 1");
    require(o.weightDecay >= 0.0, "weightDecay must be >= 0");
    require(o.beta1 >= 0.0 && o.beta1 < 1.0 && o.beta2 >= 0.0 && o.beta2 < 1.0, "betas must be in [0, 1)");
    require(o.eps > 0.0, "eps must be > 0");
    require(o.evalEvery >= 0 && o.checkpointEvery >= 0, "evalEvery and checkpointEvery must be >= 0");
}

nlohmann::ordered_json trainOptionsJson(const TrainOptions &o)
{
    nlohmann::ordered_json json;
    json["steps"] = o.steps;
    json["lr"] = o.lr;
    json["min_lr_ratio"] = o.minLrRatio;
    json["warmup_steps"] = o.warmupSteps;
    json["batch_sequences"] = o.batchSequences;
    json["ctx"] = o.ctx;
    json["accumulation"] = o.accumulation;
    json["clip_norm"] = o.clipNorm;
    json["weight_decay"] = o.weightDecay;
    json["beta1"] = o.beta1;
    json["beta2"] = o.beta2;
    json["eps"] = o.eps;
    json["seed"] = o.seed;
    json["threads"] = o.threads;
    json["qat"] = o.qat ? nlohmann::ordered_json(o.qat->toString()) : nlohmann::ordered_json(nullptr);
    json["eval_every"] = o.evalEvery;
    json["held_out_documents"] = o.heldOut.documents;
    json["held_out_fraction"] = o.heldOut.fraction;
    json["checkpoint_every"] = o.checkpointEvery;
    return json;
}

TrainOptions trainOptionsFromJson(const nlohmann::json &json, const std::string &label)
{
    if (!json.is_object())
        throw Error(label + ": options are not a JSON object");
    TrainOptions o;
    o.steps = member<int64_t>(json, "steps", label);
    o.lr = member<double>(json, "lr", label);
    o.minLrRatio = member<double>(json, "min_lr_ratio", label);
    o.warmupSteps = member<int64_t>(json, "warmup_steps", label);
    o.batchSequences = member<int64_t>(json, "batch_sequences", label);
    o.ctx = member<int64_t>(json, "ctx", label);
    o.accumulation = member<int64_t>(json, "accumulation", label);
    o.clipNorm = member<double>(json, "clip_norm", label);
    o.weightDecay = member<double>(json, "weight_decay", label);
    o.beta1 = member<double>(json, "beta1", label);
    o.beta2 = member<double>(json, "beta2", label);
    o.eps = member<double>(json, "eps", label);
    o.seed = member<uint64_t>(json, "seed", label);
    o.threads = member<int>(json, "threads", label);
    const auto qat = json.find("qat");
    if (qat != json.end() && !qat->is_null())
        o.qat = QuantScheme::parse(member<std::string>(json, "qat", label));
    o.evalEvery = member<int64_t>(json, "eval_every", label);
    o.heldOut.documents = member<int64_t>(json, "held_out_documents", label);
    o.heldOut.fraction = member<double>(json, "held_out_fraction", label);
    o.checkpointEvery = member<int64_t>(json, "checkpoint_every", label);
    return o;
}

} // namespace bitcliff::train
