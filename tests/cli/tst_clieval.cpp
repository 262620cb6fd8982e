// bitcliff-cli eval as a user runs it: perplexity of a text, KLD/same-top for schemes,
// task accuracy per label, the bundled data, JSON keys, and one-line errors.
#include "formats/ggmltypes.h"
#include "formats/model.h"
#include "quant/ggufexport.h"
#include "quant/scheme.h"
#include "support/clirunner.h"
#include "support/evalfixtures.h"
#include "support/tokenizerfixtures.h"
#include "support/unreadablegguf.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>

using namespace bitcliff;

namespace {

test::CliRun cli(const QStringList &arguments)
{
    return test::runCli(QStringLiteral(BITCLIFF_CLI), arguments, 300000);
}

QJsonObject jsonOf(const test::CliRun &run)
{
    return QJsonDocument::fromJson(run.out).object();
}

} // namespace

class TestCliEval : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath("model");
        test::writeEvaluableModel(m_model.toStdString());
        m_text = m_dir.filePath("text.txt");
        test::writeTextFile(m_text.toStdString(), test::sampleText(150));
        m_tasks = m_dir.filePath("tasks.jsonl");
        test::writeTextFile(m_tasks.toStdString(), test::labelledTaskLines());
        // The model as GGUF, its 14 weight matrices (2 layers × 7) in MXFP4 blocks, which
        // BitCliff cannot read yet.
        const std::string gguf = m_dir.filePath("model-q8_0.gguf").toStdString();
        exportQuantizedGguf(*openModel(m_model.toStdString()), QuantScheme::parse("q8_0"), gguf);
        m_unreadable = m_dir.filePath("model-mxfp4.gguf");
        const int retyped = test::retypeGgufTensors(gguf, m_unreadable.toStdString(), ggmlTypeCode(GgmlType::MXFP4),
                                                    [](const TensorInfo &t) {
                                                        return isLinearRole(t.role) && t.name.ends_with(".weight");
                                                    });
        QCOMPARE(retyped, 14);
    }

    // --streamed reads the weights from the file at each batch: the same figures, and a note.
    void streamedWeightsGiveTheSameFigures()
    {
        const QStringList arguments { "eval", m_model, "--text", m_text, "--ctx", "32", "--scheme", "q4_0", "--json" };
        const auto resident = cli(arguments);
        const auto streamed = cli(arguments + QStringList { "--streamed" });
        QVERIFY2(resident.exitCode == 0 && streamed.exitCode == 0, streamed.err.constData());
        QVERIFY(!resident.err.contains("streamed from the model file"));
        QVERIFY(streamed.err.contains("note: unquantized: weights streamed from the model file at each batch"));
        QVERIFY(streamed.err.contains("note: q4_0:"));
        const QJsonObject a = jsonOf(resident), b = jsonOf(streamed);
        QCOMPARE(b["ppl"].toDouble(), a["ppl"].toDouble());
        QCOMPARE(b["kld"].toObject()["mean"].toDouble(), a["kld"].toObject()["mean"].toDouble());
        QCOMPARE(b["runs"].toArray()[1].toObject()["streamed"].toBool(), true);
        QCOMPARE(a["runs"].toArray()[1].toObject()["streamed"].toBool(), false);
    }

    void perplexityAndSchemes()
    {
        const auto run
            = cli({ "eval", m_model, "--text", m_text, "--ctx", "32", "--scheme", "q8_0,rtn:b2:g32", "--json" });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject json = jsonOf(run);
        for (const char *key : { "ppl", "ppl_err", "tokens_scored", "kld", "same_top", "delta_p", "runs" })
            QVERIFY2(json.contains(key), key);
        const QJsonArray runs = json["runs"].toArray();
        QCOMPARE(runs.size(), 3);
        QCOMPARE(runs[0].toObject()["label"].toString(), QString("unquantized"));
        QVERIFY(runs[0].toObject()["ppl"].toDouble() > 1.0);
        const double kldQ8 = runs[1].toObject()["kld"].toObject()["mean"].toDouble();
        const double kldB2 = runs[2].toObject()["kld"].toObject()["mean"].toDouble();
        QVERIFY2(kldQ8 < kldB2, qPrintable(QString("%1 %2").arg(kldQ8).arg(kldB2)));
        QCOMPARE(json["kld"].toObject()["mean"].toDouble(), kldB2); // top level = the last run
        const QJsonArray chunks = runs[2].toObject()["kld"].toObject()["chunks"].toArray();
        QCOMPARE(chunks.size() * 15, json["tokens_scored"].toInt()); // one mean per chunk
        double sumOfMeans = 0;
        for (const QJsonValue chunk : chunks)
            sumOfMeans += chunk.toDouble();
        QVERIFY(std::abs(sumOfMeans / chunks.size() - kldB2) < 1e-9 * kldB2);
        QCOMPARE(json["tokens_scored"].toInt() % 15, 0); // 15 scored tokens per chunk at n_ctx 32

        const auto plain = cli({ "eval", m_model, "--text", m_text, "--ctx", "32", "--scheme", "q8_0" });
        QVERIFY2(plain.exitCode == 0, plain.err.constData());
        QVERIFY(plain.out.contains("unquantized"));
        QVERIFY(plain.out.contains("q8_0"));
        QVERIFY(plain.out.contains("PPL"));
    }

    // Hidden sizes 192 and 576 (rows fit no 256-block, nor groups of 128): every run says what
    // it quantized — counts, what fell back to what and why, bits per weight — in the table,
    // in a note on stderr and in the JSON, so "q4_k" is never read as a model that was q4_k.
    void fallbacksAreReported_data()
    {
        QTest::addColumn<int>("hidden");
        QTest::addColumn<int>("heads");
        QTest::newRow("hidden 192") << 192 << 3;
        QTest::newRow("hidden 576") << 576 << 9;
    }

    void fallbacksAreReported()
    {
        QFETCH(int, hidden);
        QFETCH(int, heads);
        test::TinyTransformerSpec spec = test::narrowSpec(hidden);
        QCOMPARE(spec.heads, heads);
        spec.tied = hidden == 576;
        const QString model = m_dir.filePath(QStringLiteral("narrow%1").arg(hidden));
        const test::TinyTransformer tiny = test::writeEvaluableModel(model.toStdString(), spec);
        const auto run
            = cli({ "eval", model, "--text", m_text, "--ctx", "32", "--scheme", "q4_k,rtn:b4:g128", "--json" });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("fell back to q5_0 (rows of " + QByteArray::number(hidden)), run.err.constData());
        const QJsonArray runs = jsonOf(run)["runs"].toArray();
        QCOMPARE(runs.size(), 3);
        QCOMPARE(runs[0].toObject()["bpw"].toDouble(), 32.0); // F32 as stored
        const QJsonObject q4k = runs[1].toObject(), rtn = runs[2].toObject();
        const QJsonObject counts = q4k["tensors"].toObject();
        const int layers = tiny.spec.layers;
        QCOMPARE(counts["quantized"].toInt(), layers); // ffn_down: rows of 512
        QCOMPARE(counts["fallback"].toInt(), layers * 6 + (spec.tied ? 1 : 2)); // the rest, embedding, output
        QCOMPARE(counts["kept"].toInt(), layers * 2 + 1); // norms
        const QJsonObject fallback = counts["fallbacks"].toArray()[0].toObject();
        QCOMPARE(fallback["to"].toString(), QStringLiteral("q5_0"));
        QVERIFY(q4k["bpw"].toDouble() > 4.5 && q4k["bpw"].toDouble() < 5.5); // between q4_k and q5_0
        QVERIFY(q4k["bpw_model"].toDouble() >= q4k["bpw"].toDouble());
        // 192 = 2 × 96 and 576 = 6 × 96: groups of 96, the largest from 64 to 128 that divide
        QCOMPARE(rtn["tensors"].toObject()["fallbacks"].toArray()[0].toObject()["to"].toString(),
            QStringLiteral("rtn:b4:g96:sym"));

        const auto plain = cli({ "eval", model, "--text", m_text, "--ctx", "32", "--scheme", "q4_k" });
        QVERIFY2(plain.exitCode == 0, plain.err.constData());
        QVERIFY2(
            plain.out.contains("q4_k: " + QByteArray::number(layers) + " tensors as q4_k, "), plain.out.constData());
        QVERIFY2(plain.out.contains(" bpw "), plain.out.constData()); // next to every row of the table

        const auto strict = cli({ "eval", model, "--text", m_text, "--ctx", "32", "--scheme", "q4_k:strict" });
        QCOMPARE(strict.exitCode, 1);
        QVERIFY2(test::isOneLine(strict.err) && strict.err.contains("strict: no fallback"), strict.err.constData());
    }

    // The GGUF our exporter writes (weights, llama Q/K permutation, tokenizer.json converted to
    // tokenizer.ggml.*) evaluates to the same perplexity as the checkpoint fake-quantized with
    // the same type.
    void ggufAndCheckpointAgree()
    {
        const QString gguf = m_dir.filePath("model-q8_0.gguf");
        const auto exported = cli({ "quantize", m_model, "--scheme", "q8_0", "--out", gguf });
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        const auto fromGguf = cli({ "eval", gguf, "--text", m_text, "--ctx", "32", "--json" });
        QVERIFY2(fromGguf.exitCode == 0, fromGguf.err.constData());
        const auto fromHf = cli({ "eval", m_model, "--text", m_text, "--ctx", "32", "--scheme", "q8_0", "--json" });
        QVERIFY2(fromHf.exitCode == 0, fromHf.err.constData());
        const QJsonObject gguJson = jsonOf(fromGguf), hfJson = jsonOf(fromHf);
        QCOMPARE(gguJson["tokens_scored"].toInt(), hfJson["tokens_scored"].toInt());
        const double a = gguJson["ppl"].toDouble(), b = hfJson["ppl"].toDouble();
        QVERIFY2(std::abs(a - b) < 1e-4 * b, qPrintable(QString("%1 vs %2").arg(a).arg(b)));
    }

    void taskAccuracyPerLabel()
    {
        const auto run = cli({ "eval", m_model, "--tasks", m_tasks, "--json", "--max-tokens", "4" });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject accuracy = jsonOf(run)["accuracy"].toObject();
        QCOMPARE(accuracy["overall"].toObject()["n"].toInt(), 3);
        QCOMPARE(accuracy["by_language"].toObject()["de"].toObject()["n"].toInt(), 2);
        QCOMPARE(accuracy["by_difficulty"].toObject()["hard"].toObject()["n"].toInt(), 2);
        QVERIFY(!jsonOf(run).contains("ppl")); // no text, no perplexity
    }

    void bundledDataLoads()
    {
        // The bundled passages are far longer than 2 x 16 tokens in every language.
        const auto run = cli({ "eval", m_model, "--text", "bundled:en+ja", "--ctx", "16", "--json" });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray texts = jsonOf(run)["runs"].toArray()[0].toObject()["texts"].toArray();
        QCOMPARE(texts.size(), 2);
        QCOMPARE(texts[1].toObject()["language"].toString(), QString("ja"));
        QVERIFY(texts[1].toObject()["tokens_per_char"].toDouble() > texts[0].toObject()["tokens_per_char"].toDouble());
    }

    void errorsAreOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("short text") << QStringList { "eval", "MODEL", "--text", "SHORT", "--ctx", "512" } << 1
                                    << "needs at least 1024";
        QTest::newRow("bad jsonl") << QStringList { "eval", "MODEL", "--tasks", "BAD" } << 1
                                   << "bad.jsonl:2: not valid JSON";
        QTest::newRow("bad scheme") << QStringList { "eval", "MODEL", "--text", "TEXT", "--scheme", "rtn:b9" } << 1
                                    << "bad scheme";
        QTest::newRow("nothing to do") << QStringList{"eval", "MODEL"} << 2 << "--text";
        QTest::newRow("no tokenizer") << QStringList{"eval", "NOTOK", "--text", "TEXT"} << 1 << "tokenizer";
        QTest::newRow("unsupported") << QStringList{"eval", "GEMMA", "--text", "TEXT"} << 1 << "gemma2";
        QTest::newRow("unreadable tensors")
            << QStringList{"eval", "UNREADABLE", "--text", "TEXT", "--scheme", "q4_0"} << 1
            << "cannot evaluate: 14 tensors have type MXFP4, which BitCliff cannot read yet (blk.0.attn_q.weight, "
               "blk.0.attn_k.weight, blk.0.attn_v.weight, \u2026)";
        QTest::newRow("missing bundled") << QStringList{"eval", "MODEL", "--tasks", "bundled:nope"} << 1
                                         << "no bundled task set 'nope'";
    }

    void errorsAreOneLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString shortText = m_dir.filePath("short.txt");
        test::writeTextFile(shortText.toStdString(), "the river runs");
        const QString bad = m_dir.filePath("bad.jsonl");
        test::writeTextFile(bad.toStdString(),
            R"({"id":"1","kind":"generate","prompt":"p","answer":"1"})"
            "\n{broken\n");
        const QString noTokenizer = m_dir.filePath("notok");
        test::writeTinyTransformer(noTokenizer.toStdString(), {});
        const QString gemma = m_dir.filePath("gemma");
        test::TinyTransformerSpec gemmaSpec;
        gemmaSpec.family = "gemma2";
        test::writeEvaluableModel(gemma.toStdString(), gemmaSpec);
        arguments.replaceInStrings("MODEL", m_model)
            .replaceInStrings("SHORT", shortText)
            .replaceInStrings("BAD", bad)
            .replaceInStrings("NOTOK", noTokenizer)
            .replaceInStrings("GEMMA", gemma)
            .replaceInStrings("UNREADABLE", m_unreadable)
            .replaceInStrings("TEXT", m_text);
        const auto run = cli(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(test::isOneLine(run.err), run.err.constData());
        QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
    }

private:
    QTemporaryDir m_dir;
    QString m_model;
    QString m_text;
    QString m_tasks;
    QString m_unreadable; // a GGUF file with MXFP4 weight matrices
};

QTEST_GUILESS_MAIN(TestCliEval)
#include "tst_clieval.moc"
