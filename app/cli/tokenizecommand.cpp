// `tokenize`: the token ids of a text file with a model's own tokenizer.
#include "cli/cliargs.h"
#include "cli/commands.h"
#include "tokenize/tokenizer.h"
#include "util/error.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

namespace bitcliff::cli {

namespace {

std::string readText(const std::string &file)
{
    if (file == "-")
        return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw Error(file + ": no such file");
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in)
        throw Error(file + ": cannot read");
    return text.str();
}

// Unicode code points (the text is valid UTF-8 once encoded).
size_t characterCount(std::string_view text)
{
    size_t count = 0;
    for (const char c : text)
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
}

} // namespace

int runTokenize(const std::vector<std::string> &argv)
{
    const CliArgs args(argv, {"--text"}, {"--json", "--bos"});
    if (args.positional().size() != 1)
        throw UsageError("tokenize takes exactly one PATH");
    const std::string file = args.required("--text");
    const std::string text = readText(file);
    const auto tokenizer = loadTokenizer(args.positional()[0]);
    const bool bos = args.has("--bos");
    if (bos && tokenizer->bosId() < 0)
        std::fprintf(stderr, "note: the tokenizer has no BOS token\n");
    std::vector<int32_t> ids;
    try {
        ids = tokenizer->encode(text, bos);
    } catch (const Error &e) {
        throw Error((file == "-" ? std::string("standard input") : file) + ": " + e.what());
    }
    const size_t characters = characterCount(text);
    const double perToken = ids.empty() ? 0.0 : double(characters) / double(ids.size());
    if (args.has("--json")) {
        nlohmann::json tokens = nlohmann::json::array();
        for (const int32_t id : ids)
            tokens.push_back(tokenizer->piece(id));
        const nlohmann::ordered_json out = {{"ids", ids},
                                    {"tokens", tokens},
                                    {"count", ids.size()},
                                    {"characters", characters},
                                    {"bytes", text.size()},
                                    {"characters_per_token", perToken},
                                    {"bos", bos && tokenizer->bosId() >= 0},
                                    {"tokenizer", std::string(tokenizer->kind())},
                                    {"vocab_size", tokenizer->vocabSize()}};
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        return 0;
    }
    std::string line;
    for (size_t i = 0; i < ids.size(); ++i)
        line += (i ? " " : "") + std::to_string(ids[i]);
    std::printf("%s\n", line.c_str());
    std::printf("%zu tokens, %zu characters, %.2f characters/token (%s, vocabulary %d)\n", ids.size(), characters,
                perToken, std::string(tokenizer->kind()).c_str(), tokenizer->vocabSize());
    return 0;
}

} // namespace bitcliff::cli
