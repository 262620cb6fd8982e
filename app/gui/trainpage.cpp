#include "gui/trainpage.h"

#include "gui/jobspanel.h"
#include "gui/traincontroller.h"
#include "gui/trainform.h"
#include "losscurveview.h"
#include "util/meminfo.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace bitcliff::app {

namespace {

QString lossText(double loss)
{
    return QLocale().toString(loss, 'f', 3);
}

} // namespace

TrainPage::TrainPage(TrainController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_form(new TrainForm(this))
    , m_formScroll(new QScrollArea(this))
    , m_loss(new LossCurveView(this))
    , m_progressLine(new QLabel(this))
    , m_split(new QSplitter(Qt::Vertical, this))
    , m_train(new QPushButton(this))
    , m_cancel(new QPushButton(this))
    , m_progress(new QProgressBar(this))
    , m_compare(new QPushButton(this))
    , m_open(new QPushButton(this))
    , m_status(new QLabel(this))
    , m_curveTimer(new QTimer(this))
{
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progressLine->setWordWrap(true);
    m_progressLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->hide();
    m_progress->setMinimumWidth(140);
    m_progress->setMaximumWidth(260);
    m_formScroll->setWidget(m_form);
    m_formScroll->setWidgetResizable(true);
    m_formScroll->setFrameShape(QFrame::NoFrame);
    m_formScroll->setMinimumHeight(120);
    m_loss->setMinimumHeight(200);
    m_curveTimer->setSingleShot(true);
    m_curveTimer->setInterval(200);

    // Run and stop above, what to do with the result below it, beside the progress line.
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_train);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress);
    buttons->addStretch(1);
    auto *outcome = new QHBoxLayout;
    outcome->addWidget(m_progressLine, 1);
    outcome->addWidget(m_compare, 0, Qt::AlignTop);
    outcome->addWidget(m_open, 0, Qt::AlignTop);
    auto *results = new QWidget(this);
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_loss, 1);
    resultsLayout->addLayout(outcome);
    m_split->addWidget(m_formScroll);
    m_split->addWidget(results);
    m_split->setStretchFactor(0, 1);
    m_split->setStretchFactor(1, 2);
    m_split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(m_split, 1);

    connect(m_train, &QPushButton::clicked, this, &TrainPage::start);
    connect(m_cancel, &QPushButton::clicked, m_controller, &TrainController::cancel);
    connect(m_compare, &QPushButton::clicked, this, [this] {
        const auto scheme = m_controller->qatScheme();
        emit compareRequested(
            m_controller->outputDirectory(), scheme ? QString::fromStdString(scheme->toString()) : QString());
    });
    connect(m_open, &QPushButton::clicked, this, [this] { emit openRequested(m_controller->outputDirectory()); });
    connect(m_split, &QSplitter::splitterMoved, this, [this] { m_userSized = true; });
    connect(m_curveTimer, &QTimer::timeout, this, &TrainPage::showCurve);
    connect(m_controller, &TrainController::busyChanged, this, &TrainPage::updateButtons);
    connect(m_controller, &TrainController::prepared, this, [this] {
        const TrainUpdate &p = m_controller->preparation();
        setStatus(tr("Training on %1 document(s) packed into %n sequence(s); %2 document(s) held out for the "
                     "held-out loss. Cancel keeps a checkpoint of the steps done.",
            nullptr, int(p.sequences))
                      .arg(QLocale().toString(qlonglong(p.documents)), QLocale().toString(qlonglong(p.heldOutDocuments))));
    });
    connect(m_controller, &TrainController::stepped, this, [this] {
        showProgress();
        if (!m_curveTimer->isActive())
            m_curveTimer->start();
    });
    const auto ended = [this] {
        m_curveTimer->stop();
        showCurve();
        showProgress();
        m_form->refreshDefaultOutput(); // the next run must not replace this checkpoint
    };
    connect(m_controller, &TrainController::finished, this, [this, ended] {
        ended();
        setStatus(tr("Finished %n step(s); checkpoint in %1.", nullptr, int(m_controller->checkpointStep()))
                      .arg(m_controller->outputDirectory()));
    });
    connect(m_controller, &TrainController::stopped, this, [this, ended] {
        ended();
        setStatus(tr("Stopped at step %1; checkpoint in %2.")
                      .arg(QLocale().toString(qlonglong(m_controller->checkpointStep())), m_controller->outputDirectory()));
    });
    connect(m_controller, &TrainController::cancelledEarly, this, [this, ended] {
        ended();
        setStatus(tr("Cancelled before the first step: nothing was written."));
    });
    connect(m_controller, &TrainController::failed, this, [this, ended](const QString &message) {
        ended();
        setStatus(tr("Training failed: %1").arg(message), true);
    });
    retranslate();
    showCurve();
    updateButtons();
}

void TrainPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    fitForm();
}

void TrainPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitForm();
}

void TrainPage::fitForm()
{
    // The whole form in view when there is room, the chart the rest, until the user drags the
    // handle (then the sizes are theirs).
    if (m_userSized || !isVisible())
        return;
    const QList<int> sizes = m_split->sizes();
    const int total = sizes.value(0) + sizes.value(1);
    const int form = std::min(m_form->sizeHint().height() + 2, total - m_loss->minimumHeight());
    if (total > 0 && form > 0)
        m_split->setSizes({ form, total - form });
}

void TrainPage::setModel(std::shared_ptr<const Model> model)
{
    m_model = std::move(model);
    m_form->setModel(m_model);
    updateButtons();
}

void TrainPage::retranslate()
{
    m_train->setText(tr("Train"));
    m_train->setToolTip(tr("Trains the open model on the data in the background; the checkpoint opens as a model."));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stops after the current step and writes the checkpoint of the steps done."));
    m_compare->setText(tr("Compare with the original"));
    m_compare->setToolTip(tr("On the Evaluate page: each checked scheme runs on the original and on the trained "
                             "model, both measured against the unquantized original. On the Quantize page: the "
                             "trained model is the second model, its error maps beside the original's."));
    m_open->setText(tr("Open trained model"));
    m_open->setToolTip(tr("Opens the checkpoint as the model of every page."));
    m_progress->setFormat(tr("step %v of %m"));
    m_form->retranslate();
    if (m_statusIsHint)
        setStatus(QString());
    showProgress();
}

QString TrainPage::statusText() const
{
    return m_status->text();
}

QString TrainPage::progressText() const
{
    return m_progressLine->text();
}

void TrainPage::setStatus(const QString &text, bool error)
{
    m_statusIsHint = text.isEmpty();
    m_status->setText(text.isEmpty() ? tr("Fine-tune the open model on your own text, optionally through the "
                                          "quantization it will get (QAT), and watch the loss fall.")
                                     : text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #d62728") : QString());
}

void TrainPage::updateButtons()
{
    const bool busy = m_controller->busy();
    const bool trainable = m_model && TrainChecks::modelProblem(m_model.get()).isEmpty();
    m_train->setEnabled(!busy && trainable);
    m_cancel->setEnabled(busy);
    // Compared with the model it was trained from, only while that is the open one.
    m_compare->setEnabled(m_controller->hasCheckpoint() && m_model
        && QString::fromStdString(m_model->sourcePath()) == m_controller->baseModel());
    m_open->setEnabled(m_controller->hasCheckpoint());
    m_form->setEnabled(!busy);
    m_progress->setVisible(busy || m_controller->lastProgress().has_value());
}

void TrainPage::showCurve()
{
    m_loss->setData(m_controller->curve());
}

void TrainPage::showProgress()
{
    const auto &last = m_controller->lastProgress();
    if (!last) {
        m_progressLine->clear();
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        return;
    }
    m_progress->setRange(0, int(last->steps));
    m_progress->setValue(int(last->step));
    QStringList parts;
    parts << tr("Step %1 of %2").arg(QLocale().toString(qlonglong(last->step)), QLocale().toString(qlonglong(last->steps)));
    if (m_controller->busy())
        parts << tr("about %1 left").arg(JobsPanel::formatSeconds(last->secondsLeft));
    parts << tr("%1 tokens/s").arg(QLocale().toString(last->tokensPerSecond, 'f', 0));
    parts << tr("loss %1").arg(lossText(last->loss));
    if (const auto heldOut = m_controller->lastHeldOutLoss())
        parts << tr("held-out loss %1").arg(lossText(*heldOut));
    m_progressLine->setText(parts.join(QStringLiteral(" · ")));
}

void TrainPage::start()
{
    try {
        const TrainRequest request = m_form->request();
        TrainChecks::check(request, m_model.get(), availableMemoryBytes());
        m_form->saveSettings();
        m_controller->run(request, m_model);
        setStatus(tr("Loading the training data and the weights…"));
        showCurve();
        showProgress();
    } catch (const std::exception &error) {
        setStatus(QString::fromUtf8(error.what()), true);
    }
}

} // namespace bitcliff::app
