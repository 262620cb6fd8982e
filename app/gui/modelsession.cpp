#include "gui/modelsession.h"

#include "analysis/bundleddemo.h"

#include "demo/syntheticcheckpoint.h"
#include "stats/statsengine.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace bitcliff::app {

ModelSession::ModelSession(JobRunner *runner, QObject *parent)
    : QObject(parent)
    , m_runner(runner)
{
    connect(runner, &JobRunner::jobEnded, this, [this](int id) {
        if (m_pendingJobs.removeOne(id) && m_pendingJobs.isEmpty())
            emit busyChanged(false);
    });
}

QString ModelSession::demoCheckpointPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/synthetic-demo-model");
}

void ModelSession::cancelPending()
{
    for (int id : std::as_const(m_pendingJobs))
        m_runner->cancel(id);
    ++m_generation;
}

void ModelSession::open(const QString &path)
{
    cancelPending();
    const int generation = m_generation;
    const std::string file = QDir::cleanPath(path).toStdString();
    const int id = m_runner->start<std::shared_ptr<const Model>>(
        tr("Opening %1").arg(QFileInfo(path).fileName()),
        [file](const ProgressCallback &) { return openModel(file); }, this,
        [this, generation](std::shared_ptr<const Model> model) {
            if (generation != m_generation)
                return;
            m_model = std::move(model);
            m_analysis.reset();
            emit modelOpened(m_model);
            startStats();
        },
        [this, generation](const QString &message) {
            if (generation == m_generation)
                emit failed(message);
        });
    m_pendingJobs.append(id);
    emit busyChanged(true);
}

void ModelSession::openDemo()
{
    if (hasBundledDemoModel()) { // the trained demo model, copied out of the application once
        cancelPending();
        const int generation = m_generation;
        const int id = m_runner->start<QString>(
            tr("Unpacking the demo model"),
            [](const ProgressCallback &) {
                return QString::fromStdString(extractBundledDemoModel(cachedDemoModelPath().toStdString()).string());
            },
            this,
            [this, generation](const QString &directory) {
                if (generation == m_generation)
                    open(directory);
            },
            [this](const QString &message) { emit failed(message); });
        m_pendingJobs.append(id);
        emit busyChanged(true);
        return;
    }
    const QString directory = demoCheckpointPath(); // a build without it: the synthetic stand-in
    if (isCurrentSyntheticCheckpoint(directory.toStdString())) {
        open(directory);
        return;
    }
    cancelPending();
    const int generation = m_generation;
    const int id = m_runner->start<bool>(
        tr("Generating the synthetic demo model"),
        [directory](const ProgressCallback &progress) {
            writeSyntheticCheckpoint(directory.toStdString(), {}, progress);
            return true;
        },
        this,
        [this, generation, directory](bool) {
            if (generation == m_generation)
                open(directory);
        },
        [this](const QString &message) { emit failed(message); });
    m_pendingJobs.append(id);
    emit busyChanged(true);
}

void ModelSession::setOutlierRule(const OutlierRule &rule)
{
    m_rule = rule;
    if (!m_analysis) {
        if (m_model) { // statistics still running: restart them with the new rule
            cancelPending();
            startStats();
        }
        return;
    }
    cancelPending();
    const int generation = m_generation;
    const auto stats = m_analysis->stats;
    const int id = m_runner->start<std::shared_ptr<const ModelAnalysis>>(
        tr("Flagging outliers (k = %1)").arg(rule.k),
        [stats, rule](const ProgressCallback &) { return analyseStats(withOutlierRule(*stats, rule)); }, this,
        [this, generation](std::shared_ptr<const ModelAnalysis> analysis) {
            if (generation != m_generation)
                return;
            m_analysis = std::move(analysis);
            emit analysisReady(m_analysis);
        });
    m_pendingJobs.append(id);
    emit busyChanged(true);
}

void ModelSession::startStats()
{
    const int generation = m_generation;
    StatsOptions options;
    options.rule = m_rule;
    const auto model = m_model;
    const int id = m_runner->start<std::shared_ptr<const ModelAnalysis>>(
        tr("Statistics of %1").arg(QFileInfo(QString::fromStdString(model->sourcePath())).fileName()),
        [model, options](const ProgressCallback &progress) { return analyseModel(model, options, progress); },
        this,
        [this, generation](std::shared_ptr<const ModelAnalysis> analysis) {
            if (generation != m_generation)
                return;
            m_analysis = std::move(analysis);
            emit analysisReady(m_analysis);
        },
        [this, generation](const QString &message) {
            if (generation == m_generation)
                emit failed(message);
        });
    m_pendingJobs.append(id);
    emit busyChanged(true);
}

} // namespace bitcliff::app
