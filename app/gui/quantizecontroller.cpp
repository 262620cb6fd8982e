#include "gui/quantizecontroller.h"

#include "gui/recipequantization.h"

#include <QDir>
#include <QFileInfo>

namespace bitcliff::app {

QuantizeController::QuantizeController(JobRunner *runner, QObject *parent)
    : QObject(parent)
    , m_runner(runner)
{
    // A cancelled job calls neither handler (the jobs panel shows it): clear our state here.
    connect(m_runner, &JobRunner::jobEnded, this, [this](int id, JobState state) {
        if (id == m_quantizeJob && state == JobState::Cancelled) {
            m_quantizeJob = -1;
            emit busyChanged(false);
        }
    });
}

void QuantizeController::setModel(std::shared_ptr<const Model> model)
{
    if (m_quantizeJob >= 0)
        m_runner->cancel(m_quantizeJob);
    ++m_generation;
    m_model = std::move(model);
    m_analysis.reset();
    m_notes = {};
}

void QuantizeController::quantize(const QuantizeRequest &request)
{
    if (!m_model)
        return;
    if (m_quantizeJob >= 0)
        m_runner->cancel(m_quantizeJob);
    const int generation = ++m_generation;
    RecipeQuantRequest job;
    job.model = m_model;
    job.first = request.first;
    job.second = request.second;
    if (request.onlyTensor >= 0 && size_t(request.onlyTensor) < m_model->tensors().size()) {
        job.onlyTensors.push_back(m_model->tensors()[size_t(request.onlyTensor)].name);
        m_pendingTensor = request.onlyTensor;
    }
    job.calibration = request.calibration.toStdString();
    job.calibrationSequences = request.calibrationSequences;
    job.calibrationLength = request.calibrationLength;
    const QString secondPath = request.secondModel.isEmpty() ? QString() : QDir::cleanPath(request.secondModel);
    const QString first = QString::fromStdString(request.first.toString());
    const QString second = request.second ? QString::fromStdString(request.second->toString()) : QString();
    QString title
        = request.second ? tr("Quantizing with %1 and %2").arg(first, second) : tr("Quantizing with %1").arg(first);
    if (!secondPath.isEmpty())
        title = tr("Quantizing the model with %1 and %2 with %3")
                    .arg(first, QFileInfo(secondPath).fileName(), request.second ? second : first);
    // The calibration set, the second model and the weights are all made in the job.
    m_quantizeJob = m_runner->start<RecipeAnalysis>(
        title,
        [job, secondPath](const ProgressCallback &progress) mutable {
            if (!secondPath.isEmpty())
                job.secondModel = openModel(secondPath.toStdString());
            return analyseRecipes(job, progress);
        },
        this,
        [this, generation](RecipeAnalysis result) {
            if (generation != m_generation)
                return;
            m_quantizeJob = -1;
            m_analysis = std::move(result.analysis);
            m_notes = { QString::fromStdString(result.firstNote), QString::fromStdString(result.secondNote) };
            emit busyChanged(false);
            emit analysisReady(m_analysis);
            if (m_pendingTensor >= 0)
                showTensor(m_pendingTensor);
        },
        [this, generation](const QString &message) {
            if (generation != m_generation)
                return;
            m_quantizeJob = -1;
            emit busyChanged(false);
            emit failed(message);
        });
    emit busyChanged(true);
}

void QuantizeController::showTensor(int tensorIndex)
{
    m_pendingTensor = tensorIndex;
    if (!m_analysis)
        return;
    const auto analysis = m_analysis;
    const int generation = m_generation;
    m_runner->start<std::shared_ptr<const TensorQuantViews>>(
        tr("Error maps"),
        [analysis, tensorIndex](const ProgressCallback &) {
            return std::make_shared<const TensorQuantViews>(buildTensorQuantViews(*analysis, tensorIndex));
        },
        this,
        [this, generation](std::shared_ptr<const TensorQuantViews> views) {
            if (generation == m_generation && views->tensorIndex == m_pendingTensor)
                emit tensorViewsReady(std::move(views));
        });
}

} // namespace bitcliff::app
