#include "formats/gguf.h"
#include "formats/hfcheckpoint.h"
#include "formats/model.h"
#include "formats/safetensors.h"
#include "util/error.h"

#include <fstream>

namespace bitcliff {

namespace {
bool startsWithGgufMagic(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    char magic[4] = {};
    in.read(magic, 4);
    return in.gcount() == 4 && std::string_view(magic, 4) == "GGUF";
}
} // namespace

std::shared_ptr<const Model> openModel(const std::filesystem::path &path)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
        throw Error(path.string() + ": no such file or directory");
    if (std::filesystem::is_directory(status))
        return openHfDirectory(path);
    // config.json or the shard index stand for their directory.
    const std::string fileName = path.filename().string();
    if (fileName == "config.json" || fileName.ends_with(".safetensors.index.json"))
        return openHfDirectory(path.parent_path().empty() ? "." : path.parent_path());
    if (startsWithGgufMagic(path))
        return openGgufFile(path);
    if (path.extension() == ".gguf")
        throw FormatError(path.string(), "not a GGUF file (bad magic)");
    return openSafetensorsFile(path);
}

} // namespace bitcliff
