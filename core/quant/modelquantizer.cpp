#include "quant/modelquantizer.h"

#include "quant/quantizer.h"
#include "util/error.h"
#include "util/parallelfor.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bitcliff {

namespace {

constexpr uint64_t kTargetItemBytes = 4u << 20;

struct WorkItem
{
    size_t tensor;
    int64_t rowBegin;
    int64_t rowEnd;
    uint64_t bytes;
};

// What per-tensor scales (with their clip search) and NF4 double quantization need from the
// whole tensor; the one case where a tensor is read whole into memory.
TensorRange wholeTensorRange(const Model &model, const TensorInfo &tensor, const QuantScheme &scheme)
{
    std::vector<float> values(size_t(tensor.elementCount()));
    model.readRows(tensor, 0, tensor.rows(), values.data());
    return quantizationRange(scheme, values.data(), tensor.rows(), tensor.cols());
}

} // namespace

const TensorQuantResult *QuantReport::find(std::string_view name) const
{
    for (const TensorQuantResult &t : tensors)
        if (t.name == name)
            return &t;
    return nullptr;
}

std::string ineligibleReason(const TensorInfo &tensor, const QuantScheme &scheme)
{
    const TensorTreatment t = treatmentFor(tensor, scheme);
    return t.quantizes() ? std::string() : "kept: " + t.reason;
}

void checkQuantizable(const Model &model, const QuantizeOptions &options)
{
    for (const std::string &name : options.onlyTensors) {
        const TensorInfo *tensor = model.find(name);
        if (!tensor)
            throw Error(model.sourcePath() + ": no tensor named '" + name + "'");
        const std::string reason = ineligibleReason(*tensor, options.scheme);
        if (!reason.empty())
            throw Error(name + ": cannot quantize with " + options.scheme.toString() + ": " + reason);
    }
    // A scheme that fits no weight matrix at all is a mistake (e.g. a group size that divides
    // no row length), not a model with nothing to do.
    const auto &infos = model.tensors();
    const bool any = std::any_of(infos.begin(), infos.end(), [&](const TensorInfo &info) {
        const bool selected = options.onlyTensors.empty()
            || std::find(options.onlyTensors.begin(), options.onlyTensors.end(), info.name) != options.onlyTensors.end();
        return selected && ineligibleReason(info, options.scheme).empty();
    });
    if (any) {
        if (options.scheme.strict)
            for (const TensorInfo &info : infos) {
                const TensorTreatment t = treatmentFor(info, options.scheme);
                if (!t.quantizes() && (isLinearRole(info.role) || info.role == TensorRole::Embed
                                       || info.role == TensorRole::LmHead) && info.supported())
                    throw Error(info.name + ": cannot quantize with " + options.scheme.toString() + ": " + t.reason);
            }
        return;
    }
    std::string why;
    for (const TensorInfo &info : infos)
        if (isLinearRole(info.role) && info.supported()) {
            why = ": " + ineligibleReason(info, options.scheme);
            break;
        }
    throw Error(options.scheme.toString() + ": no tensor of " + model.sourcePath() + " can be quantized with it" + why);
}

std::shared_ptr<const QuantReport> quantizeModel(std::shared_ptr<const Model> model, const QuantizeOptions &options,
                                                 const ProgressCallback &progress)
{
    if (!model)
        throw Error("no model to quantize");
    checkQuantizable(*model, options);
    PlannedQuantization plan;
    plan.scheme = options.scheme;
    plan.threads = options.threads;
    for (const TensorInfo &info : model->tensors()) {
        const bool selected = options.onlyTensors.empty()
            || std::find(options.onlyTensors.begin(), options.onlyTensors.end(), info.name) != options.onlyTensors.end();
        plan.treatments.push_back(selected ? treatmentFor(info, options.scheme)
                                           : TensorTreatment{Treatment::Kept, {}, "not selected"});
    }
    return quantizeAsPlanned(std::move(model), plan, progress);
}

std::shared_ptr<const QuantReport> quantizeAsPlanned(std::shared_ptr<const Model> model,
                                                     const PlannedQuantization &plan,
                                                     const ProgressCallback &progress)
{
    if (!model)
        throw Error("no model to quantize");
    const auto &infos = model->tensors();
    const std::vector<TensorTreatment> &treatments = plan.treatments;
    if (treatments.size() != infos.size() || (!plan.precomputed.empty() && plan.precomputed.size() != infos.size()))
        throw Error("internal: one treatment per tensor expected");
    // Where each precomputed tensor's values are read, checked before any work.
    std::vector<const TensorInfo *> precomputed(infos.size(), nullptr);
    for (size_t i = 0; i < plan.precomputed.size(); ++i) {
        if (!plan.precomputed[i])
            continue;
        const TensorInfo *held = plan.quantized ? plan.quantized->find(infos[i].name) : nullptr;
        if (!held || held->shape != infos[i].shape || !treatments[i].quantizes())
            throw Error(infos[i].name + ": no quantized values of its shape to report");
        precomputed[i] = held;
    }
    auto report = std::make_shared<QuantReport>();
    report->model = model;
    report->scheme = plan.scheme;
    report->label = plan.label;
    report->tensors.resize(infos.size());

    std::vector<std::unique_ptr<TensorErrorBuilder>> builders(infos.size());
    std::vector<TensorRange> ranges(infos.size());
    std::vector<WorkItem> items;
    for (size_t i = 0; i < infos.size(); ++i) {
        const TensorInfo &info = infos[i];
        TensorQuantResult &result = report->tensors[i];
        const TensorTreatment &treatment = treatments[i];
        result.name = info.name;
        result.bitsPerWeight = storedBitsPerWeight(info);
        if (!treatment.quantizes()) {
            result.keptReason = treatment.reason;
            continue;
        }
        const QuantScheme &scheme = treatment.scheme;
        if (treatment.kind == Treatment::FellBack) {
            result.fallback = scheme.toString();
            result.fallbackReason = treatment.reason;
        }
        result.quantized = true;
        result.bitsPerWeight = bitsPerWeight(scheme, info.cols());
        const int64_t rows = info.rows(), cols = info.cols();
        builders[i] = std::make_unique<TensorErrorBuilder>(rows, cols,
                                                           errorGridGroupLength(scheme.blockLength(cols), cols));
        const bool rounded = !precomputed[i];
        if (rounded && needsWholeTensorRange(scheme))
            ranges[i] = wholeTensorRange(*model, info, scheme);
        const uint64_t rowBytes = std::max<uint64_t>(1, model->rowBytes(info));
        // Chunks start at multiples of the scheme's row alignment (nf4 dq blocks span rows).
        const int64_t alignment = rounded ? std::max<int64_t>(1, rowAlignment(scheme, cols)) : 1;
        const int64_t step = std::max<int64_t>(1, int64_t(kTargetItemBytes / rowBytes) / alignment) * alignment;
        for (int64_t r = 0; r < rows; r += step)
            items.push_back({i, r, std::min(rows, r + step), uint64_t(std::min(rows, r + step) - r) * rowBytes});
    }

    // One pair of scratch buffers per worker.
    const auto workers = size_t(parallelWorkerCount(items.size(), plan.threads));
    std::vector<std::vector<float>> originals(workers), quantized(workers);
    parallelForEach(
        items.size(), plan.threads, [&](size_t i) { return items[i].bytes; },
        [&](size_t index, int worker) {
            const WorkItem &item = items[index];
            const TensorInfo &info = infos[item.tensor];
            const int64_t count = (item.rowEnd - item.rowBegin) * info.cols();
            std::vector<float> &original = originals[size_t(worker)];
            std::vector<float> &out = quantized[size_t(worker)];
            original.resize(size_t(count));
            out.resize(size_t(count));
            model->readRows(info, item.rowBegin, item.rowEnd, original.data());
            model->releaseRows(info, item.rowBegin, item.rowEnd);
            if (const TensorInfo *held = precomputed[item.tensor]) {
                plan.quantized->readRows(*held, item.rowBegin, item.rowEnd, out.data());
            } else {
                const QuantScheme &scheme = treatments[item.tensor].scheme;
                fakeQuantizeRows(scheme, original.data(), item.rowEnd - item.rowBegin, info.cols(), out.data(),
                                 needsWholeTensorRange(scheme) ? &ranges[item.tensor] : nullptr);
            }
            builders[item.tensor]->addRows(original.data(), out.data(), item.rowBegin, item.rowEnd - item.rowBegin);
        },
        progress);

    double mseTotal = 0;
    for (size_t i = 0; i < infos.size(); ++i) {
        TensorQuantResult &result = report->tensors[i];
        if (!result.quantized)
            continue;
        result.error = builders[i]->finish();
        mseTotal += result.error.mse * double(infos[i].elementCount());
    }
    report->summary = summarizeTreatments(report->recipe(), infos, treatments);
    report->quantizedParameters = report->summary.quantizedParameters;
    report->modelBitsPerWeight = report->summary.modelBitsPerWeight;
    report->quantizedBitsPerWeight = report->summary.bitsPerWeight;
    report->quantizedMse = mseTotal / double(std::max<int64_t>(1, report->quantizedParameters));
    return report;
}

std::vector<float> fakeQuantizeTensor(const Model &model, const TensorInfo &tensor, const QuantScheme &scheme)
{
    const TensorTreatment t = treatmentFor(tensor, scheme);
    if (!t.quantizes())
        throw Error(tensor.name + ": cannot quantize with " + scheme.toString() + ": " + t.reason);
    std::vector<float> original(size_t(tensor.elementCount())), out(original.size());
    model.readRows(tensor, 0, tensor.rows(), original.data());
    fakeQuantizeRows(t.scheme, original.data(), tensor.rows(), tensor.cols(), out.data());
    return out;
}

} // namespace bitcliff
