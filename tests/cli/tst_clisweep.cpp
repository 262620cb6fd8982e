// bitcliff-cli sweep / sweep-cell / sweep-merge / report as a user runs them: a sweep of a
// small model on text and tasks, resumed after kill -9 with no cell lost or run twice and the
// same figures as an uninterrupted run; failures recorded; bad input refused before any work;
// the cluster path (plan, one cell per process, merge) equal to the local run; the report's
// numbers equal to the results file.
#include "support/clirunner.h"
#include "support/evalfixtures.h"
#include "support/tokenizerfixtures.h"
#include "sweepjson.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <csignal>

using namespace bitcliff;

namespace {

test::CliRun cli(const QStringList &arguments)
{
    return test::runCli(QStringLiteral(BITCLIFF_CLI), arguments, 300000);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A JSON pointer into a cell ("/accuracy/by_language/en/acc"; "~1" is "/").
QJsonValue at(const QJsonObject &cell, const QString &pointer)
{
    QJsonValue value = cell;
    for (QString token : pointer.split('/', Qt::SkipEmptyParts)) {
        token.replace("~1", "/").replace("~0", "~");
        value = value.isArray() ? value.toArray().at(token.toInt()) : value.toObject().value(token);
    }
    return value;
}

} // namespace

class TestCliSweep : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath("model");
        test::writeEvaluableModel(m_model.toStdString());
        m_text = m_dir.filePath("text.txt");
        test::writeTextFile(m_text.toStdString(), test::sampleText(200));
        m_tasks = m_dir.filePath("tasks.jsonl");
        test::writeTextFile(m_tasks.toStdString(), test::labelledTaskLines());
        m_reference = m_dir.filePath("reference");
        const auto run = cli(sweepArguments(m_reference));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("6 of 6 cells ok, 0 failed"));
    }

    void cellsCarryMetricsAndWhatReproducesThem()
    {
        const auto cells = test::sweepCells(m_reference);
        QCOMPARE(cells.size(), 6);
        QCOMPARE(cells.uniqueKeys().size(), 6);
        const QByteArray textHash = QCryptographicHash::hash(readAll(m_text), QCryptographicHash::Sha256).toHex();
        for (const QJsonObject &cell : cells) {
            for (const char *key : { "scheme", "method", "bits", "status", "bpw", "ppl", "accuracy", "repro" })
                QVERIFY2(cell.contains(key), key);
            QCOMPARE(cell["status"].toString(), QStringLiteral("ok"));
            QVERIFY(cell["accuracy"].toObject()["by_difficulty"].toObject().contains("hard"));
            QVERIFY(cell["accuracy"].toObject()["by_language"].toObject().contains("de"));
            const QJsonObject repro = cell["repro"].toObject();
            QCOMPARE(
                repro["text"].toObject()["files"].toArray().at(0).toObject()["sha256"].toString().toLatin1(), textHash);
            QCOMPARE(repro["model"].toObject()["fingerprint"].toString().size(), 64);
            QCOMPARE(repro["ctx"].toInt(), 32);
            for (const char *key : { "version", "time", "machine" })
                QVERIFY2(repro.contains(key), key);
            if (cell["scheme"].toString() != "unquantized") {
                QVERIFY(cell["kld"].toObject().contains("mean"));
                QVERIFY(cell["same_top"].toObject().contains("p"));
                QVERIFY(cell["ln_ppl_ratio"].toObject().contains("value"));
                QVERIFY(cell["bpw"].toDouble() < 9);
            }
        }
        QCOMPARE(cells.value(0)["scheme"].toString(), QStringLiteral("unquantized"));
        QCOMPARE(cells.value(4)["method"].toString(), QStringLiteral("rtn:g32:sym"));
        QCOMPARE(cells.value(4)["bits"].toInt(), 3);
        // The baseline runs first; results.csv has a row per cell.
        QCOMPARE(QString(readAll(m_reference + "/results.jsonl")).section('\n', 0, 0).contains("\"cell\":0"), true);
        QCOMPARE(readAll(m_reference + "/results.csv").count('\n'), 7);
        // Run again: nothing to do, nothing appended.
        const auto again = cli(sweepArguments(m_reference));
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY(again.out.contains("all 6 cells were finished already"));
        QCOMPARE(test::sweepCells(m_reference).size(), 6);
    }

    // kill -9 while the sweep runs, then the same command again: every cell once, and the
    // figures of an uninterrupted run.
    void resumesAfterKillNine()
    {
        const QString dir = m_dir.filePath("killed");
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList arguments = sweepArguments(dir);
        arguments << "--group"
                  << "1"; // a line per cell as early as possible
        process.start(QStringLiteral(BITCLIFF_CLI), arguments);
        QVERIFY(process.waitForStarted());
        QElapsedTimer timer;
        timer.start();
        while (test::sweepCells(dir).size() < 2 && timer.elapsed() < 120000 && process.state() == QProcess::Running)
            QTest::qWait(20);
        QVERIFY2(process.state() == QProcess::Running, "the sweep ended before it could be killed");
        ::kill(pid_t(process.processId()), SIGKILL);
        QVERIFY(process.waitForFinished());
        const int survived = int(test::sweepCells(dir).size());
        QVERIFY(survived >= 2 && survived < 6);

        const auto resumed = cli(arguments);
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        QVERIFY2(resumed.out.contains(QStringLiteral("resumed: %1 cells were finished").arg(survived).toUtf8()),
            resumed.out.constData());
        const auto cells = test::sweepCells(dir);
        QCOMPARE(cells.size(), 6);
        const auto reference = test::sweepCells(m_reference);
        for (int cell = 0; cell < 6; ++cell) {
            QCOMPARE(cells.values(cell).size(), 1);
            QCOMPARE(test::measurements(cells.value(cell)), test::measurements(reference.value(cell)));
        }
    }

    // One process per cell (as Slurm array tasks run them), then the merge: the local run's
    // figures; a missing cell is named and the merge exits 1; merging again adds nothing.
    void clusterCellsMergeToTheLocalRun()
    {
        const QString dir = m_dir.filePath("cluster");
        auto plan = cli(sweepArguments(dir) << "--plan");
        QVERIFY2(plan.exitCode == 0, plan.err.constData());
        QVERIFY(plan.out.contains("planned 6 cells"));
        QVERIFY(!QFile::exists(dir + "/results.jsonl"));
        for (int cell : { 5, 0, 2, 1, 4 }) {
            const auto run = cli({ "sweep-cell", dir, "--cell", QString::number(cell) });
            QVERIFY2(run.exitCode == 0, run.err.constData());
        }
        auto merge = cli({ "sweep-merge", dir });
        QCOMPARE(merge.exitCode, 1);
        QVERIFY2(merge.err.contains("1 of 6 cells missing: 3"), merge.err.constData());
        QProcess task; // the cell of a Slurm array task
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("SLURM_ARRAY_TASK_ID", "3");
        task.setProcessEnvironment(environment);
        task.start(QStringLiteral(BITCLIFF_CLI), { "sweep-cell", dir });
        QVERIFY(task.waitForFinished(300000));
        QCOMPARE(task.exitCode(), 0);
        merge = cli({ "sweep-merge", dir });
        QVERIFY2(merge.exitCode == 0, merge.err.constData());
        QVERIFY(cli({ "sweep-merge", dir }).out.contains("merged 0 new cells"));
        const auto cells = test::sweepCells(dir);
        const auto reference = test::sweepCells(m_reference);
        QCOMPARE(cells.size(), 6);
        for (int cell = 0; cell < 6; ++cell)
            QCOMPARE(test::measurements(cells.value(cell)), test::measurements(reference.value(cell)));
        QVERIFY(QFile::exists(dir + "/results.csv"));
    }

    void failingCellIsRecordedAndTheSweepGoesOn()
    {
        const QString dir = m_dir.filePath("failing");
        // Rows of the fixture's matrices are not multiples of 4096: strict refuses every tensor.
        const auto run = cli({ "sweep", m_model, "--schemes", "q8_0,rtn:b4:g4096:strict", "--text", m_text, "--ctx",
            "32", "--out", dir });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto cells = test::sweepCells(dir);
        QCOMPARE(cells.size(), 3);
        QCOMPARE(cells.value(1)["status"].toString(), QStringLiteral("ok"));
        QCOMPARE(cells.value(2)["status"].toString(), QStringLiteral("failed"));
        QVERIFY(cells.value(2)["error"].toString().contains("4096"));
        QVERIFY(run.out.contains("2 of 3 cells ok, 1 failed"));
    }

    void badInputFailsBeforeAnyWork()
    {
        const QString dir = m_dir.filePath("bad");
        auto expectOneLine = [&](const QStringList &arguments, const char *needle) {
            const auto run = cli(arguments);
            QVERIFY2(run.exitCode != 0, run.out.constData());
            QVERIFY2(test::isOneLine(run.err), run.err.constData());
            QVERIFY2(run.err.contains(needle), run.err.constData());
            QVERIFY2(!QFile::exists(dir + "/results.jsonl"), arguments.join(' ').toUtf8().constData());
        };
        expectOneLine(
            { "sweep", m_model, "--schemes", "q4_0,rtn:b9", "--text", m_text, "--out", dir }, "bad scheme 'rtn:b9'");
        expectOneLine({ "sweep", m_model, "--schemes", "q4_0", "--out", dir }, "--text");
        expectOneLine({ "sweep", m_model, "--preset", "medium", "--out", dir }, "unknown sweep preset");
        const QString badTasks = m_dir.filePath("bad.jsonl");
        test::writeTextFile(badTasks.toStdString(), "{\"id\":\"1\",\"kind\":\"choice\"}\n");
        expectOneLine({ "sweep", m_model, "--schemes", "q4_0", "--tasks", badTasks, "--out", dir }, "bad.jsonl:1");
        const QString spec = m_dir.filePath("spec.json");
        test::writeTextFile(spec.toStdString(), R"({"schemes": ["q4_0"], "text": "bundled", "colour": 3})");
        expectOneLine({ "sweep", m_model, "--spec", spec, "--out", dir }, "unknown key \"colour\"");
        expectOneLine({ "sweep-cell", m_reference, "--cell", "9" }, "cell 9 is not in");
        // Another model into a folder with results: refused, nothing appended.
        const QString other = m_dir.filePath("other-model");
        test::TinyTransformerSpec otherSpec;
        otherSpec.seed = 99;
        test::writeEvaluableModel(other.toStdString(), otherSpec);
        const QByteArray before = readAll(m_reference + "/results.jsonl");
        const auto refused = cli(QStringList { "sweep", other } + sweepArguments(m_reference).mid(2));
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("holds results of another model"), refused.err.constData());
        QCOMPARE(readAll(m_reference + "/results.jsonl"), before);
    }

    // A spec file gives the same sweep as the options it holds.
    void specFileRunsTheSameSweep()
    {
        const QString spec = m_dir.filePath("sweep-spec.json");
        QFile::copy(m_reference + "/sweep.json", spec);
        const QString dir = m_dir.filePath("from-spec");
        const auto run = cli({ "sweep", "--spec", spec, "--out", dir, "--schemes", "q8_0" });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto cells = test::sweepCells(dir);
        QCOMPARE(cells.size(), 2);
        QCOMPARE(test::measurements(cells.value(1)), test::measurements(test::sweepCells(m_reference).value(1)));
    }

    // A variant's cell quantizes its own checkpoint and compares it with the sweep's
    // unquantized model: a copy of the model gives the model's own figures, another
    // checkpoint other ones; an undefined variant is refused before any work.
    void variantCellsQuantizeTheirCheckpoint()
    {
        const QString same = m_dir.filePath("variant-same"), other = m_dir.filePath("variant-other");
        test::writeEvaluableModel(same.toStdString());
        test::TinyTransformerSpec otherSpec;
        otherSpec.seed = 7;
        test::writeEvaluableModel(other.toStdString(), otherSpec);
        const QString spec = m_dir.filePath("variant-spec.json");
        QString json = QStringLiteral("{\"model\": \"%1\", \"schemes\": [\"q4_0\", \"q4_0@copy\", "
                                            "\"q4_0@other\"], \"text\": \"%2\", \"ctx\": 32, \"variants\": ["
                                            "{\"name\": \"copy\", \"models\": {\"q4_0\": \"%3\"}},"
                                            "{\"name\": \"other\", \"models\": {\"q4_0\": \"%4\"}}]}")
                                 .arg(m_model, m_text, same, other);
        test::writeTextFile(spec.toStdString(), json.toStdString());
        const QString dir = m_dir.filePath("variants");
        const auto run = cli({ "sweep", "--spec", spec, "--out", dir });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto cells = test::sweepCells(dir);
        QCOMPARE(cells.size(), 4);
        QCOMPARE(cells.value(2)["scheme"].toString(), QStringLiteral("q4_0@copy"));
        QCOMPARE(cells.value(2)["method"].toString(), QStringLiteral("gguf-legacy@copy"));
        QCOMPARE(cells.value(2)["bits"].toInt(), 4);
        for (const char *pointer : { "/ppl", "/kld/mean", "/same_top/p", "/bpw" }) {
            QVERIFY2(at(cells.value(1), pointer).isDouble(), pointer);
            QCOMPARE(at(cells.value(2), pointer).toDouble(), at(cells.value(1), pointer).toDouble());
        }
        QVERIFY(at(cells.value(3), "/kld/mean").toDouble() > 10 * at(cells.value(1), "/kld/mean").toDouble());

        test::writeTextFile(spec.toStdString(), json.replace("q4_0@other", "q4_0@ghost").toStdString());
        const auto ghost = cli({ "sweep", "--spec", spec, "--out", m_dir.filePath("ghost") });
        QVERIFY(ghost.exitCode != 0);
        QVERIFY2(test::isOneLine(ghost.err) && ghost.err.contains("no variant 'ghost'"), ghost.err.constData());
        QVERIFY(!QFile::exists(m_dir.filePath("ghost/results.jsonl")));
    }

    // Every number the report's text shows is the results file's, rounded as stated.
    void reportNumbersComeFromTheResults()
    {
        const QString out = m_dir.filePath("report");
        const auto run = cli({ "report", m_reference, "--out", out, "--dpi", "96" });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        for (const char *file : { "report.html", "results.csv", "results.json", "cliff-accuracy.png",
                 "cliff-accuracy.svg", "cliff-accuracy.pdf", "cliff-kld.svg", "cliff-accuracy-by-difficulty.svg",
                 "model/outlier-map-ffn_down.svg" })
            QVERIFY2(QFile::exists(out + "/" + file), file);
        const QString html = QString::fromUtf8(readAll(out + "/report.html"));
        QVERIFY(!html.contains("<script"));
        QVERIFY(!html.contains("src=\"http"));
        const auto cells = test::sweepCells(m_reference);
        const QRegularExpression span(QStringLiteral(
            "<span class=\"num\" data-cell=\"(\\d+)\" data-key=\"([^\"]+)\" data-format=\"(\\w+)\">([^<]*)</span>"));
        int checked = 0;
        for (auto match = span.globalMatch(html); match.hasNext();) {
            const auto m = match.next();
            const QJsonValue value = at(cells.value(m.captured(1).toInt()), m.captured(2));
            QVERIFY2(value.isDouble(), qPrintable(m.captured(0)));
            const double v = value.toDouble();
            const QString format = m.captured(3), shown = m.captured(4);
            const double tolerance = format == "pct1" ? 0.051
                : format == "fix1"                    ? 0.051
                : format == "fix2"                    ? 0.0051
                                                      : 0.0;
            const double displayed = shown.toDouble();
            if (format == "pct1")
                QVERIFY2(std::abs(100 * v - displayed) <= tolerance, qPrintable(m.captured(0)));
            else if (format == "sig3")
                QVERIFY2(std::abs(v - displayed) <= 0.0051 * std::abs(v) + 1e-12, qPrintable(m.captured(0)));
            else
                QVERIFY2(std::abs(v - displayed) <= tolerance + 1e-9, qPrintable(m.captured(0)));
            ++checked;
        }
        QVERIFY2(checked > 20, qPrintable(QString::number(checked)));
    }

private:
    QStringList sweepArguments(const QString &out) const
    {
        return { "sweep", m_model, "--schemes", "q8_0,q4_0,q4_1,rtn:b3:g32:sym,rtn:b2:g32:asym", "--text", m_text,
            "--tasks", m_tasks, "--ctx", "32", "--max-tokens", "4", "--out", out };
    }

    QTemporaryDir m_dir;
    QString m_model, m_text, m_tasks, m_reference;
};

QTEST_GUILESS_MAIN(TestCliSweep)
#include "tst_clisweep.moc"
