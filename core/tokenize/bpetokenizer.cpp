#include "tokenize/bpetokenizer.h"

#include "formats/safetensors.h"
#include "tokenize/bytelevel.h"
#include "tokenize/utf8.h"
#include "util/error.h"

#include <algorithm>
#include <unordered_map>

namespace bitcliff {

namespace {

constexpr std::string_view kMetaspace = "\xE2\x96\x81"; // U+2581 '▁'
constexpr size_t kMaxCachedWord = 64;                   // bytes; longer words are rare

struct TransparentHash
{
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

std::vector<std::array<int32_t, 3>> resolveMerges(const TokenizerSpec &spec)
{
    std::vector<std::array<int32_t, 3>> merges;
    if (spec.merges.empty())
        return merges;
    const Vocabulary spelled(spec.tokens, spec.types);
    merges.reserve(spec.merges.size());
    for (const auto &[left, right] : spec.merges) {
        const int32_t a = spelled.find(left), b = spelled.find(right), merged = spelled.find(left + right);
        if (a >= 0 && b >= 0 && merged >= 0) // a merge naming no token can never apply
            merges.push_back({a, b, merged});
    }
    return merges;
}

} // namespace

struct BpeTokenizer::EncodeState
{
    std::string storage;
    std::vector<std::string_view> words;
    std::vector<int32_t> symbols;
    std::unordered_map<std::string, std::pair<uint32_t, uint32_t>, TransparentHash, std::equal_to<>> cache;
    std::vector<int32_t> cachedIds;
};

BpeTokenizer::BpeTokenizer(TokenizerSpec spec)
    : m_algorithm(spec.algorithm)
    , m_merges(resolveMerges(spec))
    , m_preTokenizer(std::move(spec.preTokenizer))
    , m_ignoreMerges(spec.ignoreMerges)
    , m_byteFallback(spec.byteFallback)
    , m_fuseUnknown(spec.fuseUnknown)
    , m_unknownId(spec.unknownId)
    , m_bosId(spec.bosId)
    , m_eosId(spec.eosId)
    , m_addsBos(spec.addsBos)
    , m_stripLeadingSpace(spec.stripLeadingSpace)
{
    if (spec.tokens.empty())
        throw FormatError(spec.label, "the tokenizer has an empty vocabulary");
    spec.types.resize(spec.tokens.size(), TokenType::Normal);
    const bool byteLevel = m_algorithm == TokenizerSpec::Algorithm::ByteLevelBpe;
    if (byteLevel) {
        for (size_t id = 0; id < spec.tokens.size(); ++id) {
            const TokenType type = spec.types[id];
            if (type == TokenType::Control || type == TokenType::UserDefined)
                continue;
            if (auto bytes = bytelevel::decodeToken(spec.tokens[id]))
                spec.tokens[id] = std::move(*bytes);
            else
                m_plainPieces.push_back(int32_t(id));
        }
    }
    m_vocabulary = Vocabulary(std::move(spec.tokens), std::move(spec.types));
    for (int b = 0; b < 256; ++b) {
        const auto byte = static_cast<unsigned char>(b);
        m_byteIds[byte] = m_vocabulary.find(byteLevel ? std::string(1, char(byte)) : byteTokenPiece(byte));
    }
    for (const int32_t id : {m_bosId, m_eosId, m_unknownId})
        if (id >= m_vocabulary.size())
            throw FormatError(spec.label, "special token id " + std::to_string(id) + " is outside the vocabulary of "
                                              + std::to_string(m_vocabulary.size()));

    m_normalizer = Normalizer(std::move(spec.normalizer));
    std::vector<AddedToken> raw, normalized;
    for (AddedToken &token : spec.addedTokens) {
        if (!m_vocabulary.contains(token.id))
            throw FormatError(spec.label, "added token '" + printableExcerpt(token.content) + "' has id "
                                              + std::to_string(token.id) + ", outside the vocabulary");
        if (token.normalized && !m_normalizer.empty()) {
            token.content = m_normalizer.apply(token.content);
            normalized.push_back(std::move(token));
        } else {
            raw.push_back(std::move(token));
        }
    }
    m_rawAdded = AddedTokenMatcher(std::move(raw));
    m_normalizedAdded = AddedTokenMatcher(std::move(normalized));

    if (m_algorithm == TokenizerSpec::Algorithm::SentencePieceScores) {
        m_scores = std::move(spec.scores);
        m_scores.resize(size_t(m_vocabulary.size()), 0.0f);
        m_spm = std::make_unique<SpmMerger>(m_vocabulary, m_scores, m_unknownId);
    }
}

std::string_view BpeTokenizer::kind() const
{
    return m_algorithm == TokenizerSpec::Algorithm::ByteLevelBpe ? "byte-level BPE" : "SentencePiece BPE";
}

std::vector<int32_t> BpeTokenizer::encode(std::string_view text, bool addBos) const
{
    if (const size_t bad = utf8::firstInvalid(text); bad != std::string_view::npos)
        throw Error("the text is not valid UTF-8 (byte " + std::to_string(bad) + ")");
    std::vector<int32_t> ids;
    ids.reserve(text.size() / 3 + 2);
    if (addBos && m_bosId >= 0)
        ids.push_back(m_bosId);
    EncodeState state;
    std::vector<AddedTokenMatcher::Piece> pieces, subPieces;
    m_rawAdded.split(text, pieces);
    for (const AddedTokenMatcher::Piece &piece : pieces) {
        if (piece.id >= 0) {
            ids.push_back(piece.id);
            continue;
        }
        const std::string_view segment = text.substr(piece.begin, piece.end - piece.begin);
        const bool atStart = piece.begin == 0;
        if (m_normalizer.empty()) {
            encodeSegment(segment, atStart, state, ids);
            continue;
        }
        // Tokens marked `normalized` are found in the normalized text, as HF does.
        const std::string normalized = m_normalizer.apply(segment);
        subPieces.clear();
        m_normalizedAdded.split(normalized, subPieces);
        for (const AddedTokenMatcher::Piece &sub : subPieces) {
            if (sub.id >= 0)
                ids.push_back(sub.id);
            else
                encodeSegment(std::string_view(normalized).substr(sub.begin, sub.end - sub.begin),
                              atStart && sub.begin == 0, state, ids);
        }
    }
    return ids;
}

void BpeTokenizer::encodeSegment(std::string_view segment, bool atTextStart, EncodeState &state,
                                 std::vector<int32_t> &ids) const
{
    state.words.clear();
    m_preTokenizer.apply(segment, atTextStart, state.storage, state.words);
    for (const std::string_view word : state.words)
        encodeWord(word, state, ids);
}

void BpeTokenizer::encodeWord(std::string_view word, EncodeState &state, std::vector<int32_t> &ids) const
{
    if (word.empty())
        return;
    if (m_spm) {
        m_spm->encode(word, ids);
        return;
    }
    if (m_ignoreMerges) {
        if (const int32_t id = m_vocabulary.find(word); id >= 0) {
            ids.push_back(id);
            return;
        }
    }
    const bool cacheable = word.size() <= kMaxCachedWord;
    if (cacheable) {
        if (const auto hit = state.cache.find(word); hit != state.cache.end()) {
            const auto [offset, count] = hit->second;
            ids.insert(ids.end(), state.cachedIds.begin() + offset, state.cachedIds.begin() + offset + count);
            return;
        }
    }
    state.symbols.clear();
    initialSymbols(word, state.symbols);
    m_merges.apply(state.symbols);
    ids.insert(ids.end(), state.symbols.begin(), state.symbols.end());
    if (cacheable) {
        state.cache.emplace(std::string(word),
                            std::pair<uint32_t, uint32_t>(uint32_t(state.cachedIds.size()), uint32_t(state.symbols.size())));
        state.cachedIds.insert(state.cachedIds.end(), state.symbols.begin(), state.symbols.end());
    }
}

void BpeTokenizer::initialSymbols(std::string_view word, std::vector<int32_t> &symbols) const
{
    bool previousUnknown = false;
    auto addUnknown = [&] {
        if (m_unknownId >= 0 && !(m_fuseUnknown && previousUnknown))
            symbols.push_back(m_unknownId);
        previousUnknown = m_unknownId >= 0;
    };
    if (m_algorithm == TokenizerSpec::Algorithm::ByteLevelBpe) {
        for (const char c : word) {
            const int32_t id = m_byteIds[static_cast<unsigned char>(c)];
            if (id >= 0) {
                symbols.push_back(id);
                previousUnknown = false;
            } else {
                addUnknown();
            }
        }
        return;
    }
    // SentencePiece-style: one symbol per character, else its <0xXX> bytes, else <unk>.
    for (size_t offset = 0; offset < word.size();) {
        const size_t length = std::max<size_t>(1, utf8::sequenceLength(word, offset));
        const std::string_view character = word.substr(offset, length);
        offset += length;
        if (const int32_t id = m_vocabulary.find(character); id >= 0) {
            symbols.push_back(id);
            previousUnknown = false;
            continue;
        }
        bool allBytes = m_byteFallback;
        for (size_t i = 0; allBytes && i < character.size(); ++i)
            allBytes = m_byteIds[static_cast<unsigned char>(character[i])] >= 0;
        if (allBytes) {
            for (const char c : character)
                symbols.push_back(m_byteIds[static_cast<unsigned char>(c)]);
            previousUnknown = false;
        } else {
            addUnknown();
        }
    }
}

std::string BpeTokenizer::decode(std::span<const int32_t> ids) const
{
    return m_algorithm == TokenizerSpec::Algorithm::ByteLevelBpe ? decodeByteLevel(ids) : decodeSentencePiece(ids);
}

std::string BpeTokenizer::decodeByteLevel(std::span<const int32_t> ids) const
{
    std::string out, run;
    for (const int32_t id : ids) {
        if (!m_vocabulary.contains(id))
            continue; // as Hugging Face: ids without a token are dropped
        if (m_vocabulary.isAdded(id)) {
            out += utf8::repaired(run);
            run.clear();
            out += m_vocabulary.piece(id);
        } else {
            run += m_vocabulary.piece(id);
        }
    }
    out += utf8::repaired(run);
    return out;
}

std::string BpeTokenizer::decodeSentencePiece(std::span<const int32_t> ids) const
{
    std::string out, bytes;
    auto flushBytes = [&] {
        // HF's ByteFallback decoder: bytes that are no valid UTF-8 become one U+FFFD each.
        if (utf8::firstInvalid(bytes) == std::string_view::npos)
            out += bytes;
        else
            for (size_t i = 0; i < bytes.size(); ++i)
                out += "\xEF\xBF\xBD";
        bytes.clear();
    };
    for (const int32_t id : ids) {
        if (!m_vocabulary.contains(id))
            continue;
        const std::string &token = m_vocabulary.piece(id);
        if (m_vocabulary.type(id) == TokenType::Byte || (!m_vocabulary.isAdded(id) && byteTokenValue(token) >= 0)) {
            bytes += char(byteTokenValue(token) >= 0 ? byteTokenValue(token) : 0);
            continue;
        }
        flushBytes();
        for (size_t i = 0; i < token.size();) {
            if (token.compare(i, kMetaspace.size(), kMetaspace) == 0) {
                out += ' ';
                i += kMetaspace.size();
            } else {
                out += token[i++];
            }
        }
    }
    flushBytes();
    if (m_stripLeadingSpace && !out.empty() && out.front() == ' ')
        out.erase(0, 1);
    return out;
}

std::string BpeTokenizer::piece(int32_t id) const
{
    if (!m_vocabulary.contains(id))
        return {};
    const std::string &token = m_vocabulary.piece(id);
    if (m_algorithm != TokenizerSpec::Algorithm::ByteLevelBpe || m_vocabulary.isAdded(id)
        || std::binary_search(m_plainPieces.begin(), m_plainPieces.end(), id))
        return token;
    return bytelevel::encodeBytes(token);
}

std::shared_ptr<const Tokenizer> buildTokenizer(TokenizerSpec spec)
{
    return std::make_shared<const BpeTokenizer>(std::move(spec));
}

} // namespace bitcliff
