#include "quant/ggufexport.h"

#include "formats/ggmltypes.h"
#include "formats/gguf.h"
#include "formats/ggufstreamwriter.h"
#include "formats/hfggufmapping.h"
#include "formats/ropescaling.h"
#include "formats/tokenizerconversion.h"
#include "quant/ggmlquantize.h"
#include "quant/modelquantizer.h"
#include "quant/tensortreatment.h"
#include "util/error.h"
#include "util/floatformats.h"
#include "util/parallelfor.h"

#include <algorithm>
#include <cstring>

namespace bitcliff {

namespace {

constexpr uint64_t kChunkFloatBytes = 16u << 20; // floats read per step
constexpr int64_t kRowsPerWorkItem = 64;

enum class Action : uint8_t { Copy, Quantize, Convert, Generate };

struct PlannedTensor
{
    const TensorInfo *source = nullptr; // nullptr for Generate
    GgufTensorLayout layout;
    Action action = Action::Copy;
    DType outType = DType::F32; // Quantize: the block type; Convert: F32 or F16
    int permuteHeads = 0;       // > 0: rows reordered for llama's NORM RoPE
    std::vector<std::byte> generated; // Generate: the bytes, computed by the export
};

struct ExportPlan
{
    GgufMetadata metadata;
    std::vector<PlannedTensor> tensors;
    uint64_t alignment = 32;
};

uint64_t encodedBytes(DType type, int64_t rows, int64_t cols)
{
    const DTypeTraits &traits = dtypeTraits(type);
    return uint64_t(rows) * uint64_t(cols / traits.blockSize) * uint64_t(traits.blockBytes);
}

// The ggml code a GGUF tensor was read with (its label is ggml's name or "type N").
uint32_t ggmlCodeOfLabel(const TensorInfo &tensor)
{
    for (uint32_t code = 0; code < 256; ++code)
        if (findGgmlType(code) && ggmlTypeName(code) == tensor.dtypeLabel)
            return code;
    if (tensor.dtypeLabel.starts_with("type "))
        return uint32_t(std::stoul(tensor.dtypeLabel.substr(5)));
    throw Error(tensor.name + ": unknown ggml type " + tensor.dtypeLabel);
}

void quantizeAction(PlannedTensor &planned, const QuantScheme &scheme)
{
    const TensorInfo &t = *planned.source;
    planned.action = Action::Quantize;
    planned.outType = scheme.ggufType;
    planned.layout.ggmlType = ggmlTypeCode(scheme.ggufType);
    planned.layout.byteSize = encodedBytes(scheme.ggufType, t.rows(), t.cols());
}

ExportPlan planFromGguf(const Model &model, const QuantScheme &scheme)
{
    const MappedFile &file = *model.files().at(0);
    const GgufContents contents = parseGguf(file.bytes(), file.label());
    ExportPlan plan;
    plan.alignment = contents.alignment;
    plan.metadata = contents.metadata;
    bool hasFileType = false, hasVersion = false;
    for (auto &[key, value] : plan.metadata) {
        if (key == "general.file_type") {
            value = ggufU32(ggufFileType(scheme.ggufType));
            hasFileType = true;
        } else if (key == "general.quantization_version") {
            value = ggufU32(2);
            hasVersion = true;
        }
    }
    if (!hasFileType)
        plan.metadata.emplace_back("general.file_type", ggufU32(ggufFileType(scheme.ggufType)));
    if (!hasVersion)
        plan.metadata.emplace_back("general.quantization_version", ggufU32(2));

    for (const TensorInfo &t : model.tensors()) {
        PlannedTensor planned{&t, {t.name, t.shape, 0, t.byteSize}, Action::Copy, t.dtype, 0, {}};
        if (const std::optional<QuantScheme> applied = appliedScheme(t, scheme))
            quantizeAction(planned, *applied);
        else
            planned.layout.ggmlType = ggmlCodeOfLabel(t);
        plan.tensors.push_back(std::move(planned));
    }
    return plan;
}

// Llama-3 rope scaling becomes the tensor rope_freqs.weight (F32, head_dim/2 frequency
// divisors), first, as llama.cpp's converter writes it; other scalings are noted.
void addRopeFreqs(ExportPlan &plan, const Model &model, const std::filesystem::path &directory,
                  std::vector<std::string> &notes)
{
    const ArchitectureSummary &arch = model.architecture();
    const RopeScaling scaling = readHfRopeScaling(directory / "config.json");
    if (scaling.type != "llama3") {
        if (!arch.ropeScaling.empty())
            notes.push_back(model.sourcePath() + ": rope scaling '" + arch.ropeScaling
                            + "' is not written; long contexts will differ");
        return;
    }
    const int headDim = arch.headDim > 0 ? arch.headDim : (arch.heads > 0 ? arch.hiddenSize / arch.heads : 0);
    const double theta = arch.ropeTheta > 0 ? arch.ropeTheta : 10000.0;
    const std::vector<float> divisors = ropeFreqDivisors(scaling, headDim, theta, model.sourcePath());
    PlannedTensor planned;
    planned.action = Action::Generate;
    planned.generated.resize(divisors.size() * sizeof(float));
    std::memcpy(planned.generated.data(), divisors.data(), planned.generated.size());
    planned.layout = {"rope_freqs.weight", {int64_t(divisors.size())}, ggmlTypeCode(DType::F32), planned.generated.size()};
    plan.tensors.insert(plan.tensors.begin(), std::move(planned));
}

ExportPlan planFromHf(const Model &model, const QuantScheme &scheme, std::vector<std::string> &notes)
{
    const ArchitectureSummary &arch = model.architecture();
    const std::string architecture = ggufArchitectureForHf(arch.name, model.sourcePath());
    ExportPlan plan;
    int vocabSize = arch.vocabSize;
    for (const TensorInfo &t : model.tensors()) {
        const std::string name = ggufTensorName(t.name);
        if (name.empty()) {
            notes.push_back(t.name + ": not written (llama.cpp computes it)");
            continue;
        }
        if (name == "token_embd.weight" && vocabSize == 0 && !t.shape.empty())
            vocabSize = int(t.shape[0]);
        PlannedTensor planned{&t, {name, t.shape, 0, 0}, Action::Convert, DType::F32, 0, {}};
        planned.permuteHeads = permutedHeads(architecture, t.name, arch);
        if (planned.permuteHeads > 0) {
            const int64_t rows = t.shape.empty() ? 0 : t.shape[0];
            if (rows % planned.permuteHeads != 0 || (rows / planned.permuteHeads) % 2 != 0)
                throw Error(t.name + ": " + std::to_string(rows) + " rows do not split into "
                            + std::to_string(planned.permuteHeads) + " heads of even size");
        }
        const std::optional<QuantScheme> applied = appliedScheme(t, scheme);
        if (t.shape.size() >= 2 && applied) {
            quantizeAction(planned, *applied);
        } else {
            if (t.shape.size() >= 2 && (t.dtype == DType::F16 || t.dtype == DType::BF16))
                planned.outType = DType::F16;
            planned.layout.ggmlType = ggmlTypeCode(planned.outType);
            planned.layout.byteSize = uint64_t(t.elementCount()) * (planned.outType == DType::F16 ? 2 : 4);
        }
        plan.tensors.push_back(std::move(planned));
    }

    const std::filesystem::path source(model.sourcePath());
    const std::filesystem::path directory = std::filesystem::is_directory(source) ? source : source.parent_path();
    addRopeFreqs(plan, model, directory, notes);
    std::string modelName = std::filesystem::absolute(directory).lexically_normal().filename().string();
    if (modelName.empty())
        modelName = std::filesystem::absolute(directory).lexically_normal().parent_path().filename().string();
    plan.metadata = hfArchitectureMetadata(arch, architecture, modelName, scheme.ggufType, vocabSize);
    TokenizerConversion tokenizer = convertHfTokenizerDirectory(directory, architecture, vocabSize);
    if (!tokenizer.note.empty())
        notes.push_back(tokenizer.note);
    for (auto &entry : tokenizer.metadata)
        plan.metadata.push_back(std::move(entry));
    return plan;
}

// Rows are read in chunks of whole heads so the permutation stays inside one chunk.
int64_t chunkRows(const PlannedTensor &planned)
{
    const TensorInfo &t = *planned.source;
    const int64_t rowFloatBytes = std::max<int64_t>(1, t.cols() * 4);
    int64_t rows = std::max<int64_t>(1, int64_t(kChunkFloatBytes) / rowFloatBytes);
    if (planned.permuteHeads > 0 && t.shape.size() >= 2) {
        const int64_t headDim = t.shape[0] / planned.permuteHeads;
        rows = std::max<int64_t>(1, rows / headDim) * headDim;
    }
    return std::min(rows, std::max<int64_t>(1, t.rows()));
}

void encodeRows(DType type, const float *values, int64_t rows, int64_t cols, std::byte *out)
{
    if (type == DType::F32) {
        std::memcpy(out, values, size_t(rows * cols) * 4);
        return;
    }
    if (type == DType::F16) {
        for (int64_t i = 0; i < rows * cols; ++i) {
            const uint16_t half = floatToFp16(values[i]);
            std::memcpy(out + 2 * i, &half, 2);
        }
        return;
    }
    const uint64_t rowBytes = encodedBytes(type, 1, cols);
    const auto items = size_t((rows + kRowsPerWorkItem - 1) / kRowsPerWorkItem);
    auto work = [&](size_t item, int) {
        const int64_t begin = int64_t(item) * kRowsPerWorkItem, end = std::min(rows, begin + kRowsPerWorkItem);
        for (int64_t r = begin; r < end; ++r)
            quantizeGgmlRow(type, values + r * cols, out + uint64_t(r) * rowBytes, cols);
    };
    if (items <= 1) {
        work(0, 0);
        return;
    }
    parallelForEach(items, 0, [](size_t) { return uint64_t(1); }, work, {});
}

// Reads, permutes and encodes one tensor chunk by chunk into the writer.
void writeConverted(const Model &model, const PlannedTensor &planned, GgufStreamWriter &writer,
                    const std::function<void(uint64_t)> &advance)
{
    const TensorInfo &t = *planned.source;
    const int64_t rows = t.rows(), cols = t.cols();
    const int64_t step = chunkRows(planned);
    // A permuted 1-D tensor (a q/k bias) is one row whose elements are the rows.
    const bool permuteElements = planned.permuteHeads > 0 && t.shape.size() == 1;
    const int64_t headDim = planned.permuteHeads > 0 ? t.shape[0] / planned.permuteHeads : 0;
    std::vector<float> values, permuted;
    std::vector<std::byte> encoded;
    for (int64_t begin = 0; begin < rows; begin += step) {
        const int64_t end = std::min(rows, begin + step), count = end - begin;
        values.resize(size_t(count * cols));
        model.readRows(t, begin, end, values.data());
        model.releaseRows(t, begin, end);
        const float *source = values.data();
        if (planned.permuteHeads > 0) {
            permuted.resize(values.size());
            if (permuteElements) {
                for (int64_t i = 0; i < cols; ++i)
                    permuted[size_t(i)] = values[size_t(permutedSourceRow(i, headDim))];
            } else {
                for (int64_t r = 0; r < count; ++r) {
                    const int64_t from = permutedSourceRow(begin + r, headDim) - begin;
                    std::copy_n(values.begin() + from * cols, cols, permuted.begin() + r * cols);
                }
            }
            source = permuted.data();
        }
        encoded.resize(encodedBytes(planned.outType, count, cols));
        encodeRows(planned.outType, source, count, cols, encoded.data());
        writer.write(encoded);
        advance(uint64_t(count) * model.rowBytes(t));
    }
}

// A tensor whose blocks were made elsewhere, row by row in the file's (permuted) row order.
void writePrecomputed(const Model &model, const PlannedTensor &planned, const PrecomputedBlocks &precomputed,
                      GgufStreamWriter &writer, const std::function<void(uint64_t)> &advance)
{
    const TensorInfo &t = *planned.source;
    const int64_t rows = t.rows(), step = chunkRows(planned);
    const int64_t headDim = planned.permuteHeads > 0 ? t.shape[0] / planned.permuteHeads : 0;
    const uint64_t rowBytes = encodedBytes(planned.outType, 1, t.cols());
    std::vector<std::byte> encoded;
    for (int64_t begin = 0; begin < rows; begin += step) {
        const int64_t end = std::min(rows, begin + step);
        encoded.resize(size_t(uint64_t(end - begin) * rowBytes));
        for (int64_t r = begin; r < end; ++r)
            precomputed.encodeRow(t, planned.outType, headDim > 0 ? permutedSourceRow(r, headDim) : r,
                                  encoded.data() + uint64_t(r - begin) * rowBytes);
        writer.write(encoded);
        advance(uint64_t(end - begin) * model.rowBytes(t));
    }
}

} // namespace

int exportQuantizedGguf(const Model &model, const QuantScheme &scheme, const std::filesystem::path &file,
                        const ProgressCallback &progress, std::vector<std::string> *notes,
                        const PrecomputedBlocks &precomputed)
{
    if (scheme.method != QuantMethod::Gguf)
        throw Error(scheme.toString() + ": GGUF output needs a GGUF block type (q8_0, q4_0, q4_1, q5_0, q5_1, "
                                        "q2_k, q3_k, q4_k, q5_k, q6_k)");
    std::error_code ec;
    if (std::filesystem::equivalent(file, model.sourcePath(), ec))
        throw Error(file.string() + ": is the source model; choose another file");
    std::vector<std::string> localNotes;
    std::vector<std::string> &remarks = notes ? *notes : localNotes;
    const ExportPlan plan = model.format() == ModelFormat::Gguf ? planFromGguf(model, scheme)
                                                                 : planFromHf(model, scheme, remarks);

    // Which tensors take precomputed blocks; only those the export quantizes can.
    std::vector<bool> covered(plan.tensors.size());
    for (size_t i = 0; i < plan.tensors.size(); ++i) {
        const PlannedTensor &planned = plan.tensors[i];
        covered[i] = planned.source && precomputed.covers && precomputed.covers(*planned.source);
        if (covered[i] && (planned.action != Action::Quantize || !precomputed.encodeRow))
            throw Error(planned.source->name + ": given as quantized blocks, but " + scheme.toString()
                        + " does not quantize it");
    }

    std::vector<GgufTensorLayout> layouts;
    uint64_t totalBytes = 0;
    for (const PlannedTensor &planned : plan.tensors) {
        layouts.push_back(planned.layout);
        totalBytes += planned.source ? planned.source->byteSize : 0;
    }
    GgufStreamWriter writer(file, plan.metadata, std::move(layouts), plan.alignment);
    uint64_t done = 0;
    auto advance = [&](uint64_t bytes) {
        done += bytes;
        if (!reportProgress(progress, totalBytes ? double(done) / double(totalBytes) : 1.0))
            throw Cancelled();
    };
    int quantized = 0;
    for (size_t i = 0; i < plan.tensors.size(); ++i) {
        const PlannedTensor &planned = plan.tensors[i];
        if (planned.action == Action::Generate) {
            writer.write(planned.generated);
            continue;
        }
        if (planned.action == Action::Copy) {
            writer.write(model.rawBytes(*planned.source));
            advance(planned.source->byteSize);
            continue;
        }
        if (covered[i])
            writePrecomputed(model, planned, precomputed, writer, advance);
        else
            writeConverted(model, planned, writer, advance);
        quantized += planned.action == Action::Quantize ? 1 : 0;
    }
    writer.commit();
    return quantized;
}

} // namespace bitcliff
