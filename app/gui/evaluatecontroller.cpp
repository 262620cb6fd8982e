#include "gui/evaluatecontroller.h"

#include "analysis/calibrationinput.h"
#include "report/bundledeval.h"
#include "tokenize/tokenizer.h"

#include <QDir>
#include <QFileInfo>

namespace bitcliff::app {

EvaluateController::EvaluateController(JobRunner *runner, QObject *parent)
    : QObject(parent)
    , m_runner(runner)
{
    connect(m_runner, &JobRunner::jobEnded, this, [this](int id, JobState state) {
        if (id == m_job && state == JobState::Cancelled) {
            m_job = -1;
            emit busyChanged(false);
        }
    });
}

void EvaluateController::setModel(std::shared_ptr<const Model> model)
{
    cancel();
    ++m_generation;
    m_model = std::move(model);
    m_report.reset();
}

void EvaluateController::cancel()
{
    if (m_job >= 0)
        m_runner->cancel(m_job);
}

void EvaluateController::evaluate(const EvalRequest &request)
{
    if (!m_model)
        return;
    cancel();
    const int generation = ++m_generation;
    const auto model = m_model;
    QStringList schemeNames;
    for (const QuantRecipe &scheme : request.schemes)
        schemeNames << QString::fromStdString(scheme.toString());
    QString title = schemeNames.isEmpty() ? tr("Evaluating the unquantized model")
                                          : tr("Evaluating %1").arg(schemeNames.join(QStringLiteral(", ")));
    if (!request.compareModel.isEmpty())
        title = tr("Evaluating %1 on the model and on %2")
                    .arg(schemeNames.join(QStringLiteral(", ")), QFileInfo(QDir::cleanPath(request.compareModel)).fileName());
    m_job = m_runner->start<std::shared_ptr<const EvalReport>>(
        title,
        [model, request](const ProgressCallback &progress) {
            EvalSpec spec;
            spec.model = model;
            spec.tokenizer = tokenizerForModel(*model);
            if (!request.text.isEmpty())
                spec.texts = corpusFrom(request.text);
            for (const QString &reference : request.tasks) {
                std::vector<TaskItem> items = tasksFrom(reference);
                spec.tasks.insert(spec.tasks.end(), items.begin(), items.end());
            }
            spec.schemes.assign(request.schemes.begin(), request.schemes.end());
            if (!request.compareModel.isEmpty()) {
                // Each scheme on the model, then on the variant: both against the unquantized model.
                const SchemeModel variant { openModel(QDir::cleanPath(request.compareModel).toStdString()),
                    QFileInfo(QDir::cleanPath(request.compareModel)).fileName().toStdString() };
                spec.schemes.clear();
                for (const QuantRecipe &scheme : request.schemes) {
                    spec.schemes.insert(spec.schemes.end(), { scheme, scheme });
                    spec.schemeModels.insert(spec.schemeModels.end(), { SchemeModel {}, variant });
                }
            }
            if (!request.calibration.isEmpty())
                spec.calibration = calibrationFromReference(request.calibration.toStdString(),
                    request.calibrationSequences, request.calibrationLength, *spec.tokenizer);
            spec.nCtx = request.nCtx;
            spec.maxNewTokens = request.maxNewTokens;
            return runEvaluation(spec, progress);
        },
        this,
        [this, generation](std::shared_ptr<const EvalReport> report) {
            if (generation != m_generation)
                return;
            m_job = -1;
            m_report = std::move(report);
            emit busyChanged(false);
            emit reportReady(m_report);
        },
        [this, generation](const QString &message) {
            if (generation != m_generation)
                return;
            m_job = -1;
            emit busyChanged(false);
            emit failed(message);
        });
    emit busyChanged(true);
}

} // namespace bitcliff::app
