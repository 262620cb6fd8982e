#include "report/quantjson.h"

#include <cmath>

namespace bitcliff::app {

using Json = nlohmann::ordered_json;

namespace {
// JSON has no infinity: an exact reconstruction's SQNR is reported as null.
Json finiteOrNull(double value) { return std::isfinite(value) ? Json(value) : Json(nullptr); }
} // namespace

Json quantReportJson(const QuantReport &report)
{
    Json tensors = Json::array();
    for (const TensorQuantResult &t : report.tensors) {
        if (!t.quantized) {
            tensors.push_back({{"name", t.name}, {"quantized", false}, {"kept", t.keptReason}, {"bpw", t.bitsPerWeight}});
            continue;
        }
        tensors.push_back({{"name", t.name},
                           {"quantized", true},
                           {"mse", t.error.mse},
                           {"sqnr_db", finiteOrNull(t.error.sqnrDb)},
                           {"max_abs_err", t.error.maxAbsError},
                           {"rel_frobenius", t.error.relativeFrobenius},
                           {"bpw", t.bitsPerWeight}});
    }
    return Json{{"scheme", report.scheme.toString()},
                {"model", report.model->sourcePath()},
                {"totals",
                 {{"quantized_parameters", report.quantizedParameters},
                  {"mse", report.quantizedMse},
                  {"bpw", report.quantizedBitsPerWeight},
                  {"model_bpw", report.modelBitsPerWeight}}},
                {"tensors", std::move(tensors)}};
}

} // namespace bitcliff::app
