#pragma once
// Evaluation text: one file, or a directory of parallel texts named by language
// (resources/eval/corpus/en.txt, ja.txt...), each evaluated and reported on its own.
#include <filesystem>
#include <string>
#include <vector>

namespace bitcliff {

struct CorpusText
{
    std::string name;     // file name
    std::string language; // the file's stem for a corpus directory ("ja"), "" for a single file
    std::string text;
};

// Throws Error for a missing/unreadable path, an empty directory, invalid UTF-8 (with the
// byte offset) or an empty text.
std::vector<CorpusText> loadCorpus(const std::filesystem::path &path);
// The same checks on text already in memory (bundled resources); `name` labels errors.
CorpusText corpusText(std::string name, std::string language, std::string bytes);

// Tokenizer fertility on a text: tokens per character (code point) and per word (runs of
// non-space characters; scripts written without spaces — Japanese, Chinese, Thai — have
// words = 0 and no per-word figure).
struct Fertility
{
    int64_t tokens = 0;
    int64_t characters = 0;
    int64_t words = 0;
    double tokensPerCharacter() const { return characters ? double(tokens) / double(characters) : 0.0; }
    double tokensPerWord() const { return words ? double(tokens) / double(words) : 0.0; }
};

Fertility measureFertility(const std::string &text, int64_t tokens);

} // namespace bitcliff
