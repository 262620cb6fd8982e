#include "quant/fakequantexport.h"

#include "formats/safetensorsstreamwriter.h"
#include "quant/modelquantizer.h"
#include "util/atomicwrite.h"
#include "util/error.h"
#include "util/floatformats.h"

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <span>

namespace bitcliff {

namespace {

// The checkpoint files (besides the weights) that tools need to load the export.
constexpr const char *kCompanionFiles[] = {"config.json",       "generation_config.json", "tokenizer.json",
                                           "tokenizer_config.json", "special_tokens_map.json", "tokenizer.model",
                                           "vocab.json",        "merges.txt"};

std::string outputDtype(const TensorInfo &tensor)
{
    switch (tensor.dtype) {
    case DType::F32: return "F32";
    case DType::F16: return "F16";
    case DType::BF16: return "BF16";
    default: return "F32";
    }
}

std::vector<std::byte> encode(const std::vector<float> &values, const std::string &dtype)
{
    const size_t width = dtype == "F32" ? 4 : 2;
    std::vector<std::byte> bytes(values.size() * width);
    for (size_t i = 0; i < values.size(); ++i) {
        if (width == 4) {
            std::memcpy(bytes.data() + 4 * i, &values[i], 4);
            continue;
        }
        const uint16_t half = dtype == "F16" ? floatToFp16(values[i]) : floatToBf16(values[i]);
        std::memcpy(bytes.data() + 2 * i, &half, 2);
    }
    return bytes;
}

// The tensor `precomputed` holds for `tensor`, or nullptr when the scheme rounds it here.
const TensorInfo *precomputedTensor(const PrecomputedValues &precomputed, const TensorInfo &tensor)
{
    if (!precomputed.covers || !precomputed.covers(tensor.name))
        return nullptr;
    const TensorInfo *held = precomputed.values ? precomputed.values->find(tensor.name) : nullptr;
    if (!held || held->shape != tensor.shape)
        throw Error(tensor.name + ": no precomputed values of its shape");
    return held;
}

std::vector<float> valuesOf(const Model &model, const TensorInfo &tensor)
{
    std::vector<float> values(static_cast<size_t>(tensor.elementCount()));
    model.readRows(tensor, 0, tensor.rows(), values.data());
    return values;
}

std::filesystem::path sourceDirectory(const Model &model)
{
    const std::filesystem::path source(model.sourcePath());
    return std::filesystem::is_directory(source) ? source : source.parent_path();
}

// The source's config.json, saying the output head is a tensor of its own: a rotated model's
// head no longer equals the embedding (the source ties them, or says nothing, which
// transformers reads as tied).
void writeUntiedConfig(const std::filesystem::path &from, const std::filesystem::path &to)
{
    std::ifstream in(from);
    nlohmann::json config = nlohmann::json::parse(in, nullptr, false);
    if (config.is_discarded() || !config.is_object() || !config.value("tie_word_embeddings", true)) {
        copyFileAtomically(from, to);
        return;
    }
    config["tie_word_embeddings"] = false;
    const std::string text = config.dump(2) + "\n";
    writeFileAtomically(to, std::as_bytes(std::span(text.data(), text.size())));
}

} // namespace

int exportFakeQuantized(const Model &model, const QuantScheme &scheme, const std::filesystem::path &directory,
                        const ProgressCallback &progress, const PrecomputedValues &precomputed)
{
    if (model.format() != ModelFormat::Safetensors)
        throw Error(model.sourcePath() + ": a Hugging Face (safetensors) export needs a safetensors checkpoint as input");
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec)
        throw Error(directory.string() + ": cannot create directory: " + ec.message());
    const std::filesystem::path source = sourceDirectory(model);
    if (std::filesystem::equivalent(source, directory, ec))
        throw Error(directory.string() + ": is the source checkpoint; choose another directory");

    const auto &tensors = model.tensors();
    std::vector<SafetensorsHeaderEntry> entries;
    std::vector<bool> quantize(tensors.size());
    std::vector<const TensorInfo *> held(tensors.size());
    uint64_t totalBytes = 0;
    for (size_t i = 0; i < tensors.size(); ++i) {
        const TensorInfo &t = tensors[i];
        held[i] = precomputedTensor(precomputed, t);
        quantize[i] = held[i] || ineligibleReason(t, scheme).empty();
        // Kept tensors are copied as stored; an overlay's (rotated, smoothed…) are float32 in memory.
        const std::string dtype = quantize[i] ? outputDtype(t) : t.dtype == DType::F32 ? "F32" : t.dtypeLabel;
        const uint64_t bytes = quantize[i] ? uint64_t(t.elementCount()) * (dtype == "F32" ? 4 : 2) : t.byteSize;
        entries.push_back({t.name, dtype, t.shape, bytes});
        totalBytes += t.byteSize;
    }
    const std::string recipe = precomputed.recipe.empty() ? scheme.toString() : precomputed.recipe;
    SafetensorsStreamWriter writer(directory / "model.safetensors", entries,
                                   {{"format", "pt"}, {"bitcliff.fake_quantized", recipe}});
    uint64_t done = 0;
    int quantized = 0;
    for (size_t i = 0; i < tensors.size(); ++i) {
        const TensorInfo &t = tensors[i];
        if (quantize[i]) {
            const std::vector<float> values = held[i] ? valuesOf(*precomputed.values, *held[i])
                                                      : fakeQuantizeTensor(model, t, scheme);
            writer.write(encode(values, entries[i].dtype));
            ++quantized;
        } else {
            writer.write(model.rawBytes(t));
        }
        done += t.byteSize;
        if (!reportProgress(progress, totalBytes ? double(done) / double(totalBytes) : 1.0))
            throw Cancelled();
    }
    writer.commit();
    for (const char *name : kCompanionFiles) {
        const std::filesystem::path from = source / name;
        if (!std::filesystem::exists(from))
            continue;
        if (std::string_view(name) == "config.json" && !model.architecture().tieWordEmbeddings)
            writeUntiedConfig(from, directory / name);
        else
            copyFileAtomically(from, directory / name); // a kill mid-copy leaves no half file
    }
    return quantized;
}

} // namespace bitcliff
