#pragma once
// A model's identity without reading all of it (a 70B checkpoint is 140 GB): the names and
// sizes of its files, hashed together with each file's first megabyte (headers: tensor names,
// shapes, offsets), and 16 evenly spaced 64 KiB samples of its weights. A resumed sweep whose
// fingerprint differs is refused: its results are of another model.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bitcliff {

struct ModelFile
{
    std::string name;
    uint64_t bytes = 0;
};

struct ModelFingerprint
{
    std::string path; // absolute
    std::string sha256; // hex
    std::vector<ModelFile> files;
    nlohmann::ordered_json toJson() const;
};

// `path`: a checkpoint directory (its .safetensors, .gguf, .json and tokenizer files), or one
// file. Throws Error when it cannot be read.
ModelFingerprint fingerprintModel(const std::filesystem::path &path);

} // namespace bitcliff
