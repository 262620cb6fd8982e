#pragma once
// A real one-node Slurm cluster for the tests, private to one test process: its own munged
// (own key and socket), slurmctld and slurmd, on free ports, with every file in a temporary
// folder. Slurm's clients reach it through SLURM_CONF in environment(). Needs root (slurmd
// runs the jobs as their users) and Debian's slurm-wlm and munge (tools/install-deps.sh).
//
// The daemons run in the foreground as children of the test and receive SIGTERM when it dies,
// even by SIGKILL (a ctest timeout); the destructor cancels the jobs left and stops them.
#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <vector>

class QProcess;

namespace bitcliff::test {

class SlurmCluster
{
public:
    SlurmCluster();
    ~SlurmCluster();
    SlurmCluster(const SlurmCluster &) = delete;
    SlurmCluster &operator=(const SlurmCluster &) = delete;

    // Empty when this machine can run the cluster, else why not (for QSKIP): not root, or a
    // program of munge or Slurm missing.
    static QString unavailableReason();

    // Starts munged, slurmctld and slurmd and waits (up to 30 s) until the node is idle. On
    // failure returns false and sets `why`, with the end of the daemons' logs.
    bool start(QString *why);
    // Submits the batch script at `scriptPath` (sbatch --parsable, from the cluster's folder);
    // returns the job id, or an empty string with `error` set.
    QString sbatch(const QString &scriptPath, QString *error);
    // Waits until squeue lists no job (pending, running or completing); false after
    // `timeoutSeconds` or when squeue fails.
    bool waitForJobs(int timeoutSeconds);
    // This process's environment for Slurm's clients: SLURM_CONF naming this cluster, and none
    // of the SLURM_/SBATCH_ variables of a job this test itself may run in.
    QProcessEnvironment environment() const;
    // The last lines of each daemon's log, for failure messages.
    QString logTail(int lines = 15) const;
    QString directory() const { return m_dir.path(); }

private:
    struct Daemon;
    bool fail(QString *why, const QString &problem) const;
    bool writeConfiguration(QString *why);
    bool startDaemon(const QString &name, const QString &program, const QStringList &arguments, QString *why);
    bool waitUntilIdle(QString *why);
    void cancelJobs();
    void stopDaemons();
    // Runs a Slurm client with environment(); its exit code (-1: did not run or finish) and output.
    int runClient(const QString &program, const QStringList &arguments, QByteArray *out, QByteArray *err,
        int timeoutMs = 10000) const;

    QTemporaryDir m_dir;
    QString m_host;
    std::vector<std::unique_ptr<Daemon>> m_daemons; // in start order; stopped in reverse
};

} // namespace bitcliff::test
