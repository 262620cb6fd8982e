#include "support/clirunner.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace bitcliff::test {

CliRun runCli(const QString &program, const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

bool isOneLine(const QByteArray &err)
{
    const QByteArray line = err.trimmed();
    return !line.isEmpty() && !line.contains('\n');
}

} // namespace bitcliff::test
