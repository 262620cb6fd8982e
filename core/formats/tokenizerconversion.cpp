#include "formats/tokenizerconversion.h"

#include "formats/safetensors.h"
#include "util/error.h"

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace bitcliff {

namespace {

using Json = nlohmann::json;

constexpr int64_t kMaxTokenId = 1 << 24; // real vocabularies are below 300k
constexpr uint64_t kMaxTokenizerFileSize = 512ull << 20;

enum TokenType : int64_t { Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Unused = 5, Byte = 6 };

Json parseJson(std::string_view text, const std::string &label)
{
    if (text.empty())
        return Json::object();
    try {
        Json json = Json::parse(text.begin(), text.end());
        if (!json.is_object())
            throw FormatError(label, "not a JSON object");
        return json;
    } catch (const Json::exception &e) {
        throw FormatError(label, "not valid JSON: " + jsonErrorReason(e));
    }
}

// True when `node` or any component of a Sequence below it has type `type`.
bool hasComponent(const Json &node, std::string_view type)
{
    if (node.is_object()) {
        const auto it = node.find("type");
        if (it != node.end() && it->is_string() && it->get_ref<const std::string &>() == type)
            return true;
        for (const auto &[key, child] : node.items())
            if (child.is_array() && hasComponent(child, type))
                return true;
    } else if (node.is_array()) {
        for (const Json &child : node)
            if (hasComponent(child, type))
                return true;
    }
    return false;
}

const Json &member(const Json &object, const char *key)
{
    static const Json kNull;
    const auto it = object.find(key);
    return it == object.end() ? kNull : *it;
}

// A token given as "<s>" or {"content": "<s>", ...} in tokenizer_config.json.
std::string tokenText(const Json &value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_object() && member(value, "content").is_string())
        return member(value, "content").get<std::string>();
    return {};
}

bool isByteToken(const std::string &token)
{
    auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); };
    return token.size() == 6 && token.starts_with("<0x") && token[5] == '>' && hex(token[3]) && hex(token[4]);
}

struct Vocabulary
{
    std::vector<std::string> tokens;
    std::vector<int64_t> types;
    std::map<std::string, int64_t> ids;
};

Vocabulary readVocabulary(const Json &model, const Json &addedTokens, int vocabSize, bool sentencePiece,
                          const std::string &label)
{
    const Json &vocab = member(model, "vocab");
    if (!vocab.is_object())
        throw FormatError(label, "model.vocab is not an object of token ids");
    std::map<int64_t, std::pair<std::string, int64_t>> byId;
    auto add = [&](const std::string &token, const Json &id, int64_t type) {
        if (!id.is_number_integer() || id.get<int64_t>() < 0 || id.get<int64_t>() >= kMaxTokenId)
            throw FormatError(label, "token '" + printableExcerpt(token) + "' has an invalid id");
        byId[id.get<int64_t>()] = {token, type};
    };
    for (const auto &[token, id] : vocab.items()) {
        int64_t type = Normal;
        if (sentencePiece && isByteToken(token))
            type = Byte;
        else if (sentencePiece && token == "<unk>")
            type = Unknown;
        add(token, id, type);
    }
    if (addedTokens.is_array()) {
        for (const Json &added : addedTokens) {
            const std::string content = tokenText(added);
            const bool special = member(added, "special").is_boolean() && member(added, "special").get<bool>();
            int64_t type = special ? Control : UserDefined;
            if (sentencePiece && content == "<unk>")
                type = Unknown;
            add(content, member(added, "id"), type);
        }
    }
    const int64_t count = std::max<int64_t>(byId.empty() ? 0 : byId.rbegin()->first + 1, vocabSize);
    Vocabulary result;
    result.tokens.resize(size_t(count));
    result.types.assign(size_t(count), Unused);
    for (int64_t id = 0; id < count; ++id)
        result.tokens[size_t(id)] = "[PAD" + std::to_string(id) + "]";
    for (const auto &[id, entry] : byId) {
        result.tokens[size_t(id)] = entry.first;
        result.types[size_t(id)] = entry.second;
        result.ids[entry.first] = id;
    }
    return result;
}

GgufValue stringArray(const std::vector<std::string> &items)
{
    GgufArray array;
    array.reserve(items.size());
    for (const std::string &item : items)
        array.push_back(ggufString(item));
    return ggufArray(GgufType::String, std::move(array));
}

GgufValue mergesValue(const Json &merges, const std::string &label)
{
    GgufArray array;
    if (merges.is_array()) {
        array.reserve(merges.size());
        for (const Json &merge : merges) {
            if (merge.is_string())
                array.push_back(ggufString(merge.get<std::string>()));
            else if (merge.is_array() && merge.size() == 2 && merge[0].is_string() && merge[1].is_string())
                array.push_back(ggufString(merge[0].get<std::string>() + " " + merge[1].get<std::string>()));
            else
                throw FormatError(label, "model.merges holds an entry that is neither \"a b\" nor [\"a\", \"b\"]");
        }
    }
    return ggufArray(GgufType::String, std::move(array));
}

void addSpecialIds(GgufMetadata &metadata, const Vocabulary &vocabulary, const Json &tokenizerConfig,
                   const Json &config)
{
    for (const char *name : {"bos", "eos", "unk", "pad"}) {
        int64_t id = -1;
        const auto found = vocabulary.ids.find(tokenText(member(tokenizerConfig, (std::string(name) + "_token").c_str())));
        if (found != vocabulary.ids.end())
            id = found->second;
        const Json &fromConfig = member(config, (std::string(name) + "_token_id").c_str());
        if (id < 0 && fromConfig.is_number_integer())
            id = fromConfig.get<int64_t>();
        else if (id < 0 && fromConfig.is_array() && !fromConfig.empty() && fromConfig[0].is_number_integer())
            id = fromConfig[0].get<int64_t>(); // several eos ids: llama.cpp keeps the first
        if (id < 0 || id >= int64_t(vocabulary.tokens.size()))
            continue;
        const std::string key = std::string(name) == "unk" ? "unknown" : std::string(name) == "pad" ? "padding" : name;
        metadata.emplace_back("tokenizer.ggml." + key + "_token_id", ggufU32(uint64_t(id)));
    }
    for (const char *flag : {"add_bos_token", "add_eos_token"}) {
        const Json &value = member(tokenizerConfig, flag);
        if (value.is_boolean())
            metadata.emplace_back(std::string("tokenizer.ggml.") + flag, ggufBool(value.get<bool>()));
    }
    const Json &chatTemplate = member(tokenizerConfig, "chat_template");
    if (chatTemplate.is_string())
        metadata.emplace_back("tokenizer.chat_template", ggufString(chatTemplate.get<std::string>()));
}

std::string readTextFile(const std::filesystem::path &path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return {};
    if (std::filesystem::file_size(path, ec) > kMaxTokenizerFileSize)
        throw FormatError(path.string(), "too large for a tokenizer file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string() + ": cannot read");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TokenizerConversion convertHfTokenizer(std::string_view tokenizerJson, std::string_view tokenizerConfigJson,
                                       std::string_view configJson, const std::string &ggufArchitecture,
                                       int vocabSize, const std::string &label)
{
    const Json tokenizer = parseJson(tokenizerJson, label);
    const Json tokenizerConfig = parseJson(tokenizerConfigJson, label + " (tokenizer_config.json)");
    const Json config = parseJson(configJson, label + " (config.json)");
    const Json &model = member(tokenizer, "model");
    const Json &type = member(model, "type");
    TokenizerConversion result;
    if (!type.is_string() || type.get<std::string>() != "BPE") {
        result.note = label + ": tokenizer model " + (type.is_string() ? "'" + type.get<std::string>() + "'" : "(none)")
                    + " is not BPE; no tokenizer written";
        return result;
    }
    const bool byteLevel = hasComponent(member(tokenizer, "pre_tokenizer"), "ByteLevel")
                        || hasComponent(member(tokenizer, "decoder"), "ByteLevel");
    const bool sentencePiece = !byteLevel
        && ((member(model, "byte_fallback").is_boolean() && member(model, "byte_fallback").get<bool>())
            || hasComponent(member(tokenizer, "pre_tokenizer"), "Metaspace")
            || hasComponent(member(tokenizer, "decoder"), "Metaspace")
            || hasComponent(member(tokenizer, "decoder"), "ByteFallback"));
    if (!byteLevel && !sentencePiece) {
        result.note = label + ": BPE tokenizer is neither byte-level nor SentencePiece-style; no tokenizer written";
        return result;
    }
    const Vocabulary vocabulary = readVocabulary(model, member(tokenizer, "added_tokens"), vocabSize, sentencePiece, label);

    GgufMetadata &metadata = result.metadata;
    GgufArray types;
    types.reserve(vocabulary.types.size());
    for (int64_t t : vocabulary.types)
        types.push_back(ggufI32(t));
    if (byteLevel) {
        const std::string pre = ggufArchitecture == "llama" ? "llama-bpe" : ggufArchitecture == "qwen2" ? "qwen2" : "gpt-2";
        metadata.emplace_back("tokenizer.ggml.model", ggufString("gpt2"));
        metadata.emplace_back("tokenizer.ggml.pre", ggufString(pre));
        metadata.emplace_back("tokenizer.ggml.tokens", stringArray(vocabulary.tokens));
        metadata.emplace_back("tokenizer.ggml.token_type", ggufArray(GgufType::I32, std::move(types)));
        metadata.emplace_back("tokenizer.ggml.merges", mergesValue(member(model, "merges"), label));
    } else {
        GgufArray scores;
        scores.reserve(vocabulary.tokens.size());
        for (size_t id = 0; id < vocabulary.tokens.size(); ++id)
            scores.push_back(ggufF32(-double(id)));
        metadata.emplace_back("tokenizer.ggml.model", ggufString("llama"));
        metadata.emplace_back("tokenizer.ggml.pre", ggufString("default"));
        metadata.emplace_back("tokenizer.ggml.tokens", stringArray(vocabulary.tokens));
        metadata.emplace_back("tokenizer.ggml.scores", ggufArray(GgufType::F32, std::move(scores)));
        metadata.emplace_back("tokenizer.ggml.token_type", ggufArray(GgufType::I32, std::move(types)));
    }
    addSpecialIds(metadata, vocabulary, tokenizerConfig, config);
    return result;
}

TokenizerConversion convertHfTokenizerDirectory(const std::filesystem::path &directory,
                                                const std::string &ggufArchitecture, int vocabSize)
{
    const std::filesystem::path path = directory / "tokenizer.json";
    const std::string tokenizer = readTextFile(path);
    if (tokenizer.empty())
        return {{}, directory.string() + ": no tokenizer.json; the GGUF file has no tokenizer"};
    return convertHfTokenizer(tokenizer, readTextFile(directory / "tokenizer_config.json"),
                              readTextFile(directory / "config.json"), ggufArchitecture, vocabSize, path.string());
}

} // namespace bitcliff
