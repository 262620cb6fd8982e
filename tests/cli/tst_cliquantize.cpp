// bitcliff-cli quantize: per-tensor metrics as JSON, the fake-quantized and GGUF exports, bad input.
#include "demo/syntheticcheckpoint.h"
#include "formats/model.h"
#include "quant/modelquantizer.h"
#include "support/clirunner.h"
#include "support/fixtures.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace bitcliff;

namespace {
test::CliRun cli(const QStringList &arguments) { return test::runCli(QStringLiteral(BITCLIFF_CLI), arguments); }
} // namespace

class TestCliQuantize : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath(QStringLiteral("tiny"));
        test::writeTinyLlama(m_model.toStdString(), 2, 64, 3);
    }

    void jsonMetricsMatchCore()
    {
        const auto run = cli({QStringLiteral("quantize"), m_model, QStringLiteral("--scheme"), QStringLiteral("rtn:b3:g32:asym"),
                              QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(root.value(QStringLiteral("scheme")).toString(), QStringLiteral("rtn:b3:g32:asym"));
        QuantizeOptions options;
        options.scheme = QuantScheme::parse("rtn:b3:g32:asym");
        const auto report = quantizeModel(openModel(m_model.toStdString()), options);
        const QJsonArray tensors = root.value(QStringLiteral("tensors")).toArray();
        QCOMPARE(tensors.size(), qsizetype(report->tensors.size()));
        int quantized = 0;
        for (qsizetype i = 0; i < tensors.size(); ++i) {
            const QJsonObject t = tensors[i].toObject();
            const TensorQuantResult &r = report->tensors[size_t(i)];
            QCOMPARE(t.value(QStringLiteral("quantized")).toBool(), r.quantized);
            if (!r.quantized)
                continue;
            ++quantized;
            for (const char *key : {"name", "mse", "sqnr_db", "max_abs_err", "bpw"})
                QVERIFY2(t.contains(QLatin1String(key)), key);
            QCOMPARE(t.value(QStringLiteral("mse")).toDouble(), r.error.mse);
            QCOMPARE(t.value(QStringLiteral("sqnr_db")).toDouble(), r.error.sqnrDb);
            QCOMPARE(t.value(QStringLiteral("bpw")).toDouble(), r.bitsPerWeight);
        }
        QCOMPARE(quantized, 2 * 7 + 2); // linear layers plus embeddings and output
        QVERIFY(root.value(QStringLiteral("totals")).toObject().value(QStringLiteral("bpw")).toDouble() > 3.0);
    }

    void exportWritesFakeQuantizedCheckpoint()
    {
        const QString out = m_dir.filePath(QStringLiteral("export"));
        const auto run = cli({QStringLiteral("quantize"), m_model, QStringLiteral("--scheme"), QStringLiteral("nf4:g32"),
                              QStringLiteral("--out"), out});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(QFile::exists(out + QStringLiteral("/config.json")));
        // The export holds exactly the fake-quantized weights; norms unchanged.
        const auto original = openModel(m_model.toStdString());
        const auto exported = openModel(out.toStdString());
        QCOMPARE(exported->tensors().size(), original->tensors().size());
        const TensorInfo &q = *original->find("model.layers.1.mlp.up_proj.weight");
        const std::vector<float> expected = fakeQuantizeTensor(*original, q, QuantScheme::parse("nf4:g32"));
        std::vector<float> got(expected.size());
        const TensorInfo &qOut = *exported->find(q.name);
        exported->readRows(qOut, 0, qOut.rows(), got.data());
        QCOMPARE(got, expected);
        const TensorInfo &norm = *exported->find("model.layers.0.input_layernorm.weight");
        QCOMPARE(std::vector<std::byte>(exported->rawBytes(norm).begin(), exported->rawBytes(norm).end()),
                 std::vector<std::byte>(original->rawBytes(*original->find(norm.name)).begin(),
                                        original->rawBytes(*original->find(norm.name)).end()));
    }

    void exportWritesQuantizedGguf()
    {
        const QString out = m_dir.filePath(QStringLiteral("tiny-q8_0.gguf"));
        const auto run = cli({QStringLiteral("quantize"), m_model, QStringLiteral("--scheme"), QStringLiteral("q8_0"),
                              QStringLiteral("--out"), out});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("wrote " + out.toUtf8() + " (16 tensors quantized: q8_0: 16 tensors as q8_0, 5 kept"), run.err.constData());
        const auto inspect = cli({QStringLiteral("inspect"), out, QStringLiteral("--json")});
        QVERIFY2(inspect.exitCode == 0, inspect.err.constData());
        const QJsonArray tensors = QJsonDocument::fromJson(inspect.out).object().value(QStringLiteral("tensors")).toArray();
        QCOMPARE(tensors.size(), 2 * 9 + 3);
        int q8 = 0;
        for (const QJsonValue &value : tensors) {
            const QJsonObject t = value.toObject();
            const QString name = t.value(QStringLiteral("name")).toString();
            const QString dtype = t.value(QStringLiteral("dtype")).toString();
            if (name.endsWith(QStringLiteral("_norm.weight")))
                QCOMPARE(dtype, QStringLiteral("F32"));
            else
                QCOMPARE(dtype, QStringLiteral("Q8_0"));
            q8 += dtype == QStringLiteral("Q8_0");
        }
        QCOMPARE(q8, 16);
    }

    // --scheme f16: a plain conversion (matrices F16, norms F32), as convert_hf_to_gguf writes.
    void exportWritesF16Gguf()
    {
        const QString out = m_dir.filePath(QStringLiteral("tiny-f16.gguf"));
        const auto run = cli({QStringLiteral("quantize"), m_model, QStringLiteral("--scheme"), QStringLiteral("f16"),
                              QStringLiteral("--out"), out});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("(16 tensors quantized: f16: 16 tensors as f16"), run.err.constData());
        const auto model = openModel(out.toStdString());
        QCOMPARE(model->find("blk.0.attn_q.weight")->dtype, DType::F16);
        QCOMPARE(model->find("blk.0.attn_norm.weight")->dtype, DType::F32);
        bool fileType = false;
        for (const auto &[key, value] : model->metadata())
            fileType = fileType || (key == "general.file_type" && value == "1"); // MOSTLY_F16
        QVERIFY(fileType);
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mention");
        QTest::newRow("unknown method") << QStringList{QStringLiteral("--scheme"), QStringLiteral("zz4")} << QStringLiteral("zz4");
        QTest::newRow("bits out of range") << QStringList{QStringLiteral("--scheme"), QStringLiteral("rtn:b9")} << QStringLiteral("rtn:b9");
        QTest::newRow("group does not divide, strict") << QStringList{QStringLiteral("--scheme"), QStringLiteral("rtn:b4:g48:strict"),
                                                              QStringLiteral("--tensor"), QStringLiteral("model.layers.0.self_attn.q_proj.weight")}
                                               << QStringLiteral("48");
        QTest::newRow("missing tensor") << QStringList{QStringLiteral("--scheme"), QStringLiteral("q8_0"), QStringLiteral("--tensor"),
                                                       QStringLiteral("nope")}
                                        << QStringLiteral("nope");
        QTest::newRow("gguf output, non-GGUF scheme") << QStringList{QStringLiteral("--scheme"), QStringLiteral("nf4:g32"),
                                                                     QStringLiteral("--out"), QStringLiteral("x.gguf")}
                                                      << QStringLiteral("GGUF block type");
        // No tensor fits the scheme: refused before anything is written.
        QTest::newRow("scheme fits no tensor, with --out")
            << QStringList{QStringLiteral("--scheme"), QStringLiteral("rtn:b4:g48:strict"), QStringLiteral("--out"),
                           m_dir.filePath(QStringLiteral("bad-out"))}
            << QStringLiteral("no tensor");
    }

    void badInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mention);
        const QString out = m_dir.filePath(QStringLiteral("bad-out"));
        const auto run = cli(QStringList{QStringLiteral("quantize"), m_model} + arguments);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(test::isOneLine(run.err), run.err.constData());
        QVERIFY2(QString::fromUtf8(run.err).contains(mention), run.err.constData());
        QVERIFY(!QFile::exists(QStringLiteral("x.gguf")));
        QVERIFY(!QFileInfo::exists(out));
    }

    void exportIntoTheSourceIsRefused()
    {
        const auto run = cli({QStringLiteral("quantize"), m_model, QStringLiteral("--scheme"), QStringLiteral("q8_0"),
                              QStringLiteral("--out"), m_model});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(test::isOneLine(run.err));
        QVERIFY(QDir(m_model).entryList(QDir::Files).size() == 2); // nothing written there
    }

    // SIGKILL in the middle of a GGUF export leaves nothing in the output directory (the
    // bytes go to an O_TMPFILE inode), and the next export there leaves only its file.
    void killedExportLeavesNothing()
    {
        const QString model = m_dir.filePath(QStringLiteral("synthetic"));
        SyntheticModelSpec spec; // 8 layers of 512: seconds of Q4_K work, time to kill it
        spec.layers = 8;
        spec.hiddenSize = 512;
        spec.intermediateSize = 1536;
        writeSyntheticCheckpoint(model.toStdString(), spec);
        QDir(m_dir.path()).mkdir(QStringLiteral("killed"));
        const QString outDir = m_dir.filePath(QStringLiteral("killed"));
        const QStringList arguments { QStringLiteral("quantize"), model, QStringLiteral("--scheme"),
            QStringLiteral("q4_k"), QStringLiteral("--out"), outDir + QStringLiteral("/model-q4_k.gguf") };
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(QStringLiteral(BITCLIFF_CLI), arguments);
        QVERIFY(process.waitForStarted());
        // Wait until the process holds a file in the output directory, give it time to write.
        const QString fds = QStringLiteral("/proc/%1/fd").arg(process.processId());
        bool writing = false;
        QElapsedTimer clock;
        clock.start();
        while (!writing && process.state() == QProcess::Running && clock.elapsed() < 60000) {
            for (const QFileInfo &fd : QDir(fds).entryInfoList(QDir::Files | QDir::System))
                writing = writing || fd.symLinkTarget().startsWith(outDir + QLatin1Char('/'));
            if (!writing)
                QTest::qWait(5);
        }
        QVERIFY2(writing, "the export finished (or never started writing) before it could be killed");
        QTest::qWait(200);
        QCOMPARE(process.state(), QProcess::Running);
        process.kill(); // SIGKILL
        QVERIFY(process.waitForFinished());
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);
        QVERIFY2(QDir(outDir).entryList(QDir::Files | QDir::Hidden | QDir::System).isEmpty(),
            qPrintable(QDir(outDir).entryList(QDir::Files | QDir::Hidden | QDir::System).join(QLatin1Char(' '))));

        const auto run = test::runCli(QStringLiteral(BITCLIFF_CLI), arguments, 600000);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(QDir(outDir).entryList(QDir::Files | QDir::Hidden | QDir::System),
            QStringList { QStringLiteral("model-q4_k.gguf") });
    }

private:
    QTemporaryDir m_dir;
    QString m_model;
};

QTEST_GUILESS_MAIN(TestCliQuantize)
#include "tst_cliquantize.moc"
