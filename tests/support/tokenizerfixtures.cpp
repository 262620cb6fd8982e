#include "support/tokenizerfixtures.h"

#include "tokenize/bytelevel.h"
#include "tokenize/vocabulary.h"

#include <algorithm>
#include <fstream>

namespace bitcliff::test {

namespace {

using Json = nlohmann::ordered_json;

void addToken(Json &vocab, const std::string &token)
{
    if (!vocab.contains(token))
        vocab[token] = int(vocab.size());
}

Json bpeModel(Json vocab, const Json &merges)
{
    return {{"type", "BPE"},         {"dropout", nullptr},     {"unk_token", nullptr},
            {"fuse_unk", false},     {"byte_fallback", false}, {"ignore_merges", false},
            {"vocab", std::move(vocab)}, {"merges", merges}};
}

} // namespace

Json byteLevelTokenizer(const Merges &merges)
{
    Json vocab = Json::object();
    for (int b = 0; b < 256; ++b)
        addToken(vocab, bytelevel::encodeBytes(std::string(1, char(b))));
    Json mergeList = Json::array();
    for (const auto &[left, right] : merges) {
        const std::string a = bytelevel::encodeBytes(left), b = bytelevel::encodeBytes(right);
        addToken(vocab, a + b);
        mergeList.push_back(a + " " + b);
    }
    return {{"version", "1.0"},
            {"added_tokens", Json::array()},
            {"normalizer", nullptr},
            {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true},
                               {"use_regex", true}}},
            {"post_processor", nullptr},
            {"decoder", {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true},
                         {"use_regex", true}}},
            {"model", bpeModel(std::move(vocab), mergeList)}};
}

Json sentencePieceTokenizer(const std::vector<std::string> &pieces, const Merges &merges)
{
    Json vocab = Json::object();
    for (const char *special : {"<unk>", "<s>", "</s>"})
        addToken(vocab, special);
    for (int b = 0; b < 256; ++b)
        addToken(vocab, byteTokenPiece(static_cast<unsigned char>(b)));
    for (const std::string &piece : pieces)
        addToken(vocab, piece);
    Json mergeList = Json::array();
    for (const auto &[left, right] : merges) {
        addToken(vocab, left + right);
        mergeList.push_back(Json::array({left, right}));
    }
    Json model = bpeModel(std::move(vocab), mergeList);
    model["unk_token"] = "<unk>";
    model["fuse_unk"] = true;
    model["byte_fallback"] = true;
    const std::string metaspace = "\xE2\x96\x81";
    return {{"version", "1.0"},
            {"added_tokens", {addedToken(0, "<unk>"), addedToken(1, "<s>"), addedToken(2, "</s>")}},
            {"normalizer", {{"type", "Sequence"},
                            {"normalizers", {{{"type", "Prepend"}, {"prepend", metaspace}},
                                             {{"type", "Replace"}, {"pattern", {{"String", " "}}}, {"content", metaspace}}}}}},
            {"pre_tokenizer", nullptr},
            {"post_processor", nullptr},
            {"decoder", {{"type", "Sequence"},
                         {"decoders", {{{"type", "Replace"}, {"pattern", {{"String", metaspace}}}, {"content", " "}},
                                       {{"type", "ByteFallback"}},
                                       {{"type", "Fuse"}},
                                       {{"type", "Strip"}, {"content", " "}, {"start", 1}, {"stop", 0}}}}}},
            {"model", std::move(model)}};
}

Json addedToken(int id, const std::string &content, bool special)
{
    return {{"id", id},         {"content", content}, {"single_word", false}, {"lstrip", false},
            {"rstrip", false},  {"normalized", false}, {"special", special}};
}

int vocabId(const Json &tokenizer, const std::string &token) { return tokenizer.at("model").at("vocab").at(token).get<int>(); }

void writeTextFile(const std::filesystem::path &path, const std::string &content)
{
    std::ofstream(path, std::ios::binary) << content;
}

int tokenizerVocabularySize(const std::filesystem::path &tokenizerJson)
{
    std::ifstream in(tokenizerJson);
    const nlohmann::json json = nlohmann::json::parse(in);
    int size = 0;
    for (const auto &[piece, id] : json["model"]["vocab"].items())
        size = std::max(size, id.get<int>() + 1);
    for (const auto &token : json["added_tokens"])
        size = std::max(size, token["id"].get<int>() + 1);
    return size;
}

} // namespace bitcliff::test
