#pragma once
// The model the window shows: opens it and computes its statistics in background jobs,
// and hands out immutable snapshots. Opening another model (or changing the outlier rule)
// cancels the jobs of the previous request and drops their late results.
#include "jobs/jobrunner.h"
#include "report/modelanalysis.h"

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

    std::shared_ptr<const Model> model() const { return m_model; }
    std::shared_ptr<const ModelAnalysis> analysis() const { return m_analysis; }
    OutlierRule outlierRule() const { return m_rule; }
    static QString demoCheckpointPath();

signals:
    void modelOpened(std::shared_ptr<const bitcliff::Model> model);
    void analysisReady(std::shared_ptr<const bitcliff::app::ModelAnalysis> analysis);
    void failed(const QString &message);
    void busyChanged(bool busy);

private:
    void startStats();
    void cancelPending();

    JobRunner *m_runner;
    std::shared_ptr<const Model> m_model;
    std::shared_ptr<const ModelAnalysis> m_analysis;
    OutlierRule m_rule;
    QList<int> m_pendingJobs;
    int m_generation = 0; // results of an older generation are stale
};

} // namespace bitcliff::app
