// The byte-level BPE trainer (core/tokenize/bpetrainer.h) and the demo model's tokenizer
// trained with it (core/demo/demotokenizertraining.h): merge order and tie-breaking on a
// hand-counted sample, the same bytes from the same texts, BitCliff's tokenizer reading the
// tokenizer.json (BOS added, EOS known, digits alone, lossless round trip in both scripts,
// tokens per character per script), and the GGUF export keeping it: pre-tokenizer "qwen2",
// special ids, add_bos, the same ids from the GGUF file. (llama.cpp's own tokenization of the
// exported demo vocabulary is compared in tst_llamacppagreement.)
#include "demo/demotasks.h"
#include "demo/demotokenizertraining.h"
#include "eval/corpus.h"
#include "formats/model.h"
#include "formats/tokenizerconversion.h"
#include "quant/ggufexport.h"
#include "support/tinytransformer.h"
#include "support/tokenizerfixtures.h"
#include "tokenize/tokenizer.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace bitcliff;

namespace {

std::vector<std::string> demoTexts(const DemoDataset &data, DemoScript script)
{
    std::vector<std::string> texts;
    for (const DemoPassage &passage : data.testPassages())
        texts.push_back(passage.text(script));
    for (const DemoTier tier : kDemoTiers)
        for (const DemoQuestion &question : data.testQuestions(tier)) {
            const DemoItem item = renderQuestion(question, script);
            texts.push_back(item.prompt + item.answer);
        }
    return texts;
}

double tokensPerCharacter(const Tokenizer &tokenizer, const std::string &text)
{
    return measureFertility(text, int64_t(tokenizer.encode(text).size())).tokensPerCharacter();
}

} // namespace

class TestBpeTrainer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_result = trainDemoTokenizer(m_data);
        m_tokenizer = tokenizerFromJson(m_result.tokenizerJson, m_result.tokenizerConfigJson, "demo tokenizer");
    }

    // Words " ab" x2, "ab", "cd", " cd": a+b (3) first; then " "+ab and c+d tie at 2 and the
    // smaller left id (' ' = 32) wins; " "+cd occurs once, below the minimum count.
    void mergesMostFrequentPairFirst()
    {
        const BpeTrainingResult result = trainByteLevelBpe({"ab ab ab", "cd cd"});
        const auto json = nlohmann::json::parse(result.tokenizerJson);
        const std::vector<std::string> merges = json["model"]["merges"];
        QCOMPARE(merges, (std::vector<std::string>{"a b", "\xC4\xA0 ab", "c d"})); // Ġ = space
        QCOMPARE(result.vocabSize, 256 + 3 + 2);
        QCOMPARE(result.bosId, 259);
        QCOMPARE(result.eosId, 260);
        QCOMPARE(json["model"]["vocab"]["\xC4\xA0" "ab"].get<int>(), 257);
        BpeTrainerOptions options;
        options.minPairCount = 1;
        options.vocabSize = 256 + 4 + 2;
        const BpeTrainingResult more = trainByteLevelBpe({"ab ab ab", "cd cd"}, options);
        QCOMPARE(nlohmann::json::parse(more.tokenizerJson)["model"]["merges"].back().get<std::string>(),
                 std::string("\xC4\xA0 cd"));
        QCOMPARE(more.vocabSize, options.vocabSize);
        // Words are counted, not ordered: the texts in another order give the same file.
        QCOMPARE(trainByteLevelBpe({"cd cd", "ab ab ab"}).tokenizerJson, result.tokenizerJson);
    }

    void refusesBadInput()
    {
        BpeTrainerOptions tiny;
        tiny.vocabSize = 257;
        QVERIFY_THROWS_EXCEPTION(Error, trainByteLevelBpe({"abc"}, tiny));
        QVERIFY_THROWS_EXCEPTION(Error, trainByteLevelBpe({"ok", "bad \xFF byte"}));
        QVERIFY_THROWS_EXCEPTION(Cancelled, trainByteLevelBpe({"ab ab ab"}, {}, [](double) { return false; }));
    }

    void sameInputSameBytes()
    {
        QCOMPARE(trainDemoTokenizer(m_data).tokenizerJson, m_result.tokenizerJson);
        DemoTokenizerOptions other;
        other.sampleSeed = 2;
        QVERIFY(trainDemoTokenizer(m_data, {}, other).tokenizerJson != m_result.tokenizerJson);
    }

    void demoTokenizerReadsBack()
    {
        QCOMPARE(m_result.vocabSize, 512);
        QCOMPARE(m_tokenizer->vocabSize(), 512);
        QCOMPARE(m_tokenizer->bosId(), 510);
        QCOMPARE(m_tokenizer->eosId(), 511);
        QVERIFY(m_tokenizer->addsBos());
        QCOMPARE(m_tokenizer->piece(510), std::string("<|begin_of_text|>"));
        const std::vector<int32_t> ids = m_tokenizer->encode("17+31=48", true);
        QCOMPARE(ids.front(), 510);
        QCOMPARE(ids.size(), size_t(1 + 8)); // BOS and one token per character
        // Without tokenizer_config.json the post-processor alone says BOS is added.
        const auto bare = tokenizerFromJson(m_result.tokenizerJson);
        QVERIFY(bare->addsBos());
        QCOMPARE(bare->bosId(), 510);
        QCOMPARE(bare->eosId(), 511);
        // Special tokens written in text are recognised.
        QCOMPARE(m_tokenizer->encode("<|end_of_text|>"), std::vector<int32_t>{511});
    }

    // Every digit is its own token, in both scripts: arithmetic is learned digit by digit.
    void digitsAreSingleTokens()
    {
        for (const DemoScript script : kDemoScripts)
            for (int digit = 0; digit <= 9; ++digit) {
                const std::string text = demoNumber(digit, script);
                QCOMPARE(m_tokenizer->encode(text).size(), size_t(1));
                QCOMPARE(m_tokenizer->encode(text + text + text).size(), size_t(3));
            }
        const DemoItem hard = renderQuestion({DemoTier::Hard, 15, {-2, -3, -6}}, DemoScript::Rare);
        QCOMPARE(m_tokenizer->encode(hard.answer).size(), codePointCount(hard.answer));
        // Prompt and answer tokenized apart give the tokens of the whole (the trainer's loss mask).
        for (const TaskItem &item : demoTestTasks(m_data)) {
            std::vector<int32_t> apart = m_tokenizer->encode(item.context, true);
            const std::vector<int32_t> answer = m_tokenizer->encode(item.answer);
            apart.insert(apart.end(), answer.begin(), answer.end());
            QCOMPARE(apart, m_tokenizer->encode(item.context + item.answer, true));
        }
    }

    // Lossless on both scripts; the rare script, with fewer merges, spends more tokens per
    // character on sentences.
    void roundTripsBothScriptsAndReportsFertility()
    {
        double perCharacter[2] = {};
        for (const DemoScript script : kDemoScripts) {
            for (const std::string &text : demoTexts(m_data, script))
                QCOMPARE(m_tokenizer->decode(m_tokenizer->encode(text)), text);
            const std::string sentences = demoCorpusText(m_data, script);
            std::string arithmetic;
            for (const std::string &text : demoTexts(m_data, script))
                if (text.find('=') != std::string::npos)
                    arithmetic += text + "\n";
            perCharacter[int(script)] = tokensPerCharacter(*m_tokenizer, sentences);
            qInfo("%s: sentences %.3f tokens/char, arithmetic %.3f tokens/char", demoLanguage(script),
                  perCharacter[int(script)], tokensPerCharacter(*m_tokenizer, arithmetic));
            QCOMPARE(tokensPerCharacter(*m_tokenizer, arithmetic), 1.0);
        }
        QVERIFY(perCharacter[1] > 1.5 * perCharacter[0]);
        QVERIFY(perCharacter[0] < 0.5);
    }

    // The GGUF export names the pre-tokenizer "qwen2", keeps BOS/EOS and add_bos, and the
    // tokenizer read back from the GGUF file gives the same ids.
    void survivesGgufExport()
    {
        const TokenizerConversion conversion =
            convertHfTokenizer(m_result.tokenizerJson, m_result.tokenizerConfigJson, "", "llama", 512, "demo");
        QVERIFY2(conversion.note.empty(), conversion.note.c_str());
        std::map<std::string, std::string> found;
        for (const auto &[key, value] : conversion.metadata)
            if (key == "tokenizer.ggml.pre" || key == "tokenizer.ggml.model")
                found[key] = std::get<std::string>(value.value);
        QCOMPARE(found["tokenizer.ggml.pre"], std::string("qwen2"));
        QCOMPARE(found["tokenizer.ggml.model"], std::string("gpt2"));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path model = std::filesystem::path(dir.path().toStdString()) / "demo";
        test::TinyTransformerSpec spec;
        spec.layers = 1;
        spec.hidden = 32;
        spec.intermediate = 32;
        spec.heads = 2;
        spec.kvHeads = 1;
        spec.vocab = 512;
        test::writeTinyTransformer(model, spec);
        test::writeTextFile(model / "tokenizer.json", m_result.tokenizerJson);
        test::writeTextFile(model / "tokenizer_config.json", m_result.tokenizerConfigJson);
        const std::filesystem::path gguf = model.string() + ".gguf";
        exportQuantizedGguf(*openModel(model), QuantScheme::parse("q8_0:strict"), gguf);
        const auto fromGguf = loadTokenizer(gguf);
        QCOMPARE(fromGguf->bosId(), 510);
        QCOMPARE(fromGguf->eosId(), 511);
        QVERIFY(fromGguf->addsBos());
        size_t tokens = 0;
        for (const DemoScript script : kDemoScripts)
            for (const std::string &text : demoTexts(m_data, script)) {
                const std::vector<int32_t> ids = m_tokenizer->encode(text, true);
                QCOMPARE(fromGguf->encode(text, true), ids);
                tokens += ids.size();
            }
        qInfo("%zu tokens the same from tokenizer.json and the GGUF file", tokens);
    }

private:
    const DemoDataset m_data;
    BpeTrainingResult m_result;
    std::shared_ptr<const Tokenizer> m_tokenizer;
};

QTEST_GUILESS_MAIN(TestBpeTrainer)
#include "tst_bpetrainer.moc"
