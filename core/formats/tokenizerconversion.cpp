#include "formats/tokenizerconversion.h"

#include "tokenize/hftokenizerjson.h"
#include "tokenize/pretokenizer.h"
#include "util/error.h"

#include <algorithm>
#include <map>

namespace bitcliff {

namespace {

using hfjson::Json;
using hfjson::member;

struct ConvertedVocabulary
{
    std::vector<std::string> tokens;
    std::vector<int64_t> types;
    std::map<std::string, int64_t> ids;
};

// convert_hf_to_gguf's rule: an added token not marked special whose spelling looks like a
// control token (<|...|>, <｜...｜>, <pad>, <unused...>) is written as a control token, so
// llama.cpp does not override its type with a "control-looking token" warning.
bool looksSpecial(const std::string &text)
{
    auto wrapped = [&](std::string_view open, std::string_view close) {
        return text.size() >= open.size() + close.size() && text.starts_with(open) && text.ends_with(close);
    };
    return text == "<pad>" || text == "<mask>" || text == "<2mass>" || text == "[@BOS@]" || wrapped("<|", "|>")
        || wrapped("<\xef\xbd\x9c", "\xef\xbd\x9c>") || wrapped("<unused", ">");
}

ConvertedVocabulary readVocabulary(const Json &tokenizer, int vocabSize, bool sentencePiece, const std::string &label)
{
    const auto byId = hfjson::readVocabulary(tokenizer, sentencePiece, label);
    const int64_t count = std::max<int64_t>(byId.empty() ? 0 : byId.rbegin()->first + 1, vocabSize);
    ConvertedVocabulary result;
    result.tokens.resize(size_t(count));
    result.types.assign(size_t(count), int64_t(TokenType::Unused));
    for (int64_t id = 0; id < count; ++id)
        result.tokens[size_t(id)] = "[PAD" + std::to_string(id) + "]";
    for (const auto &[id, entry] : byId) {
        result.tokens[size_t(id)] = entry.first;
        const bool control = entry.second == TokenType::UserDefined && looksSpecial(entry.first);
        result.types[size_t(id)] = int64_t(control ? TokenType::Control : entry.second);
        result.ids[entry.first] = id;
    }
    return result;
}

// SentencePiece scores for llama.cpp's SPM tokenizer, which merges the adjacent pair that makes
// the highest-scoring token: a token scores minus the rank of the first merge that makes it,
// so SPM merges in BPE's order; tokens no merge makes score below all of them.
std::vector<double> mergeScores(const ConvertedVocabulary &vocabulary,
                                const std::vector<std::pair<std::string, std::string>> &merges)
{
    std::vector<double> scores(vocabulary.tokens.size());
    std::vector<bool> made(vocabulary.tokens.size(), false);
    for (size_t rank = 0; rank < merges.size(); ++rank) {
        const auto it = vocabulary.ids.find(merges[rank].first + merges[rank].second);
        if (it != vocabulary.ids.end() && !made[size_t(it->second)]) {
            made[size_t(it->second)] = true;
            scores[size_t(it->second)] = -double(rank);
        }
    }
    for (size_t id = 0; id < scores.size(); ++id)
        if (!made[id])
            scores[id] = -double(merges.size() + id);
    return scores;
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
    for (const auto &[left, right] : hfjson::readMerges(merges, label))
        array.push_back(ggufString(left + " " + right));
    return ggufArray(GgufType::String, std::move(array));
}

void addSpecialIds(GgufMetadata &metadata, const ConvertedVocabulary &vocabulary, const Json &tokenizerConfig,
                   const Json &config)
{
    for (const char *name : {"bos", "eos", "unk", "pad"}) {
        int64_t id = -1;
        const auto found = vocabulary.ids.find(hfjson::tokenText(member(tokenizerConfig, (std::string(name) + "_token").c_str())));
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

// tokenizer.ggml.pre names what the pre-tokenizer does (llama.cpp's converter recognises it
// by its output): read it off the tokenizer.json's own split regex; a lone ByteLevel step
// splits with GPT-2's; anything else falls back to the architecture's usual one.
std::string ggufPreTokenizer(const Json &tokenizer, const std::string &ggufArchitecture)
{
    std::vector<const Json *> steps;
    bool digits = false;
    bool lone = true;
    std::vector<std::string> regexes;
    const Json *root = tokenizer.contains("pre_tokenizer") ? &tokenizer["pre_tokenizer"] : nullptr;
    if (root && root->is_object())
        steps.push_back(root);
    for (size_t i = 0; i < steps.size(); ++i) {
        const Json &step = *steps[i];
        const std::string type = step.value("type", std::string());
        if (type == "Sequence" && step.contains("pretokenizers") && step["pretokenizers"].is_array()) {
            for (const Json &inner : step["pretokenizers"])
                if (inner.is_object())
                    steps.push_back(&inner);
            continue;
        }
        if (type == "Split" && step.contains("pattern") && step["pattern"].is_object()
            && step["pattern"].value("Regex", Json()).is_string())
            regexes.push_back(step["pattern"]["Regex"].get<std::string>());
        digits = digits || (type == "Digits" && step.value("individual_digits", false));
        lone = lone && type == "ByteLevel" && step.value("use_regex", true);
    }
    for (const std::string &regex : regexes) {
        if (regex == pretokenizerpatterns::kLlama3)
            return "llama-bpe";
        if (regex == pretokenizerpatterns::kQwen2)
            return "qwen2";
    }
    if (digits)
        return "smollm";
    if (root && lone && steps.size() == 1)
        return "gpt-2";
    return ggufArchitecture == "llama" ? "llama-bpe" : ggufArchitecture == "qwen2" ? "qwen2" : "gpt-2";
}

} // namespace

TokenizerConversion convertHfTokenizer(std::string_view tokenizerJson, std::string_view tokenizerConfigJson,
                                       std::string_view configJson, const std::string &ggufArchitecture,
                                       int vocabSize, const std::string &label)
{
    const Json tokenizer = hfjson::parseObject(tokenizerJson, label);
    const Json tokenizerConfig = hfjson::parseObject(tokenizerConfigJson, label + " (tokenizer_config.json)");
    const Json config = hfjson::parseObject(configJson, label + " (config.json)");
    const Json &model = member(tokenizer, "model");
    const Json &type = member(model, "type");
    TokenizerConversion result;
    if (!type.is_string() || type.get<std::string>() != "BPE") {
        result.note = label + ": tokenizer model " + (type.is_string() ? "'" + type.get<std::string>() + "'" : "(none)")
                    + " is not BPE; no tokenizer written";
        return result;
    }
    const hfjson::BpeStyle style = hfjson::bpeStyle(tokenizer);
    const bool byteLevel = style == hfjson::BpeStyle::ByteLevel;
    const bool sentencePiece = style == hfjson::BpeStyle::SentencePiece;
    if (!byteLevel && !sentencePiece) {
        result.note = label + ": BPE tokenizer is neither byte-level nor SentencePiece-style; no tokenizer written";
        return result;
    }
    const ConvertedVocabulary vocabulary = readVocabulary(tokenizer, vocabSize, sentencePiece, label);

    GgufMetadata &metadata = result.metadata;
    GgufArray types;
    types.reserve(vocabulary.types.size());
    for (int64_t t : vocabulary.types)
        types.push_back(ggufI32(t));
    if (byteLevel) {
        const std::string pre = ggufPreTokenizer(tokenizer, ggufArchitecture);
        metadata.emplace_back("tokenizer.ggml.model", ggufString("gpt2"));
        metadata.emplace_back("tokenizer.ggml.pre", ggufString(pre));
        metadata.emplace_back("tokenizer.ggml.tokens", stringArray(vocabulary.tokens));
        metadata.emplace_back("tokenizer.ggml.token_type", ggufArray(GgufType::I32, std::move(types)));
        metadata.emplace_back("tokenizer.ggml.merges", mergesValue(member(model, "merges"), label));
    } else {
        GgufArray scores;
        scores.reserve(vocabulary.tokens.size());
        for (const double score : mergeScores(vocabulary, hfjson::readMerges(member(model, "merges"), label)))
            scores.push_back(ggufF32(score));
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
    const std::string tokenizer = hfjson::readTextFile(path);
    if (tokenizer.empty())
        return {{}, directory.string() + ": no tokenizer.json; the GGUF file has no tokenizer"};
    return convertHfTokenizer(tokenizer, hfjson::readTextFile(directory / "tokenizer_config.json"),
                              hfjson::readTextFile(directory / "config.json"), ggufArchitecture, vocabSize, path.string());
}

} // namespace bitcliff
