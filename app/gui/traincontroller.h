#pragma once
// Runs the Train page's training job (analysis/trainjob.h) through the job runner and keeps
// what it reported: the loss history (handed out as immutable snapshots for the chart), the
// last step's progress, and the checkpoint the run left. A cancelled run keeps the checkpoint
// of its completed steps; stopped() says so.
#include "analysis/trainjob.h"
#include "gui/trainrequest.h"
#include "jobs/jobrunner.h"
#include "losscurvedata.h"

#include <QObject>

#include <memory>
#include <optional>

namespace bitcliff::app {

class TrainController final : public QObject
{
    Q_OBJECT

public:
    explicit TrainController(JobRunner *runner, QObject *parent = nullptr);

    // Starts training `model` as `request` says (checked by the caller: TrainChecks).
    void run(const TrainRequest &request, std::shared_ptr<const Model> model);
    void cancel();
    bool busy() const { return m_job >= 0; }

    // The run shown (the running one, or the last one).
    std::shared_ptr<const LossCurveData> curve() const;
    const std::optional<train::TrainProgress> &lastProgress() const { return m_last; }
    std::optional<double> lastHeldOutLoss() const;
    const TrainUpdate &preparation() const { return m_prepared; } // the Prepared update
    // The checkpoint the last run wrote: its folder and step; step < 0 while there is none.
    QString outputDirectory() const { return m_output; }
    int64_t checkpointStep() const { return m_checkpointStep; }
    bool hasCheckpoint() const { return !busy() && m_checkpointStep >= 0; }
    std::optional<QuantScheme> qatScheme() const { return m_qat; }
    // The model the last run started from (its source path).
    QString baseModel() const { return m_baseModel; }

signals:
    void busyChanged(bool busy);
    void prepared();
    void stepped();            // lastProgress() and curve() have a new step
    void finished();           // every step done, the checkpoint written
    void stopped();            // cancelled after a step: the checkpoint holds checkpointStep() steps
    void cancelledEarly();     // cancelled before the first step: nothing written
    void failed(const QString &message);

private:
    void apply(const TrainUpdate &update);
    void end();

    JobRunner *m_runner;
    int m_job = -1;
    int m_generation = 0;
    QString m_output;
    QString m_baseModel;
    std::optional<QuantScheme> m_qat;
    LossCurveData m_history;
    mutable std::shared_ptr<const LossCurveData> m_snapshot; // of m_history, until it changes
    std::optional<train::TrainProgress> m_last;
    TrainUpdate m_prepared;
    int64_t m_checkpointStep = -1;
    QString m_stopFailure; // an error while the cancelled run wrote its checkpoint
};

} // namespace bitcliff::app
