#include "train/checkpoint.h"

#include "formats/hfconfigjson.h"
#include "formats/model.h"
#include "formats/safetensors.h"
#include "formats/safetensorsstreamwriter.h"
#include "train/atomicfolder.h"
#include "train/checkpointconfig.h"
#include "util/atomicwrite.h"
#include "util/error.h"

#include <algorithm>
#include <cstring>

namespace bitcliff::train {

namespace fs = std::filesystem;

namespace {

void writeJson(const fs::path &path, const nlohmann::ordered_json &json)
{
    const std::string text = json.dump(2) + "\n";
    writeFileAtomically(path, std::as_bytes(std::span(text.data(), text.size())));
}

std::span<const std::byte> bytesOf(const std::vector<float> &values)
{
    return std::as_bytes(std::span(values.data(), values.size()));
}

void writeTensors(const fs::path &path, const std::vector<std::pair<std::string, const Tensor<float> *>> &tensors,
                  const std::vector<std::pair<std::string, std::string>> &metadata)
{
    std::vector<SafetensorsHeaderEntry> entries;
    for (const auto &[name, tensor] : tensors)
        entries.push_back({name, "F32", tensor->shape, uint64_t(tensor->values.size()) * sizeof(float)});
    SafetensorsStreamWriter writer(path, std::move(entries), metadata);
    for (const auto &entry : tensors)
        writer.write(bytesOf(entry.second->values));
    writer.commit();
}

void writeModel(const fs::path &folder, const Parameters<float> &weights)
{
    std::vector<std::pair<std::string, const Tensor<float> *>> tensors;
    for (const Tensor<float> &t : weights.tensors)
        tensors.emplace_back(t.name, &t);
    writeTensors(folder / "model.safetensors", tensors, {{"format", "pt"}});
}

void writeOptimizer(const fs::path &folder, const AdamW &optimizer)
{
    std::vector<std::pair<std::string, const Tensor<float> *>> tensors;
    for (const Tensor<float> &t : optimizer.firstMoments().tensors)
        tensors.emplace_back("m." + t.name, &t);
    for (const Tensor<float> &t : optimizer.secondMoments().tensors)
        tensors.emplace_back("v." + t.name, &t);
    writeTensors(folder / "optimizer.safetensors", tensors,
                 {{"format", "pt"}, {"steps", std::to_string(optimizer.steps())}});
}

void copyTokenizer(const fs::path &source, const fs::path &folder)
{
    std::error_code ec;
    const fs::path file = fs::is_directory(source, ec) ? source / "tokenizer.json" : source;
    if (!fs::is_regular_file(file, ec))
        throw Error(file.string() + ": no tokenizer.json to copy into the checkpoint");
    copyFileAtomically(file, folder / "tokenizer.json");
    const fs::path config = file.parent_path() / "tokenizer_config.json";
    if (fs::is_regular_file(config, ec))
        copyFileAtomically(config, folder / "tokenizer_config.json");
}

// Opens the written folder as BitCliff will and compares what it reads with what was meant.
void verifyReadBack(const fs::path &folder, const Parameters<float> &weights)
{
    const auto model = openModel(folder);
    requireSameConfig(weights.config, transformerConfigFor(*model), folder.filename().string());
}

std::vector<float> readTensor(const Model &model, const std::string &name, const std::vector<int64_t> &shape)
{
    const TensorInfo *info = model.find(name);
    if (!info)
        throw Error(model.sourcePath() + ": tensor '" + name + "' is missing");
    if (info->shape != shape)
        throw Error(model.sourcePath() + ": tensor '" + name + "' has shape " + shapeText(info->shape)
                    + ", expected " + shapeText(shape));
    if (info->dtype != DType::F32)
        throw Error(model.sourcePath() + ": tensor '" + name + "' is " + info->dtypeLabel + ", expected F32");
    std::vector<float> values(size_t(info->elementCount()));
    model.readRows(*info, 0, info->rows(), values.data());
    return values;
}

} // namespace

void writeCheckpoint(const fs::path &folder, const CheckpointContents &contents)
{
    if (!contents.weights)
        throw Error(folder.string() + ": a checkpoint needs weights");
    const Parameters<float> &weights = *contents.weights;
    writeFolderAtomically(folder, [&](const fs::path &temporary) {
        writeModel(temporary, weights);
        if (contents.optimizer)
            writeOptimizer(temporary, *contents.optimizer);
        if (!contents.tokenizer.empty())
            copyTokenizer(contents.tokenizer, temporary);
        if (!contents.trainerState.is_null())
            writeJson(temporary / "trainer_state.json", contents.trainerState);
        writeJson(temporary / "config.json", checkpointConfigJson(weights.config, contents.ropeScaling));
        verifyReadBack(temporary, weights);
    });
}

void refuseOverwritingInput(const fs::path &output, const fs::path &inputModel)
{
    if (inputModel.empty())
        return;
    std::error_code ec;
    const fs::path input = fs::is_directory(inputModel, ec) ? inputModel : inputModel.parent_path();
    const fs::path a = fs::weakly_canonical(fs::absolute(output), ec);
    const fs::path b = fs::weakly_canonical(fs::absolute(input.empty() ? fs::path(".") : input), ec);
    if (a == b)
        throw Error(output.string() + ": the output folder is the input model's folder; choose another one");
    // Replacing a folder that contains the input model would delete it too.
    const auto [end, rest] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
    if (end == a.end())
        throw Error(output.string() + ": the output folder contains the input model " + inputModel.string()
                    + "; choose another one");
}

nlohmann::json ropeScalingOf(const fs::path &model)
{
    std::error_code ec;
    const fs::path config = (fs::is_directory(model, ec) ? model : model.parent_path()) / "config.json";
    if (!fs::is_regular_file(config, ec))
        return nullptr;
    const nlohmann::json root = readJsonFile(config);
    const nlohmann::json *rope = hfRopeParameters(hfConfigFields(root));
    return rope ? *rope : nlohmann::json(nullptr);
}

Parameters<float> readCheckpointWeights(const fs::path &folder)
{
    return parametersOf(*openModel(folder));
}

OptimizerState readOptimizerState(const fs::path &folder, const Parameters<float> &weights)
{
    const fs::path path = folder / "optimizer.safetensors";
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw Error(folder.string() + ": no optimizer.safetensors to resume from");
    const auto model = openSafetensorsFile(path);
    OptimizerState state;
    state.m = weights.zerosLike();
    state.v = weights.zerosLike();
    for (size_t i = 0; i < weights.tensors.size(); ++i) {
        const Tensor<float> &w = weights.tensors[i];
        state.m.tensors[i].values = readTensor(*model, "m." + w.name, w.shape);
        state.v.tensors[i].values = readTensor(*model, "v." + w.name, w.shape);
    }
    if (model->tensors().size() != 2 * weights.tensors.size())
        throw Error(path.string() + ": " + std::to_string(model->tensors().size()) + " tensors, expected "
                    + std::to_string(2 * weights.tensors.size()));
    bool found = false;
    for (const auto &[key, value] : model->metadata())
        if (key == "steps") {
            try {
                state.steps = std::stoll(value);
                found = state.steps >= 0;
            } catch (const std::exception &) {
            }
        }
    if (!found)
        throw Error(path.string() + ": no valid \"steps\" in the metadata");
    return state;
}

nlohmann::ordered_json readTrainerState(const fs::path &folder)
{
    const fs::path path = folder / "trainer_state.json";
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw Error(folder.string() + ": no trainer_state.json to resume from");
    nlohmann::ordered_json state;
    try {
        state = nlohmann::ordered_json::parse(readSmallJsonFile(path)); // in the file's key order
    } catch (const nlohmann::json::exception &e) {
        throw FormatError(path.string(), "not valid JSON: " + jsonErrorReason(e));
    }
    if (!state.is_object())
        throw Error(path.string() + ": not a JSON object");
    return state;
}

} // namespace bitcliff::train
