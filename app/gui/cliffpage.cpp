#include "gui/cliffpage.h"

#include "gui/cliffcontroller.h"
#include "gui/cliffform.h"
#include "gui/cliffresultsview.h"
#include "gui/cliffschemegrid.h"
#include "demo/demosweep.h"
#include "demo/syntheticcheckpoint.h"
#include "sweep/sweepcell.h"
#include "sweep/sweepspec.h"
#include "util/error.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace bitcliff::app {

CliffPage::CliffPage(CliffController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_form(new CliffForm(this))
    , m_formScroll(new QScrollArea(this))
    , m_results(new CliffResultsView(this))
    , m_split(new QSplitter(Qt::Vertical, this))
    , m_run(new QPushButton(this))
    , m_cancel(new QPushButton(this))
    , m_open(new QPushButton(this))
    , m_export(new QPushButton(this))
    , m_status(new QLabel(this))
{
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The set-up scrolls in a small window; the buttons and the status stay in view.
    m_formScroll->setWidget(m_form);
    m_formScroll->setWidgetResizable(true);
    m_formScroll->setFrameShape(QFrame::NoFrame);
    m_formScroll->setMinimumHeight(120);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    buttons->addWidget(m_open);
    buttons->addWidget(m_export);
    m_split->addWidget(m_formScroll);
    m_split->addWidget(m_results);
    m_split->setStretchFactor(0, 1);
    m_split->setStretchFactor(1, 2);
    m_split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(m_split, 1);

    connect(m_run, &QPushButton::clicked, this, &CliffPage::start);
    connect(m_cancel, &QPushButton::clicked, m_controller, &CliffController::cancel);
    connect(m_open, &QPushButton::clicked, this, &CliffPage::chooseResults);
    connect(m_export, &QPushButton::clicked, this, &CliffPage::chooseReportFolder);
    connect(m_controller, &CliffController::busyChanged, this, &CliffPage::updateButtons);
    connect(m_controller, &CliffController::cellsChanged, this, [this](const ResultCells &added, bool reset) {
        if (reset)
            m_results->setCells(m_controller->cells(), m_seed);
        else
            m_results->addCells(m_controller->cells(), added);
        if (!m_controller->cells().empty())
            giveResultsRoom();
        updateButtons();
    });
    connect(m_controller, &CliffController::sweepStarted, this,
        [this](const QString &dir, int alreadyFinished, int cellCount) {
            if (alreadyFinished >= cellCount)
                setStatus(tr("All %n cell(s) already finished in %1: nothing to run.", nullptr, cellCount).arg(dir));
            else if (alreadyFinished > 0)
                setStatus(tr("%1 of %n cell(s) already finished in %2: resuming. Progress, time left and Cancel "
                             "are in the Jobs panel.",
                    nullptr, cellCount)
                              .arg(alreadyFinished)
                              .arg(dir));
            else
                setStatus(tr("Sweeping %n cell(s) into %1. Progress, time left and Cancel are in the Jobs panel.",
                    nullptr, cellCount)
                              .arg(dir));
        });
    connect(m_controller, &CliffController::sweepFinished, this, &CliffPage::onFinished);
    connect(m_controller, &CliffController::sweepCancelled, this, [this] {
        setStatus(tr("Cancelled: the %n finished cell(s) stay in %1; run again to resume.", nullptr,
            int(m_controller->cells().size()))
                      .arg(m_controller->directory()));
    });
    connect(m_controller, &CliffController::failed, this, [this](const QString &message) { setStatus(message, true); });
    connect(m_controller, &CliffController::resultsOpened, this,
        [this](const QString &dir, const std::optional<SweepSpec> &spec, const QStringList &problems) {
            if (spec) {
                m_form->setSpec(*spec);
                m_seed = spec->seed;
            }
            m_form->setOutputDirectory(dir);
            QString text = tr("Opened %n cell(s) from %1.", nullptr, int(m_controller->cells().size())).arg(dir);
            if (!problems.isEmpty())
                text += QLatin1Char(' ')
                    + tr("Skipped %n unreadable line(s): %1", nullptr, int(problems.size())).arg(problems.first());
            setStatus(text);
        });
    connect(m_controller, &CliffController::reportWritten, this, [this](const QString &dir, const QStringList &files) {
        setStatus(tr("Wrote %n file(s) to %1.", nullptr, int(files.size())).arg(dir));
    });
    connect(m_results, &CliffResultsView::pointClicked, this, [this](int, const QString &scheme) {
        if (!scheme.isEmpty() && scheme != QLatin1String(kUnquantized))
            emit schemeRequested(scheme);
    });
    retranslate();
    updateButtons();
}

void CliffPage::setModel(std::shared_ptr<const Model> model)
{
    m_model = std::move(model);
    m_form->setModelPath(m_model ? QString::fromStdString(m_model->sourcePath()) : QString());
    // The demo model gets the demo's sweep, ready to run: the trained one its own (with the
    // QAT, control and recovery checkpoints), the synthetic stand-in text only (random weights).
    if (m_model && isTrainedDemoModel(m_model->sourcePath())) {
        try {
            m_form->setSpec(trainedDemoSweep(m_model->sourcePath()));
        } catch (const std::exception &) {
            // a damaged demo.json: the form keeps what it had
        }
    } else if (m_model && isCurrentSyntheticCheckpoint(m_model->sourcePath())) {
        SweepSpec spec = sweepPreset("demo");
        spec.model = m_model->sourcePath();
        m_form->setSpec(spec);
    }
    updateButtons();
}

void CliffPage::retranslate()
{
    m_run->setText(tr("Run sweep"));
    m_run->setToolTip(tr("Runs the unquantized model and every checked scheme on the evaluation set; each "
                         "finished cell is saved at once, so running again with the same folder resumes."));
    m_cancel->setText(tr("Cancel"));
    m_open->setText(tr("Open results…"));
    m_open->setToolTip(tr("Shows the results of an earlier sweep (a folder with results.jsonl and sweep.json)."));
    m_export->setText(tr("Export report…"));
    m_export->setToolTip(tr("Charts (PNG, SVG, PDF), report.html and results.csv/json of the cells shown."));
    m_form->retranslate();
    m_results->retranslate();
    if (m_statusIsHint)
        setStatus(QString());
}

QString CliffPage::statusText() const
{
    return m_status->text();
}

void CliffPage::setStatus(const QString &text, bool error)
{
    m_statusIsHint = text.isEmpty();
    m_status->setText(text.isEmpty() ? tr("The accuracy cliff: how each quantization method's damage grows as its "
                                          "bits per weight shrink. Check schemes and an evaluation set, then run.")
                                     : text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #d62728") : QString());
}

void CliffPage::updateButtons()
{
    const bool busy = m_controller->busy();
    m_run->setEnabled(!busy && m_model);
    m_cancel->setEnabled(busy);
    m_open->setEnabled(!busy);
    m_export->setEnabled(!busy && !m_controller->cells().empty());
    m_form->setEnabled(!busy);
}

void CliffPage::start()
{
    // Text left in the "other scheme" field is part of the request: a bad one stops here.
    if (!m_form->schemeGrid()->otherSchemeEdit()->text().trimmed().isEmpty()
        && !m_form->schemeGrid()->addOtherScheme()) {
        setStatus(tr("Fix the scheme text first: %1").arg(m_form->schemeGrid()->otherSchemeEdit()->text()), true);
        return;
    }
    try {
        const SweepSpec spec = m_form->spec();
        const QString dir = m_form->outputDirectory();
        if (dir.isEmpty())
            throw Error(tr("Choose an output folder.").toStdString());
        m_seed = spec.seed;
        m_roomGiven = false;
        setStatus(tr("Opening the model and the evaluation set…"));
        m_controller->run(spec, QDir::cleanPath(QDir(dir).absolutePath()));
    } catch (const std::exception &e) {
        setStatus(QString::fromStdString(e.what()), true);
    }
}

void CliffPage::onFinished(const SweepSummary &summary)
{
    QString text = tr("Sweep finished in %1: %n cell(s)", nullptr, summary.cells).arg(m_controller->directory());
    if (summary.resumed > 0)
        text += tr(", %n resumed", nullptr, summary.resumed);
    if (summary.failed > 0)
        text += tr(", %n failed (see the table)", nullptr, summary.failed);
    setStatus(text + QLatin1Char('.'));
}

void CliffPage::openResultsFrom(const QString &dir)
{
    setStatus(tr("Opening %1…").arg(dir));
    m_roomGiven = false;
    m_controller->openResults(dir);
}

void CliffPage::exportReportTo(const QString &dir)
{
    setStatus(tr("Writing the report to %1…").arg(dir));
    m_controller->exportReport(dir, m_model ? QString::fromStdString(m_model->sourcePath()) : QString());
}

void CliffPage::chooseResults()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open sweep results"), m_form->outputDirectory());
    if (!dir.isEmpty())
        openResultsFrom(dir);
}

void CliffPage::chooseReportFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export the sweep report to"),
        m_controller->directory().isEmpty() ? QString() : m_controller->directory());
    if (!dir.isEmpty())
        exportReportTo(dir);
}

void CliffPage::giveResultsRoom()
{
    // Once there are results, most of the height goes to them (the set-up scrolls).
    if (m_roomGiven)
        return;
    m_roomGiven = true;
    const QList<int> sizes = m_split->sizes();
    if (sizes.size() == 2 && sizes[1] < sizes[0] * 2) {
        const int total = sizes[0] + sizes[1];
        m_split->setSizes({ total / 3, total - total / 3 });
    }
}

} // namespace bitcliff::app
