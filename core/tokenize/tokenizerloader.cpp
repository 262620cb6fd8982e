// loadTokenizer / tokenizerForModel: find the tokenizer files of a path or an opened model.
#include "formats/gguf.h"
#include "formats/model.h"
#include "tokenize/gguftokenizer.h"
#include "tokenize/hftokenizerjson.h"
#include "tokenize/tokenizer.h"
#include "util/error.h"
#include "util/mappedfile.h"

#include <fstream>

namespace bitcliff {

namespace {

namespace fs = std::filesystem;

bool startsWithGgufMagic(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    char magic[4] = {};
    in.read(magic, 4);
    return in.gcount() == 4 && std::string_view(magic, 4) == "GGUF";
}

std::shared_ptr<const Tokenizer> fromGguf(std::span<const std::byte> bytes, const std::string &label)
{
    return buildTokenizer(ggufTokenizerSpec(parseGguf(bytes, label), label));
}

// tokenizer.json with the tokenizer_config.json and config.json beside it.
std::shared_ptr<const Tokenizer> fromTokenizerJson(const fs::path &file)
{
    const std::string text = hfjson::readTextFile(file);
    if (text.empty())
        throw FormatError(file.string(), "empty file");
    const fs::path directory = file.parent_path();
    return buildTokenizer(hfjson::readTokenizerSpec(text, hfjson::readTextFile(directory / "tokenizer_config.json"),
                                                    hfjson::readTextFile(directory / "config.json"), file.string()));
}

std::shared_ptr<const Tokenizer> fromDirectory(const fs::path &directory)
{
    std::error_code ec;
    const fs::path file = directory / "tokenizer.json";
    if (!fs::is_regular_file(file, ec))
        throw Error("no tokenizer.json in " + directory.string());
    return fromTokenizerJson(file);
}

} // namespace

std::shared_ptr<const Tokenizer> loadTokenizer(const std::filesystem::path &path)
{
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        throw Error(path.string() + ": no such file or directory");
    if (fs::is_directory(status))
        return fromDirectory(path);
    if (startsWithGgufMagic(path)) {
        const auto file = MappedFile::open(path);
        return fromGguf(file->bytes(), file->label());
    }
    if (path.extension() == ".gguf")
        throw FormatError(path.string(), "not a GGUF file (bad magic)");
    const std::string name = path.filename().string();
    if (name.ends_with(".safetensors") || name.ends_with(".safetensors.index.json") || name == "config.json")
        return fromDirectory(path.parent_path().empty() ? fs::path(".") : path.parent_path());
    return fromTokenizerJson(path);
}

std::shared_ptr<const Tokenizer> tokenizerFromJson(std::string_view tokenizerJson, std::string_view tokenizerConfigJson,
                                                   const std::string &label)
{
    return buildTokenizer(hfjson::readTokenizerSpec(tokenizerJson, tokenizerConfigJson, "", label));
}

std::shared_ptr<const Tokenizer> tokenizerForModel(const Model &model)
{
    try {
        if (model.format() == ModelFormat::Gguf && !model.files().empty())
            return fromGguf(model.files().front()->bytes(), model.files().front()->label());
        std::error_code ec;
        const fs::path source = model.sourcePath();
        const fs::path directory = fs::is_directory(source, ec) ? source : source.parent_path();
        return fromDirectory(directory.empty() ? fs::path(".") : directory);
    } catch (const FormatError &) {
        throw;
    } catch (const Error &e) {
        throw Error(model.sourcePath() + ": no tokenizer (" + e.what() + ")");
    }
}

} // namespace bitcliff
