#include "sweep/modelfingerprint.h"

#include "sweep/sha256.h"
#include "util/error.h"

#include <algorithm>
#include <fstream>

namespace bitcliff {

namespace {

constexpr uint64_t kHeadBytes = 1 << 20;
constexpr uint64_t kSampleBytes = 64 << 10;
constexpr int kSamples = 16;

bool belongsToModel(const std::filesystem::path &file)
{
    const std::string ext = file.extension().string();
    const std::string name = file.filename().string();
    return ext == ".safetensors" || ext == ".gguf" || ext == ".json" || ext == ".model" || name == "merges.txt"
        || name == "vocab.txt";
}

void hashRange(Sha256 &hash, std::ifstream &in, uint64_t offset, uint64_t size, const std::filesystem::path &file)
{
    std::string buffer(size, '\0');
    in.seekg(std::streamoff(offset));
    in.read(buffer.data(), std::streamsize(size));
    if (uint64_t(in.gcount()) != size)
        throw Error(file.string() + ": cannot read (file changed while reading?)");
    hash.add(buffer);
}

void hashFile(Sha256 &hash, const std::filesystem::path &file, uint64_t size)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(file.string() + ": cannot read");
    hash.add(file.filename().string() + "\n" + std::to_string(size) + "\n");
    if (size <= kHeadBytes + kSamples * kSampleBytes) {
        hashRange(hash, in, 0, size, file);
        return;
    }
    hashRange(hash, in, 0, kHeadBytes, file);
    const uint64_t span = size - kHeadBytes - kSampleBytes;
    for (int i = 0; i < kSamples; ++i) // the last sample ends at the end of the file
        hashRange(hash, in, kHeadBytes + span * uint64_t(i + 1) / kSamples, kSampleBytes, file);
}

} // namespace

nlohmann::ordered_json ModelFingerprint::toJson() const
{
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const ModelFile &file : files)
        list.push_back({ { "name", file.name }, { "bytes", file.bytes } });
    return { { "path", path }, { "fingerprint", sha256 }, { "files", std::move(list) } };
}

ModelFingerprint fingerprintModel(const std::filesystem::path &path)
{
    std::error_code error;
    const std::filesystem::path absolute = std::filesystem::absolute(path, error);
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(absolute)) {
        for (const auto &entry : std::filesystem::directory_iterator(absolute))
            if (entry.is_regular_file() && belongsToModel(entry.path()))
                files.push_back(entry.path());
    } else if (std::filesystem::is_regular_file(absolute)) {
        files.push_back(absolute);
    }
    if (files.empty())
        throw Error(path.string() + ": no model files to fingerprint");
    std::sort(files.begin(), files.end());
    ModelFingerprint fingerprint;
    fingerprint.path = absolute.lexically_normal().string();
    Sha256 hash;
    for (const std::filesystem::path &file : files) {
        const uint64_t size = std::filesystem::file_size(file);
        hashFile(hash, file, size);
        fingerprint.files.push_back({ file.filename().string(), size });
    }
    fingerprint.sha256 = hash.hex();
    return fingerprint;
}

} // namespace bitcliff
