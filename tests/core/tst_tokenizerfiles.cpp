// Loading tokenizers: a tokenizer.json file, a Hugging Face directory, a GGUF file and an
// opened model; a vocabulary converted to GGUF (convertHfTokenizer) and read back gives the
// ids of the tokenizer.json it came from (byte-level and SentencePiece); bad input gives one
// clear line.
#include "formats/ggmltypes.h"
#include "formats/ggufwriter.h"
#include "formats/model.h"
#include "formats/tokenizerconversion.h"
#include "support/fixtures.h"
#include "support/tokenizerfixtures.h"
#include "tokenize/gguftokenizer.h"
#include "tokenize/pretokenizer.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

using namespace bitcliff;
using Json = nlohmann::ordered_json;
using Ids = std::vector<int32_t>;
namespace fs = std::filesystem;

namespace {

const std::string kSpace = "\xE2\x96\x81"; // '▁'
const std::vector<std::string> kTexts = {"hello world", "  hello\n\nwell, hello 123 456789!",
                                         "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC <|begin_of_text|>hello<think>x",
                                         "he'll tell: hell", "", " ", "\xF0\x9F\x9A\x80 hi</s>hi<s>"};

Json byteLevelFixture()
{
    Json tokenizer = test::byteLevelTokenizer(
        {{"h", "e"}, {"l", "l"}, {"he", "ll"}, {"hell", "o"}, {" ", "w"}, {"o", "r"}, {" w", "or"}, {"1", "2"}, {" ", "hello"}});
    tokenizer["added_tokens"].push_back(test::addedToken(300, "<|begin_of_text|>"));
    tokenizer["added_tokens"].push_back(test::addedToken(301, "<think>", false));
    return tokenizer;
}

Json sentencePieceFixture()
{
    // Consistent as SentencePiece makes them: no token can be made by two different merges.
    return test::sentencePieceTokenizer({kSpace, "h", "e", "l", "o", "w", "r", "d", "i"},
                                        {{"l", "l"}, {kSpace, "h"}, {kSpace + "h", "e"}, {kSpace + "he", "ll"},
                                         {kSpace + "hell", "o"}, {"o", "r"}, {kSpace, "w"}, {kSpace + "w", "or"},
                                         {kSpace + "h", "i"}});
}

// tokenizer.json -> GGUF keys -> GGUF bytes -> tokenizer.
std::shared_ptr<const Tokenizer> throughGguf(const Json &tokenizer, const std::string &config,
                                             const std::string &architecture)
{
    const TokenizerConversion conversion = convertHfTokenizer(tokenizer.dump(), config, "", architecture, 0, "t.json");
    if (!conversion.note.empty())
        throw Error(conversion.note);
    return buildTokenizer(ggufTokenizerSpec(parseGguf(serializeGguf(conversion.metadata, {}), "t.gguf"), "t.gguf"));
}

std::string errorOf(const std::function<void()> &action)
{
    try {
        action();
    } catch (const std::exception &e) {
        return e.what();
    }
    return "(no error)";
}

bool oneLine(const std::string &message) { return !message.empty() && message.find('\n') == std::string::npos; }

GgufMetadata withKey(GgufMetadata metadata, const std::string &key, GgufValue value)
{
    for (auto &entry : metadata)
        if (entry.first == key) {
            entry.second = std::move(value);
            return metadata;
        }
    metadata.emplace_back(key, std::move(value));
    return metadata;
}

} // namespace

class TestTokenizerFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void ggufConversionGivesTheSameIds_data()
    {
        QTest::addColumn<QString>("flavour");
        QTest::newRow("gpt-2 regex") << QStringLiteral("gpt2");
        QTest::newRow("llama-bpe") << QStringLiteral("llama");
        QTest::newRow("qwen2") << QStringLiteral("qwen2");
        QTest::newRow("sentencepiece") << QStringLiteral("spm");
    }

    void ggufConversionGivesTheSameIds()
    {
        QFETCH(QString, flavour);
        Json tokenizer = flavour == QLatin1String("spm") ? sentencePieceFixture() : byteLevelFixture();
        const std::string architecture = flavour == QLatin1String("spm") ? "llama" : flavour.toStdString();
        if (flavour == QLatin1String("llama") || flavour == QLatin1String("qwen2")) {
            // What the real Llama-3 / Qwen2 tokenizer.json files say.
            const char *regex = flavour == QLatin1String("llama") ? pretokenizerpatterns::kLlama3 : pretokenizerpatterns::kQwen2;
            tokenizer["pre_tokenizer"] = {{"type", "Sequence"},
                                          {"pretokenizers",
                                           {{{"type", "Split"}, {"pattern", {{"Regex", regex}}}, {"behavior", "Isolated"}},
                                            {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", false}}}}};
            tokenizer["model"]["ignore_merges"] = flavour == QLatin1String("llama");
        }
        const std::string config = flavour == QLatin1String("spm") ? R"({"bos_token": "<s>", "eos_token": "</s>"})"
                                                                    : R"({"bos_token": "<|begin_of_text|>"})";
        const auto fromJson = tokenizerFromJson(tokenizer.dump(), config, "t.json");
        const auto fromGguf = throughGguf(tokenizer, config, architecture);
        QCOMPARE(fromGguf->vocabSize(), fromJson->vocabSize());
        QCOMPARE(fromGguf->bosId(), fromJson->bosId());
        QCOMPARE(fromGguf->eosId(), fromJson->eosId());
        QCOMPARE(fromGguf->kind(), fromJson->kind());
        for (const std::string &text : kTexts) {
            const Ids ids = fromJson->encode(text);
            QVERIFY2(fromGguf->encode(text) == ids, text.c_str());
            QCOMPARE(fromGguf->decode(ids), fromJson->decode(ids));
        }
        QCOMPARE(fromJson->encode("hello world").size(), size_t(4)); // hello, " wor", l, d
    }

    void loadsFileDirectoryAndGguf()
    {
        const fs::path directory = fs::path(m_dir.path().toStdString()) / "hf";
        fs::create_directories(directory);
        const Json tokenizer = byteLevelFixture();
        test::writeTextFile(directory / "tokenizer.json", tokenizer.dump());
        test::writeTextFile(directory / "tokenizer_config.json",
                            R"({"bos_token": "<|begin_of_text|>", "add_bos_token": false})");
        const auto fromDirectory = loadTokenizer(directory);
        const auto fromFile = loadTokenizer(directory / "tokenizer.json");
        QCOMPARE(fromDirectory->bosId(), 300);
        QVERIFY(!fromDirectory->addsBos()); // tokenizer_config.json beside the file is read
        QVERIFY(!fromFile->addsBos());
        QCOMPARE(fromFile->encode("hello world"), fromDirectory->encode("hello world"));

        const TokenizerConversion conversion = convertHfTokenizer(tokenizer.dump(), "", "", "gpt2", 0, "t.json");
        const fs::path gguf = directory / "tokenizer.gguf";
        writeGguf(gguf, conversion.metadata, {});
        QCOMPARE(loadTokenizer(gguf)->encode("hello world"), fromFile->encode("hello world"));
    }

    void tokenizerOfAModel()
    {
        const fs::path directory = fs::path(m_dir.path().toStdString()) / "model";
        test::writeTinyLlama(directory);
        const auto model = openModel(directory);
        const std::string missing = errorOf([&] { tokenizerForModel(*model); });
        QVERIFY2(missing.find("no tokenizer") != std::string::npos && oneLine(missing), missing.c_str());
        QVERIFY2(missing.find(model->sourcePath()) != std::string::npos, missing.c_str());
        test::writeTextFile(directory / "tokenizer.json", sentencePieceFixture().dump());
        const auto tokenizer = tokenizerForModel(*model);
        QCOMPARE(tokenizer->kind(), std::string_view("SentencePiece BPE"));
        QVERIFY(tokenizer->addsBos()); // Llama-2 default

        // A GGUF model carries its vocabulary.
        const TokenizerConversion conversion = convertHfTokenizer(sentencePieceFixture().dump(), "", "", "llama", 0, "t");
        GgufMetadata metadata = conversion.metadata;
        metadata.insert(metadata.begin(), {"general.architecture", ggufString("llama")});
        GgufTensorEntry embedding{"token_embd.weight", {2, 4}, ggmlTypeCode(GgmlType::F32), std::vector<std::byte>(32)};
        const fs::path gguf = fs::path(m_dir.path().toStdString()) / "model.gguf";
        writeGguf(gguf, metadata, {embedding});
        const auto fromGguf = tokenizerForModel(*openModel(gguf));
        QCOMPARE(fromGguf->encode("hello world"), tokenizer->encode("hello world"));
        writeGguf(gguf, {{"general.architecture", ggufString("llama")}}, {embedding});
        const std::string none = errorOf([&] { tokenizerForModel(*openModel(gguf)); });
        QVERIFY2(none.find("GGUF has no tokenizer") != std::string::npos && oneLine(none), none.c_str());
    }

    void badFiles_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("expected");
        Json wordPiece = byteLevelFixture();
        wordPiece["model"]["type"] = "WordPiece";
        Json unigram = byteLevelFixture();
        unigram["model"] = {{"type", "Unigram"}, {"vocab", Json::array()}};
        Json whitespace = byteLevelFixture();
        whitespace["pre_tokenizer"] = {{"type", "Whitespace"}};
        Json bert = byteLevelFixture();
        bert["normalizer"] = {{"type", "BertNormalizer"}};
        Json badMerge = byteLevelFixture();
        badMerge["model"]["merges"].push_back(5);
        Json badRegex = byteLevelFixture();
        badRegex["pre_tokenizer"] = {{"type", "Split"}, {"pattern", {{"Regex", "(unclosed"}}}, {"behavior", "Isolated"}};
        Json badId = byteLevelFixture();
        badId["model"]["vocab"]["x y"] = "seven";
        Json suffix = byteLevelFixture();
        suffix["model"]["end_of_word_suffix"] = "</w>";
        auto row = [](const char *name, const Json &json, const char *expected) {
            QTest::newRow(name) << QString::fromStdString(json.dump()) << QString::fromLatin1(expected);
        };
        QTest::newRow("truncated") << QStringLiteral("{\"model\": {") << QStringLiteral("not valid JSON");
        QTest::newRow("array") << QStringLiteral("[1, 2]") << QStringLiteral("not a JSON object");
        QTest::newRow("no model") << QStringLiteral("{}") << QStringLiteral("no \"model\" object");
        row("WordPiece", wordPiece, "tokenizer model 'WordPiece' is not supported");
        row("Unigram", unigram, "tokenizer model 'Unigram' is not supported");
        row("Whitespace", whitespace, "pre-tokenizer 'Whitespace' is not supported");
        row("BertNormalizer", bert, "normalizer 'BertNormalizer' is not supported");
        row("merge", badMerge, "neither \"a b\" nor");
        row("regex", badRegex, "does not compile");
        row("id", badId, "has an invalid id");
        row("suffix", suffix, "end_of_word_suffix is not supported");
    }

    void badFiles()
    {
        QFETCH(QString, content);
        QFETCH(QString, expected);
        const fs::path path = fs::path(m_dir.path().toStdString()) / "bad" / "tokenizer.json";
        fs::create_directories(path.parent_path());
        test::writeTextFile(path, content.toStdString());
        const std::string message = errorOf([&] { loadTokenizer(path); });
        QVERIFY2(message.find(expected.toStdString()) != std::string::npos, message.c_str());
        QVERIFY2(message.find(path.string()) != std::string::npos && oneLine(message), message.c_str());
    }

    void badPathsAndText()
    {
        const fs::path root = m_dir.path().toStdString();
        QVERIFY(errorOf([&] { loadTokenizer(root / "absent.json"); }).find("no such file or directory") != std::string::npos);
        fs::create_directories(root / "empty");
        QCOMPARE(errorOf([&] { loadTokenizer(root / "empty"); }), "no tokenizer.json in " + (root / "empty").string());
        test::writeTextFile(root / "fake.gguf", "not a gguf file");
        QVERIFY(errorOf([&] { loadTokenizer(root / "fake.gguf"); }).find("bad magic") != std::string::npos);
        const auto tokenizer = tokenizerFromJson(byteLevelFixture().dump());
        QCOMPARE(errorOf([&] { tokenizer->encode("ok \xC3("); }), std::string("the text is not valid UTF-8 (byte 3)"));
    }

    void badGguf()
    {
        const GgufMetadata good = convertHfTokenizer(byteLevelFixture().dump(), "", "", "gpt2", 0, "t").metadata;
        auto message = [](const GgufMetadata &metadata) {
            return errorOf([&] { ggufTokenizerSpec(parseGguf(serializeGguf(metadata, {}), "x.gguf"), "x.gguf"); });
        };
        QCOMPARE(message({}), std::string("x.gguf: GGUF has no tokenizer (no tokenizer.ggml.model)"));
        QCOMPARE(message(withKey(good, "tokenizer.ggml.model", ggufString("bert"))),
                 std::string("x.gguf: tokenizer model 'bert' is not supported (only \"gpt2\" byte-level BPE and "
                             "\"llama\" SentencePiece)"));
        QVERIFY(message(withKey(good, "tokenizer.ggml.pre", ggufString("deepseek-coder")))
                    .find("pre-tokenizer 'deepseek-coder' is not supported")
                != std::string::npos);
        QVERIFY(message(withKey(good, "tokenizer.ggml.tokens", ggufArray(GgufType::I32, {ggufI32(1)})))
                    .find("tokenizer.ggml.tokens holds a value that is not a string")
                != std::string::npos);
        QVERIFY(message(withKey(good, "tokenizer.ggml.token_type", ggufArray(GgufType::I32, {ggufI32(1)})))
                    .find("tokenizer.ggml.token_type has 1 entries")
                != std::string::npos);
        QVERIFY(message(withKey(good, "tokenizer.ggml.tokens", ggufArray(GgufType::String, {})))
                    .find("no tokenizer.ggml.tokens")
                != std::string::npos);
        // add_bos_token decides; without it llama-bpe adds BOS and gpt-2 does not.
        GgufMetadata llama3 = withKey(good, "tokenizer.ggml.pre", ggufString("llama-bpe"));
        llama3 = withKey(llama3, "tokenizer.ggml.bos_token_id", ggufU32(300));
        auto load = [](const GgufMetadata &metadata) {
            return buildTokenizer(ggufTokenizerSpec(parseGguf(serializeGguf(metadata, {}), "x.gguf"), "x.gguf"));
        };
        QVERIFY(load(llama3)->addsBos());
        QVERIFY(!load(withKey(llama3, "tokenizer.ggml.add_bos_token", ggufBool(false)))->addsBos());
        QVERIFY(!load(withKey(llama3, "tokenizer.ggml.pre", ggufString("gpt-2")))->addsBos());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestTokenizerFiles)
#include "tst_tokenizerfiles.moc"
