// bitcliff-cli as a user runs it: real files, real process, exit codes and output.
#include "formats/ggufwriter.h"
#include "formats/model.h"
#include "util/blaskernels.h"
#include "util/floatformats.h"
#include "stats/statsengine.h"
#include "support/evalfixtures.h"
#include "support/fixtures.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>

using namespace bitcliff;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList &arguments, int timeoutMs = 120000)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(BITCLIFF_CLI), arguments);
    if (!process.waitForFinished(timeoutMs))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

// One line on stderr, naming something, and nothing else.
void verifyOneLineError(const Run &run, int expectedCode, const QString &mention)
{
    QCOMPARE(run.exitCode, expectedCode);
    const QString err = QString::fromUtf8(run.err).trimmed();
    QVERIFY2(!err.isEmpty(), "no error message");
    QVERIFY2(!err.contains(QLatin1Char('\n')), qPrintable(err));
    QVERIFY2(err.contains(mention), qPrintable(err));
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath(QStringLiteral("tiny"));
        test::writeTinyLlama(m_model.toStdString(), 2, 16, 3);
    }

    void inspectJsonMatchesCore()
    {
        const Run run = runCli({QStringLiteral("inspect"), m_model, QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonObject root = doc.object();
        QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("safetensors"));
        QCOMPARE(root.value(QStringLiteral("architecture")).toObject().value(QStringLiteral("layers")).toInt(), 2);
        const QJsonArray tensors = root.value(QStringLiteral("tensors")).toArray();

        const auto stats = computeModelStats(openModel(m_model.toStdString()), {});
        QCOMPARE(tensors.size(), qsizetype(stats->tensors.size()));
        for (qsizetype i = 0; i < tensors.size(); ++i) {
            const QJsonObject t = tensors[i].toObject();
            const TensorStats &s = stats->tensors[size_t(i)];
            QCOMPARE(t.value(QStringLiteral("name")).toString().toStdString(), s.name);
            for (const char *key : {"name", "shape", "dtype", "absmax", "mean", "std", "kurtosis", "outlier_channels"})
                QVERIFY2(t.contains(QLatin1String(key)), key);
            QCOMPARE(t.value(QStringLiteral("absmax")).toDouble(), s.absmax);
            QCOMPARE(t.value(QStringLiteral("std")).toDouble(), s.std);
            QCOMPARE(t.value(QStringLiteral("outlier_channels")).toInt(), int(s.cols.outliers.size()));
        }
        // The planted outlier input channel of q_proj.
        const QJsonObject q = tensors[2].toObject();
        QCOMPARE(q.value(QStringLiteral("name")).toString(), QStringLiteral("model.layers.0.self_attn.q_proj.weight"));
        QCOMPARE(q.value(QStringLiteral("outlier_channels")).toInt(), 1);
        QCOMPARE(q.value(QStringLiteral("shape")).toArray(), (QJsonArray{16, 16}));
    }

    void inspectTable()
    {
        const Run run = runCli({QStringLiteral("inspect"), m_model});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("model.layers.1.mlp.down_proj.weight"));
        QVERIFY(run.out.contains("kurtosis"));
    }

    void outliersJson()
    {
        const Run run = runCli({QStringLiteral("outliers"), m_model, QStringLiteral("--tensor"),
                                QStringLiteral("model.layers.1.self_attn.k_proj.weight"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(root.value(QStringLiteral("axis")).toString(), QStringLiteral("cols"));
        QCOMPARE(root.value(QStringLiteral("outliers")).toArray(), (QJsonArray{3}));
        QCOMPARE(root.value(QStringLiteral("channels")).toArray().size(), 16);
        const Run rows = runCli({QStringLiteral("outliers"), m_model, QStringLiteral("--tensor"),
                                 QStringLiteral("model.layers.1.self_attn.k_proj.weight"), QStringLiteral("--axis"),
                                 QStringLiteral("rows"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(rows.out).object().value(QStringLiteral("channels")).toArray().size(), 8);
    }

    void badInput()
    {
        verifyOneLineError(runCli({QStringLiteral("inspect"), m_dir.filePath(QStringLiteral("missing"))}), 1,
                           QStringLiteral("no such file"));
        // A truncated copy of the weights.
        QFile source(m_model + QStringLiteral("/model.safetensors"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QString truncated = m_dir.filePath(QStringLiteral("truncated.safetensors"));
        QFile out(truncated);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(source.read(source.size() / 2));
        out.close();
        verifyOneLineError(runCli({QStringLiteral("inspect"), truncated}), 1, QStringLiteral("truncated.safetensors"));
        // A directory without weights.
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("empty")));
        verifyOneLineError(runCli({QStringLiteral("inspect"), m_dir.filePath(QStringLiteral("empty"))}), 1,
                           QStringLiteral("safetensors"));
        verifyOneLineError(runCli({QStringLiteral("outliers"), m_model, QStringLiteral("--tensor"), QStringLiteral("nope")}),
                           1, QStringLiteral("nope"));
        verifyOneLineError(runCli({QStringLiteral("inspect"), m_model, QStringLiteral("--bogus")}), 2,
                           QStringLiteral("--bogus"));
        verifyOneLineError(runCli({QStringLiteral("outliers"), m_model}), 2, QStringLiteral("--tensor"));
        verifyOneLineError(runCli({QStringLiteral("frobnicate")}), 2, QStringLiteral("frobnicate"));
    }

    void inspectGgufReportsDequantizedStatistics()
    {
        // A GGUF file with an F32 embedding and a Q8_0 attention weight, blocks built by hand.
        std::vector<float> embedding = test::randomValues(8 * 32, 5, 0.1f);
        const int rows = 4, cols = 64;
        std::vector<std::byte> q8(size_t(rows * cols / 32) * 34);
        std::vector<double> expected; // x = q * d, per the Q8_0 layout
        for (int block = 0; block < rows * cols / 32; ++block) {
            const float d = 0.25f * float(block + 1); // exact in fp16
            const uint16_t half = floatToFp16(d);
            std::memcpy(q8.data() + block * 34, &half, 2);
            for (int j = 0; j < 32; ++j) {
                const auto q = static_cast<int8_t>((block * 7 + j * 5) % 61 - 30);
                q8[size_t(block * 34 + 2 + j)] = std::byte(static_cast<uint8_t>(q));
                expected.push_back(double(q) * d);
            }
        }
        const std::vector<std::pair<std::string, GgufValue>> metadata{
            {"general.architecture", GgufValue{GgufType::String, std::string("llama"), 0}},
            {"llama.block_count", GgufValue{GgufType::U32, uint64_t(1), 0}},
            {"llama.embedding_length", GgufValue{GgufType::U32, uint64_t(32), 0}},
            {"llama.attention.head_count", GgufValue{GgufType::U32, uint64_t(4), 0}}};
        const QString path = m_dir.filePath(QStringLiteral("tiny.gguf"));
        writeGguf(path.toStdString(), metadata,
                  {{"token_embd.weight", {8, 32}, 0, test::f32Bytes(embedding)}, {"blk.0.attn_q.weight", {rows, cols}, 8, q8}});

        const Run run = runCli({QStringLiteral("inspect"), path, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("gguf"));
        QCOMPARE(root.value(QStringLiteral("architecture")).toObject().value(QStringLiteral("layers")).toInt(), 1);
        const QJsonObject q = root.value(QStringLiteral("tensors")).toArray()[1].toObject();
        QCOMPARE(q.value(QStringLiteral("name")).toString(), QStringLiteral("blk.0.attn_q.weight"));
        QCOMPARE(q.value(QStringLiteral("dtype")).toString(), QStringLiteral("Q8_0"));
        QCOMPARE(q.value(QStringLiteral("shape")).toArray(), (QJsonArray{rows, cols}));
        double absmax = 0, sum = 0;
        for (double x : expected) {
            absmax = std::max(absmax, std::fabs(x));
            sum += x;
        }
        const double mean = sum / double(expected.size());
        double m2 = 0;
        for (double x : expected)
            m2 += (x - mean) * (x - mean);
        QCOMPARE(q.value(QStringLiteral("absmax")).toDouble(), absmax);
        QCOMPARE_LT(std::fabs(q.value(QStringLiteral("mean")).toDouble() - mean), 1e-6);
        QCOMPARE_LT(std::fabs(q.value(QStringLiteral("std")).toDouble() - std::sqrt(m2 / double(expected.size()))), 1e-5);
    }

    // The demo: a sweep of the model, then its report — cliff charts, report.html and the
    // model's outlier and SQNR maps with their data.
    void demoSweepsAndWritesTheReport()
    {
        const QString out = m_dir.filePath(QStringLiteral("demo"));
        const QString model = m_dir.filePath(QStringLiteral("evaluable"));
        test::writeEvaluableModel(model.toStdString()); // hidden 64, a tokenizer
        const Run run = runCli({QStringLiteral("demo"), QStringLiteral("--out"), out, QStringLiteral("--model"), model,
                                QStringLiteral("--schemes"), QStringLiteral("q4_k,rtn:b8:g8:sym,rtn:b2:g8:asym"),
                                QStringLiteral("--text"), QStringLiteral("bundled:en"), QStringLiteral("--tasks"),
                                QStringLiteral("bundled:knowledge"), QStringLiteral("--ctx"), QStringLiteral("32"),
                                QStringLiteral("--dpi"), QStringLiteral("96")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("4 of 4 cells ok"));
        // q4_k does not fit rows of 64: it falls back to q5_0, and the demo says so.
        QVERIFY2(run.out.contains("fell back to q5_0 (rows of 64 are not a multiple of the q4_k block (256))"),
                 run.out.constData());
        QFile html(out + QStringLiteral("/report.html"));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QByteArray report = html.readAll();
        QVERIFY(report.contains("<svg"));
        QVERIFY(report.contains("rtn:b2:g8:asym"));
        for (const char *chart : {"cliff-kld", "cliff-accuracy", "cliff-same-top"}) {
            QVERIFY2(!QImage(out + "/" + chart + ".png").isNull(), chart);
            QVERIFY2(QFile::exists(out + "/" + chart + ".svg") && QFile::exists(out + "/" + chart + ".pdf"), chart);
        }
        const QImage map(out + QStringLiteral("/model/outlier-map-attn_q.png"));
        QVERIFY(!map.isNull());
        QVERIFY(QFile::exists(out + QStringLiteral("/model/outlier-map-attn_q.csv")));
        QVERIFY(QFile::exists(out + QStringLiteral("/model/statistics.json")));
        QVERIFY(QFile::exists(out + QStringLiteral("/model/quant-sqnr-rtn_b2_g8_asym.svg")));
        QFile csv(out + QStringLiteral("/model/quant-sqnr-rtn_b2_g8_asym.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readLine().trimmed(), QByteArray("layer,attn_q,attn_k,attn_v,attn_o,ffn_gate,ffn_up,ffn_down"));
        // The maps' quantizations: the lowest-bit scheme and the 4-bit one, the quantizer's figures.
        QFile summary(out + QStringLiteral("/model/quantization-summary.csv"));
        QVERIFY(summary.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = summary.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0].split(',')[7], QByteArray("mse"));
        QCOMPARE(lines[1].split(',')[0], QByteArray("rtn:b2:g8:asym"));
        QCOMPARE(lines[2].split(',')[0], QByteArray("q4_k"));
        QVERIFY(lines[1].split(',')[7].toDouble() > lines[2].split(',')[7].toDouble()); // MSE: 2 bits worse
        QVERIFY(QFile::exists(out + QStringLiteral("/sweep/results.jsonl")));
        QVERIFY(QFile::exists(out + QStringLiteral("/results.csv")));

        // A bad scheme fails at once, before anything is written.
        const QString badOut = m_dir.filePath(QStringLiteral("demo-bad-scheme"));
        const Run bad = runCli({QStringLiteral("demo"), QStringLiteral("--out"), badOut, QStringLiteral("--model"),
                                m_model, QStringLiteral("--schemes"), QStringLiteral("q4_k,q9_0")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.trimmed().count('\n') == 0 && bad.err.contains("q9_0"), bad.err.constData());
        QVERIFY(!QFileInfo::exists(badOut));
    }

    // OpenBLAS may pick kernels older than this CPU (Debian 12's 0.3.21 does on Sapphire
    // Rapids): the program must end up on AVX2 kernels or better wherever the CPU has AVX2.
    void runsOnModernBlasKernels()
    {
        const Run run = runCli({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        const QByteArray marker("OpenBLAS kernels: ");
        const qsizetype at = run.out.indexOf(marker);
        QVERIFY2(at >= 0, run.out.constData());
        const QByteArray core = run.out.mid(at + marker.size()).split(')').first();
        QVERIFY(!core.isEmpty());
        QCOMPARE(QString::fromStdString(fasterBlasCore(core.toStdString(), CpuVectorSupport::detect())), QString());
    }

private:
    QTemporaryDir m_dir;
    QString m_model;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
