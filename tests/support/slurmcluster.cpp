#include "support/slurmcluster.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bitcliff::test {

struct SlurmCluster::Daemon
{
    QString name;
    QString pidFile; // written by the daemon itself
    QString logFile;
    QString outputFile; // its stdout and stderr (errors before the log is open)
    std::unique_ptr<QProcess> process;
};

namespace {

const char *const kPrograms[] = { "munged", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo", "scancel" };

// Daemons live in sbin, which a non-login root shell may not have on PATH.
QString findProgram(const QString &name)
{
    const QString onPath = QStandardPaths::findExecutable(name);
    return onPath.isEmpty() ? QStandardPaths::findExecutable(name, { "/usr/sbin", "/sbin", "/usr/bin" }) : onPath;
}

// A TCP port no one listens on now (the kernel's choice for port 0). Another process could
// take it before the daemon binds it, but the window is short and ports are many.
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    socklen_t size = sizeof(address);
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), size) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &size) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

QString shortHostName()
{
    char name[256] = {};
    if (::gethostname(name, sizeof(name) - 1) != 0)
        return {};
    return QString::fromLocal8Bit(name).section('.', 0, 0);
}

QString tail(const QString &path, int lines)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("(no %1)").arg(QFileInfo(path).fileName());
    QStringList all = QString::fromLocal8Bit(file.readAll()).split('\n', Qt::SkipEmptyParts);
    if (all.size() > lines)
        all = all.mid(all.size() - lines);
    return all.join('\n');
}

bool writeText(const QString &path, const QByteArray &text, QFileDevice::Permissions permissions)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size() && file.setPermissions(permissions);
}

// The node's hardware line as slurmd detects it ("CPUs=2 Boards=1 ... RealMemory=24105"), so
// that the configuration matches what slurmd registers and the node is not drained.
QString nodeHardware(const QString &slurmd)
{
    QProcess process;
    process.start(slurmd, { "-C" });
    if (process.waitForFinished(10000) && process.exitCode() == 0) {
        const QString first = QString::fromLocal8Bit(process.readAllStandardOutput()).section('\n', 0, 0);
        if (first.startsWith("NodeName="))
            return first.section(' ', 1);
    }
    return QStringLiteral("CPUs=%1").arg(std::max(1, QThread::idealThreadCount()));
}

} // namespace

SlurmCluster::SlurmCluster()
    // munged's socket path must fit sockaddr_un (108 bytes): a long TMPDIR gives way to /tmp.
    : m_dir((QDir::tempPath().size() <= 60 ? QDir::tempPath() : QStringLiteral("/tmp"))
        + QStringLiteral("/bitcliff-slurm-XXXXXX"))
    , m_host(shortHostName())
{ }

SlurmCluster::~SlurmCluster()
{
    cancelJobs();
    stopDaemons();
}

QString SlurmCluster::unavailableReason()
{
    if (::geteuid() != 0)
        return QStringLiteral("the test Slurm cluster needs root (slurmd runs jobs as their users)");
    for (const char *program : kPrograms) {
        if (findProgram(program).isEmpty())
            return QStringLiteral("%1 is not installed (tools/install-deps.sh installs slurm-wlm and munge)")
                .arg(program);
    }
    return {};
}

bool SlurmCluster::fail(QString *why, const QString &problem) const
{
    if (why)
        *why = problem + QStringLiteral("\n") + logTail();
    return false;
}

bool SlurmCluster::start(QString *why)
{
    const QString unavailable = unavailableReason();
    if (!unavailable.isEmpty())
        return fail(why, unavailable);
    if (!m_dir.isValid())
        return fail(why, QStringLiteral("cannot create a temporary folder: ") + m_dir.errorString());
    if (m_host.isEmpty())
        return fail(why, QStringLiteral("this machine has no host name"));
    // munged wants every folder above its socket searchable by all.
    if (!QFile::setPermissions(m_dir.path(),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ExeGroup
                | QFileDevice::ExeOther))
        return fail(why, QStringLiteral("cannot set the permissions of ") + m_dir.path());
    if (!writeConfiguration(why))
        return false;

    const QString d = m_dir.path();
    return startDaemon("munged", findProgram("munged"),
               { "--foreground", "--socket=" + d + "/munge.socket", "--key-file=" + d + "/munge.key",
                   "--pid-file=" + d + "/munged.pid", "--log-file=" + d + "/munged.log",
                   "--seed-file=" + d + "/munged.seed" },
               why)
        && startDaemon("slurmctld", findProgram("slurmctld"), { "-D", "-i" }, why)
        && startDaemon("slurmd", findProgram("slurmd"), { "-D", "-N", m_host }, why) && waitUntilIdle(why);
}

bool SlurmCluster::writeConfiguration(QString *why)
{
    const QString d = m_dir.path();
    // munge's key: 1024 random bytes, readable by its owner alone (munged checks).
    QFile random(QStringLiteral("/dev/urandom"));
    if (!random.open(QIODevice::ReadOnly)
        || !writeText(d + "/munge.key", random.read(1024), QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return fail(why, QStringLiteral("cannot write the munge key"));
    if (!QDir(d).mkpath("state") || !QDir(d).mkpath("spool"))
        return fail(why, QStringLiteral("cannot create the Slurm state folders in ") + d);
    const int controllerPort = freePort();
    int nodePort = freePort();
    for (int attempt = 0; attempt < 10 && nodePort == controllerPort; ++attempt)
        nodePort = freePort();
    if (controllerPort == 0 || nodePort == 0 || nodePort == controllerPort)
        return fail(why, QStringLiteral("found no free TCP ports for slurmctld and slurmd"));

    const QString conf = QStringLiteral(R"(# A private one-node cluster of a BitCliff test.
ClusterName=bitcliff-test
SlurmctldHost=%1(127.0.0.1)
SlurmctldPort=%2
SlurmdPort=%3
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=%4/munge.socket
CredType=cred/munge
StateSaveLocation=%4/state
SlurmdSpoolDir=%4/spool
SlurmctldPidFile=%4/slurmctld.pid
SlurmdPidFile=%4/slurmd.pid
SlurmctldLogFile=%4/slurmctld.log
SlurmdLogFile=%4/slurmd.log
PlugStackConfig=%4/plugstack.conf
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SchedulerParameters=batch_sched_delay=0
MinJobAge=10
NodeName=%1 NodeAddr=127.0.0.1 %5 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
)")
                             .arg(m_host)
                             .arg(controllerPort)
                             .arg(nodePort)
                             .arg(d, nodeHardware(findProgram("slurmd")));
    const auto readable
        = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    // An empty plugin stack: the system's /etc/slurm/plugstack.conf is not this cluster's.
    if (!writeText(d + "/slurm.conf", conf.toUtf8(), readable) || !writeText(d + "/plugstack.conf", {}, readable))
        return fail(why, QStringLiteral("cannot write slurm.conf in ") + d);
    return true;
}

bool SlurmCluster::startDaemon(const QString &name, const QString &program, const QStringList &arguments, QString *why)
{
    auto daemon = std::make_unique<Daemon>();
    daemon->name = name;
    daemon->pidFile = m_dir.filePath(name + ".pid");
    daemon->logFile = m_dir.filePath(name + ".log");
    daemon->outputFile = m_dir.filePath(name + ".out");
    daemon->process = std::make_unique<QProcess>();
    QProcess &process = *daemon->process;
    process.setProcessEnvironment(environment());
    process.setWorkingDirectory(m_dir.path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardOutputFile(daemon->outputFile);
    process.setStandardInputFile(QProcess::nullDevice());
    // SIGTERM when the test dies, whatever the way: no daemon outlives its test.
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    process.start(program, arguments);
    const bool started = process.waitForStarted(10000);
    m_daemons.push_back(std::move(daemon));
    if (!started)
        return fail(why, QStringLiteral("cannot start %1: %2").arg(program, process.errorString()));
    // Up when it has written its pid file (after binding its socket or port), or failed on the way.
    const QDeadlineTimer deadline(15000);
    while (!QFile::exists(m_daemons.back()->pidFile)) {
        if (process.waitForFinished(100))
            return fail(why, QStringLiteral("%1 exited with status %2 at start").arg(name).arg(process.exitCode()));
        if (deadline.hasExpired())
            return fail(why, QStringLiteral("%1 wrote no pid file within 15 s").arg(name));
    }
    return true;
}

bool SlurmCluster::waitUntilIdle(QString *why)
{
    const QDeadlineTimer deadline(30000);
    QByteArray state;
    while (!deadline.hasExpired()) {
        for (const auto &daemon : m_daemons) {
            if (daemon->process->state() == QProcess::NotRunning)
                return fail(
                    why, QStringLiteral("%1 exited with status %2").arg(daemon->name).arg(daemon->process->exitCode()));
        }
        QByteArray err;
        if (runClient("sinfo", { "--noheader", "--Node", "--format=%T" }, &state, &err) == 0
            && state.trimmed() == "idle")
            return true;
        QThread::msleep(200);
    }
    return fail(why,
        QStringLiteral("the node is not idle after 30 s (sinfo: %1)").arg(QString::fromLocal8Bit(state.trimmed())));
}

QString SlurmCluster::sbatch(const QString &scriptPath, QString *error)
{
    QByteArray out, err;
    const int status = runClient("sbatch", { "--parsable", scriptPath }, &out, &err);
    // --parsable prints "id" or "id;cluster".
    const QString id = QString::fromLocal8Bit(out.trimmed()).section(';', 0, 0);
    static const QRegularExpression number(QStringLiteral("^[0-9]+$"));
    if (status != 0 || !number.match(id).hasMatch()) {
        if (error)
            *error = QStringLiteral("sbatch %1 failed (status %2): %3")
                         .arg(scriptPath, QString::number(status), QString::fromLocal8Bit(err.trimmed()));
        return {};
    }
    return id;
}

bool SlurmCluster::waitForJobs(int timeoutSeconds)
{
    const QDeadlineTimer deadline(timeoutSeconds * 1000);
    while (!deadline.hasExpired()) {
        QByteArray out, err;
        if (runClient("squeue", { "--noheader", "--format=%i" }, &out, &err) != 0)
            return false;
        if (out.trimmed().isEmpty())
            return true;
        QThread::msleep(250);
    }
    return false;
}

QProcessEnvironment SlurmCluster::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &key : environment.keys()) {
        if (key.startsWith("SLURM_") || key.startsWith("SBATCH_") || key.startsWith("SQUEUE_")
            || key.startsWith("SINFO_"))
            environment.remove(key);
    }
    environment.insert(QStringLiteral("SLURM_CONF"), m_dir.filePath("slurm.conf"));
    return environment;
}

QString SlurmCluster::logTail(int lines) const
{
    QString text;
    for (const auto &daemon : m_daemons) {
        text += QStringLiteral("--- %1.log\n%2\n").arg(daemon->name, tail(daemon->logFile, lines));
        const QString output = tail(daemon->outputFile, lines);
        if (!output.isEmpty() && !output.startsWith("(no "))
            text += QStringLiteral("--- %1 output\n%2\n").arg(daemon->name, output);
    }
    return text;
}

int SlurmCluster::runClient(
    const QString &program, const QStringList &arguments, QByteArray *out, QByteArray *err, int timeoutMs) const
{
    QProcess process;
    process.setProcessEnvironment(environment());
    // Jobs start where sbatch ran: here, not in the test's folder.
    process.setWorkingDirectory(m_dir.path());
    process.start(findProgram(program), arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return -1;
    }
    *out = process.readAllStandardOutput();
    *err = process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void SlurmCluster::cancelJobs()
{
    bool controllerRunning = false;
    for (const auto &daemon : m_daemons)
        controllerRunning |= daemon->name == "slurmctld" && daemon->process->state() == QProcess::Running;
    if (!controllerRunning)
        return;
    // Every job of this private cluster is this test's: cancel what is left so that slurmd
    // kills its processes before it stops.
    const passwd *user = ::getpwuid(::geteuid());
    QByteArray out, err;
    if (user
        && runClient("scancel", { QStringLiteral("--user=") + QString::fromLocal8Bit(user->pw_name) }, &out, &err) == 0)
        waitForJobs(10);
}

void SlurmCluster::stopDaemons()
{
    // slurmd, slurmctld, then munged, which the other two need to stop cleanly.
    for (auto it = m_daemons.rbegin(); it != m_daemons.rend(); ++it) {
        QProcess &process = *(*it)->process;
        if (process.state() == QProcess::NotRunning)
            continue;
        // Our child, which is the process of its pid file too (in the foreground a daemon does
        // not fork); a pid file left from before could name someone else's process.
        const auto pid = static_cast<pid_t>(process.processId());
        ::kill(pid, SIGTERM);
        if (!process.waitForFinished(5000)) {
            ::kill(pid, SIGKILL);
            process.waitForFinished(5000);
        }
    }
    m_daemons.clear();
}

} // namespace bitcliff::test
