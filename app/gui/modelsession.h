#pragma once
// The model the window shows: opens it and computes its statistics in background jobs,
// and hands out immutable snapshots. Opening another model (or changing the outlier rule)
// cancels the jobs of the previous request and drops their late results.
#include "jobs/jobrunner.h"
#include "report/modelanalysis.h"
#include "report/rotatedanalysis.h"

#include <QObject>
#include <memory>

namespace bitcliff::app {

class ModelSession final : public QObject
{
    Q_OBJECT

public:
    explicit ModelSession(JobRunner *runner, QObject *parent = nullptr);

    void open(const QString &path);
    // Writes the synthetic demo checkpoint (once, into the cache) and opens it.
    void openDemo();
    void setOutlierRule(const OutlierRule &rule);
    // The Model page's comparison: the open model rotated (QuaRot) and analysed like it, with
    // its activations when `withActivations`, in one background job that reuses what the
    // comparison holds already. stopRotation() cancels it and forgets the result; opening
    // another model does too, and a new outlier rule flags the rotated statistics again.
    void compareRotation(bool withActivations);
    void stopRotation();

    std::shared_ptr<const Model> model() const { return m_model; }
    std::shared_ptr<const ModelAnalysis> analysis() const { return m_analysis; }
    OutlierRule outlierRule() const { return m_rule; }
    static QString demoCheckpointPath();

signals:
    void modelOpened(std::shared_ptr<const bitcliff::Model> model);
    void analysisReady(std::shared_ptr<const bitcliff::app::ModelAnalysis> analysis);
    void failed(const QString &message);
    void rotationReady(std::shared_ptr<const bitcliff::app::RotatedAnalysis> rotation);
    void rotationFailed(const QString &message);
    void busyChanged(bool busy);

private:
    void startStats();
    void cancelPending();
    void startRotation(bool withActivations);

    JobRunner *m_runner;
    std::shared_ptr<const Model> m_model;
    std::shared_ptr<const ModelAnalysis> m_analysis;
    OutlierRule m_rule;
    QList<int> m_pendingJobs;
    int m_generation = 0; // results of an older generation are stale
    std::shared_ptr<const RotatedAnalysis> m_rotation;
    int m_rotationJob = -1; // the running comparison job, -1 when none
    int m_rotationGeneration = 0;
    bool m_rotationWanted = false;
    bool m_rotationActivations = false; // what the running job (or the last request) asks for
};

} // namespace bitcliff::app
