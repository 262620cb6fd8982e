// The sweep's Slurm script without Slurm: shell quoting that survives bash and sh, the array
// and #SBATCH lines, what each task runs (with stand-ins for bitcliff-cli and sbatch on PATH,
// in folders with spaces, quotes, $ and %), and the options it refuses.
#include "sweep/slurmscript.h"
#include "util/error.h"
#include "util/shellquote.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace bitcliff;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment = {})
{
    QProcess process;
    if (!environment.isEmpty())
        process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2, process.readAllStandardOutput(),
        process.readAllStandardError() };
}

void writeExecutable(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    file.write(text);
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing " + path.toUtf8() + ">");
}

// Each argument on its own line, as a stand-in program writes them.
QByteArray lines(const QStringList &arguments)
{
    QByteArray text;
    for (const QString &a : arguments)
        text += a.toUtf8() + '\n';
    return text;
}

// Names no test or Slurm would choose: blanks, both quotes, $, a backquote, '%', a glob.
const char *const kAwkward = "we ird 'single' \"double\" $HOME `x` 50% *";

} // namespace

class TestSlurmScript : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void shellQuotingRoundTrips_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("plain") << QByteArray("/opt/bitcliff/bin/bitcliff-cli");
        QTest::newRow("awkward") << QByteArray(kAwkward);
        QTest::newRow("quotes only") << QByteArray("'''\"\"'");
        QTest::newRow("escapes") << QByteArray("a\\b\\\\c\\'d\\n $(echo no) ${X:-y} !! ~ & ; | < >");
        QTest::newRow("line breaks") << QByteArray("one\ntwo\r\n\tthree\n");
        QTest::newRow("utf-8") << QByteArray("Modelle/量子化 – ü");
        QTest::newRow("leading dash") << QByteArray("-n");
    }

    // The quoted word expands to exactly the text, in bash (the script) and in sh (the merge
    // job's --wrap command).
    void shellQuotingRoundTrips()
    {
        QFETCH(QByteArray, text);
        const QString quoted = QString::fromStdString(shellQuoted(text.toStdString()));
        for (const QString &shell : { QStringLiteral("bash"), QStringLiteral("sh") }) {
            const Run r = run(shell, { "-c", "printf '%s' " + quoted });
            QCOMPARE(r.exitCode, 0);
            QCOMPARE(r.out, text);
        }
    }

    void arrayCoversEveryCellWithOptionalThrottle()
    {
        SlurmScriptOptions options = optionsFor("/opt/bitcliff-cli", "/data/sweep", 3);
        std::string script = slurmSweepScript(options);
        QVERIFY(script.starts_with("#!/bin/bash\n"));
        QVERIFY(script.find("\n#SBATCH --array=0-2\n") != std::string::npos);
        QVERIFY(script.find("\n#SBATCH --job-name=bitcliff-sweep\n") != std::string::npos);
        QVERIFY(script.find("\n#SBATCH --output=\"/data/sweep/logs/cell-%a.out\"\n") != std::string::npos);
        QVERIFY(script.find("\nset -euo pipefail\n") != std::string::npos);
        QVERIFY(script.find("sbatch '/data/sweep/sweep.sbatch'") != std::string::npos);
        for (const char *absent : { "--cpus-per-task", "--time", "--mem", "--partition" })
            QVERIFY2(script.find(absent) == std::string::npos, absent);

        options.cellCount = 1;
        QVERIFY(slurmSweepScript(options).find("\n#SBATCH --array=0-0\n") != std::string::npos);
        options.cellCount = 40;
        options.maxParallel = 4;
        options.cpusPerTask = 8;
        options.time = "2:00:00";
        options.memory = "16G";
        options.partition = "cpu";
        options.jobName = "llama-8b";
        options.sweepDir = "/data/sweep/"; // the trailing slash does not double
        script = slurmSweepScript(options);
        for (const char *line :
            { "\n#SBATCH --array=0-39%4\n", "\n#SBATCH --cpus-per-task=8\n", "\n#SBATCH --time=2:00:00\n",
                "\n#SBATCH --mem=16G\n", "\n#SBATCH --partition=cpu\n", "\n#SBATCH --job-name=llama-8b\n",
                "--job-name=llama-8b-merge --partition=cpu", "\n#SBATCH --output=\"/data/sweep/logs/cell-%a.out\"\n" })
            QVERIFY2(script.find(line) != std::string::npos, line);
    }

    // bash -n: the script parses, whatever the paths hold.
    void scriptParses()
    {
        const std::string dir = m_dir.filePath(kAwkward).toStdString();
        const std::string script = slurmSweepScript(optionsFor(dir + "/bin/bitcliff-cli", dir, 12));
        const QString path = m_dir.filePath("parse.sbatch");
        writeExecutable(path, QByteArray::fromStdString(script));
        const Run r = run("bash", { "-n", path });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // Slurm's file names double the '%' of the folder; the double quote is escaped for sbatch.
        QVERIFY(script.find("50%% */logs/cell-%a.out\"") != std::string::npos);
        QVERIFY(script.find("\\\"double\\\"") != std::string::npos);
    }

    // Task 0 runs its cell and submits the merge job after the whole array; the merge job's
    // command runs bitcliff-cli sweep-merge on the folder, path for path, under sh.
    void taskZeroRunsItsCellAndSubmitsTheMerge()
    {
        const Fixture f = fixture("task0");
        const Run r = runTask(f, "0");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(readAll(f.calls + ".cli"), lines({ "sweep-cell", f.sweepDir, "task=0" }));
        const QList<QByteArray> sbatch = readAll(f.calls + ".sbatch").split('\n');
        QCOMPARE(sbatch.size(), 6); // four arguments, the array variables and the final newline
        QCOMPARE(sbatch[0], QByteArray("--dependency=afterany:4242"));
        QCOMPARE(sbatch[1], QByteArray("--job-name=bitcliff-sweep-merge"));
        QCOMPARE(
            sbatch[2], QByteArray("--output=" + QString(f.sweepDir).replace("%", "%%").toUtf8() + "/logs/merge.out"));
        QVERIFY(sbatch[3].startsWith("--wrap="));
        QCOMPARE(sbatch[4], QByteArray("array=unset unset")); // the merge job is no array task

        // What sbatch --wrap runs: /bin/sh with the command.
        QFile::remove(f.calls + ".cli");
        const Run merge = run("sh", { "-c", QString::fromUtf8(sbatch[3].mid(7)) }, f.environment);
        QVERIFY2(merge.exitCode == 0, merge.err.constData());
        QCOMPARE(readAll(f.calls + ".cli"), lines({ "sweep-merge", f.sweepDir, "task=" }));
    }

    void otherTasksAndRequeuedTaskZeroSubmitNothing()
    {
        const Fixture f = fixture("task2");
        Run r = runTask(f, "2");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(readAll(f.calls + ".cli"), lines({ "sweep-cell", f.sweepDir, "task=2" }));
        QVERIFY(!QFile::exists(f.calls + ".sbatch"));

        QProcessEnvironment requeued = f.environment;
        requeued.insert("SLURM_RESTART_COUNT", "1");
        r = runTask(f, "0", requeued);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!QFile::exists(f.calls + ".sbatch"));
    }

    // A cell that fails fails its task with the CLI's status; a merge job that cannot be
    // submitted still lets the cell run, then fails the task with the command to run by hand.
    void failuresReachTheTaskStatus()
    {
        Fixture f = fixture("failures");
        f.environment.insert("STANDIN_CLI_STATUS", "3");
        Run r = runTask(f, "1");
        QCOMPARE(r.exitCode, 3);

        f.environment.insert("STANDIN_CLI_STATUS", "0");
        f.environment.insert("STANDIN_SBATCH_STATUS", "1");
        r = runTask(f, "0");
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(readAll(f.calls + ".cli"), lines({ "sweep-cell", f.sweepDir, "task=0" }));
        QVERIFY2(r.err.contains("could not submit the merge job"), r.err.constData());
        QVERIFY2(r.err.contains(" sweep-merge "), r.err.constData());
    }

    // Run by hand instead of by sbatch: it says how to submit it.
    void outsideSlurmItSaysHowToSubmit()
    {
        const Fixture f = fixture("by-hand");
        QProcessEnvironment environment = f.environment;
        environment.remove("SLURM_ARRAY_TASK_ID");
        const Run r = run("bash", { f.script }, environment);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("sbatch " + f.sweepDir.toUtf8() + "/sweep.sbatch"), r.err.constData());
        QVERIFY(!QFile::exists(f.calls + ".cli"));
    }

    void writesTheScriptAndTheLogFolder()
    {
        const QString dir = m_dir.filePath("written sweep");
        const auto path = writeSlurmSweepScript(optionsFor("/opt/bitcliff-cli", dir.toStdString(), 2));
        QCOMPARE(QString::fromStdString(path.string()), dir + "/sweep.sbatch");
        QCOMPARE(readAll(dir + "/sweep.sbatch").toStdString(),
            slurmSweepScript(optionsFor("/opt/bitcliff-cli", dir.toStdString(), 2)));
        QVERIFY(QFileInfo(dir + "/logs").isDir());
    }

    void refusesOptionsThatCannotWork_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("no cells") << "cells"
                                  << "0"
                                  << "at least one cell";
        QTest::newRow("relative cli") << "cli"
                                      << "bin/bitcliff-cli"
                                      << "absolute path";
        QTest::newRow("empty cli") << "cli"
                                   << ""
                                   << "absolute path";
        QTest::newRow("relative dir") << "dir"
                                      << "sweep"
                                      << "absolute path";
        QTest::newRow("line break") << "dir"
                                    << "/data/a\nb"
                                    << "control character";
        QTest::newRow("tab in cli") << "cli"
                                    << "/opt/a\tb"
                                    << "control character";
        QTest::newRow("backslash") << "dir"
                                   << "/data/a\\b"
                                   << "backslash";
        QTest::newRow("cpus") << "cpus"
                              << "-1"
                              << "CPUs per task";
        QTest::newRow("throttle") << "parallel"
                                  << "-2"
                                  << "parallel task limit";
        QTest::newRow("empty name") << "name"
                                    << ""
                                    << "job name is empty";
        QTest::newRow("blank in name") << "name"
                                       << "my sweep"
                                       << "job name \"my sweep\"";
        QTest::newRow("quote in partition") << "partition"
                                            << "cpu'x"
                                            << "partition";
        QTest::newRow("blank in time") << "time"
                                       << "2 h"
                                       << "time limit";
        QTest::newRow("newline in memory") << "memory"
                                           << "16G\n#SBATCH --x"
                                           << "memory";
    }

    void refusesOptionsThatCannotWork()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, message);
        SlurmScriptOptions options = optionsFor("/opt/bitcliff-cli", "/data/sweep", 3);
        const std::string v = value.toStdString();
        if (field == "cells")
            options.cellCount = value.toInt();
        else if (field == "cli")
            options.cliPath = v;
        else if (field == "dir")
            options.sweepDir = v;
        else if (field == "cpus")
            options.cpusPerTask = value.toInt();
        else if (field == "parallel")
            options.maxParallel = value.toInt();
        else if (field == "name")
            options.jobName = v;
        else if (field == "partition")
            options.partition = v;
        else if (field == "time")
            options.time = v;
        else if (field == "memory")
            options.memory = v;
        try {
            slurmSweepScript(options);
            QFAIL("no error");
        } catch (const Error &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains(message), qPrintable(what));
            QVERIFY2(!what.contains('\n'), qPrintable(what));
        }
    }

private:
    struct Fixture
    {
        QString sweepDir; // awkward name
        QString script; // the generated sweep.sbatch
        QString calls; // prefix of the files the stand-ins write their arguments to
        QProcessEnvironment environment; // stand-in sbatch first on PATH, a Slurm task's variables
    };

    static SlurmScriptOptions optionsFor(const std::string &cli, const std::string &dir, int cells)
    {
        SlurmScriptOptions options;
        options.cliPath = cli;
        options.sweepDir = dir;
        options.cellCount = cells;
        return options;
    }

    // A sweep folder and a bitcliff-cli, both under awkward names, and an sbatch that records
    // its arguments instead of submitting.
    Fixture fixture(const QString &name)
    {
        Fixture f;
        const QString root = m_dir.filePath(name);
        f.sweepDir = root + "/" + kAwkward;
        const QString bin = root + "/bin " + kAwkward;
        f.calls = root + "/calls";
        [&] {
            QVERIFY(QDir().mkpath(f.sweepDir));
            QVERIFY(QDir().mkpath(bin));
            QVERIFY(QDir().mkpath(root + "/path"));
            const QByteArray record = "printf '%s\\n' \"$@\"";
            writeExecutable(bin + "/bitcliff-cli",
                "#!/bin/sh\n{ " + record
                    + "; echo \"task=${SLURM_ARRAY_TASK_ID:-}\"; } >\"$STANDIN_CALLS.cli\"\n"
                      "exit \"${STANDIN_CLI_STATUS:-0}\"\n");
            writeExecutable(root + "/path/sbatch",
                "#!/bin/sh\n{ " + record
                    + "; echo \"array=${SLURM_ARRAY_TASK_ID-unset} ${SLURM_ARRAY_JOB_ID-unset}\"; } "
                      ">\"$STANDIN_CALLS.sbatch\"\nexit \"${STANDIN_SBATCH_STATUS:-0}\"\n");
        }();
        f.script = QString::fromStdString(
            writeSlurmSweepScript(optionsFor((bin + "/bitcliff-cli").toStdString(), f.sweepDir.toStdString(), 3))
                .string());
        f.environment = QProcessEnvironment::systemEnvironment();
        f.environment.insert("PATH", root + "/path:" + f.environment.value("PATH"));
        f.environment.insert("STANDIN_CALLS", f.calls);
        f.environment.insert("SLURM_ARRAY_JOB_ID", "4242");
        f.environment.remove("SLURM_RESTART_COUNT");
        return f;
    }

    static Run runTask(const Fixture &f, const QString &task, QProcessEnvironment environment = {})
    {
        if (environment.isEmpty())
            environment = f.environment;
        environment.insert("SLURM_ARRAY_TASK_ID", task);
        QFile::remove(f.calls + ".cli");
        QFile::remove(f.calls + ".sbatch");
        return run("bash", { f.script }, environment);
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestSlurmScript)
#include "tst_slurmscript.moc"
