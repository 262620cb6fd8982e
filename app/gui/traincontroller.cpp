#include "gui/traincontroller.h"

#include <QDir>
#include <QFileInfo>

#include <filesystem>

namespace bitcliff::app {

TrainController::TrainController(JobRunner *runner, QObject *parent)
    : QObject(parent)
    , m_runner(runner)
{
    // A cancelled job calls neither onDone nor onFailed; its updates have all arrived by now.
    connect(m_runner, &JobRunner::jobEnded, this, [this](int id, JobState state) {
        if (id != m_job || state != JobState::Cancelled)
            return;
        end();
        if (!m_stopFailure.isEmpty())
            emit failed(m_stopFailure);
        else if (m_checkpointStep >= 0)
            emit stopped();
        else
            emit cancelledEarly();
    });
}

void TrainController::run(const TrainRequest &request, std::shared_ptr<const Model> model)
{
    if (busy() || !model)
        return;
    const int generation = ++m_generation;
    m_output = QDir::cleanPath(QFileInfo(request.output).absoluteFilePath());
    m_qat = request.options.qat;
    m_baseModel = QString::fromStdString(model->sourcePath());
    m_history = LossCurveData { request.options.steps, {}, {} };
    m_snapshot.reset();
    m_last.reset();
    m_prepared = TrainUpdate {};
    m_checkpointStep = -1;
    m_stopFailure.clear();
    TrainJobInput input { model, std::filesystem::path(request.data.toStdU16String()),
        std::filesystem::path(m_output.toStdU16String()), request.options };
    m_job = m_runner->startStreaming<TrainJobResult, TrainUpdate>(
        tr("Training %1 for %n step(s)", nullptr, int(request.options.steps))
            .arg(QFileInfo(QString::fromStdString(model->sourcePath())).fileName()),
        [input](const ProgressCallback &progress, const std::function<void(TrainUpdate)> &report) {
            return runTrainJob(input, progress, report);
        },
        this,
        [this, generation](TrainUpdate update) {
            if (generation == m_generation)
                apply(update);
        },
        [this, generation](TrainJobResult) {
            if (generation != m_generation)
                return;
            end();
            emit finished();
        },
        [this, generation](const QString &message) {
            if (generation != m_generation)
                return;
            end();
            emit failed(message);
        });
    emit busyChanged(true);
}

void TrainController::cancel()
{
    if (m_job >= 0)
        m_runner->cancel(m_job);
}

void TrainController::end()
{
    m_job = -1;
    emit busyChanged(false);
}

void TrainController::apply(const TrainUpdate &update)
{
    switch (update.kind) {
    case TrainUpdate::Kind::Prepared:
        m_prepared = update;
        emit prepared();
        return;
    case TrainUpdate::Kind::Step:
        m_last = update.progress;
        m_history.trainLoss.push_back(update.progress.loss);
        if (update.progress.heldOutLoss)
            m_history.heldOut.push_back({ update.progress.step, *update.progress.heldOutLoss });
        m_snapshot.reset();
        emit stepped();
        return;
    case TrainUpdate::Kind::Checkpoint:
        m_checkpointStep = update.checkpointStep;
        return;
    case TrainUpdate::Kind::Failed:
        m_stopFailure = QString::fromStdString(update.message);
        return;
    }
}

std::shared_ptr<const LossCurveData> TrainController::curve() const
{
    if (!m_snapshot)
        m_snapshot = std::make_shared<const LossCurveData>(m_history);
    return m_snapshot;
}

std::optional<double> TrainController::lastHeldOutLoss() const
{
    if (m_history.heldOut.empty())
        return std::nullopt;
    return m_history.heldOut.back().loss;
}

} // namespace bitcliff::app
