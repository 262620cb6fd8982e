// libFuzzer target for the tokenizers. The input is (1) text for three fixed tokenizers
// (byte-level BPE with the Llama-3 pre-tokenizer and added tokens; SentencePiece BPE with
// byte fallback; llama.cpp's score-based SPM): valid UTF-8 must decode back to itself,
// invalid UTF-8 must be refused with Error; (2) a tokenizer.json and (3) a GGUF file, which
// must either build a tokenizer that encodes and decodes a fixed text or fail with Error.
// Anything else (crash, sanitizer report, other exception, abort) is a bug.
#include "formats/gguf.h"
#include "tokenize/bytelevel.h"
#include "tokenize/gguftokenizer.h"
#include "tokenize/tokenizerspec.h"
#include "util/error.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace bitcliff;

namespace {

const std::string kSpace = "\xE2\x96\x81"; // '▁'
const std::string kSample = "Hello <|begin_of_text|> w\xC3\xB6rld \xE6\x97\xA5\xE6\x9C\xAC 123 <s>\n";

void addAdded(TokenizerSpec &spec, const std::string &content, TokenType type, bool strip, bool singleWord)
{
    AddedToken token;
    token.content = content;
    token.id = int32_t(spec.tokens.size());
    token.special = type == TokenType::Control;
    token.lstrip = token.rstrip = strip;
    token.singleWord = singleWord;
    spec.tokens.push_back(content);
    spec.types.push_back(type);
    spec.addedTokens.push_back(token);
}

std::shared_ptr<const Tokenizer> byteLevel()
{
    TokenizerSpec spec;
    spec.label = "fuzz";
    spec.algorithm = TokenizerSpec::Algorithm::ByteLevelBpe;
    for (int b = 0; b < 256; ++b)
        spec.tokens.push_back(bytelevel::encodeBytes(std::string(1, char(b))));
    const std::vector<std::pair<std::string, std::string>> merges = {
        {"h", "e"}, {"l", "l"}, {"he", "ll"}, {" ", "w"}, {"\xC3", "\xB6"}, {"\xE6", "\x97"}, {"\xE6\x97", "\xA5"},
        {"1", "2"}, {"\n", "\n"}};
    for (const auto &[left, right] : merges) {
        spec.merges.emplace_back(bytelevel::encodeBytes(left), bytelevel::encodeBytes(right));
        spec.tokens.push_back(bytelevel::encodeBytes(left + right));
    }
    spec.types.assign(spec.tokens.size(), TokenType::Normal);
    spec.bosId = int32_t(spec.tokens.size());
    addAdded(spec, "<|begin_of_text|>", TokenType::Control, false, false);
    addAdded(spec, "<think>", TokenType::UserDefined, true, false);
    addAdded(spec, "[w]", TokenType::UserDefined, false, true);
    spec.preTokenizer.addRegexSplit(pretokenizerpatterns::kLlama3);
    spec.ignoreMerges = true;
    return buildTokenizer(std::move(spec));
}

std::shared_ptr<const Tokenizer> sentencePiece(TokenizerSpec::Algorithm algorithm)
{
    TokenizerSpec spec;
    spec.label = "fuzz";
    spec.algorithm = algorithm;
    spec.tokens = {"<unk>", "<s>", "</s>"};
    spec.types = {TokenType::Unknown, TokenType::Control, TokenType::Control};
    for (int b = 0; b < 256; ++b) {
        spec.tokens.push_back(byteTokenPiece(static_cast<unsigned char>(b)));
        spec.types.push_back(TokenType::Byte);
    }
    const std::vector<std::string> pieces = {kSpace, "h", "e", "l", "o", kSpace + "h", kSpace + "he", "ll",
                                             kSpace + "hell", kSpace + "hello"};
    for (const std::string &piece : pieces) {
        spec.tokens.push_back(piece);
        spec.types.push_back(TokenType::Normal);
    }
    spec.merges = {{kSpace, "h"}, {kSpace + "h", "e"}, {"l", "l"}, {kSpace + "he", "ll"}, {kSpace + "hell", "o"}};
    for (size_t id = 0; id < spec.tokens.size(); ++id)
        spec.scores.push_back(-float(id));
    for (int32_t id = 0; id < 3; ++id) {
        AddedToken token;
        token.content = spec.tokens[size_t(id)];
        token.id = id;
        token.special = true;
        spec.addedTokens.push_back(token);
    }
    spec.normalizer = sentencePieceEscaping(true);
    spec.byteFallback = true;
    spec.fuseUnknown = true;
    spec.unknownId = 0;
    spec.bosId = 1;
    spec.eosId = 2;
    spec.stripLeadingSpace = true;
    return buildTokenizer(std::move(spec));
}

void exercise(const Tokenizer &tokenizer)
{
    const std::vector<int32_t> ids = tokenizer.encode(kSample, true);
    (void)tokenizer.decode(ids);
    for (const int32_t id : ids)
        (void)tokenizer.piece(id);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const std::vector<std::shared_ptr<const Tokenizer>> tokenizers{
        byteLevel(), sentencePiece(TokenizerSpec::Algorithm::SentencePieceBpe),
        sentencePiece(TokenizerSpec::Algorithm::SentencePieceScores)};
    const std::string text(reinterpret_cast<const char *>(data), size);
    // Added tokens may swallow spaces or gain a "▁" after them; a literal "▁" decodes as a space.
    const bool lossy = text.find('<') != std::string::npos || text.find('[') != std::string::npos
                    || text.find(kSpace) != std::string::npos;
    for (const auto &tokenizer : tokenizers) {
        try {
            const std::string decoded = tokenizer->decode(tokenizer->encode(text));
            if (decoded != text && !lossy)
                std::abort();
        } catch (const Error &) {
        }
    }
    try {
        exercise(*tokenizerFromJson(text, {}, "fuzz.json"));
    } catch (const Error &) {
    }
    try {
        std::vector<std::byte> bytes(size);
        if (size > 0)
            std::memcpy(bytes.data(), data, size);
        exercise(*buildTokenizer(ggufTokenizerSpec(parseGguf(bytes, "fuzz.gguf"), "fuzz.gguf")));
    } catch (const Error &) {
    }
    return 0;
}
