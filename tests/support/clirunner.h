#pragma once
// Runs bitcliff-cli as a user would (a real process, offscreen) for the command-line tests.
#include <QByteArray>
#include <QStringList>

namespace bitcliff::test {

struct CliRun
{
    int exitCode = -1; // -2: crashed, -1: timed out
    QByteArray out;
    QByteArray err;
};

CliRun runCli(const QString &program, const QStringList &arguments, int timeoutMs = 120000);

// True when `err` is one non-empty line.
bool isOneLine(const QByteArray &err);

} // namespace bitcliff::test
