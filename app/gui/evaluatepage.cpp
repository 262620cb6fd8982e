#include "gui/evaluatepage.h"

#include "gui/calibrationfield.h"
#include "gui/evaluatecontroller.h"
#include "gui/evaluateform.h"
#include "gui/evaluateresults.h"
#include "util/error.h"

#include <QDir>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace bitcliff::app {

EvaluatePage::EvaluatePage(EvaluateController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_form(new EvaluateForm(this))
    , m_summary(new QLabel(this))
    , m_results(new EvaluateResults(this))
{
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->setRunEnabled(false);
    // The inputs above the results, split so that a small window can give the chart the room.
    auto *inputs = new QWidget(this);
    auto *inputsLayout = new QVBoxLayout(inputs);
    inputsLayout->setContentsMargins(0, 0, 0, 0);
    inputsLayout->addWidget(m_form);
    inputsLayout->addWidget(m_summary);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(inputs);
    split->addWidget(m_results);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);
    connect(m_form, &EvaluateForm::runRequested, this, &EvaluatePage::start);
    connect(m_controller, &EvaluateController::reportReady, this, &EvaluatePage::showReport);
    connect(m_controller, &EvaluateController::failed, this, [this](const QString &message) {
        m_error = message;
        showSummary();
    });
    connect(m_controller, &EvaluateController::busyChanged, this, [this](bool busy) {
        m_form->setRunEnabled(!busy && m_controller->hasModel());
        showSummary();
    });
    retranslate();
}

void EvaluatePage::setModel(std::shared_ptr<const Model> model)
{
    // A model is never compared with itself (its trained checkpoint may have been opened).
    if (model && !m_form->compareModel().isEmpty()
        && QDir::cleanPath(m_form->compareModel()) == QDir::cleanPath(QString::fromStdString(model->sourcePath())))
        m_form->setCompareModel(QString());
    m_controller->setModel(model);
    m_form->setRunEnabled(model != nullptr);
    if (model)
        m_form->calibration()->setModelPath(QString::fromStdString(model->sourcePath()));
    m_report.reset();
    m_error.clear();
    m_results->setReport(nullptr);
    showSummary();
}

void EvaluatePage::retranslate()
{
    m_form->retranslate();
    m_results->retranslate();
    showSummary();
}

QString EvaluatePage::summaryText() const
{
    return m_summary->text();
}

void EvaluatePage::start()
{
    m_error.clear();
    try {
        const EvalRequest request = m_form->request();
        if (request.text.isEmpty() && request.tasks.isEmpty())
            throw Error(tr("Choose a text or at least one task set.").toStdString());
        m_controller->evaluate(request);
    } catch (const Error &error) {
        m_error = QString::fromStdString(error.what());
    }
    showSummary();
}

void EvaluatePage::showReport(std::shared_ptr<const EvalReport> report)
{
    m_report = std::move(report);
    m_error.clear();
    m_results->setReport(m_report);
    showSummary();
}

void EvaluatePage::showSummary()
{
    if (!m_error.isEmpty()) {
        m_summary->setText(tr("Evaluation failed: %1").arg(m_error));
        return;
    }
    if (m_controller->busy()) {
        m_summary->setText(tr("Evaluating in the background; progress and cancel are in the Jobs panel."));
        return;
    }
    if (!m_report) {
        m_summary->setText(tr("Runs the unquantized model and every checked scheme on the text (perplexity as "
                              "llama.cpp computes it, KL divergence and same-top-token against the unquantized "
                              "model) and on the task sets (accuracy per difficulty and language)."));
        return;
    }
    QStringList parts;
    for (const EvalRun &run : m_report->runs) {
        QString part = QString::fromStdString(run.label) + QStringLiteral(": ");
        if (!run.texts.empty())
            part += tr("PPL %1").arg(run.perplexity.ppl, 0, 'f', 3);
        if (run.comparison)
            part += tr(", KLD %1, same top %2%")
                        .arg(run.comparison->kld.mean, 0, 'f', 4)
                        .arg(100 * run.comparison->sameTop.mean, 0, 'f', 1);
        if (!run.outcomes.empty())
            part += (run.texts.empty() ? QString() : QStringLiteral(", "))
                + tr("acc %1%").arg(100 * run.accuracy.overall.acc, 0, 'f', 1);
        if (run.streamed)
            part += tr(" (weights streamed from the file: they do not fit in memory as float32)");
        parts << part;
    }
    m_summary->setText(parts.join(QStringLiteral(" · ")));
}

} // namespace bitcliff::app
