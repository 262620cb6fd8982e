#include "export/gptqwriter.h"

#include "formats/hfconfigjson.h"
#include "formats/safetensorsstreamwriter.h"
#include "train/atomicfolder.h"
#include "util/atomicwrite.h"
#include "util/error.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace bitcliff {

namespace {

namespace fs = std::filesystem;
using OrderedJson = nlohmann::ordered_json;

// The files besides the weights that loaders need; config.json is written, not copied.
constexpr const char *kCompanionFiles[] = { "generation_config.json", "tokenizer.json", "tokenizer_config.json",
    "special_tokens_map.json", "tokenizer.model", "vocab.json", "merges.txt" };

fs::path sourceDirectory(const Model &model)
{
    const fs::path source(model.sourcePath());
    return fs::is_directory(source) ? source : source.parent_path();
}

std::string moduleOf(const std::string &weightName)
{
    return weightName.substr(0, weightName.size() - 7);
}

int64_t groupSizeField(const PackedLinear &l)
{
    return l.groupSize >= l.cols ? -1 : l.groupSize;
}

// A regex that matches exactly `text` (GPTQModel's dynamic keys are Python regexes).
std::string literalPattern(const std::string &text)
{
    std::string pattern = "^";
    for (char c : text) {
        if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos)
            pattern += '\\';
        pattern += c;
    }
    return pattern + "$";
}

// The shared quantization config: the first linear's bits and group size, and a `dynamic`
// override for every linear that differs.
OrderedJson quantizationConfig(
    const std::vector<PackedLinear> &linears, const GptqCheckpointOptions &options, const std::string &format)
{
    const PackedLinear &first = linears.front();
    OrderedJson dynamic = OrderedJson::object();
    bool lmHead = false;
    for (const PackedLinear &l : linears) {
        lmHead = lmHead || l.name == "lm_head.weight";
        if (l.bits != first.bits || groupSizeField(l) != groupSizeField(first))
            dynamic["+:" + literalPattern(moduleOf(l.name))]
                = { { "bits", l.bits }, { "group_size", groupSizeField(l) } };
    }
    OrderedJson config = {
        { "quant_method", "gptq" },
        { "checkpoint_format", format },
        { "bits", first.bits },
        { "group_size", groupSizeField(first) },
        { "desc_act", options.descAct },
        { "sym", options.sym },
        { "static_groups", options.staticGroups },
        { "damp_percent", options.dampPercent },
        { "true_sequential", true },
        { "pack_dtype", "int32" },
        { "lm_head", lmHead },
        { "meta", { { "quantizer", { "bitcliff" } } } },
    };
    if (!dynamic.empty())
        config["dynamic"] = std::move(dynamic);
    return config;
}

// The source's config.json in its own key order (empty when it has none).
OrderedJson sourceConfig(const fs::path &path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return OrderedJson::object();
    OrderedJson config;
    try {
        config = OrderedJson::parse(readSmallJsonFile(path));
    } catch (const nlohmann::json::exception &) {
        throw FormatError(path.string(), "not valid JSON");
    }
    if (!config.is_object())
        throw FormatError(path.string(), "not a JSON object");
    return config;
}

void writeJson(const fs::path &path, const OrderedJson &json)
{
    const std::string text = json.dump(2) + "\n";
    writeFileAtomically(path, std::as_bytes(std::span(text.data(), text.size())));
}

// Validates the linears against the source; returns them by the name they replace.
std::map<std::string, const PackedLinear *> planLinears(
    const Model &source, const std::vector<PackedLinear> &linears, const GptqCheckpointOptions &options)
{
    std::map<std::string, const PackedLinear *> byName;
    for (const PackedLinear &l : linears) {
        checkPackedLinear(l);
        const TensorInfo *t = source.find(l.name);
        if (!l.name.ends_with(".weight") || !t || t->shape != std::vector<int64_t> { l.rows, l.cols })
            throw Error(l.name + ": the source model has no [" + std::to_string(l.rows) + ", " + std::to_string(l.cols)
                + "] weight of that name");
        if (!byName.emplace(l.name, &l).second)
            throw Error(l.name + ": given twice");
        if (options.sym)
            for (int32_t z : l.zeros)
                if (z != 1 << (l.bits - 1))
                    throw Error(l.name + ": zero point " + std::to_string(z) + " in a symmetric checkpoint (sym needs "
                        + std::to_string(1 << (l.bits - 1)) + " everywhere)");
    }
    for (const TensorInfo &t : source.tensors())
        if (t.packed && !byName.count(t.name))
            throw Error(t.name + ": the source tensor is " + t.dtypeLabel
                + " already; a GPTQ checkpoint copies only unpacked tensors");
    return byName;
}

} // namespace

GptqCheckpointResult writeGptqCheckpoint(const Model &source, const std::vector<PackedLinear> &linears,
    const GptqCheckpointOptions &options, const fs::path &directory, const ProgressCallback &progress)
{
    if (source.format() != ModelFormat::Safetensors)
        throw Error(source.sourcePath() + ": a GPTQ checkpoint needs a safetensors checkpoint as its source");
    if (linears.empty())
        throw Error(directory.string() + ": no quantized linear layers to write");
    const fs::path sourceDir = sourceDirectory(source);
    std::error_code ec;
    if (fs::equivalent(sourceDir, directory, ec))
        throw Error(directory.string() + ": is the source checkpoint; choose another directory");
    const std::map<std::string, const PackedLinear *> byName = planLinears(source, linears, options);

    GptqCheckpointResult result;
    const bool v2 = std::any_of(linears.begin(), linears.end(), [](const PackedLinear &l) { return !fitsGptqV1(l); });
    result.checkpointFormat = v2 ? "gptq_v2" : "gptq";

    std::vector<SafetensorsHeaderEntry> entries;
    uint64_t totalBytes = 0;
    for (const TensorInfo &t : source.tensors()) {
        totalBytes += t.byteSize;
        const auto it = byName.find(t.name);
        if (it == byName.end()) {
            entries.push_back({ t.name, t.dtypeLabel, t.shape, t.byteSize });
            continue;
        }
        const GptqTensorShapes shapes = gptqTensorShapes(*it->second);
        const std::string module = moduleOf(t.name);
        const auto entry = [&](const char *suffix, const char *dtype, const std::vector<int64_t> &shape, int width) {
            int64_t count = 1;
            for (int64_t d : shape)
                count *= d;
            entries.push_back({ module + suffix, dtype, shape, uint64_t(count) * uint64_t(width) });
        };
        entry(".qweight", "I32", shapes.qweight, 4);
        entry(".qzeros", "I32", shapes.qzeros, 4);
        entry(".scales", "F16", shapes.scales, 2);
        entry(".g_idx", "I32", shapes.groupIndex, 4);
    }

    OrderedJson config = sourceConfig(sourceDir / "config.json");
    const OrderedJson quantization = quantizationConfig(linears, options, result.checkpointFormat);
    config["quantization_config"] = quantization;
    if (!source.architecture().tieWordEmbeddings) // a rotated model's head is its own (the source may tie it)
        config["tie_word_embeddings"] = false;

    train::writeFolderAtomically(directory, [&](const fs::path &folder) {
        SafetensorsStreamWriter writer(folder / "model.safetensors", entries, { { "format", "pt" } });
        uint64_t done = 0;
        for (const TensorInfo &t : source.tensors()) {
            const auto it = byName.find(t.name);
            if (it == byName.end()) {
                writer.write(source.rawBytes(t));
                ++result.copiedTensors;
            } else {
                const GptqTensorBytes packed = packGptqLinear(*it->second, v2);
                for (const auto *bytes : { &packed.qweight, &packed.qzeros, &packed.scales, &packed.groupIndex })
                    writer.write(*bytes);
                ++result.packedLinears;
            }
            done += t.byteSize;
            if (!reportProgress(progress, totalBytes ? double(done) / double(totalBytes) : 1.0))
                throw Cancelled();
        }
        writer.commit();
        writeJson(folder / "config.json", config);
        writeJson(folder / "quantize_config.json", quantization);
        for (const char *name : kCompanionFiles)
            if (fs::exists(sourceDir / name, ec))
                copyFileAtomically(sourceDir / name, folder / name);
    });
    return result;
}

} // namespace bitcliff
