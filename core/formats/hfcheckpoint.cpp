#include "formats/hfcheckpoint.h"

#include "formats/hfconfigjson.h"
#include "formats/packedtensors.h"
#include "formats/safetensors.h"
#include "util/error.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace bitcliff {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const char kIndexName[] = "model.safetensors.index.json";
// Written beside the weights by a training checkpoint; never part of the model.
const char kOptimizerStateName[] = "optimizer.safetensors";

std::string quotedName(std::string_view text) { return "'" + printableExcerpt(text) + "'"; }

// 0 when absent, not an integer, or outside int: configs are read leniently.
int intField(const Json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number())
        return 0;
    const double value = it->get<double>();
    if (!(value >= 0 && value <= INT_MAX) || value != std::floor(value))
        return 0;
    return static_cast<int>(value);
}

double doubleField(const Json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_number() ? it->get<double>() : 0.0;
}

std::string stringField(const Json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// rope_scaling / rope_parameters → "llama3 x8", "linear x2", "" for plain RoPE.
std::string ropeSummary(const Json &rope)
{
    std::string type = stringField(rope, "rope_type");
    if (type.empty())
        type = stringField(rope, "type");
    const double factor = doubleField(rope, "factor");
    if ((type.empty() || type == "default") && factor == 0.0)
        return {};
    if (type.empty())
        type = "scaled";
    if (factor == 0.0)
        return type;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, " x%g", factor);
    return type + buffer;
}

struct WeightFile
{
    fs::path path;
    std::shared_ptr<const MappedFile> file;
    SafetensorsContents contents;
};

WeightFile openWeightFile(const fs::path &path, int fileIndex)
{
    WeightFile weights{path, MappedFile::open(path), {}};
    weights.contents = parseSafetensors(weights.file->bytes(), weights.file->label(), fileIndex);
    return weights;
}

void appendMetadata(Model::Metadata &metadata, const Model::Metadata &more)
{
    for (const auto &entry : more) {
        const bool present = std::any_of(metadata.begin(), metadata.end(),
                                         [&](const auto &existing) { return existing.first == entry.first; });
        if (!present)
            metadata.push_back(entry);
    }
}

struct Checkpoint
{
    std::vector<TensorInfo> tensors;
    std::vector<std::shared_ptr<const MappedFile>> files;
    Model::Metadata metadata;
};

// Each tensor comes from the shard the weight map names; each shard is opened once.
Checkpoint loadSharded(const fs::path &directory, const fs::path &indexPath)
{
    const std::string indexLabel = indexPath.string();
    const std::string indexName = indexPath.filename().string();
    const Json index = readJsonFile(indexPath);
    if (!index.is_object())
        throw FormatError(indexLabel, "not a JSON object");
    const auto mapIt = index.find("weight_map");
    if (mapIt == index.end() || !mapIt->is_object() || mapIt->empty())
        throw FormatError(indexLabel, "has no weight_map of tensor names to shard files");

    std::map<std::string, std::set<std::string>> shardTensors;
    for (const auto &[tensor, shard] : mapIt->items()) {
        if (!shard.is_string())
            throw FormatError(indexLabel, "weight_map entry of " + quotedName(tensor) + " is not a file name");
        const std::string &shardName = shard.get_ref<const std::string &>();
        const fs::path shardPath(shardName);
        if (shardName.empty() || shardPath.has_parent_path() || shardName == "." || shardName == "..")
            throw FormatError(indexLabel, "weight_map names shard " + quotedName(shardName) + " outside the directory");
        shardTensors[shardName].insert(tensor);
    }

    Checkpoint checkpoint;
    const auto metaIt = index.find("metadata");
    if (metaIt != index.end() && metaIt->is_object()) {
        for (const auto &[key, value] : metaIt->items())
            checkpoint.metadata.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
    }

    for (const auto &[shardName, wanted] : shardTensors) {
        const fs::path shardPath = directory / shardName;
        std::error_code ec;
        if (!fs::is_regular_file(shardPath, ec))
            throw FormatError(directory.string(), "shard " + quotedName(shardName) + " named by " + indexName
                                                      + " is missing");
        WeightFile shard = openWeightFile(shardPath, static_cast<int>(checkpoint.files.size()));
        std::set<std::string> found;
        for (TensorInfo &tensor : shard.contents.tensors) {
            if (wanted.count(tensor.name)) {
                found.insert(tensor.name);
                checkpoint.tensors.push_back(std::move(tensor));
            }
        }
        for (const std::string &name : wanted) {
            if (!found.count(name))
                throw FormatError(shard.file->label(), "tensor " + quotedName(name) + " that " + indexName
                                                           + " assigns to this shard is not in it");
        }
        appendMetadata(checkpoint.metadata, shard.contents.metadata);
        checkpoint.files.push_back(std::move(shard.file));
    }
    return checkpoint;
}

// Without an index every .safetensors file of the directory contributes its tensors.
Checkpoint loadAll(const std::vector<fs::path> &paths)
{
    Checkpoint checkpoint;
    std::map<std::string, std::string> owner;
    for (const fs::path &path : paths) {
        WeightFile weights = openWeightFile(path, static_cast<int>(checkpoint.files.size()));
        const std::string fileName = path.filename().string();
        for (TensorInfo &tensor : weights.contents.tensors) {
            const auto [it, inserted] = owner.emplace(tensor.name, fileName);
            if (!inserted)
                throw FormatError(path.parent_path().string(), "tensor " + quotedName(tensor.name) + " is in both "
                                                                    + it->second + " and " + fileName);
            checkpoint.tensors.push_back(std::move(tensor));
        }
        appendMetadata(checkpoint.metadata, weights.contents.metadata);
        checkpoint.files.push_back(std::move(weights.file));
    }
    return checkpoint;
}

} // namespace

ArchitectureSummary parseHfConfig(std::string_view json, const std::string &label)
{
    Json root;
    try {
        root = Json::parse(json.begin(), json.end());
    } catch (const Json::exception &e) {
        throw FormatError(label, "not valid JSON: " + jsonErrorReason(e));
    }
    if (!root.is_object())
        throw FormatError(label, "not a JSON object");

    ArchitectureSummary arch;
    arch.known = true;
    const auto architectures = root.find("architectures");
    if (architectures != root.end() && architectures->is_array() && !architectures->empty()
        && architectures->front().is_string())
        arch.name = architectures->front().get<std::string>();
    if (arch.name.empty())
        arch.name = stringField(root, "model_type");

    // Multimodal configs keep the language model's fields in text_config.
    const Json *fields = &hfConfigFields(root);

    arch.hiddenSize = intField(*fields, "hidden_size");
    arch.intermediateSize = intField(*fields, "intermediate_size");
    arch.layers = intField(*fields, "num_hidden_layers");
    arch.heads = intField(*fields, "num_attention_heads");
    arch.kvHeads = intField(*fields, "num_key_value_heads");
    if (arch.kvHeads == 0)
        arch.kvHeads = arch.heads;
    arch.headDim = intField(*fields, "head_dim");
    if (arch.headDim == 0 && arch.heads > 0)
        arch.headDim = arch.hiddenSize / arch.heads;
    arch.vocabSize = intField(*fields, "vocab_size");
    arch.contextLength = intField(*fields, "max_position_embeddings");
    arch.rmsNormEps = doubleField(*fields, "rms_norm_eps");
    arch.ropeTheta = doubleField(*fields, "rope_theta");

    const auto tie = root.find("tie_word_embeddings");
    const auto innerTie = fields->find("tie_word_embeddings");
    if (tie != root.end() && tie->is_boolean())
        arch.tieWordEmbeddings = tie->get<bool>();
    else if (innerTie != fields->end() && innerTie->is_boolean())
        arch.tieWordEmbeddings = innerTie->get<bool>();

    if (const Json *rope = hfRopeParameters(*fields)) {
        arch.ropeScaling = ropeSummary(*rope);
        if (arch.ropeTheta == 0.0)
            arch.ropeTheta = doubleField(*rope, "rope_theta");
    }
    return arch;
}

ArchitectureSummary readHfConfigFile(const std::filesystem::path &path)
{
    return parseHfConfig(readSmallJsonFile(path), path.string());
}

std::shared_ptr<const Model> openHfDirectory(const std::filesystem::path &directory)
{
    const std::string label = directory.string();
    std::error_code ec;
    if (!fs::is_directory(directory, ec))
        throw Error(label + ": not a directory");

    std::vector<fs::path> weights;
    std::vector<fs::path> indexes;
    std::string ggufName;
    fs::directory_iterator it(directory, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec))
            continue;
        const fs::path &path = it->path();
        const std::string name = path.filename().string();
        if (name.ends_with(".safetensors") && name != kOptimizerStateName)
            weights.push_back(path);
        else if (name.ends_with(".safetensors.index.json"))
            indexes.push_back(path);
        else if (name.ends_with(".gguf") && ggufName.empty())
            ggufName = name;
    }
    if (ec)
        throw Error(label + ": cannot list the directory: " + ec.message());
    std::sort(weights.begin(), weights.end());
    std::sort(indexes.begin(), indexes.end());

    Checkpoint checkpoint;
    if (!indexes.empty()) {
        const auto preferred = std::find_if(indexes.begin(), indexes.end(),
                                            [](const fs::path &p) { return p.filename() == kIndexName; });
        checkpoint = loadSharded(directory, preferred != indexes.end() ? *preferred : indexes.front());
    } else if (!weights.empty()) {
        checkpoint = loadAll(weights);
    } else {
        std::string problem = "no .safetensors weights (and no model.safetensors.index.json) in this directory";
        if (!ggufName.empty())
            problem += "; it holds a GGUF file: open " + ggufName + " instead";
        throw FormatError(label, problem);
    }

    ArchitectureSummary architecture;
    const fs::path config = directory / "config.json";
    if (fs::is_regular_file(config, ec))
        architecture = readHfConfigFile(config);
    assemblePackedTensors(readQuantizationConfig(directory), checkpoint.tensors, checkpoint.files, label);

    return std::make_shared<const Model>(ModelFormat::Safetensors, label, std::move(architecture),
                                         std::move(checkpoint.tensors), std::move(checkpoint.files),
                                         std::move(checkpoint.metadata));
}

} // namespace bitcliff
