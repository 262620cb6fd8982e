#include "tokenize/hftokenizerjson.h"

#include "formats/safetensors.h"
#include "util/error.h"

#include <fstream>
#include <sstream>

namespace bitcliff::hfjson {

namespace {
constexpr int64_t kMaxTokenId = 1 << 24; // real vocabularies are below 300k
constexpr uint64_t kMaxTokenizerFileSize = 512ull << 20;
} // namespace

Json parseObject(std::string_view text, const std::string &label)
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

const Json &member(const Json &object, const char *key)
{
    static const Json kNull;
    if (!object.is_object())
        return kNull;
    const auto it = object.find(key);
    return it == object.end() ? kNull : *it;
}

bool boolMember(const Json &object, const char *key, bool fallback)
{
    const Json &value = member(object, key);
    return value.is_boolean() ? value.get<bool>() : fallback;
}

std::string stringMember(const Json &object, const char *key)
{
    const Json &value = member(object, key);
    return value.is_string() ? value.get<std::string>() : std::string();
}

std::string tokenText(const Json &value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_object() && member(value, "content").is_string())
        return member(value, "content").get<std::string>();
    return {};
}

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

BpeStyle bpeStyle(const Json &tokenizer)
{
    const Json &pre = member(tokenizer, "pre_tokenizer");
    const Json &decoder = member(tokenizer, "decoder");
    if (hasComponent(pre, "ByteLevel") || hasComponent(decoder, "ByteLevel"))
        return BpeStyle::ByteLevel;
    const bool metaspaceNormalizer = member(tokenizer, "normalizer").dump().find("\xE2\x96\x81") != std::string::npos;
    if (boolMember(member(tokenizer, "model"), "byte_fallback") || hasComponent(pre, "Metaspace")
        || hasComponent(decoder, "Metaspace") || hasComponent(decoder, "ByteFallback") || metaspaceNormalizer)
        return BpeStyle::SentencePiece;
    return BpeStyle::Neither;
}

std::map<int64_t, std::pair<std::string, TokenType>> readVocabulary(const Json &tokenizer, bool sentencePiece,
                                                                    const std::string &label)
{
    const Json &vocab = member(member(tokenizer, "model"), "vocab");
    if (!vocab.is_object())
        throw FormatError(label, "model.vocab is not an object of token ids");
    std::map<int64_t, std::pair<std::string, TokenType>> byId;
    auto add = [&](const std::string &token, const Json &id, TokenType type) {
        if (!id.is_number_integer() || id.get<int64_t>() < 0 || id.get<int64_t>() >= kMaxTokenId)
            throw FormatError(label, "token '" + printableExcerpt(token) + "' has an invalid id");
        byId[id.get<int64_t>()] = {token, type};
    };
    for (const auto &[token, id] : vocab.items()) {
        TokenType type = TokenType::Normal;
        if (sentencePiece && byteTokenValue(token) >= 0)
            type = TokenType::Byte;
        else if (sentencePiece && token == "<unk>")
            type = TokenType::Unknown;
        add(token, id, type);
    }
    const Json &addedTokens = member(tokenizer, "added_tokens");
    if (addedTokens.is_array()) {
        for (const Json &added : addedTokens) {
            const std::string content = tokenText(added);
            TokenType type = boolMember(added, "special") ? TokenType::Control : TokenType::UserDefined;
            if (sentencePiece && content == "<unk>")
                type = TokenType::Unknown;
            add(content, member(added, "id"), type);
        }
    }
    return byId;
}

std::vector<std::pair<std::string, std::string>> readMerges(const Json &merges, const std::string &label)
{
    std::vector<std::pair<std::string, std::string>> result;
    if (!merges.is_array())
        return result;
    result.reserve(merges.size());
    for (const Json &merge : merges) {
        if (merge.is_string()) {
            const std::string &text = merge.get_ref<const std::string &>();
            const size_t space = text.find(' ', 1);
            if (space == std::string::npos)
                throw FormatError(label, "model.merges entry '" + printableExcerpt(text) + "' is not \"a b\"");
            result.emplace_back(text.substr(0, space), text.substr(space + 1));
        } else if (merge.is_array() && merge.size() == 2 && merge[0].is_string() && merge[1].is_string()) {
            result.emplace_back(merge[0].get<std::string>(), merge[1].get<std::string>());
        } else {
            throw FormatError(label, "model.merges holds an entry that is neither \"a b\" nor [\"a\", \"b\"]");
        }
    }
    return result;
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

} // namespace bitcliff::hfjson
