// `demo`: the synthetic demo checkpoint, analysed and rendered as report charts, headless.
#include "cli/cliargs.h"
#include "cli/commands.h"
#include "cli/terminalprogress.h"
#include "demo/syntheticcheckpoint.h"
#include "report/chartreport.h"
#include "report/modelanalysis.h"

#include <QApplication>
#include <QDir>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

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

int runDemo(int argc, char **argv, const std::vector<std::string> &argvRest)
{
    const CliArgs args(argvRest, {"--out", "--model", "--k"}, {});
    if (!args.positional().empty())
        throw UsageError("demo takes no positional arguments");
    const std::string out = args.required("--out");
    std::filesystem::path modelPath;
    if (const auto given = args.value("--model")) {
        modelPath = *given;
    } else {
        modelPath = std::filesystem::path(out) / "synthetic-demo-model";
        if (!isCurrentSyntheticCheckpoint(modelPath)) {
            TerminalProgress progress("generating the synthetic demo model");
            writeSyntheticCheckpoint(modelPath, {}, progress.callback());
            progress.done();
        }
    }
    // Charts are widgets rendered to files: without a display, use the offscreen platform.
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") && !std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    qInstallMessageHandler(quietMessageHandler);
    QApplication application(argc, argv);

    StatsOptions options;
    options.rule.k = args.number("--k", 4.0, 1.0, 1e6);
    TerminalProgress progress("statistics");
    const auto analysis = app::analyseModel(openModel(modelPath), options, progress.callback());
    progress.done();
    const QStringList files = app::writeOutlierReport(*analysis, QString::fromStdString(out));
    std::printf("model: %s%s\n", modelPath.string().c_str(),
                args.value("--model") ? "" : "  (SYNTHETIC: random heavy-tailed weights, not a trained model)");
    const auto &worst = analysis->stats->tensors[size_t(std::max(0, analysis->mostOutlierTensor))];
    std::printf("most outlier input channels: %s (%zu, threshold %.4g = %g x median)\n", worst.name.c_str(),
                worst.cols.outliers.size(), worst.cols.threshold, options.rule.k);
    std::printf("wrote %lld files to %s:\n", static_cast<long long>(files.size()), out.c_str());
    for (const QString &file : files)
        std::printf("  %s\n", QDir(QString::fromStdString(out)).relativeFilePath(file).toUtf8().constData());
    return 0;
}

} // namespace bitcliff::cli
