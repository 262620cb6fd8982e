#include "report/evaljson.h"

#include "report/quantjson.h"

#include <cstdio>

namespace bitcliff::app {

using Json = nlohmann::ordered_json;

namespace {

std::string percentileKey(double fraction)
{
    if (fraction >= 1.0)
        return "max";
    if (fraction <= 0.0)
        return "min";
    if (fraction == 0.5)
        return "median";
    char text[16];
    std::snprintf(text, sizeof text, "%g%%", fraction * 100);
    return text;
}

Json percentilesJson(const std::vector<Percentile> &percentiles)
{
    Json object = Json::object();
    for (const Percentile &p : percentiles)
        object[percentileKey(p.fraction)] = p.value;
    return object;
}

void addPerplexity(Json &object, const PerplexityResult &ppl)
{
    object["ppl"] = ppl.ppl;
    object["ppl_err"] = ppl.pplError;
    object["tokens_scored"] = ppl.tokensScored;
}

void addComparison(Json &object, const LogitComparison &c)
{
    object["kld"]
        = { { "mean", c.kld.mean }, { "err", c.kld.error }, { "percentiles", percentilesJson(c.kldPercentiles) },
              { "chunks", c.chunkKld } };
    object["same_top"] = { { "p", c.sameTop.mean }, { "err", c.sameTop.error } };
    object["delta_p"] = { { "mean", c.deltaP.mean }, { "err", c.deltaP.error }, { "rms", c.rmsDeltaP },
        { "percentiles", percentilesJson(c.deltaPPercentiles) } };
    object["ln_ppl_ratio"] = { { "value", c.lnPplRatio }, { "err", c.lnPplRatioError } };
    object["base_ppl"] = c.base.ppl;
}

Json accuracyJson(const Accuracy &a)
{
    Json json = { { "n", a.count }, { "acc", a.acc }, { "acc_err", a.accError }, { "acc_norm", a.accNorm },
        { "acc_norm_err", a.accNormError } };
    if (a.answerCodePoints > 0) // generation items: the teacher-forced loss of the expected answers
        json["answer_nats_per_char"] = a.answerNatsPerChar;
    return json;
}

Json accuracyMapJson(const std::map<std::string, Accuracy> &map)
{
    Json object = Json::object();
    for (const auto &[label, accuracy] : map)
        object[label] = accuracyJson(accuracy);
    return object;
}

Json textJson(const TextEvaluation &text)
{
    Json object = { { "name", text.name }, { "language", text.language }, { "tokens", text.fertility.tokens },
        { "characters", text.fertility.characters }, { "tokens_per_char", text.fertility.tokensPerCharacter() },
        { "tokens_per_word", text.fertility.words ? Json(text.fertility.tokensPerWord()) : Json(nullptr) } };
    addPerplexity(object, text.perplexity);
    if (text.comparison)
        addComparison(object, *text.comparison);
    return object;
}

} // namespace

Json evalRunJson(const EvalRun &run, const std::vector<TaskItem> &tasks, double storedBitsPerWeight)
{
    Json object = { { "label", run.label }, { "scheme", run.scheme ? Json(run.scheme->toString()) : Json(nullptr) } };
    if (run.plan) {
        object["bpw"] = run.plan->bitsPerWeight;
        object["bpw_model"] = run.plan->modelBitsPerWeight;
        object["tensors"] = tensorCountsJson(*run.plan);
    } else {
        object["bpw"] = storedBitsPerWeight;
        object["bpw_model"] = storedBitsPerWeight;
    }
    if (!run.texts.empty())
        addPerplexity(object, run.perplexity);
    if (run.comparison)
        addComparison(object, *run.comparison);
    if (!run.outcomes.empty()) {
        const LabelledAccuracy &a = run.accuracy;
        object["accuracy"] = { { "overall", accuracyJson(a.overall) }, { "by_task", accuracyMapJson(a.byTask) },
            { "by_difficulty", accuracyMapJson(a.byDifficulty) }, { "by_language", accuracyMapJson(a.byLanguage) },
            { "by_language_difficulty", accuracyMapJson(a.byLanguageDifficulty) } };
        Json items = Json::array();
        for (const ItemOutcome &outcome : run.outcomes)
            items.push_back({ { "id", tasks.at(outcome.item).id }, { "correct", outcome.correct },
                { "correct_norm", outcome.correctNorm }, { "prediction", outcome.prediction } });
        object["items"] = std::move(items);
    }
    Json texts = Json::array();
    for (const TextEvaluation &text : run.texts)
        texts.push_back(textJson(text));
    object["texts"] = std::move(texts);
    object["seconds"] = run.seconds;
    object["streamed"] = run.streamed;
    return object;
}

Json evalReportJson(const EvalReport &report)
{
    Json top = { { "model", report.modelPath }, { "n_ctx", report.nCtx } };
    Json runs = Json::array();
    for (const EvalRun &run : report.runs)
        runs.push_back(evalRunJson(run, report.tasks, report.storedBitsPerWeight));
    if (!runs.empty())
        for (const auto &[key, value] : runs.back().items())
            if (key != "items" && key != "texts")
                top[key] = value;
    top["runs"] = std::move(runs);
    return top;
}

} // namespace bitcliff::app
