#include "report/quantjson.h"

#include <cmath>

namespace bitcliff::app {

using Json = nlohmann::ordered_json;

namespace {
// JSON has no infinity: an exact reconstruction's SQNR is reported as null.
Json finiteOrNull(double value)
{
    return std::isfinite(value) ? Json(value) : Json(nullptr);
}
} // namespace

Json tensorCountsJson(const PlanSummary &summary)
{
    Json fallbacks = Json::array(), kept = Json::array();
    for (const TreatmentCount &f : summary.fallbacks)
        fallbacks.push_back(
            { { "to", f.scheme }, { "reason", f.reason }, { "count", f.tensors }, { "parameters", f.parameters } });
    for (const TreatmentCount &k : summary.keptReasons)
        kept.push_back({ { "reason", k.reason }, { "count", k.tensors }, { "parameters", k.parameters } });
    return Json { { "quantized", summary.quantized }, { "fallback", summary.fellBack }, { "kept", summary.kept },
        { "fallbacks", std::move(fallbacks) }, { "kept_reasons", std::move(kept) } };
}

Json quantReportJson(const QuantReport &report)
{
    Json tensors = Json::array();
    for (const TensorQuantResult &t : report.tensors) {
        if (!t.quantized) {
            tensors.push_back(
                { { "name", t.name }, { "quantized", false }, { "kept", t.keptReason }, { "bpw", t.bitsPerWeight } });
            continue;
        }
        Json entry = { { "name", t.name }, { "quantized", true } };
        if (!t.fallback.empty()) {
            entry["fallback"] = t.fallback;
            entry["fallback_reason"] = t.fallbackReason;
        }
        entry.update(Json { { "mse", t.error.mse }, { "sqnr_db", finiteOrNull(t.error.sqnrDb) },
            { "max_abs_err", t.error.maxAbsError }, { "rel_frobenius", t.error.relativeFrobenius },
            { "bpw", t.bitsPerWeight } });
        tensors.push_back(std::move(entry));
    }
    return Json { { "scheme", report.recipe() }, { "model", report.model->sourcePath() },
        { "totals",
            { { "quantized_parameters", report.quantizedParameters }, { "mse", report.quantizedMse },
                { "bpw", report.quantizedBitsPerWeight }, { "model_bpw", report.modelBitsPerWeight },
                { "bpw_model", report.modelBitsPerWeight }, { "tensors", tensorCountsJson(report.summary) } } },
        { "tensors", std::move(tensors) } };
}

} // namespace bitcliff::app
