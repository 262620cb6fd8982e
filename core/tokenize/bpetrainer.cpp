#include "tokenize/bpetrainer.h"

#include "tokenize/bytelevel.h"
#include "tokenize/pretokenizer.h"
#include "tokenize/utf8.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

namespace bitcliff {

namespace {

using Json = nlohmann::ordered_json;

uint64_t pairKey(int32_t left, int32_t right) { return (uint64_t(uint32_t(left)) << 32) | uint32_t(right); }

struct Word
{
    std::vector<int32_t> symbols;
    int64_t count = 0;
};

// Pair counts with the best pair at hand: most frequent first, then smaller left, right id.
class PairTable
{
public:
    void add(int32_t left, int32_t right, int64_t delta)
    {
        int64_t &count = m_counts[pairKey(left, right)];
        if (count > 0)
            m_ranking.erase({-count, left, right});
        count += delta;
        if (count > 0)
            m_ranking.insert({-count, left, right});
    }

    // (count, left, right) of the best pair; nullopt when no pair is left.
    std::optional<std::tuple<int64_t, int32_t, int32_t>> best() const
    {
        if (m_ranking.empty())
            return std::nullopt;
        const auto &[negative, left, right] = *m_ranking.begin();
        return std::tuple{-negative, left, right};
    }

private:
    std::unordered_map<uint64_t, int64_t> m_counts;
    std::set<std::tuple<int64_t, int32_t, int32_t>> m_ranking;
};

// The pre-tokenized words of all texts with their counts, in byte order (deterministic).
std::vector<Word> countWords(const std::vector<std::string> &texts)
{
    PreTokenizer pre;
    pre.addRegexSplit(pretokenizerpatterns::kQwen2);
    std::map<std::string, int64_t, std::less<>> counts;
    std::string storage;
    std::vector<std::string_view> pieces;
    for (size_t t = 0; t < texts.size(); ++t) {
        if (utf8::firstInvalid(texts[t]) != std::string_view::npos)
            throw Error("BPE training: text " + std::to_string(t) + " is not valid UTF-8");
        pieces.clear();
        pre.apply(texts[t], true, storage, pieces);
        for (const std::string_view piece : pieces) {
            const auto it = counts.find(piece);
            if (it == counts.end())
                counts.emplace(std::string(piece), 1);
            else
                ++it->second;
        }
    }
    std::vector<Word> words;
    words.reserve(counts.size());
    for (const auto &[text, count] : counts) {
        Word word;
        word.count = count;
        for (const char byte : text)
            word.symbols.push_back(int32_t(static_cast<unsigned char>(byte)));
        words.push_back(std::move(word));
    }
    return words;
}

// Replaces every (left, right), left to right, by `merged`; false when the word has none.
bool mergeWord(Word &word, int32_t left, int32_t right, int32_t merged)
{
    std::vector<int32_t> out;
    out.reserve(word.symbols.size());
    bool changed = false;
    for (size_t i = 0; i < word.symbols.size(); ++i) {
        if (i + 1 < word.symbols.size() && word.symbols[i] == left && word.symbols[i + 1] == right) {
            out.push_back(merged);
            ++i;
            changed = true;
        } else {
            out.push_back(word.symbols[i]);
        }
    }
    if (changed)
        word.symbols = std::move(out);
    return changed;
}

void countPairs(const Word &word, int64_t sign, PairTable &table)
{
    for (size_t i = 0; i + 1 < word.symbols.size(); ++i)
        table.add(word.symbols[i], word.symbols[i + 1], sign * word.count);
}

Json addedToken(int32_t id, const std::string &content)
{
    return {{"id", id},         {"content", content}, {"single_word", false}, {"lstrip", false},
            {"rstrip", false},   {"normalized", false}, {"special", true}};
}

Json byteLevelStep(bool decoder)
{
    return {{"type", "ByteLevel"}, {"add_prefix_space", decoder}, {"trim_offsets", decoder}, {"use_regex", decoder}};
}

// BOS before every sequence, as Llama's TemplateProcessing does it.
Json bosTemplate(const std::string &bos, int32_t bosId)
{
    const Json special = {{"SpecialToken", {{"id", bos}, {"type_id", 0}}}};
    const Json specialB = {{"SpecialToken", {{"id", bos}, {"type_id", 1}}}};
    const Json a = {{"Sequence", {{"id", "A"}, {"type_id", 0}}}};
    const Json b = {{"Sequence", {{"id", "B"}, {"type_id", 1}}}};
    return {{"type", "TemplateProcessing"},
            {"single", Json::array({special, a})},
            {"pair", Json::array({special, a, specialB, b})},
            {"special_tokens", {{bos, {{"id", bos}, {"ids", Json::array({bosId})}, {"tokens", Json::array({bos})}}}}}};
}

std::string tokenizerJson(const std::vector<std::string> &tokens,
                          const std::vector<std::pair<int32_t, int32_t>> &merges, const BpeTrainerOptions &options,
                          int32_t bosId, int32_t eosId)
{
    Json vocab = Json::object();
    for (size_t id = 0; id < tokens.size(); ++id)
        vocab[bytelevel::encodeBytes(tokens[id])] = int32_t(id);
    Json mergeList = Json::array();
    for (const auto &[left, right] : merges)
        mergeList.push_back(bytelevel::encodeBytes(tokens[size_t(left)]) + " " + bytelevel::encodeBytes(tokens[size_t(right)]));
    const Json split = {{"type", "Split"},
                        {"pattern", {{"Regex", pretokenizerpatterns::kQwen2}}},
                        {"behavior", "Isolated"},
                        {"invert", false}};
    const Json tokenizer = {
        {"version", "1.0"},
        {"truncation", nullptr},
        {"padding", nullptr},
        {"added_tokens", Json::array({addedToken(bosId, options.bosToken), addedToken(eosId, options.eosToken)})},
        {"normalizer", nullptr},
        {"pre_tokenizer", {{"type", "Sequence"}, {"pretokenizers", Json::array({split, byteLevelStep(false)})}}},
        {"post_processor", bosTemplate(options.bosToken, bosId)},
        {"decoder", byteLevelStep(true)},
        {"model",
         {{"type", "BPE"},
          {"dropout", nullptr},
          {"unk_token", nullptr},
          {"continuing_subword_prefix", nullptr},
          {"end_of_word_suffix", nullptr},
          {"fuse_unk", false},
          {"byte_fallback", false},
          {"ignore_merges", false},
          {"vocab", vocab},
          {"merges", mergeList}}},
    };
    return tokenizer.dump(2) + "\n";
}

std::string tokenizerConfigJson(const BpeTrainerOptions &options)
{
    const Json config = {{"add_bos_token", true},
                         {"add_eos_token", false},
                         {"bos_token", options.bosToken},
                         {"eos_token", options.eosToken},
                         {"clean_up_tokenization_spaces", false},
                         {"tokenizer_class", "PreTrainedTokenizerFast"}};
    return config.dump(2) + "\n";
}

} // namespace

BpeTrainingResult trainByteLevelBpe(const std::vector<std::string> &texts, const BpeTrainerOptions &options,
                                    const ProgressCallback &progress)
{
    if (options.vocabSize < 258)
        throw Error("BPE training: a vocabulary of " + std::to_string(options.vocabSize)
                    + " tokens cannot hold the 256 bytes and the two special tokens");
    if (options.bosToken.empty() || options.eosToken.empty() || options.bosToken == options.eosToken)
        throw Error("BPE training: BOS and EOS must be two different non-empty tokens");
    std::vector<Word> words = countWords(texts);
    std::vector<std::string> tokens; // bytes of each token, by id
    std::map<std::string, int32_t> ids;
    for (int byte = 0; byte < 256; ++byte) {
        tokens.emplace_back(1, char(byte));
        ids.emplace(tokens.back(), byte);
    }
    PairTable table;
    std::unordered_map<uint64_t, std::vector<uint32_t>> where; // pair -> words that had it
    for (size_t w = 0; w < words.size(); ++w) {
        countPairs(words[w], 1, table);
        for (size_t i = 0; i + 1 < words[w].symbols.size(); ++i)
            where[pairKey(words[w].symbols[i], words[w].symbols[i + 1])].push_back(uint32_t(w));
    }
    std::vector<std::pair<int32_t, int32_t>> merges;
    std::vector<size_t> visited(words.size(), SIZE_MAX);
    const size_t target = size_t(options.vocabSize) - 2;
    while (tokens.size() < target) {
        if (!reportProgress(progress, double(tokens.size() - 256) / double(target - 256)))
            throw Cancelled();
        const auto best = table.best();
        if (!best || std::get<0>(*best) < options.minPairCount)
            break;
        const auto [count, left, right] = *best;
        const std::string bytes = tokens[size_t(left)] + tokens[size_t(right)];
        auto [it, added] = ids.emplace(bytes, int32_t(tokens.size()));
        if (added)
            tokens.push_back(bytes);
        const int32_t merged = it->second;
        merges.emplace_back(left, right);
        const std::vector<uint32_t> affected = std::move(where[pairKey(left, right)]);
        where.erase(pairKey(left, right));
        for (const uint32_t w : affected) {
            if (visited[w] == merges.size())
                continue;
            visited[w] = merges.size();
            Word &word = words[w];
            const Word before = word;
            if (!mergeWord(word, left, right, merged))
                continue;
            countPairs(before, -1, table);
            countPairs(word, 1, table);
            for (size_t i = 0; i + 1 < word.symbols.size(); ++i)
                if (word.symbols[i] == merged || word.symbols[i + 1] == merged)
                    where[pairKey(word.symbols[i], word.symbols[i + 1])].push_back(w);
        }
    }
    BpeTrainingResult result;
    result.bosId = int32_t(tokens.size());
    result.eosId = result.bosId + 1;
    result.vocabSize = result.eosId + 1;
    result.mergeCount = int(merges.size());
    result.tokenizerJson = tokenizerJson(tokens, merges, options, result.bosId, result.eosId);
    result.tokenizerConfigJson = tokenizerConfigJson(options);
    reportProgress(progress, 1.0);
    return result;
}

} // namespace bitcliff
