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

double storedBitsPerWeight(const TensorInfo &tensor)
{
    const DTypeTraits &traits = dtypeTraits(tensor.dtype);
    if (tensor.dtype == DType::Unsupported || traits.blockBytes == 0)
        return tensor.elementCount() ? 8.0 * double(tensor.byteSize) / double(tensor.elementCount()) : 0.0;
    return 8.0 * traits.blockBytes / traits.blockSize;
}

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
    if (!tensor.supported())
        return "type " + tensor.dtypeLabel + " is not supported";
    if (tensor.shape.size() < 2 || tensor.rows() < 2)
        return "kept: not a matrix (norms, biases and vectors stay as they are)";
    if (tensor.role == TensorRole::Norm || tensor.role == TensorRole::Other)
        return "kept: not a weight matrix";
    try {
        scheme.checkRowLength(tensor.cols(), tensor.name);
    } catch (const Error &e) {
        return std::string("kept: ") + e.what();
    }
    return {};
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
    if (any)
        return;
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
    auto report = std::make_shared<QuantReport>();
    report->model = model;
    report->scheme = options.scheme;
    const auto &infos = model->tensors();
    report->tensors.resize(infos.size());
    checkQuantizable(*model, options);

    std::vector<std::unique_ptr<TensorErrorBuilder>> builders(infos.size());
    std::vector<TensorRange> ranges(infos.size());
    std::vector<WorkItem> items;
    for (size_t i = 0; i < infos.size(); ++i) {
        const TensorInfo &info = infos[i];
        TensorQuantResult &result = report->tensors[i];
        result.name = info.name;
        result.bitsPerWeight = storedBitsPerWeight(info);
        const bool selected = options.onlyTensors.empty()
            || std::find(options.onlyTensors.begin(), options.onlyTensors.end(), info.name) != options.onlyTensors.end();
        result.keptReason = selected ? ineligibleReason(info, options.scheme) : "not selected";
        if (!result.keptReason.empty())
            continue;
        result.quantized = true;
        result.bitsPerWeight = bitsPerWeight(options.scheme, info.cols());
        const int64_t rows = info.rows(), cols = info.cols();
        builders[i] = std::make_unique<TensorErrorBuilder>(
            rows, cols, errorGridGroupLength(options.scheme.blockLength(cols), cols));
        const bool whole = needsWholeTensorRange(options.scheme);
        if (whole)
            ranges[i] = wholeTensorRange(*model, info, options.scheme);
        const uint64_t rowBytes = std::max<uint64_t>(1, model->rowBytes(info));
        // Chunks start at multiples of the scheme's row alignment (nf4 dq blocks span rows).
        const int64_t alignment = std::max<int64_t>(1, rowAlignment(options.scheme, cols));
        const int64_t step = std::max<int64_t>(1, int64_t(kTargetItemBytes / rowBytes) / alignment) * alignment;
        for (int64_t r = 0; r < rows; r += step)
            items.push_back({i, r, std::min(rows, r + step), uint64_t(std::min(rows, r + step) - r) * rowBytes});
    }

    const int threads = options.threads;
    // One pair of scratch buffers per worker.
    const auto workers = size_t(parallelWorkerCount(items.size(), threads));
    std::vector<std::vector<float>> originals(workers), quantized(workers);
    parallelForEach(
        items.size(), threads, [&](size_t i) { return items[i].bytes; },
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
            fakeQuantizeRows(options.scheme, original.data(), item.rowEnd - item.rowBegin, info.cols(), out.data(),
                             needsWholeTensorRange(options.scheme) ? &ranges[item.tensor] : nullptr);
            builders[item.tensor]->addRows(original.data(), out.data(), item.rowBegin, item.rowEnd - item.rowBegin);
        },
        progress);

    double bitsTotal = 0, quantizedBits = 0, mseTotal = 0;
    for (size_t i = 0; i < infos.size(); ++i) {
        TensorQuantResult &result = report->tensors[i];
        const double params = double(infos[i].elementCount());
        bitsTotal += result.bitsPerWeight * params;
        if (!result.quantized)
            continue;
        result.error = builders[i]->finish();
        report->quantizedParameters += infos[i].elementCount();
        quantizedBits += result.bitsPerWeight * params;
        mseTotal += result.error.mse * params;
    }
    const double allParams = double(std::max<int64_t>(1, model->parameterCount()));
    const double quantizedParams = double(std::max<int64_t>(1, report->quantizedParameters));
    report->modelBitsPerWeight = bitsTotal / allParams;
    report->quantizedBitsPerWeight = quantizedBits / quantizedParams;
    report->quantizedMse = mseTotal / quantizedParams;
    return report;
}

std::vector<float> fakeQuantizeTensor(const Model &model, const TensorInfo &tensor, const QuantScheme &scheme)
{
    const std::string reason = ineligibleReason(tensor, scheme);
    if (!reason.empty())
        throw Error(tensor.name + ": cannot quantize with " + scheme.toString() + ": " + reason);
    std::vector<float> original(size_t(tensor.elementCount())), out(original.size());
    model.readRows(tensor, 0, tensor.rows(), original.data());
    fakeQuantizeRows(scheme, original.data(), tensor.rows(), tensor.cols(), out.data());
    return out;
}

} // namespace bitcliff
