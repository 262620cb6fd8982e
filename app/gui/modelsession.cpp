#include "gui/modelsession.h"

#include "analysis/bundleddemo.h"

#include "demo/syntheticcheckpoint.h"
#include "stats/statsengine.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <utility>

namespace bitcliff::app {

ModelSession::ModelSession(JobRunner *runner, QObject *parent)
    : QObject(parent)
    , m_runner(runner)
{
    connect(runner, &JobRunner::jobEnded, this, [this](int id) {
        if (m_pendingJobs.removeOne(id) && m_pendingJobs.isEmpty())
            emit busyChanged(false);
    });
    // A comparison cancelled from the jobs panel says so in place of its map.
    connect(runner, &JobRunner::jobEnded, this, [this](int id, JobState state) {
        if (id != m_rotationJob)
            return;
        m_rotationJob = -1;
        if (state == JobState::Cancelled)
            emit rotationFailed(tr("The rotation was cancelled."));
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
            stopRotation();
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
    if (m_rotationWanted && m_model && (m_rotation || m_rotationJob >= 0))
        startRotation(m_rotationActivations); // flags the rotated statistics again
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

void ModelSession::compareRotation(bool withActivations)
{
    m_rotationWanted = true;
    if (!m_model)
        return;
    const bool held = m_rotation && (!withActivations || m_rotation->activations);
    const bool running = m_rotationJob >= 0 && (m_rotationActivations || !withActivations);
    if (held) {
        if (m_rotationJob < 0)
            emit rotationReady(m_rotation);
        return;
    }
    if (!running)
        startRotation(withActivations);
}

void ModelSession::stopRotation()
{
    m_rotationWanted = false;
    m_rotation.reset();
    ++m_rotationGeneration;
    if (m_rotationJob >= 0)
        m_runner->cancel(std::exchange(m_rotationJob, -1));
}

void ModelSession::startRotation(bool withActivations)
{
    if (m_rotationJob >= 0)
        m_runner->cancel(std::exchange(m_rotationJob, -1));
    const int generation = ++m_rotationGeneration;
    m_rotationActivations = withActivations;
    StatsOptions options;
    options.rule = m_rule;
    const auto model = m_model;
    const auto previous = m_rotation;
    m_rotationJob = m_runner->start<std::shared_ptr<const RotatedAnalysis>>(
        tr("Rotating %1 (QuaRot)").arg(QFileInfo(QString::fromStdString(model->sourcePath())).fileName()),
        [model, previous, options, withActivations](const ProgressCallback &progress) {
            return analyseRotated(model, previous, options, withActivations, progress);
        },
        this,
        [this, generation](std::shared_ptr<const RotatedAnalysis> rotation) {
            if (generation != m_rotationGeneration)
                return;
            m_rotation = std::move(rotation);
            emit rotationReady(m_rotation);
        },
        [this, generation](const QString &message) {
            if (generation == m_rotationGeneration)
                emit rotationFailed(message);
        });
}

} // namespace bitcliff::app
