#include "eval/corpus.h"

#include "tokenize/utf8.h"
#include "util/error.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace bitcliff {
namespace {

CorpusText readText(const std::filesystem::path &path, std::string language)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string() + ": cannot open the text file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    CorpusText text = corpusText(path.string(), std::move(language), buffer.str());
    text.name = path.filename().string();
    return text;
}

} // namespace

CorpusText corpusText(std::string name, std::string language, std::string bytes)
{
    if (const size_t bad = utf8::firstInvalid(bytes); bad != std::string::npos)
        throw Error(name + ": not UTF-8 text (invalid byte at offset " + std::to_string(bad) + ")");
    if (bytes.find_first_not_of(" \t\r\n") == std::string::npos)
        throw Error(name + ": the text is empty");
    return CorpusText{std::move(name), std::move(language), std::move(bytes)};
}

std::vector<CorpusText> loadCorpus(const std::filesystem::path &path)
{
    std::error_code error;
    if (!std::filesystem::exists(path, error))
        throw Error(path.string() + ": no such file or directory");
    if (!std::filesystem::is_directory(path, error))
        return {readText(path, "")};
    std::vector<std::filesystem::path> files;
    for (const auto &entry : std::filesystem::directory_iterator(path))
        if (entry.is_regular_file() && entry.path().extension() == ".txt")
            files.push_back(entry.path());
    if (files.empty())
        throw Error(path.string() + ": the directory holds no .txt files");
    std::sort(files.begin(), files.end());
    std::vector<CorpusText> texts;
    for (const auto &file : files)
        texts.push_back(readText(file, file.stem().string()));
    return texts;
}

Fertility measureFertility(const std::string &text, int64_t tokens)
{
    Fertility result;
    result.tokens = tokens;
    bool inWord = false;
    for (const char c : text) {
        const bool continuation = (static_cast<unsigned char>(c) & 0xC0) == 0x80;
        if (!continuation)
            ++result.characters;
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space && !inWord)
            ++result.words;
        inWord = !space;
    }
    // Long "words" mean a script written without spaces: no meaningful word count.
    const int64_t letters = result.characters;
    if (result.words > 0 && letters / result.words > 12)
        result.words = 0;
    return result;
}

} // namespace bitcliff
