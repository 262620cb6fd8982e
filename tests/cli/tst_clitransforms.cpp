// AWQ, SmoothQuant, rotation and activation quantization from the command line on the
// bundled demo model, as a user runs them: `eval --scheme` with modifiers, `quantize` reports
// against the weights the recipe rounds, AWQ's and a rotated model's checkpoints evaluate to
// exactly what `eval --scheme` measured, llama.cpp runs a rotated model's GGUF file to the
// same perplexity, and outputs no checkpoint can hold are refused in one line before
// anything is written.
#include "formats/model.h"
#include "support/clirunner.h"
#include "support/llamacppperplexity.h"
#include "tokenize/hftokenizerjson.h"
#include "sweepjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

const fs::path kDemo = fs::path(QT_TESTCASE_SOURCEDIR) / ".." / "resources" / "demo-model";

test::CliRun cli(const QStringList &arguments) { return test::runCli(QStringLiteral(BITCLIFF_CLI), arguments, 300000); }

QString qs(const fs::path &path) { return QString::fromStdString(path.string()); }

const QStringList kCalibration = {"--calib", qs(kDemo / "calibration" / "en.txt"), "--calib-seqs", "16", "--calib-len",
                                  "128", "--threads", "2"};
const QStringList kText = {"--text", qs(kDemo / "eval" / "text" / "en.txt"), "--ctx", "128", "--json"};

QJsonArray runsOf(const test::CliRun &run) { return QJsonDocument::fromJson(run.out).object()["runs"].toArray(); }

double pplOf(const QJsonObject &run) { return run["ppl"].toDouble(); }

} // namespace

class TestCliTransforms : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!fs::exists(kDemo / "model.safetensors"))
            QSKIP("no bundled demo model");
        QVERIFY(m_dir.isValid());
        m_root = m_dir.path().toStdString();
    }

    void evalTakesModifiers()
    {
        const auto run = cli(QStringList{"eval", qs(kDemo), "--scheme",
                                         "rtn:b8:channel:sym,rtn:b8:channel:sym+a8,rtn:b4:g128+rot+a4,rtn:b8:channel+smooth0.8+afp8"}
                             + kText + kCalibration);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("rtn:b4:g128:sym+rot+a4: rotated: Hadamard 2^7 of 128 channels"), run.err.constData());
        QVERIFY2(run.err.contains("rtn:b8:channel:sym+smooth0.8+afp8: smoothed (α 0.8): 16 linear inputs of 4 layers"),
                 run.err.constData());
        const QJsonArray runs = runsOf(run);
        QCOMPARE(runs.size(), qsizetype(5));
        QCOMPARE(runs[2].toObject()["label"].toString(), QStringLiteral("rtn:b8:channel:sym+a8"));
        auto kld = [&](qsizetype run) { return runs[run].toObject()["kld"].toObject()["mean"].toDouble(); };
        const double w8 = kld(1), w8a8 = kld(2);
        qInfo("KLD w8 %.6f, w8a8 %.6f", w8, w8a8);
        QVERIFY(w8a8 > w8 && w8a8 < 0.005); // activations cost something, and little
        // A rotated tied model unties its head: one tensor more quantized, said so.
        QCOMPARE(runs[1].toObject()["tensors"].toObject()["quantized"].toInt(), 29);
        QCOMPARE(runs[3].toObject()["tensors"].toObject()["quantized"].toInt(), 30);
    }

    // AWQ's scaled, clipped and rounded weights written as a fake-quantized checkpoint give
    // exactly the perplexity `eval --scheme awq:...` measured.
    void awqCheckpointEvaluatesAsThePlan()
    {
        const fs::path out = m_root / "awq-b3";
        const auto written = cli(QStringList{"quantize", qs(kDemo), "--scheme", "awq:b3:g128:asym", "--out", qs(out)}
                                 + kCalibration); // fake-quantized: the default for all but gptq
        QVERIFY2(written.exitCode == 0, written.err.constData());
        QVERIFY2(written.out.contains("awq: 16 linear inputs scaled, 20 matrices clipped, from 16 × 128 tokens"),
                 written.out.constData());
        const auto planned = cli(QStringList{"eval", qs(kDemo), "--scheme", "awq:b3:g128:asym"} + kText + kCalibration);
        QVERIFY2(planned.exitCode == 0, planned.err.constData());
        const auto stored = cli(QStringList{"eval", qs(out)} + kText);
        QVERIFY2(stored.exitCode == 0, stored.err.constData());
        const double a = pplOf(runsOf(planned)[1].toObject()), b = pplOf(runsOf(stored)[0].toObject());
        qInfo("awq:b3:g128:asym PPL %.6f planned, %.6f from its checkpoint", a, b);
        QVERIFY(std::abs(a - b) <= 1e-5 * a);
        QVERIFY(pplOf(runsOf(planned)[0].toObject()) < a); // and it did quantize
    }

    // The rotated model written as a fake-quantized checkpoint (its own head, untied in
    // config.json) and as q4_0 GGUF: each evaluates to what `eval --scheme` measured, and
    // llama.cpp runs the GGUF file to the same perplexity.
    void rotatedModelsAreWritten()
    {
        const fs::path fake = m_root / "rot-fake", gguf = m_root / "rot-q4_0.gguf";
        const fs::path text = kDemo / "eval" / "text" / "en.txt";
        const auto faked = cli({"quantize", qs(kDemo), "--scheme", "rtn:b4:g128+rot", "--out", qs(fake)});
        QVERIFY2(faked.exitCode == 0, faked.err.constData());
        std::ifstream in(fake / "config.json");
        QCOMPARE(nlohmann::json::parse(in)["tie_word_embeddings"].get<bool>(), false);
        const auto written = cli({"quantize", qs(kDemo), "--scheme", "q4_0+rot", "--out", qs(gguf)});
        QVERIFY2(written.exitCode == 0, written.err.constData());
        QVERIFY2(written.err.contains("(30 tensors quantized: q4_0+rot"), written.err.constData());

        const auto planned = cli(QStringList{"eval", qs(kDemo), "--scheme", "rtn:b4:g128+rot,q4_0+rot"} + kText);
        QVERIFY2(planned.exitCode == 0, planned.err.constData());
        const QJsonArray runs = runsOf(planned);
        const auto fromFake = cli(QStringList{"eval", qs(fake)} + kText);
        const auto fromGguf = cli(QStringList{"eval", qs(gguf)} + kText);
        QVERIFY2(fromFake.exitCode == 0 && fromGguf.exitCode == 0, fromFake.err.constData());
        const double fakePpl = pplOf(runsOf(fromFake)[0].toObject()), ggufPpl = pplOf(runsOf(fromGguf)[0].toObject());
        QVERIFY(std::abs(fakePpl - pplOf(runs[1].toObject())) <= 1e-5 * fakePpl);
        QVERIFY(std::abs(ggufPpl - pplOf(runs[2].toObject())) <= 1e-4 * ggufPpl);

        const nlohmann::json theirs = test::llamaCppPerplexity(QStringLiteral(BITCLIFF_NODE), BITCLIFF_LLAMACPP_TESTS,
                                                               gguf, hfjson::readTextFile(text), 128);
        QVERIFY2(!theirs.contains("error"), ("llama.cpp: " + theirs.value("error", std::string())).c_str());
        const double llamaPpl = theirs["ppl"].get<double>();
        qInfo("q4_0+rot on the demo model, en.txt at n_ctx 128: PPL float32 %.5f, q4_0+rot %.5f; its GGUF file: "
              "bitcliff-cli %.5f, llama.cpp %.5f",
              pplOf(runs[0].toObject()), pplOf(runs[2].toObject()), ggufPpl, llamaPpl);
        QVERIFY(std::abs(ggufPpl - llamaPpl) < 1e-2 * llamaPpl); // llama.cpp rounds activations to 8 bits
    }

    void quantizeReportsTheRotatedWeights()
    {
        const auto run = cli({"quantize", qs(kDemo), "--scheme", "rtn:b4:g128+rot", "--json"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(json["scheme"].toString(), QStringLiteral("rtn:b4:g128:sym+rot"));
        QVERIFY(json["calibration"].toString().startsWith(QStringLiteral("rotated: Hadamard 2^7 of 128 channels")));
        bool head = false;
        for (const QJsonValue &t : json["tensors"].toArray())
            head = head || (t.toObject()["name"].toString() == QStringLiteral("lm_head.weight") && t.toObject()["quantized"].toBool());
        QVERIFY(head); // the untied output head is reported
    }

    // Cells of every kind in one sweep: each its own series; a cell that cannot apply (a strict
    // grid the rows do not fit) is recorded as failed and the sweep goes on.
    void sweepsTakeEveryRecipe()
    {
        const QString out = QString::fromStdString((m_root / "sweep").string());
        const auto run = cli(QStringList{"sweep", qs(kDemo), "--schemes",
                                         "rtn:b3:g128:asym,awq:b3:g128:asym,rtn:b4:g128+rot,rtn:b8:channel+a8,"
                                         "rtn:b8:channel+smooth+a4,rtn:b4:g256:strict+rot",
                                         "--text", qs(kDemo / "eval" / "text" / "en.txt"), "--ctx", "128", "--out", out}
                             + kCalibration);
        QVERIFY2(run.exitCode == 0 && run.out.contains("6 of 7 cells ok, 1 failed"), run.err.constData());
        const auto cells = test::sweepCells(out);
        QCOMPARE(cells.size(), qsizetype(7));
        QMap<QString, QString> methods, statuses;
        for (const QJsonObject &cell : cells) {
            methods[cell["scheme"].toString()] = cell["method"].toString();
            statuses[cell["scheme"].toString()] = cell["status"].toString();
        }
        QCOMPARE(methods["awq:b3:g128:asym"], QStringLiteral("awq:g128:asym"));
        QCOMPARE(methods["rtn:b4:g128:sym+rot"], QStringLiteral("rtn:g128:sym+rot"));
        QCOMPARE(methods["rtn:b8:channel:sym+smooth+a4"], QStringLiteral("rtn:channel:sym+smooth+a4"));
        for (const char *scheme : {"awq:b3:g128:asym", "rtn:b4:g128:sym+rot", "rtn:b8:channel:sym+a8"})
            QCOMPARE(statuses[scheme], QStringLiteral("ok"));
        QCOMPARE(statuses["rtn:b4:g256:sym:strict+rot"], QStringLiteral("failed"));
    }

    void refusesWhatNoCheckpointHolds_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QString out = QStringLiteral("refused-out");
        QTest::newRow("+a8 --out") << QStringList{"--scheme", "rtn:b8:channel+a8", "--out", out}
                                   << "quantizes activations as the model runs, which no checkpoint holds";
        QTest::newRow("awq as a GPTQ checkpoint")
            << (QStringList{"--scheme", "awq:b4:g128", "--out", out, "--format", "gptq"} + kCalibration)
            << "--format gptq writes GPTQ's results";
        QTest::newRow("rtn grid as GGUF") << QStringList{"--scheme", "rtn:b4:g128+rot", "--out", out + ".gguf"}
                                          << "FILE.gguf needs a GGUF grid";
        QTest::newRow("awq without calibration") << QStringList{"--scheme", "awq:b4:g128"}
                                                 << "awq:b4:g128:sym needs calibration text";
        QTest::newRow("+rot with calibration") << (QStringList{"--scheme", "rtn:b4:g128+rot"} + kCalibration)
                                               << "calibrates on nothing";
        QTest::newRow("bad modifier") << QStringList{"--scheme", "rtn:b4:g128+a5"} << "unknown modifier '+a5'";
    }

    void refusesWhatNoCheckpointHolds()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const auto run = cli(QStringList{"quantize", qs(kDemo)} + arguments);
        QVERIFY(run.exitCode != 0 && run.exitCode > -1);
        QVERIFY2(test::isOneLine(run.err), run.err.constData());
        QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
        QVERIFY(!fs::exists("refused-out") && !fs::exists(m_root / "refused-out") && !fs::exists("refused-out.gguf"));
    }

private:
    QTemporaryDir m_dir;
    fs::path m_root;
};

QTEST_GUILESS_MAIN(TestCliTransforms)
#include "tst_clitransforms.moc"
