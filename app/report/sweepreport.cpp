#include "report/sweepreport.h"

#include "analysis/clifffindings.h"
#include "analysis/cliffseries.h"
#include "cliffexport.h"
#include "cliffmultiplesview.h"
#include "formats/model.h"
#include "plan/recipe.h"
#include "quant/modelquantizer.h"
#include "report/chartreport.h"
#include "report/modelanalysis.h"
#include "report/quantreport.h"
#include "report/sweepcsv.h"
#include "report/sweephtml.h"
#include "util/atomicwrite.h"
#include "util/error.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMetaObject>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace bitcliff::app {

namespace {

struct ChartFile
{
    QString stem; // "cliff-kld"
    QString title;
    std::function<bool(const QString &path, QSize size, int dpi)> save;
    QSize size { 1100, 700 };
};

// Widgets only live on the GUI thread: from a worker, run `work` there and wait. While the
// work has not started, a cancelled job stops waiting and the work never runs: the GUI thread
// may itself be waiting for this job (quitting cancels every job, then waits for them all).
void onGuiThread(const std::function<void()> &work, const ProgressCallback &progress)
{
    QCoreApplication *app = QCoreApplication::instance();
    if (!app || QThread::currentThread() == app->thread()) {
        work();
        return;
    }
    struct Handoff
    {
        std::mutex mutex;
        std::condition_variable done;
        bool started = false, finished = false, abandoned = false;
        std::exception_ptr failure;
    };
    auto handoff = std::make_shared<Handoff>();
    QMetaObject::invokeMethod(
        app,
        [handoff, &work] {
            {
                std::lock_guard lock(handoff->mutex);
                if (handoff->abandoned)
                    return; // `work` refers to the abandoned caller's stack: never touch it
                handoff->started = true;
            }
            try {
                work();
            } catch (...) {
                handoff->failure = std::current_exception();
            }
            std::lock_guard lock(handoff->mutex);
            handoff->finished = true;
            handoff->done.notify_all();
        },
        Qt::QueuedConnection);
    std::unique_lock lock(handoff->mutex);
    while (!handoff->finished) {
        if (handoff->done.wait_for(lock, std::chrono::milliseconds(100)) == std::cv_status::timeout && !handoff->started
            && !reportProgress(progress, 0.6)) {
            handoff->abandoned = true;
            throw Cancelled();
        }
    }
    if (handoff->failure)
        std::rethrow_exception(handoff->failure);
}

std::vector<ChartFile> cliffCharts(const ResultCells &cells, uint64_t seed)
{
    std::vector<ChartFile> charts;
    auto add = [&](const QString &stem, CliffChartMetric metric, CliffSlice slice) {
        if (!hasMetric(cells, metric) || sliceLabels(cells, metric, slice).isEmpty())
            return;
        if (slice != CliffSlice::Overall && sliceLabels(cells, metric, slice).size() < 2)
            return; // one panel says nothing a single chart does not
        const CliffChartData data = cliffChartData(cells, { metric, CliffXAxis::StoredBits, slice, seed });
        // Taller for more rows of panels, so each keeps a readable height and the legend fits.
        const int columns = CliffMultiplesView::columnsFor(QSize(1100, 700), int(data.panels.size()));
        const int rows = (int(data.panels.size()) + columns - 1) / std::max(1, columns);
        charts.push_back({ stem, data.title,
            [data](const QString &path, QSize size, int dpi) { return saveCliffFigure(data, path, size, dpi); },
            QSize(1100, std::max(700, 120 + 300 * rows)) });
    };
    add("cliff-accuracy", CliffChartMetric::Accuracy, CliffSlice::Overall);
    add("cliff-accuracy-by-difficulty", CliffChartMetric::Accuracy, CliffSlice::Difficulty);
    add("cliff-accuracy-by-language", CliffChartMetric::Accuracy, CliffSlice::Language);
    add("cliff-accuracy-by-language-difficulty", CliffChartMetric::Accuracy, CliffSlice::LanguageDifficulty);
    add("cliff-accuracy-by-task", CliffChartMetric::Accuracy, CliffSlice::TaskFile);
    add("cliff-answer-loss", CliffChartMetric::AnswerLoss, CliffSlice::Overall);
    add("cliff-answer-loss-by-language-difficulty", CliffChartMetric::AnswerLoss, CliffSlice::LanguageDifficulty);
    add("cliff-kld", CliffChartMetric::Kld, CliffSlice::Overall);
    add("cliff-ln-ppl-ratio", CliffChartMetric::LnPplRatio, CliffSlice::Overall);
    add("cliff-same-top", CliffChartMetric::SameTop, CliffSlice::Overall);
    add("cliff-kld-by-language", CliffChartMetric::Kld, CliffSlice::Language);
    add("cliff-ln-ppl-ratio-by-language", CliffChartMetric::LnPplRatio, CliffSlice::Language);
    const MetricDisagreementData disagreement = metricDisagreementData(cells);
    if (!disagreement.languages.isEmpty() && !disagreement.schemes.isEmpty())
        charts.push_back({ "metric-disagreement-by-language", disagreement.title,
            [disagreement](const QString &path, QSize size, int dpi) {
                return saveMetricDisagreementFigure(disagreement, path, size, dpi);
            } });
    return charts;
}

// The schemes whose maps the report shows: the lowest-bit ok scheme and the 4-bit ones, of
// the sweep's own model (a variant's cells quantize another checkpoint), rounded without
// calibration or modifiers (such a cell's weights would need its calibration or rotation run
// again).
std::vector<QuantScheme> mapSchemes(const ResultCells &cells)
{
    const auto calibrated = [](const ResultCell &cell) {
        const std::string scheme = stringAt(cell, "/scheme");
        return !isUnquantized(cell) && !QuantRecipe::parse(scheme.substr(0, scheme.find('@'))).isPlainScheme();
    };
    std::vector<std::pair<double, std::string>> ok;
    const auto ownModel = [](const ResultCell &cell) { return stringAt(cell, "/scheme").find('@') == std::string::npos; };
    for (const ResultCell &cell : cells)
        if (cellOk(cell) && !isUnquantized(cell) && ownModel(cell) && !calibrated(cell))
            ok.emplace_back(numberAt(cell, "/bpw").value_or(99), stringAt(cell, "/scheme"));
    if (ok.empty())
        return {};
    std::sort(ok.begin(), ok.end());
    std::vector<std::string> chosen = { ok.front().second };
    for (const ResultCell &cell : cells)
        if (cellOk(cell) && ownModel(cell) && !calibrated(cell) && cellBits(cell) == 4 && chosen.size() < 3
            && std::find(chosen.begin(), chosen.end(), stringAt(cell, "/scheme")) == chosen.end())
            chosen.push_back(stringAt(cell, "/scheme"));
    std::vector<QuantScheme> schemes;
    for (const std::string &text : chosen)
        schemes.push_back(QuantScheme::parse(text));
    return schemes;
}

struct ModelMaps
{
    std::shared_ptr<const ModelAnalysis> analysis;
    std::vector<std::shared_ptr<const QuantReport>> reports;
};

std::optional<ModelMaps> analyseForMaps(
    const ResultCells &cells, const QString &modelPath, const ProgressCallback &progress)
{
    if (modelPath.isEmpty() || !QFileInfo::exists(modelPath))
        return std::nullopt;
    ModelMaps maps;
    const auto model = openModel(modelPath.toStdString());
    const std::vector<QuantScheme> schemes = mapSchemes(cells);
    const double parts = 1.0 + double(schemes.size());
    maps.analysis = analyseModel(model, {}, [&](double f) { return reportProgress(progress, 0.6 * f / parts); });
    for (size_t i = 0; i < schemes.size(); ++i)
        maps.reports.push_back(quantizeModel(model, QuantizeOptions { schemes[i], 0, {} },
            [&](double f) { return reportProgress(progress, 0.6 * (double(i + 1) + f) / parts); }));
    return maps;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeText(const QString &path, const QByteArray &bytes)
{
    writeFileAtomically(path.toStdString(), std::as_bytes(std::span(bytes.constData(), size_t(bytes.size()))));
}

QString modelPathOf(const ResultCells &cells, const SweepReportOptions &options)
{
    if (!options.modelPath.isEmpty())
        return options.modelPath;
    for (const ResultCell &cell : cells)
        if (const std::string path = stringAt(cell, "/repro/model/path"); !path.empty())
            return QString::fromStdString(path);
    return {};
}

} // namespace

QStringList writeSweepReport(const ResultCells &cells, const QString &outDir, const SweepReportOptions &options,
    const ProgressCallback &progress)
{
    if (cells.empty())
        throw Error("no results to report: the sweep has no finished cell");
    if (!QDir().mkpath(outDir))
        throw Error(outDir.toStdString() + ": cannot create the report folder");
    const QDir dir(outDir);
    const QString modelPath = modelPathOf(cells, options);
    const std::vector<ChartFile> charts = cliffCharts(cells, options.seed);
    std::optional<ModelMaps> maps;
    if (options.modelMaps)
        maps = analyseForMaps(cells, modelPath, progress);
    if (!reportProgress(progress, 0.6))
        throw Cancelled();

    QStringList files;
    QStringList modelFiles;
    onGuiThread(
        [&] {
            for (const ChartFile &chart : charts) {
                const QSize size = chart.size;
                for (const QString &suffix :
                    { QStringLiteral(".png"), QStringLiteral(".svg"), QStringLiteral(".pdf") }) {
                    const QString path = dir.filePath(chart.stem + suffix);
                    if (!chart.save(path, size, options.dpi))
                        throw Error(path.toStdString() + ": cannot write");
                    files << path;
                }
            }
            if (maps) {
                const QString mapsDir = dir.filePath(QStringLiteral("model"));
                QDir().mkpath(mapsDir);
                modelFiles << writeOutlierReport(*maps->analysis, mapsDir);
                modelFiles << writeQuantizationReport(maps->reports, *maps->analysis, mapsDir);
            }
        },
        progress);
    if (!reportProgress(progress, 0.9))
        throw Cancelled();

    SweepReportInput input;
    input.title = options.title;
    input.modelPath = modelPath;
    input.cells = cells;
    input.findings = findCliffs(cells);
    for (const ChartFile &chart : charts)
        input.charts.push_back({ chart.title, readFile(dir.filePath(chart.stem + ".svg")), chart.stem + ".png" });
    for (const QString &file : modelFiles) {
        const QString name = QFileInfo(file).fileName();
        const bool wanted = name.endsWith(QLatin1String(".svg"))
            && (name.startsWith(QLatin1String("outlier-map-")) || name.startsWith(QLatin1String("quant-sqnr-"))
                || name.startsWith(QLatin1String("quant-channel-error-")));
        if (wanted)
            input.charts.push_back({ QFileInfo(name).completeBaseName(), readFile(file),
                QStringLiteral("model/") + QFileInfo(name).completeBaseName() + QStringLiteral(".png") });
    }
    const QString html = dir.filePath(QStringLiteral("report.html"));
    writeText(html, sweepReportHtml(input));
    writeSweepResultsCsv(dir.filePath(QStringLiteral("results.csv")).toStdString(), cells);
    writeSweepResultsJson(dir.filePath(QStringLiteral("results.json")).toStdString(), cells);
    files.prepend(html);
    files << dir.filePath(QStringLiteral("results.csv")) << dir.filePath(QStringLiteral("results.json")) << modelFiles;
    reportProgress(progress, 1.0);
    return files;
}

} // namespace bitcliff::app
