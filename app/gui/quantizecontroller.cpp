#include "gui/quantizecontroller.h"

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
}

void QuantizeController::quantize(
    const QuantScheme &first, const std::optional<QuantScheme> &second, int onlyTensor, const QString &secondModel)
{
    if (!m_model)
        return;
    if (m_quantizeJob >= 0)
        m_runner->cancel(m_quantizeJob);
    const int generation = ++m_generation;
    const auto model = m_model;
    std::vector<std::string> only;
    if (onlyTensor >= 0 && size_t(onlyTensor) < model->tensors().size()) {
        only.push_back(model->tensors()[size_t(onlyTensor)].name);
        m_pendingTensor = onlyTensor;
    }
    const QString secondPath = QDir::cleanPath(secondModel);
    QString title = second ? tr("Quantizing with %1 and %2")
                                 .arg(QString::fromStdString(first.toString()), QString::fromStdString(second->toString()))
                           : tr("Quantizing with %1").arg(QString::fromStdString(first.toString()));
    if (!secondModel.isEmpty())
        title = tr("Quantizing the model with %1 and %2 with %3")
                    .arg(QString::fromStdString(first.toString()), QFileInfo(secondPath).fileName(),
                        QString::fromStdString(second.value_or(first).toString()));
    m_quantizeJob = m_runner->start<std::shared_ptr<const QuantAnalysis>>(
        title, [model, first, second, only, secondPath, comparing = !secondModel.isEmpty()](const ProgressCallback &progress) {
            QuantRequest request { model, first, second, nullptr, only };
            if (comparing)
                request.secondModel = openModel(secondPath.toStdString());
            return analyseQuantization(request, progress);
        },
        this,
        [this, generation](std::shared_ptr<const QuantAnalysis> analysis) {
            if (generation != m_generation)
                return;
            m_quantizeJob = -1;
            m_analysis = std::move(analysis);
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
