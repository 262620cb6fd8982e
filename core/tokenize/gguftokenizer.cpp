#include "tokenize/gguftokenizer.h"

#include "formats/safetensors.h"
#include "tokenize/utf8.h"
#include "util/error.h"

#include <optional>

namespace bitcliff {

namespace {

class Keys
{
public:
    Keys(const GgufContents &contents, const std::string &label)
        : m_contents(contents)
        , m_label(label)
    {
    }

    const GgufValue *find(const std::string &key) const { return m_contents.find("tokenizer.ggml." + key); }

    [[noreturn]] void fail(const std::string &key, const std::string &problem) const
    {
        throw FormatError(m_label, "tokenizer.ggml." + key + " " + problem);
    }

    std::string text(const std::string &key) const
    {
        const GgufValue *value = find(key);
        if (!value)
            return {};
        if (const auto *s = std::get_if<std::string>(&value->value))
            return *s;
        fail(key, "is not a string");
    }

    int32_t id(const std::string &key) const
    {
        const GgufValue *value = find(key);
        if (!value)
            return -1;
        if (const auto *u = std::get_if<uint64_t>(&value->value))
            return *u < (1u << 31) ? int32_t(*u) : -1;
        if (const auto *i = std::get_if<int64_t>(&value->value))
            return *i >= 0 && *i < (1ll << 31) ? int32_t(*i) : -1;
        fail(key, "is not an integer");
    }

    std::optional<bool> flag(const std::string &key) const
    {
        const GgufValue *value = find(key);
        if (!value)
            return std::nullopt;
        if (const auto *b = std::get_if<bool>(&value->value))
            return *b;
        fail(key, "is not a bool");
    }

    const GgufArray *array(const std::string &key) const
    {
        const GgufValue *value = find(key);
        if (!value)
            return nullptr;
        if (const auto *items = std::get_if<GgufArray>(&value->value))
            return items;
        fail(key, "is not an array");
    }

    std::vector<std::string> strings(const std::string &key) const
    {
        std::vector<std::string> out;
        if (const GgufArray *items = array(key)) {
            out.reserve(items->size());
            for (const GgufValue &item : *items) {
                const auto *s = std::get_if<std::string>(&item.value);
                if (!s)
                    fail(key, "holds a value that is not a string");
                out.push_back(*s);
            }
        }
        return out;
    }

    template <typename T>
    std::vector<T> numbers(const std::string &key) const
    {
        std::vector<T> out;
        if (const GgufArray *items = array(key)) {
            out.reserve(items->size());
            for (const GgufValue &item : *items) {
                if (const auto *d = std::get_if<double>(&item.value))
                    out.push_back(T(*d));
                else if (const auto *i = std::get_if<int64_t>(&item.value))
                    out.push_back(T(*i));
                else if (const auto *u = std::get_if<uint64_t>(&item.value))
                    out.push_back(T(*u));
                else
                    fail(key, "holds a value that is not a number");
            }
        }
        return out;
    }

private:
    const GgufContents &m_contents;
    const std::string &m_label;
};

bool isLlama3Pre(const std::string &pre) { return pre == "llama-bpe" || pre == "llama3" || pre == "llama-v3"; }

} // namespace

TokenizerSpec ggufTokenizerSpec(const GgufContents &contents, const std::string &label)
{
    const Keys keys(contents, label);
    const std::string model = keys.text("model");
    if (model.empty())
        throw FormatError(label, "GGUF has no tokenizer (no tokenizer.ggml.model)");
    TokenizerSpec spec;
    spec.label = label;
    if (model == "gpt2")
        spec.algorithm = TokenizerSpec::Algorithm::ByteLevelBpe;
    else if (model == "llama")
        spec.algorithm = TokenizerSpec::Algorithm::SentencePieceScores;
    else
        throw FormatError(label, "tokenizer model '" + model
                                     + "' is not supported (only \"gpt2\" byte-level BPE and \"llama\" SentencePiece)");

    spec.tokens = keys.strings("tokens");
    if (spec.tokens.empty())
        throw FormatError(label, "GGUF has no tokenizer.ggml.tokens");
    const std::vector<int32_t> types = keys.numbers<int32_t>("token_type");
    if (!types.empty() && types.size() != spec.tokens.size())
        keys.fail("token_type", "has " + std::to_string(types.size()) + " entries for "
                                    + std::to_string(spec.tokens.size()) + " tokens");
    spec.types.resize(spec.tokens.size(), TokenType::Normal);
    for (size_t id = 0; id < types.size(); ++id)
        spec.types[id] = types[id] >= 1 && types[id] <= 6 ? TokenType(types[id]) : TokenType::Normal;
    if (types.empty() && spec.algorithm == TokenizerSpec::Algorithm::SentencePieceScores)
        for (size_t id = 0; id < spec.tokens.size(); ++id)
            if (byteTokenValue(spec.tokens[id]) >= 0)
                spec.types[id] = TokenType::Byte;

    // Control, user-defined and unknown tokens are found in the text as they are.
    for (size_t id = 0; id < spec.tokens.size(); ++id) {
        const TokenType type = spec.types[id];
        if (type != TokenType::Control && type != TokenType::UserDefined && type != TokenType::Unknown)
            continue;
        if (utf8::firstInvalid(spec.tokens[id]) != std::string_view::npos)
            continue; // could match inside a character; no real vocabulary has such a token
        AddedToken token;
        token.content = spec.tokens[id];
        token.id = int32_t(id);
        token.special = type != TokenType::UserDefined;
        spec.addedTokens.push_back(std::move(token));
    }

    // Without the keys llama.cpp takes <unk> 0, <s> 1, </s> 2 for SentencePiece vocabularies.
    const bool sentencePiece = spec.algorithm == TokenizerSpec::Algorithm::SentencePieceScores;
    spec.bosId = keys.find("bos_token_id") || !sentencePiece ? keys.id("bos_token_id") : 1;
    spec.eosId = keys.find("eos_token_id") || !sentencePiece ? keys.id("eos_token_id") : 2;
    spec.unknownId = keys.find("unknown_token_id") || !sentencePiece ? keys.id("unknown_token_id") : 0;
    for (int32_t *id : {&spec.bosId, &spec.eosId, &spec.unknownId})
        if (*id >= int32_t(spec.tokens.size()))
            *id = -1;
    const std::string pre = keys.text("pre");
    if (spec.algorithm == TokenizerSpec::Algorithm::ByteLevelBpe) {
        for (const std::string &merge : keys.strings("merges")) {
            const size_t space = merge.find(' ', 1);
            if (space == std::string::npos)
                keys.fail("merges", "holds '" + printableExcerpt(merge) + "', which is not \"a b\"");
            spec.merges.emplace_back(merge.substr(0, space), merge.substr(space + 1));
        }
        try {
            spec.preTokenizer = PreTokenizer::forGgufPre(pre);
        } catch (const Error &e) {
            throw FormatError(label, e.what());
        }
        spec.ignoreMerges = isLlama3Pre(pre);
        spec.addsBos = keys.flag("add_bos_token").value_or(isLlama3Pre(pre));
    } else {
        spec.scores = keys.numbers<float>("scores");
        if (!spec.scores.empty() && spec.scores.size() != spec.tokens.size())
            keys.fail("scores", "has " + std::to_string(spec.scores.size()) + " entries for "
                                    + std::to_string(spec.tokens.size()) + " tokens");
        const bool spacePrefix = keys.flag("add_space_prefix").value_or(true);
        spec.normalizer = sentencePieceEscaping(spacePrefix);
        spec.stripLeadingSpace = spacePrefix;
        spec.addsBos = keys.flag("add_bos_token").value_or(true);
    }
    spec.addsBos = spec.addsBos && spec.bosId >= 0;
    return spec;
}

} // namespace bitcliff
