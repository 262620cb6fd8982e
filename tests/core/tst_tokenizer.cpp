// The tokenizer algorithms on hand-made vocabularies: the byte-level map,
// rank-based merges (order, ties, the queue path against a plain reference), pre-tokenizer
// word boundaries, ignore_merges, added/special tokens (longest match, lstrip, rstrip,
// single_word, normalized), NFC, SentencePiece byte fallback, unknown fusing, Metaspace,
// BOS rules and decode round trips.
#include "support/tokenizerfixtures.h"
#include "tokenize/bpemerges.h"
#include "tokenize/bytelevel.h"
#include "tokenize/tokenizer.h"
#include "tokenize/utf8.h"

#include <QTest>

#include <map>
#include <random>
#include <thread>

using namespace bitcliff;
using Json = nlohmann::ordered_json;
using Ids = std::vector<int32_t>;

namespace {

const std::string kSpace = "\xE2\x96\x81"; // '▁'

std::shared_ptr<const Tokenizer> make(const Json &tokenizer, const std::string &tokenizerConfig = {})
{
    return tokenizerFromJson(tokenizer.dump(), tokenizerConfig, "test.json");
}

// Byte-level id of plain text that is one token.
int32_t id(const Json &tokenizer, const std::string &plain)
{
    return test::vocabId(tokenizer, bytelevel::encodeBytes(plain));
}

// Merges without a queue: lowest rank first, leftmost on ties.
Ids naiveMerge(Ids symbols, const std::map<std::pair<int32_t, int32_t>, std::pair<int32_t, int32_t>> &merges)
{
    for (;;) {
        int32_t bestRank = -1;
        size_t at = 0;
        for (size_t i = 0; i + 1 < symbols.size(); ++i) {
            const auto it = merges.find({symbols[i], symbols[i + 1]});
            if (it != merges.end() && (bestRank < 0 || it->second.first < bestRank)) {
                bestRank = it->second.first;
                at = i;
            }
        }
        if (bestRank < 0)
            return symbols;
        symbols[at] = merges.at({symbols[at], symbols[at + 1]}).second;
        symbols.erase(symbols.begin() + std::ptrdiff_t(at) + 1);
    }
}

} // namespace

class TestTokenizer : public QObject
{
    Q_OBJECT

private slots:
    void byteLevelMap()
    {
        QCOMPARE(uint32_t(bytelevel::characterOf(' ')), uint32_t(0x120));
        QCOMPARE(uint32_t(bytelevel::characterOf('\n')), uint32_t(0x10A));
        QCOMPARE(uint32_t(bytelevel::characterOf('a')), uint32_t('a'));
        QCOMPARE(uint32_t(bytelevel::characterOf(0xAD)), uint32_t(0x143)); // the last of the 68 moved bytes
        QCOMPARE(uint32_t(bytelevel::characterOf(0xFF)), uint32_t(0xFF));
        std::string all;
        for (int b = 0; b < 256; ++b)
            all += char(b);
        QCOMPARE(bytelevel::decodeToken(bytelevel::encodeBytes(all)).value(), all);
        QCOMPARE(bytelevel::decodeToken("\xC4\xA0world").value(), std::string(" world")); // "Ġworld"
        QVERIFY(!bytelevel::decodeToken("\xE2\x82\xAC").has_value()); // '€' is no byte-level character
    }

    void utf8Repair()
    {
        QCOMPARE(utf8::firstInvalid("h\xC3\xA9llo"), std::string_view::npos);
        QCOMPARE(utf8::firstInvalid("ab\xC3"), size_t(2));
        QCOMPARE(utf8::firstInvalid("\xED\xA0\x80"), size_t(0)); // a surrogate
        QCOMPARE(utf8::firstInvalid("\xC0\xAF"), size_t(0));     // overlong
        QCOMPARE(utf8::repaired("a\xE6\x97z"), std::string("a\xEF\xBF\xBDz")); // truncated sequence: one U+FFFD
        QCOMPARE(utf8::repaired("\xFF\xFE"), std::string("\xEF\xBF\xBD\xEF\xBF\xBD"));
    }

    // The queue (long words) and the scan (short words) against a plain reference.
    void mergesMatchPlainReference()
    {
        std::mt19937 random(7);
        std::map<std::pair<int32_t, int32_t>, std::pair<int32_t, int32_t>> reference;
        std::vector<std::array<int32_t, 3>> merges;
        int32_t next = 6;
        while (merges.size() < 300) {
            std::uniform_int_distribution<int32_t> pick(0, next - 1);
            const int32_t left = pick(random), right = pick(random);
            if (reference.count({left, right}))
                continue;
            reference[{left, right}] = {int32_t(merges.size()), next};
            merges.push_back({left, right, next++});
        }
        const BpeMerges fast(merges);
        QCOMPARE(fast.size(), merges.size());
        std::uniform_int_distribution<int32_t> symbol(0, 5), length(1, 120);
        for (int word = 0; word < 400; ++word) {
            Ids symbols(size_t(length(random)));
            for (int32_t &s : symbols)
                s = symbol(random);
            Ids merged = symbols;
            fast.apply(merged);
            QCOMPARE(merged, naiveMerge(symbols, reference));
        }
    }

    void mergeOrderAndTies()
    {
        const Json abFirst = test::byteLevelTokenizer({{"a", "b"}, {"b", "c"}});
        QCOMPARE(make(abFirst)->encode("abc"), (Ids{id(abFirst, "ab"), 'c'}));
        const Json bcFirst = test::byteLevelTokenizer({{"b", "c"}, {"a", "b"}});
        QCOMPARE(make(bcFirst)->encode("abc"), (Ids{'a', id(bcFirst, "bc")}));
        const Json pairs = test::byteLevelTokenizer({{"a", "a"}, {"aa", "aa"}});
        QCOMPARE(make(pairs)->encode("aaa"), (Ids{id(pairs, "aa"), 'a'})); // ties: leftmost first
        QCOMPARE(make(pairs)->encode("aaaaa"), (Ids{id(pairs, "aaaa"), 'a'}));
        // The same merges as "a b" strings and as ["a", "b"] pairs.
        Json asPairs = abFirst;
        asPairs["model"]["merges"] = Json::array({Json::array({"a", "b"}), Json::array({"b", "c"})});
        QCOMPARE(make(asPairs)->encode("abcabc"), make(abFirst)->encode("abcabc"));
    }

    void mergesStayInsideWords()
    {
        const Json tokenizer = test::byteLevelTokenizer({{"o", " "}, {" ", "w"}, {"h", "i"}});
        const auto t = make(tokenizer);
        // GPT-2's regex cuts "hio w" into "hio" and " w": "o " never forms.
        QCOMPARE(t->encode("hio w"), (Ids{id(tokenizer, "hi"), 'o', id(tokenizer, " w")}));
        QCOMPARE(t->encode("it's"), (Ids{'i', 't', '\'', 's'}));
    }

    void ignoreMerges()
    {
        Json tokenizer = test::byteLevelTokenizer({{"a", "b"}, {"b", "c"}});
        tokenizer["model"]["vocab"]["abc"] = 300; // in the vocabulary, but no merge makes it
        QCOMPARE(make(tokenizer)->encode("abc"), (Ids{id(tokenizer, "ab"), 'c'}));
        tokenizer["model"]["ignore_merges"] = true;
        QCOMPARE(make(tokenizer)->encode("abc"), (Ids{300}));
        QCOMPARE(make(tokenizer)->encode("abcd"), (Ids{id(tokenizer, "ab"), 'c', 'd'}));
    }

    void addedTokens()
    {
        Json tokenizer = test::byteLevelTokenizer({{"a", "b"}});
        Json &added = tokenizer["added_tokens"];
        added.push_back(test::addedToken(300, "<|x|>"));
        added.push_back(test::addedToken(301, "<|x|>y", false));
        Json strip = test::addedToken(302, "<m>");
        strip["lstrip"] = true;
        strip["rstrip"] = true;
        added.push_back(strip);
        Json word = test::addedToken(303, "[w]");
        word["single_word"] = true;
        added.push_back(word);
        const auto t = make(tokenizer);
        QCOMPARE(t->vocabSize(), 304);
        QCOMPARE(t->encode("ab<|x|>ab"), (Ids{id(tokenizer, "ab"), 300, id(tokenizer, "ab")}));
        QCOMPARE(t->encode("<|x|>yz"), (Ids{301, 'z'})); // the longest token at the leftmost place
        QCOMPARE(t->encode("a  <m>  b"), (Ids{'a', 302, 'b'}));
        QCOMPARE(t->encode("a[w]"), (Ids{'a', '[', 'w', ']'})); // touches a word: not the token
        QCOMPARE(t->encode("a [w] b"), (Ids{'a', ' ', 303, ' ', 'b'}));
        QCOMPARE(t->decode(Ids{id(tokenizer, "ab"), 300, 301}), std::string("ab<|x|><|x|>y"));
        QCOMPARE(t->piece(300), std::string("<|x|>"));
    }

    void normalizedAddedTokensAndNfc()
    {
        Json tokenizer = test::byteLevelTokenizer({});
        tokenizer["normalizer"] = {{"type", "Sequence"}, {"normalizers", {{{"type", "NFC"}}, {{"type", "Lowercase"}}}}};
        Json hello = test::addedToken(300, "hello", false);
        hello["normalized"] = true;
        tokenizer["added_tokens"].push_back(hello);
        const auto t = make(tokenizer);
        QCOMPARE(t->encode("HeLLo!"), (Ids{300, '!'})); // matched in the normalized text
        QCOMPARE(t->encode("Cafe\xCC\x81"), t->encode("caf\xC3\xA9")); // NFC: e + U+0301 = é
    }

    void decodeRoundTrip()
    {
        const Json tokenizer = test::byteLevelTokenizer({{"\xC3", "\xA9"}, {" ", "w"}, {"e", "\xC3\xA9"}});
        const auto t = make(tokenizer);
        const std::string text = "Caf\xC3\xA9 world \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x9A\x80\n\t  x";
        const Ids ids = t->encode(text);
        QCOMPARE(t->decode(ids), text);
        QCOMPARE(t->piece(id(tokenizer, " w")), std::string("\xC4\xA0w")); // "Ġw"
        QCOMPARE(t->decode(Ids{0xE6, 'x'}), std::string("\xEF\xBF\xBDx")); // a lone lead byte
        QCOMPARE(t->decode(Ids{'a', 99999, -1, 'b'}), std::string("ab"));   // unknown ids are dropped
    }

    void preTokenizerSteps()
    {
        Json tokenizer = test::byteLevelTokenizer({{"1", "2"}, {"a", "b"}});
        tokenizer["pre_tokenizer"] = {{"type", "Sequence"},
                                      {"pretokenizers",
                                       {{{"type", "Digits"}, {"individual_digits", true}},
                                        {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", true}}}}};
        QCOMPARE(make(tokenizer)->encode("ab12"), (Ids{id(tokenizer, "ab"), '1', '2'}));
        tokenizer["pre_tokenizer"] = {{"type", "Sequence"},
                                      {"pretokenizers",
                                       {{{"type", "Split"}, {"pattern", {{"String", "b"}}}, {"behavior", "Removed"}},
                                        {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", false}}}}};
        QCOMPARE(make(tokenizer)->encode("ab12ba"), (Ids{'a', id(tokenizer, "12"), 'a'}));
        tokenizer["pre_tokenizer"] = {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"use_regex", true}};
        QCOMPARE(make(tokenizer)->encode("ab"), (Ids{' ', id(tokenizer, "ab")}));
    }

    void sentencePieceByteFallback()
    {
        const Json tokenizer = test::sentencePieceTokenizer({kSpace, "h", "i", "a", "b"},
                                                            {{kSpace, "h"}, {kSpace + "h", "i"}, {"a", "b"}});
        const auto t = make(tokenizer);
        QCOMPARE(t->kind(), std::string_view("SentencePiece BPE"));
        const int32_t hi = test::vocabId(tokenizer, kSpace + "hi");
        const Ids ids = t->encode("hi ab\xC3\xA9");
        QCOMPARE(ids, (Ids{hi, test::vocabId(tokenizer, kSpace), test::vocabId(tokenizer, "ab"), 3 + 0xC3, 3 + 0xA9}));
        QCOMPARE(t->decode(ids), std::string("hi ab\xC3\xA9"));
        QCOMPARE(t->piece(3 + 0xC3), std::string("<0xC3>"));
        // Every text segment gets its "▁", as the Prepend normalizer works per segment.
        QCOMPARE(t->encode("hi</s>hi"), (Ids{hi, 2, hi}));
        QCOMPARE(t->decode(Ids{hi, 2, hi}), std::string("hi</s> hi"));
        QCOMPARE(t->decode(Ids{3 + 0xC3}), std::string("\xEF\xBF\xBD")); // one stray byte, one U+FFFD
        QCOMPARE(t->decode(Ids{3 + 0xC3, hi}), std::string("\xEF\xBF\xBD hi"));
    }

    void unknownCharactersFuse()
    {
        Json tokenizer = test::sentencePieceTokenizer({kSpace, "x"}, {});
        tokenizer["model"]["byte_fallback"] = false;
        const int32_t space = test::vocabId(tokenizer, kSpace), x = test::vocabId(tokenizer, "x");
        QCOMPARE(make(tokenizer)->encode("\xC3\xA9\xC3\xA9x\xC3\xA9"), (Ids{space, 0, x, 0}));
        tokenizer["model"]["fuse_unk"] = false;
        QCOMPARE(make(tokenizer)->encode("\xC3\xA9\xC3\xA9x"), (Ids{space, 0, 0, x}));
    }

    void metaspacePreTokenizer()
    {
        Json tokenizer = test::sentencePieceTokenizer({kSpace, "h", "i"}, {{kSpace, "h"}, {kSpace + "h", "i"}, {"h", "i"}});
        tokenizer["normalizer"] = nullptr;
        tokenizer["pre_tokenizer"] = {{"type", "Metaspace"}, {"replacement", kSpace}, {"prepend_scheme", "first"},
                                      {"split", true}};
        tokenizer["decoder"] = {{"type", "Metaspace"}, {"replacement", kSpace}, {"prepend_scheme", "first"},
                                {"split", true}};
        const auto t = make(tokenizer);
        const int32_t spaceHi = test::vocabId(tokenizer, kSpace + "hi"), hi = test::vocabId(tokenizer, "hi");
        QCOMPARE(t->encode("hi hi"), (Ids{spaceHi, spaceHi}));
        QCOMPARE(t->encode("hi</s>hi"), (Ids{spaceHi, 2, hi})); // "first": only at the start of the text
        QCOMPARE(t->decode(Ids{spaceHi, spaceHi}), std::string("hi hi"));
    }

    // One tokenizer shared by threads gives every thread the same ids.
    void sharedBetweenThreads()
    {
        const Json tokenizer = test::byteLevelTokenizer({{"h", "e"}, {"l", "l"}, {"he", "ll"}, {" ", "w"}});
        const auto t = make(tokenizer);
        std::string text;
        for (int i = 0; i < 200; ++i)
            text += "hello world " + std::to_string(i) + " \xE6\x97\xA5\xE6\x9C\xAC\n";
        const Ids expected = t->encode(text);
        std::vector<Ids> results(4);
        std::vector<std::thread> threads;
        for (Ids &result : results)
            threads.emplace_back([&t, &text, &result] {
                for (int round = 0; round < 5; ++round)
                    result = t->encode(text);
            });
        for (std::thread &thread : threads)
            thread.join();
        for (const Ids &result : results)
            QCOMPARE(result, expected);
    }

    void bosRules()
    {
        Json byteLevel = test::byteLevelTokenizer({});
        byteLevel["added_tokens"].push_back(test::addedToken(256, "<|begin_of_text|>"));
        byteLevel["added_tokens"].push_back(test::addedToken(257, "<|endoftext|>"));
        // Llama-3 by default (as in llama.cpp); the config decides when it says.
        const auto llama3 = make(byteLevel, R"({"bos_token": "<|begin_of_text|>", "eos_token": "<|endoftext|>"})");
        QVERIFY(llama3->addsBos());
        QCOMPARE(llama3->bosId(), 256);
        QCOMPARE(llama3->eosId(), 257);
        QCOMPARE(llama3->encode("a", true), (Ids{256, 'a'}));
        QCOMPARE(llama3->encode("a", false), (Ids{'a'}));
        QVERIFY(!make(byteLevel, R"({"bos_token": "<|begin_of_text|>", "add_bos_token": false})")->addsBos());
        // Qwen2 / GPT-2 style: no BOS.
        const auto qwen = make(byteLevel, R"({"bos_token": null, "eos_token": "<|endoftext|>"})");
        QVERIFY(!qwen->addsBos());
        QCOMPARE(qwen->bosId(), -1);
        QCOMPARE(qwen->encode("a", true), (Ids{'a'}));
        // A TemplateProcessing post-processor that puts a special token first adds it.
        byteLevel["post_processor"] = {
            {"type", "TemplateProcessing"},
            {"single", {{{"SpecialToken", {{"id", "<|endoftext|>"}, {"type_id", 0}}}}, {{"Sequence", {{"id", "A"}}}}}}};
        const auto templated = make(byteLevel);
        QVERIFY(templated->addsBos());
        QCOMPARE(templated->bosId(), 257);
        // SentencePiece (Llama-2): adds <s> unless the config says otherwise.
        const Json sentencePiece = test::sentencePieceTokenizer({kSpace}, {});
        QVERIFY(make(sentencePiece, R"({"bos_token": "<s>", "eos_token": "</s>"})")->addsBos());
        QVERIFY(!make(sentencePiece, R"({"bos_token": "<s>", "add_bos_token": false})")->addsBos());
        QCOMPARE(make(sentencePiece, R"({"bos_token": "<s>", "eos_token": "</s>"})")->eosId(), 2);
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "tst_tokenizer.moc"
