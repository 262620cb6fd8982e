#include "cli/headlessgui.h"

#include <cstdio>
#include <cstdlib>

namespace bitcliff::cli {
namespace {

// Qt's platform chatter ("XDG_RUNTIME_DIR not set", offscreen plugin notes) is noise on a
// command line; real problems reach the user as exceptions. BITCLIFF_VERBOSE=1 shows it.
void quietMessageHandler(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtCriticalMsg || type == QtFatalMsg || qEnvironmentVariableIsSet("BITCLIFF_VERBOSE"))
        std::fprintf(stderr, "%s\n", message.toLocal8Bit().constData());
}

} // namespace

std::unique_ptr<QApplication> startHeadlessApplication(int &argc, char **argv)
{
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") && !std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    qInstallMessageHandler(quietMessageHandler);
    return std::make_unique<QApplication>(argc, argv);
}

} // namespace bitcliff::cli
