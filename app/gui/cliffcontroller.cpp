#include "gui/cliffcontroller.h"

#include "analysis/sweepevaluator.h"
#include "analysis/sweepinputs.h"
#include "sweep/resultslog.h"
#include "sweep/sweepcell.h"
#include "sweep/sweeprunner.h"
#include "util/error.h"

#include "report/sweepreport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <filesystem>
#include <set>

namespace bitcliff::app {
namespace {

std::filesystem::path toPath(const QString &path)
{
    return std::filesystem::path(path.toStdU16String());
}

// The lines of DIR/results.jsonl that runSweep will keep for `spec` (one per known cell):
// shown at once when a sweep resumes.
ResultCells finishedCells(const std::filesystem::path &dir, const SweepSpec &spec)
{
    const std::vector<SweepCell> cells = sweepCells(spec);
    ResultCells kept;
    std::set<int> seen;
    for (auto &line : readResultsLog(dir / "results.jsonl").cells) {
        const int index = line.value("cell", -1);
        if (index < 0 || index >= int(cells.size()) || line.value("scheme", "") != cells[size_t(index)].scheme
            || !seen.insert(index).second)
            continue;
        kept.push_back(std::move(line));
    }
    return kept;
}

struct OpenedSweep
{
    std::optional<SweepSpec> spec;
    ResultCells cells;
    QStringList problems;
};

} // namespace

CliffController::CliffController(JobRunner *runner, QObject *parent)
    : QObject(parent)
    , m_runner(runner)
{
    // A cancelled job calls neither onDone nor onFailed: the page must still get its buttons back.
    connect(m_runner, &JobRunner::jobEnded, this, [this](int id, JobState state) {
        if (id != m_job || state != JobState::Cancelled)
            return;
        const bool wasSweep = m_sweeping;
        jobDone();
        if (wasSweep)
            emit sweepCancelled();
    });
}

void CliffController::setJob(int job, bool sweeping)
{
    m_job = job;
    m_sweeping = sweeping;
    emit busyChanged(true);
}

void CliffController::jobDone()
{
    m_job = -1;
    m_sweeping = false;
    emit busyChanged(false);
}

void CliffController::cancel()
{
    if (m_job >= 0)
        m_runner->cancel(m_job);
}

void CliffController::merge(const ResultCells &cells)
{
    for (const ResultCell &cell : cells) {
        const int index = cellIndex(cell, m_cells.size());
        auto same = std::find_if(
            m_cells.begin(), m_cells.end(), [&](const ResultCell &other) { return cellIndex(other, 0) == index; });
        if (same != m_cells.end())
            *same = cell;
        else
            m_cells.push_back(cell);
    }
    std::stable_sort(m_cells.begin(), m_cells.end(),
        [](const ResultCell &a, const ResultCell &b) { return cellIndex(a, 0) < cellIndex(b, 0); });
}

void CliffController::run(const SweepSpec &spec, const QString &dir)
{
    if (busy())
        return;
    const int generation = ++m_generation;
    m_dir = dir;
    m_cells.clear();
    emit cellsChanged({}, true);
    const std::filesystem::path path = toPath(dir);
    const int job = m_runner->startStreaming<SweepSummary, SweepPartial>(
        tr("Sweeping %n cell(s) into %1", nullptr, int(spec.schemes.size()) + 1).arg(dir),
        [spec, path](const ProgressCallback &progress, const std::function<void(SweepPartial)> &emitPartial) {
            const SweepInputs inputs = resolveSweepInputs(spec);
            SweepSetup setup;
            setup.spec = spec;
            setup.dir = path;
            setup.repro = inputs.repro;
            std::filesystem::create_directories(path);
            // The spec that runs (an earlier sweep's cells keep their numbers) and what is done.
            const SweepSpec planned = prepareSweepDir(setup);
            SweepPartial first;
            first.cells = finishedCells(path, planned);
            first.alreadyFinished = int(first.cells.size());
            first.cellCount = int(sweepCells(planned).size());
            emitPartial(std::move(first));
            SweepEvaluator evaluator(planned, inputs);
            setup.spec = planned;
            const SweepOutcome outcome = runSweep(
                setup, evaluator, [&](const nlohmann::ordered_json &line) { emitPartial(SweepPartial { { line } }); },
                progress);
            return SweepSummary { outcome.cells, outcome.resumed, outcome.ran, outcome.failed };
        },
        this,
        [this, generation, dir](SweepPartial partial) {
            if (generation != m_generation)
                return;
            if (partial.alreadyFinished >= 0)
                emit sweepStarted(dir, partial.alreadyFinished, partial.cellCount);
            merge(partial.cells);
            emit cellsChanged(partial.cells, false);
        },
        [this, generation](SweepSummary summary) {
            if (generation != m_generation)
                return;
            jobDone();
            emit sweepFinished(summary);
        },
        failureHandler(generation));
    setJob(job, true);
}

std::function<void(const QString &)> CliffController::failureHandler(int generation)
{
    return [this, generation](const QString &message) {
        if (generation != m_generation)
            return; // a newer job superseded this one
        jobDone();
        emit failed(message);
    };
}

void CliffController::openResults(const QString &dir)
{
    if (busy())
        return;
    const int generation = ++m_generation;
    const std::filesystem::path path = toPath(dir);
    const int job = m_runner->start<OpenedSweep>(
        tr("Opening the sweep in %1").arg(dir),
        [path](const ProgressCallback &) {
            OpenedSweep opened;
            const auto log = path / "results.jsonl";
            if (!std::filesystem::exists(log))
                throw Error(log.string() + ": no such file (not a sweep folder)");
            if (std::filesystem::exists(path / "sweep.json"))
                opened.spec = loadSweepSpec(path / "sweep.json");
            QFile file(QString::fromStdU16String(log.u16string()));
            if (!file.open(QIODevice::ReadOnly))
                throw Error(log.string() + ": cannot read");
            std::vector<std::string> problems;
            opened.cells = parseResultsJsonl(file.readAll().toStdString(), &problems, log.string());
            for (const std::string &problem : problems)
                opened.problems << QString::fromStdString(problem);
            if (opened.cells.empty())
                throw Error(log.string() + ": no finished cell");
            return opened;
        },
        this,
        [this, generation, dir](OpenedSweep opened) {
            if (generation != m_generation)
                return;
            jobDone();
            m_dir = dir;
            m_cells.clear();
            merge(opened.cells);
            emit resultsOpened(dir, opened.spec, opened.problems);
            emit cellsChanged(m_cells, true);
        },
        failureHandler(generation));
    setJob(job, false);
}

void CliffController::exportReport(const QString &outDir, const QString &modelPath)
{
    if (busy() || m_cells.empty())
        return;
    const int generation = ++m_generation;
    SweepReportOptions options;
    options.modelPath = modelPath;
    const ResultCells cells = m_cells;
    const int job = m_runner->start<QStringList>(
        tr("Writing the sweep report to %1").arg(outDir),
        [cells, outDir, options](
            const ProgressCallback &progress) { return writeSweepReport(cells, outDir, options, progress); },
        this,
        [this, generation, outDir](QStringList files) {
            if (generation != m_generation)
                return;
            jobDone();
            emit reportWritten(outDir, files);
        },
        failureHandler(generation));
    setJob(job, false);
}

} // namespace bitcliff::app
