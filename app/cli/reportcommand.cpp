// `report`: a sweep's results as charts (PNG, SVG, PDF), report.html and results.csv/json.
#include "cli/reportcommand.h"
#include "analysis/resultcell.h"
#include "cli/cliargs.h"
#include "cli/commands.h"
#include "cli/headlessgui.h"
#include "cli/terminalprogress.h"
#include "report/sweepreport.h"
#include "sweep/resultslog.h"
#include "sweep/sweepspec.h"
#include "util/error.h"

#include <QDir>

#include <cstdio>
#include <filesystem>

namespace bitcliff::cli {

QStringList writeReportOf(const std::filesystem::path &sweepDir, const QString &out, int dpi, bool modelMaps)
{
    const std::filesystem::path log = sweepDir / "results.jsonl";
    if (!std::filesystem::exists(log))
        throw Error(log.string() + " does not exist: is " + sweepDir.string() + " a sweep's --out folder?");
    const ResultsLog results = readResultsLog(log);
    if (results.cells.empty())
        throw Error(log.string() + " holds no finished cell yet");
    app::SweepReportOptions options;
    options.dpi = dpi;
    options.modelMaps = modelMaps;
    if (std::filesystem::exists(sweepDir / "sweep.json")) {
        const SweepSpec spec = loadSweepSpec(sweepDir / "sweep.json");
        options.seed = spec.seed;
        options.modelPath = QString::fromStdString(spec.model);
    }
    TerminalProgress progress("writing the report");
    QStringList files = app::writeSweepReport(results.cells, out, options, progress.callback());
    progress.done();
    return files;
}

int runReport(int argc, char **argv, const std::vector<std::string> &argvRest)
{
    const CliArgs args(argvRest, { "--out", "--dpi" }, { "--no-model-maps" });
    if (args.positional().size() != 1)
        throw UsageError("report takes the sweep's DIR");
    const QString out = QString::fromStdString(args.required("--out"));
    const int dpi = int(args.number("--dpi", 144, 48, 1200));
    const auto application = startHeadlessApplication(argc, argv);
    const QStringList files = writeReportOf(args.positional()[0], out, dpi, !args.has("--no-model-maps"));
    std::printf("wrote %lld files to %s; open %s\n", static_cast<long long>(files.size()), out.toUtf8().constData(),
        files.front().toUtf8().constData());
    return 0;
}

} // namespace bitcliff::cli
