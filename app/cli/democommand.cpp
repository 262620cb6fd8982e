// `demo`: the synthetic demo checkpoint, analysed and rendered as report charts, headless:
// where the outlier channels are, then what each scheme does to the weights and where.
#include "cli/cliargs.h"
#include "cli/commands.h"
#include "cli/terminalprogress.h"
#include "demo/syntheticcheckpoint.h"
#include "quant/schemepresets.h"
#include "report/chartreport.h"
#include "report/modelanalysis.h"
#include "report/quantreport.h"
#include "util/error.h"

#include <QApplication>
#include <QDir>

#include <algorithm>
#include <cmath>
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

// "9.9 to 12.3 dB" over the quantized tensors.
std::string sqnrRange(const QuantReport &report)
{
    double lo = INFINITY, hi = -INFINITY;
    for (const TensorQuantResult &t : report.tensors)
        if (t.quantized && std::isfinite(t.error.sqnrDb)) {
            lo = std::min(lo, t.error.sqnrDb);
            hi = std::max(hi, t.error.sqnrDb);
        }
    char text[64];
    std::snprintf(text, sizeof text, "%.1f to %.1f dB", lo, hi);
    return text;
}

// Quantizes with each scheme, printing a line per scheme. `skipUnfit`: a scheme that fits no
// tensor of the model is skipped with a note (the default schemes on another --model).
std::vector<std::shared_ptr<const QuantReport>> quantizeWithEach(
    const std::shared_ptr<const Model> &model, const std::vector<QuantScheme> &schemes, bool skipUnfit)
{
    std::vector<std::shared_ptr<const QuantReport>> reports;
    for (const QuantScheme &scheme : schemes) {
        QuantizeOptions quantize;
        quantize.scheme = scheme;
        if (skipUnfit) {
            try {
                checkQuantizable(*model, quantize);
            } catch (const Error &error) {
                std::fprintf(stderr, "skipped %s: %s\n", scheme.toString().c_str(), error.what());
                continue;
            }
        }
        TerminalProgress progress("quantizing with " + scheme.toString());
        reports.push_back(quantizeModel(model, quantize, progress.callback()));
        progress.done();
        const QuantReport &r = *reports.back();
        std::printf("%-18s %6.3f bits/weight on %d tensors (%d fell back, %d kept), MSE %.4g, SQNR %s\n",
            scheme.toString().c_str(), r.quantizedBitsPerWeight, r.summary.quantized + r.summary.fellBack,
            r.summary.fellBack, r.summary.kept, r.quantizedMse, sqnrRange(r).c_str());
        if (r.summary.deservesNote())
            std::printf("%-18s %s\n", "", r.summary.describe().c_str());
    }
    return reports;
}

} // namespace

int runDemo(int argc, char **argv, const std::vector<std::string> &argvRest)
{
    const CliArgs args(argvRest, { "--out", "--model", "--k", "--schemes" }, {});
    if (!args.positional().empty())
        throw UsageError("demo takes no positional arguments");
    const std::string out = args.required("--out");
    std::vector<QuantScheme> schemes; // parsed first: a bad one fails before any work
    for (const std::string &text : commaList(args.value("--schemes").value_or(demoSchemeList())))
        schemes.push_back(QuantScheme::parse(text));
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
    QStringList files = app::writeOutlierReport(*analysis, QString::fromStdString(out));
    std::printf("model: %s%s\n", modelPath.string().c_str(),
        args.value("--model") ? "" : "  (SYNTHETIC: random heavy-tailed weights, not a trained model)");
    const auto &worst = analysis->stats->tensors[size_t(std::max(0, analysis->mostOutlierTensor))];
    std::printf("most outlier input channels: %s (%zu, threshold %.4g = %g x median)\n", worst.name.c_str(),
        worst.cols.outliers.size(), worst.cols.threshold, options.rule.k);
    const auto reports = quantizeWithEach(analysis->stats->model, schemes, !args.value("--schemes"));
    files << app::writeQuantizationReport(reports, *analysis, QString::fromStdString(out));
    std::printf("wrote %lld files to %s:\n", static_cast<long long>(files.size()), out.c_str());
    for (const QString &file : files)
        std::printf("  %s\n", QDir(QString::fromStdString(out)).relativeFilePath(file).toUtf8().constData());
    return 0;
}

} // namespace bitcliff::cli
