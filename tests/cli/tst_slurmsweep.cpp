// A sweep's cells on a real Slurm cluster (one node, started by the test): the script of
// slurmSweepScript submitted as is, one array task per cell, then the merge job once every
// task has ended, in a sweep folder whose name has blanks, quotes and '%'.
//
// The program the script runs is a stand-in for bitcliff-cli for now (a bash script doing what
// sweep-cell and sweep-merge do to the files, minus the evaluation); runSweepOnSlurm and
// checkResults take any CLI path, so the real bitcliff-cli (BITCLIFF_CLI) can replace it.
#include "support/slurmcluster.h"
#include "sweep/slurmscript.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
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
        const QString bin = m_dir.filePath("stand-in bin");
        QVERIFY(QDir().mkpath(bin));
        const QString cli = bin + "/bitcliff-cli";
        QFile file(cli);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kStandInCli);
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));

        const QString sweepDir = m_dir.filePath("sweep 'q' \"d\" 50%");
        QVERIFY(QDir().mkpath(sweepDir));
        const int cells = 3;
        runSweepOnSlurm(cli, sweepDir, cells);
        if (QTest::currentTestFailed())
            return;
        checkResults(sweepDir, cells);

        // The merge ran once, after every cell had ended (afterany on the array job).
        const QStringList order = readText(sweepDir + "/order.log").split('\n', Qt::SkipEmptyParts);
        QCOMPARE(order.size(), 2 * cells + 1);
        QVERIFY2(order.last().startsWith("merge "), qPrintable(order.join('\n')));
        for (int cell = 0; cell < cells; ++cell) {
            QCOMPARE(order.filter(QRegularExpression(QStringLiteral("^start %1 ").arg(cell))).size(), 1);
            QCOMPARE(order.filter(QRegularExpression(QStringLiteral("^end %1 ").arg(cell))).size(), 1);
        }
        // Task 0 said it submitted the merge job, and its log and the merge's are where the
        // script puts them.
        QVERIFY2(
            readText(sweepDir + "/logs/cell-0.out").contains("Submitted batch job"), qPrintable(jobLogs(sweepDir)));
        QVERIFY(QFile::exists(sweepDir + "/logs/merge.out"));
        for (int cell = 1; cell < cells; ++cell)
            QVERIFY(QFile::exists(sweepDir + QStringLiteral("/logs/cell-%1.out").arg(cell)));
    }

private:
    // Writes DIR/sweep.sbatch for `cells` cells run by `cli`, submits it and waits until
    // every job, the merge included, has left the queue.
    void runSweepOnSlurm(const QString &cli, const QString &sweepDir, int cells)
    {
        SlurmScriptOptions options;
        options.cliPath = cli.toStdString();
        options.sweepDir = sweepDir.toStdString();
        options.cellCount = cells;
        options.cpusPerTask = 1;
        const QString script = QString::fromStdString(writeSlurmSweepScript(options).string());
        QElapsedTimer timer;
        timer.start();
        QString error;
        const QString job = m_cluster->sbatch(script, &error);
        QVERIFY2(!job.isEmpty(), qPrintable(error));
        QVERIFY2(m_cluster->waitForJobs(45),
            qPrintable("jobs still queued after 45 s\n" + m_cluster->logTail() + jobLogs(sweepDir)));
        qInfo("job %s: %d cells and the merge in %.1f s", qPrintable(job), cells, timer.elapsed() / 1000.0);
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
    std::unique_ptr<test::SlurmCluster> m_cluster;
};

QTEST_GUILESS_MAIN(TestSlurmSweep)
#include "tst_slurmsweep.moc"
