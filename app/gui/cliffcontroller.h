#pragma once
// Runs the Cliff page's background work: a sweep (resolveSweepInputs + runSweep, each
// finished cell streamed to the GUI as it is appended to results.jsonl), opening the results
// of an earlier sweep, and writing the sweep report. Holds the cells shown.
#include "analysis/resultcell.h"
#include "jobs/jobrunner.h"
#include "sweep/sweepspec.h"

#include <QObject>

#include <QStringList>
#include <functional>

#include <optional>

namespace bitcliff::app {

// What the worker streams: first the cells already in the directory (a resumed sweep), then
// each cell as it finishes.
struct SweepPartial
{
    ResultCells cells;
    int alreadyFinished = -1; // set on the first partial only: cells found finished in DIR
    int cellCount = 0; // of the sweep (baseline included)
};

struct SweepSummary
{
    int cells = 0, resumed = 0, ran = 0, failed = 0;
};

class CliffController final : public QObject
{
    Q_OBJECT

public:
    explicit CliffController(JobRunner *runner, QObject *parent = nullptr);

    // Starts the sweep into `dir` (created; resumed when it holds this sweep already).
    void run(const SweepSpec &spec, const QString &dir);
    // Reads DIR/sweep.json (when there) and DIR/results.jsonl.
    void openResults(const QString &dir);
    // Writes the report of the cells shown into `outDir`.
    void exportReport(const QString &outDir, const QString &modelPath);
    void cancel();
    bool busy() const { return m_job >= 0; }
    bool sweeping() const { return m_sweeping; }
    const ResultCells &cells() const { return m_cells; }
    QString directory() const { return m_dir; }

signals:
    void busyChanged(bool busy);
    // A sweep started on DIR: `alreadyFinished` of `cellCount` cells were there.
    void sweepStarted(const QString &dir, int alreadyFinished, int cellCount);
    // `added`: the cells that arrived (all of them when `reset`, which replaces what was shown).
    void cellsChanged(const bitcliff::app::ResultCells &added, bool reset);
    void sweepFinished(const bitcliff::app::SweepSummary &summary);
    void sweepCancelled();
    void resultsOpened(const QString &dir, const std::optional<bitcliff::SweepSpec> &spec, const QStringList &problems);
    void reportWritten(const QString &outDir, const QStringList &files);
    void failed(const QString &message);

private:
    void merge(const ResultCells &cells);
    void setJob(int job, bool sweeping);
    void jobDone();
    // A job's failure, reported unless a newer job has superseded it.
    std::function<void(const QString &)> failureHandler(int generation);

    JobRunner *m_runner;
    ResultCells m_cells;
    QString m_dir;
    int m_job = -1;
    bool m_sweeping = false;
    int m_generation = 0;
};

} // namespace bitcliff::app
