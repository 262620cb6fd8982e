#include "quant/plansummary.h"

#include "quant/quantizer.h"
#include "util/error.h"

#include <cstdio>

namespace bitcliff {

namespace {

void count(std::vector<TreatmentCount> &counts, const std::string &scheme, const std::string &reason, int64_t params)
{
    for (TreatmentCount &c : counts)
        if (c.scheme == scheme && c.reason == reason) {
            ++c.tensors;
            c.parameters += params;
            return;
        }
    counts.push_back({ scheme, reason, 1, params });
}

std::string fixed(double value, int digits)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", digits, value);
    return text;
}

std::string plural(int n, const char *word)
{
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

} // namespace

double storedBitsPerWeight(const TensorInfo &tensor)
{
    const DTypeTraits &traits = dtypeTraits(tensor.dtype);
    if (tensor.dtype == DType::Unsupported || traits.blockBytes == 0)
        return tensor.elementCount() ? 8.0 * double(tensor.byteSize) / double(tensor.elementCount()) : 0.0;
    return 8.0 * traits.blockBytes / traits.blockSize;
}

double storedBitsPerWeight(const Model &model)
{
    double bits = 0;
    int64_t params = 0;
    for (const TensorInfo &tensor : model.tensors()) {
        bits += storedBitsPerWeight(tensor) * double(tensor.elementCount());
        params += tensor.elementCount();
    }
    return params > 0 ? bits / double(params) : 0.0;
}

PlanSummary summarizeTreatments(
    const std::string &scheme, const std::vector<TensorInfo> &tensors, const std::vector<TensorTreatment> &treatments)
{
    if (tensors.size() != treatments.size())
        throw Error("internal: one treatment per tensor expected");
    PlanSummary s;
    s.scheme = scheme;
    double quantizedBits = 0, allBits = 0;
    for (size_t i = 0; i < tensors.size(); ++i) {
        const TensorInfo &tensor = tensors[i];
        const TensorTreatment &t = treatments[i];
        const int64_t params = tensor.elementCount();
        s.parameters += params;
        if (!t.quantizes()) {
            ++s.kept;
            count(s.keptReasons, {}, t.reason, params);
            allBits += storedBitsPerWeight(tensor) * double(params);
            continue;
        }
        if (t.kind == Treatment::FellBack) {
            ++s.fellBack;
            count(s.fallbacks, t.scheme.toString(), t.reason, params);
        } else {
            ++s.quantized;
        }
        const double bits = bitsPerWeight(t.scheme, tensor.cols()) * double(params);
        quantizedBits += bits;
        allBits += bits;
        s.quantizedParameters += params;
    }
    if (s.quantizedParameters > 0)
        s.bitsPerWeight = quantizedBits / double(s.quantizedParameters);
    if (s.parameters > 0)
        s.modelBitsPerWeight = allBits / double(s.parameters);
    return s;
}

PlanSummary summarizePlan(const Model &model, const QuantScheme &scheme)
{
    std::vector<TensorTreatment> treatments;
    treatments.reserve(model.tensors().size());
    for (const TensorInfo &tensor : model.tensors())
        treatments.push_back(treatmentFor(tensor, scheme));
    return summarizeTreatments(scheme.toString(), model.tensors(), treatments);
}

std::string PlanSummary::describe() const
{
    std::string text = scheme + ": " + plural(quantized, "tensor") + " as " + scheme;
    for (const TreatmentCount &f : fallbacks)
        text += ", " + std::to_string(f.tensors) + " fell back to " + f.scheme + " (" + f.reason + ")";
    if (kept > 0) {
        text += ", " + std::to_string(kept) + " kept (";
        for (size_t i = 0; i < keptReasons.size(); ++i)
            text += (i ? "; " : "") + std::to_string(keptReasons[i].tensors) + " " + keptReasons[i].reason;
        text += ")";
    }
    if (quantizedParameters == 0)
        return text + "; nothing quantized";
    const double share = parameters > 0 ? 100.0 * double(quantizedParameters) / double(parameters) : 0.0;
    return text + "; " + fixed(bitsPerWeight, 2) + " bits/weight over the quantized " + fixed(share, 1)
        + "% of parameters, " + fixed(modelBitsPerWeight, 2) + " over the model";
}

} // namespace bitcliff
