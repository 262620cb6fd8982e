// tokenizer.json -> TokenizerSpec: the BPE model, added tokens, normalizer, pre-tokenizer,
// decoder and whether BOS is added (tokenizer_config.json, post-processor).
#include "tokenize/hftokenizerjson.h"

#include "formats/safetensors.h"
#include "util/error.h"

#include <algorithm>

namespace bitcliff::hfjson {

namespace {

constexpr const char *kMetaspace = "\xE2\x96\x81"; // U+2581 '▁'

std::string componentType(const Json &node) { return stringMember(node, "type"); }

// Pattern of a Split / Replace step: {"String": "..."} or {"Regex": "..."}.
std::shared_ptr<const SplitPattern> pattern(const Json &node, SplitBehavior behavior, bool invert,
                                            const std::string &label)
{
    const Json &spec = member(node, "pattern");
    try {
        if (member(spec, "Regex").is_string())
            return std::make_shared<const SplitPattern>(stringMember(spec, "Regex"), true, behavior, invert);
        if (member(spec, "String").is_string())
            return std::make_shared<const SplitPattern>(stringMember(spec, "String"), false, behavior, invert);
    } catch (const Error &e) {
        throw FormatError(label, e.what());
    }
    throw FormatError(label, componentType(node) + " has no String or Regex pattern");
}

void addNormalizer(const Json &node, std::vector<NormalizerStep> &steps, const std::string &label)
{
    if (node.is_null())
        return;
    const std::string type = componentType(node);
    NormalizerStep step;
    if (type == "Sequence") {
        for (const Json &child : member(node, "normalizers"))
            addNormalizer(child, steps, label);
        return;
    } else if (type == "NFC") {
        step.kind = NormalizerStep::Kind::Nfc;
    } else if (type == "NFD") {
        step.kind = NormalizerStep::Kind::Nfd;
    } else if (type == "NFKC") {
        step.kind = NormalizerStep::Kind::Nfkc;
    } else if (type == "NFKD") {
        step.kind = NormalizerStep::Kind::Nfkd;
    } else if (type == "Prepend") {
        step.kind = NormalizerStep::Kind::Prepend;
        step.text = stringMember(node, "prepend");
    } else if (type == "Replace") {
        step.kind = NormalizerStep::Kind::Replace;
        step.pattern = pattern(node, SplitBehavior::Isolated, false, label);
        step.text = stringMember(node, "content");
    } else if (type == "Strip") {
        step.kind = NormalizerStep::Kind::Strip;
        step.left = boolMember(node, "strip_left");
        step.right = boolMember(node, "strip_right");
    } else if (type == "Lowercase") {
        step.kind = NormalizerStep::Kind::Lowercase;
    } else {
        throw FormatError(label, "normalizer '" + type + "' is not supported");
    }
    steps.push_back(std::move(step));
}

SplitBehavior splitBehavior(const Json &node, const std::string &label)
{
    const std::string behavior = stringMember(node, "behavior");
    if (behavior == "Isolated" || behavior.empty())
        return SplitBehavior::Isolated;
    if (behavior == "Removed")
        return SplitBehavior::Removed;
    if (behavior == "MergedWithPrevious")
        return SplitBehavior::MergedWithPrevious;
    if (behavior == "MergedWithNext")
        return SplitBehavior::MergedWithNext;
    if (behavior == "Contiguous")
        return SplitBehavior::Contiguous;
    throw FormatError(label, "Split behavior '" + behavior + "' is not supported");
}

PrependScheme prependScheme(const Json &node)
{
    const std::string scheme = stringMember(node, "prepend_scheme");
    if (scheme == "first")
        return PrependScheme::First;
    if (scheme == "never")
        return PrependScheme::Never;
    if (scheme.empty() && !boolMember(node, "add_prefix_space", true))
        return PrependScheme::Never;
    return PrependScheme::Always;
}

// Steps of a pre-tokenizer (a Sequence flattened). Text transforms (Metaspace, ByteLevel's
// prefix space) must come before any split, where they act on the whole segment; regexes
// after a ByteLevel step would see byte-level spelling, which only a split-free ByteLevel
// step allows.
void addPreTokenizer(const Json &node, PreTokenizer &pre, bool &byteLevelSeen, const std::string &label)
{
    if (node.is_null())
        return;
    const std::string type = componentType(node);
    if (type == "Sequence") {
        for (const Json &child : member(node, "pretokenizers"))
            addPreTokenizer(child, pre, byteLevelSeen, label);
        return;
    }
    if (byteLevelSeen)
        throw FormatError(label, "pre-tokenizer '" + type + "' after ByteLevel is not supported");
    auto requireFirst = [&](const char *what) {
        if (pre.hasSplits() || pre.hasTransform())
            throw FormatError(label, std::string(what) + " after another pre-tokenizer step is not supported");
    };
    if (type == "Split") {
        pre.addSplit(pattern(node, splitBehavior(node, label), boolMember(node, "invert"), label));
    } else if (type == "ByteLevel") {
        byteLevelSeen = true;
        if (boolMember(node, "add_prefix_space")) {
            requireFirst("ByteLevel with add_prefix_space");
            pre.setPrefixSpace(true);
        }
        if (boolMember(node, "use_regex", true))
            pre.addRegexSplit(pretokenizerpatterns::kGpt2);
    } else if (type == "Digits") {
        pre.addRegexSplit(boolMember(node, "individual_digits") ? R"(\p{N})" : R"(\p{N}+)");
    } else if (type == "Metaspace") {
        requireFirst("Metaspace");
        const std::string replacement = stringMember(node, "replacement");
        pre.setMetaspace(replacement.empty() ? kMetaspace : replacement, prependScheme(node),
                         boolMember(node, "split", true));
    } else {
        throw FormatError(label, "pre-tokenizer '" + type + "' is not supported");
    }
}

// Whether the SentencePiece decoder drops the space the encoder put before the text.
bool decoderStripsLeadingSpace(const Json &decoder)
{
    if (decoder.is_null())
        return false;
    const std::string type = componentType(decoder);
    if (type == "Sequence") {
        for (const Json &child : member(decoder, "decoders"))
            if (decoderStripsLeadingSpace(child))
                return true;
        return false;
    }
    if (type == "Strip")
        return stringMember(decoder, "content") == " " && member(decoder, "start").is_number_integer()
            && member(decoder, "start").get<int64_t>() >= 1;
    if (type == "Metaspace")
        return prependScheme(decoder) != PrependScheme::Never;
    return false;
}

// The special token a TemplateProcessing post-processor puts before a single sequence.
std::string templateFirstToken(const Json &processor)
{
    const std::string type = componentType(processor);
    if (type == "Sequence") {
        for (const Json &child : member(processor, "processors"))
            if (std::string token = templateFirstToken(child); !token.empty())
                return token;
        return {};
    }
    if (type != "TemplateProcessing")
        return {};
    const Json &single = member(processor, "single");
    if (!single.is_array() || single.empty())
        return {};
    return stringMember(member(single.front(), "SpecialToken"), "id");
}

int32_t configTokenId(const Json &config, const char *key)
{
    const Json &value = member(config, key);
    if (value.is_number_integer())
        return int32_t(value.get<int64_t>());
    if (value.is_array() && !value.empty() && value.front().is_number_integer())
        return int32_t(value.front().get<int64_t>()); // several eos ids: the first
    return -1;
}

void readSpecialTokens(TokenizerSpec &spec, const Json &model, const Json &tokenizer, const Json &tokenizerConfig,
                       const Json &config)
{
    auto idOf = [&](const std::string &piece) {
        const auto it = piece.empty() ? spec.tokens.end() : std::find(spec.tokens.begin(), spec.tokens.end(), piece);
        return it == spec.tokens.end() ? -1 : int32_t(it - spec.tokens.begin());
    };
    const std::string templateToken = templateFirstToken(member(tokenizer, "post_processor"));
    spec.unknownId = idOf(stringMember(model, "unk_token"));

    spec.bosId = idOf(tokenText(member(tokenizerConfig, "bos_token")));
    if (spec.bosId < 0)
        spec.bosId = idOf(templateToken);
    if (spec.bosId < 0)
        spec.bosId = configTokenId(config, "bos_token_id");
    spec.eosId = idOf(tokenText(member(tokenizerConfig, "eos_token")));
    if (spec.eosId < 0)
        spec.eosId = configTokenId(config, "eos_token_id");
    // Nothing configured: the usual names of the two flavours.
    const bool byteLevel = spec.algorithm == TokenizerSpec::Algorithm::ByteLevelBpe;
    if (spec.bosId < 0 && !tokenizerConfig.contains("bos_token")) // Qwen2 says null: none
        spec.bosId = idOf(byteLevel ? "<|begin_of_text|>" : "<s>");
    if (spec.eosId < 0)
        spec.eosId = byteLevel ? std::max(idOf("<|end_of_text|>"), idOf("<|endoftext|>")) : idOf("</s>");
    for (int32_t *id : {&spec.bosId, &spec.eosId})
        if (*id >= int32_t(spec.tokens.size()))
            *id = -1;

    if (member(tokenizerConfig, "add_bos_token").is_boolean())
        spec.addsBos = boolMember(tokenizerConfig, "add_bos_token");
    else if (!templateToken.empty())
        spec.addsBos = true;
    else if (byteLevel) // Llama-3 adds it, Qwen2/GPT-2 not
        spec.addsBos = spec.bosId >= 0 && spec.tokens[size_t(spec.bosId)] == "<|begin_of_text|>";
    else
        spec.addsBos = spec.bosId >= 0; // Llama-2, Mistral, TinyLlama
    spec.addsBos = spec.addsBos && spec.bosId >= 0;
}

} // namespace

TokenizerSpec readTokenizerSpec(std::string_view tokenizerJson, std::string_view tokenizerConfigJson,
                                std::string_view configJson, const std::string &label)
{
    const Json tokenizer = parseObject(tokenizerJson, label);
    const Json tokenizerConfig = parseObject(tokenizerConfigJson, label + " (tokenizer_config.json)");
    const Json config = parseObject(configJson, label + " (config.json)");
    const Json &model = member(tokenizer, "model");
    if (!model.is_object())
        throw FormatError(label, "no \"model\" object: not a Hugging Face tokenizer.json");
    const std::string type = stringMember(model, "type");
    if (type != "BPE")
        throw FormatError(label, "tokenizer model '" + (type.empty() ? std::string("(none)") : type)
                                     + "' is not supported (only BPE: byte-level or SentencePiece-style)");
    for (const char *key : {"continuing_subword_prefix", "end_of_word_suffix"})
        if (!stringMember(model, key).empty())
            throw FormatError(label, std::string("BPE with a ") + key + " is not supported");

    TokenizerSpec spec;
    spec.label = label;
    const bool byteLevel = bpeStyle(tokenizer) == BpeStyle::ByteLevel;
    spec.algorithm = byteLevel ? TokenizerSpec::Algorithm::ByteLevelBpe : TokenizerSpec::Algorithm::SentencePieceBpe;
    const auto vocabulary = readVocabulary(tokenizer, !byteLevel, label);
    if (vocabulary.empty())
        throw FormatError(label, "model.vocab is empty");
    const auto count = size_t(vocabulary.rbegin()->first + 1);
    spec.tokens.resize(count);
    spec.types.assign(count, TokenType::Unused);
    for (const auto &[id, entry] : vocabulary) {
        spec.tokens[size_t(id)] = entry.first;
        spec.types[size_t(id)] = entry.second;
    }
    spec.merges = readMerges(member(model, "merges"), label);
    spec.ignoreMerges = boolMember(model, "ignore_merges");
    spec.byteFallback = boolMember(model, "byte_fallback");
    spec.fuseUnknown = boolMember(model, "fuse_unk");

    const Json &addedTokens = member(tokenizer, "added_tokens");
    if (addedTokens.is_array()) {
        for (const Json &added : addedTokens) {
            AddedToken token;
            token.content = tokenText(added);
            token.id = int32_t(member(added, "id").get<int64_t>()); // checked by readVocabulary
            token.special = boolMember(added, "special");
            token.lstrip = boolMember(added, "lstrip");
            token.rstrip = boolMember(added, "rstrip");
            token.singleWord = boolMember(added, "single_word");
            token.normalized = boolMember(added, "normalized", !token.special);
            spec.addedTokens.push_back(std::move(token));
        }
    }

    addNormalizer(member(tokenizer, "normalizer"), spec.normalizer, label);
    bool byteLevelSeen = false;
    addPreTokenizer(member(tokenizer, "pre_tokenizer"), spec.preTokenizer, byteLevelSeen, label);
    spec.stripLeadingSpace = !byteLevel && decoderStripsLeadingSpace(member(tokenizer, "decoder"));
    readSpecialTokens(spec, model, tokenizer, tokenizerConfig, config);
    return spec;
}

} // namespace bitcliff::hfjson
