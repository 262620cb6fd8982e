// A sweep's cells on a real Slurm cluster (one node, started by the test): the script of
// slurmSweepScript submitted as is, one array task per cell, then the merge job once every
// task has ended, in a sweep folder whose name has blanks, quotes and '%'.
//
// Two programs run: a stand-in for bitcliff-cli (a bash script doing what sweep-cell and
// sweep-merge do to the files, minus the evaluation, logging when each ran) for the order of
// tasks and merge, and the real bitcliff-cli, whose merged results must equal a local run.
#include "support/clirunner.h"
#include "support/evalfixtures.h"
#include "support/slurmcluster.h"
#include "support/tokenizerfixtures.h"
#include "sweepjson.h"
#include "sweep/slurmscript.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace bitcliff;

namespace {

// Does to DIR what bitcliff-cli's sweep-cell and sweep-merge do: the cell of
// SLURM_ARRAY_TASK_ID to DIR/cells/cell-NNNN.json (written whole, then renamed), the cells
// into DIR/results.jsonl. Each call appends what it did to DIR/order.log, with the time.
const char *const kStandInCli = R"(#!/bin/bash
set -euo pipefail
command=$1 dir=$2
note() { echo "$1 $(date +%s.%N) job=$SLURM_JOB_ID" >>"$dir/order.log"; }
case $command in
sweep-cell)
    cell=$SLURM_ARRAY_TASK_ID
    note "start $cell"
    mkdir -p "$dir/cells"
    file=$(printf '%s/cells/cell-%04d.json' "$dir" "$cell")
    printf '{"cell":%d,"scheme":"stand-in","status":"ok"}\n' "$cell" >"$file.tmp"
    sleep 0.5 # long enough for cells that run at once to overlap
    mv "$file.tmp" "$file"
    note "end $cell" ;;
sweep-merge)
    note "merge"
    cat "$dir"/cells/cell-*.json >"$dir/results.jsonl.tmp"
    mv "$dir/results.jsonl.tmp" "$dir/results.jsonl" ;;
*)
    echo "stand-in bitcliff-cli: unknown command $command" >&2
    exit 2 ;;
esac
)";

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Everything the jobs logged, for failure messages.
QString jobLogs(const QString &sweepDir)
{
    QString text;
    const QDir logs(sweepDir + "/logs");
    for (const QString &name : logs.entryList(QDir::Files, QDir::Name))
        text += "--- logs/" + name + "\n" + readText(logs.filePath(name));
    return text;
}

} // namespace

class TestSlurmSweep : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const QString unavailable = test::SlurmCluster::unavailableReason();
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
        QVERIFY(m_dir.isValid());
        const QString bin = m_dir.filePath("stand-in bin");
        QVERIFY(QDir().mkpath(bin));
        m_standInCli = bin + "/bitcliff-cli";
        QFile file(m_standInCli);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kStandInCli);
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));

        m_cluster = std::make_unique<test::SlurmCluster>();
        QElapsedTimer timer;
        timer.start();
        QString why;
        QVERIFY2(m_cluster->start(&why), qPrintable(why));
        qInfo("cluster up in %.1f s", timer.elapsed() / 1000.0);
    }

    // The daemons stop here, and in the cluster's destructor should a test fail before.
    void cleanupTestCase() { m_cluster.reset(); }

    void cellsRunAsArrayTasksThenOneMerge()
    {
        const QString sweepDir = m_dir.filePath("sweep 'q' \"d\" 50%");
        const int cells = 3;
        runSweepOnSlurm(scriptOptions(m_standInCli, sweepDir, cells));
        if (QTest::currentTestFailed())
            return;
        checkResults(sweepDir, cells);

        // The merge ran once, after every cell had ended (afterany on the array job).
        const QList<Event> events = standInEvents(sweepDir);
        QCOMPARE(events.size(), 2 * cells + 1);
        QCOMPARE(events.last().what, QStringLiteral("merge"));
        for (int cell = 0; cell < cells; ++cell) {
            QCOMPARE(std::count_if(events.begin(), events.end(), [&](const Event &e) { return e.cell == cell; }), 2);
            QVERIFY(endOf(events, cell) <= events.last().time);
        }
        // Task 0 said it submitted the merge job; the logs are where the script puts them.
        QVERIFY2(
            readText(sweepDir + "/logs/cell-0.out").contains("Submitted batch job"), qPrintable(jobLogs(sweepDir)));
        QVERIFY(QFile::exists(sweepDir + "/logs/merge.out"));
        for (int cell = 1; cell < cells; ++cell)
            QVERIFY(QFile::exists(sweepDir + QStringLiteral("/logs/cell-%1.out").arg(cell)));
    }

    // --array=0-2%1: one cell at a time, although the node has room for two.
    void throttleRunsOneCellAtATime()
    {
        const QString sweepDir = m_dir.filePath("throttled sweep");
        const int cells = 3;
        SlurmScriptOptions options = scriptOptions(m_standInCli, sweepDir, cells);
        options.maxParallel = 1;
        runSweepOnSlurm(options);
        if (QTest::currentTestFailed())
            return;
        checkResults(sweepDir, cells);
        QList<Event> starts = standInEvents(sweepDir);
        starts.removeIf([](const Event &e) { return e.what != "start"; });
        QCOMPARE(starts.size(), cells);
        std::sort(starts.begin(), starts.end(), [](const Event &a, const Event &b) { return a.time < b.time; });
        const QList<Event> events = standInEvents(sweepDir);
        for (int i = 1; i < cells; ++i)
            QVERIFY2(
                starts[i].time >= endOf(events, starts[i - 1].cell), qPrintable(readText(sweepDir + "/order.log")));
    }

    // The real bitcliff-cli: `sweep ... --slurm` writes sweep.sbatch, submitted as is; the
    // merged results equal a local run of the same sweep, cell for cell.
    void realSweepOnSlurmEqualsLocalRun()
    {
        const QString model = m_dir.filePath("model"), text = m_dir.filePath("text.txt");
        test::writeEvaluableModel(model.toStdString());
        test::writeTextFile(text.toStdString(), test::sampleText(150));
        const QStringList sweep { "sweep", model, "--schemes", "q8_0,q4_0,rtn:b3:g32:sym", "--text", text, "--ctx", "32" };
        const QString local = m_dir.filePath("local"), cluster = m_dir.filePath("cluster sweep");
        const auto localRun = test::runCli(QStringLiteral(BITCLIFF_CLI), sweep + QStringList { "--out", local }, 300000);
        QVERIFY2(localRun.exitCode == 0, localRun.err.constData());
        const auto planned = test::runCli(
            QStringLiteral(BITCLIFF_CLI), sweep + QStringList { "--out", cluster, "--slurm", "--slurm-cpus", "1" }, 60000);
        QVERIFY2(planned.exitCode == 0, planned.err.constData());
        QVERIFY2(planned.out.contains("sbatch"), planned.out.constData());
        QString error;
        const QString job = m_cluster->sbatch(cluster + "/sweep.sbatch", &error);
        QVERIFY2(!job.isEmpty(), qPrintable(error));
        QVERIFY2(m_cluster->waitForJobs(120), qPrintable(m_cluster->logTail() + jobLogs(cluster)));
        const auto merged = test::sweepCells(cluster), reference = test::sweepCells(local);
        QVERIFY2(merged.size() == 4, qPrintable(jobLogs(cluster)));
        for (int cell = 0; cell < 4; ++cell) {
            QCOMPARE(merged.values(cell).size(), 1);
            QCOMPARE(test::measurements(merged.value(cell)), test::measurements(reference.value(cell)));
        }
        QVERIFY(QFile::exists(cluster + "/results.csv"));
    }

private:
    struct Event
    {
        QString what; // start, end, merge
        int cell = -1;
        double time = 0; // seconds since the epoch
    };

    // DIR/order.log of the stand-in: "start 2 <time> job=..", "end 2 <time> ..", "merge <time> ..".
    static QList<Event> standInEvents(const QString &sweepDir)
    {
        QList<Event> events;
        for (const QString &line : readText(sweepDir + "/order.log").split('\n', Qt::SkipEmptyParts)) {
            const QStringList words = line.split(' ');
            Event e;
            e.what = words.value(0);
            const bool merge = e.what == "merge";
            e.cell = merge ? -1 : words.value(1).toInt();
            e.time = words.value(merge ? 1 : 2).toDouble();
            events.append(e);
        }
        return events;
    }

    static double endOf(const QList<Event> &events, int cell)
    {
        for (const Event &e : events) {
            if (e.what == "end" && e.cell == cell)
                return e.time;
        }
        return 1e300;
    }

    static SlurmScriptOptions scriptOptions(const QString &cli, const QString &sweepDir, int cells)
    {
        SlurmScriptOptions options;
        options.cliPath = cli.toStdString();
        options.sweepDir = sweepDir.toStdString();
        options.cellCount = cells;
        options.cpusPerTask = 1; // two tasks at once on a node of two CPUs
        return options;
    }

    // Writes DIR/sweep.sbatch, submits it as a user would (sbatch DIR/sweep.sbatch) and waits
    // until every job, the merge included, has left the queue.
    void runSweepOnSlurm(const SlurmScriptOptions &options)
    {
        const QString sweepDir = QString::fromStdString(options.sweepDir);
        QVERIFY(QDir().mkpath(sweepDir));
        const QString script = QString::fromStdString(writeSlurmSweepScript(options).string());
        QElapsedTimer timer;
        timer.start();
        QString error;
        const QString job = m_cluster->sbatch(script, &error);
        QVERIFY2(!job.isEmpty(), qPrintable(error));
        QVERIFY2(m_cluster->waitForJobs(45),
            qPrintable("jobs still queued after 45 s\n" + m_cluster->logTail() + jobLogs(sweepDir)));
        qInfo("job %s: %d cells and the merge in %.1f s", qPrintable(job), options.cellCount, timer.elapsed() / 1000.0);
    }

    // DIR/results.jsonl holds one line per cell, 0 .. cells-1, each once.
    static void checkResults(const QString &sweepDir, int cells)
    {
        const QString results = readText(sweepDir + "/results.jsonl");
        const QStringList lines = results.split('\n', Qt::SkipEmptyParts);
        QVERIFY2(lines.size() == cells, qPrintable(results + jobLogs(sweepDir)));
        QList<int> seen;
        for (const QString &line : lines) {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(line.toUtf8(), &parseError);
            QVERIFY2(parseError.error == QJsonParseError::NoError && document.isObject(), qPrintable(line));
            seen.append(document.object().value("cell").toInt(-1));
        }
        std::sort(seen.begin(), seen.end());
        QList<int> expected;
        for (int cell = 0; cell < cells; ++cell)
            expected.append(cell);
        QCOMPARE(seen, expected);
    }

    QTemporaryDir m_dir;
    QString m_standInCli; // in a folder with a blank
    std::unique_ptr<test::SlurmCluster> m_cluster; // declared last: its jobs end before m_dir goes
};

QTEST_GUILESS_MAIN(TestSlurmSweep)
#include "tst_slurmsweep.moc"
