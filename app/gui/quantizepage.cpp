#include "gui/quantizepage.h"

#include "channelerrorscatter.h"
#include "gui/quantizecontroller.h"
#include "gui/quantizeform.h"
#include "heatmapwidget.h"
#include "report/plansummarytext.h"
#include "report/reportfiles.h"
#include "stats/modelstats.h"
#include "tensorsnapshot.h"
#include "util/error.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace bitcliff::app {

QuantizePage::QuantizePage(QuantizeController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_form(new QuantizeForm(this))
    , m_summary(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_overviewFirst(new HeatmapWidget(this))
    , m_overviewSecond(new HeatmapWidget(this))
    , m_tensorHint(new QLabel(this))
    , m_errorFirst(new HeatmapWidget(this))
    , m_errorSecond(new HeatmapWidget(this))
    , m_difference(new HeatmapWidget(this))
    , m_scatter(new ChannelErrorScatterView(this))
{
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *overview = new QSplitter(Qt::Horizontal, this);
    overview->addWidget(m_overviewFirst);
    overview->addWidget(m_overviewSecond);

    // Two rows: the error maps of both schemes, then their difference beside the scatter.
    auto *upper = new QSplitter(Qt::Horizontal, this);
    upper->addWidget(m_errorFirst);
    upper->addWidget(m_errorSecond);
    auto *lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_difference);
    lower->addWidget(m_scatter);
    lower->setStretchFactor(0, 1);
    lower->setStretchFactor(1, 1);
    lower->setSizes({ 500, 500 });
    auto *tensorSplit = new QSplitter(Qt::Vertical, this);
    tensorSplit->addWidget(upper);
    tensorSplit->addWidget(lower);
    // Half each: the scatter needs its height as much as the maps do.
    tensorSplit->setStretchFactor(0, 1);
    tensorSplit->setStretchFactor(1, 1);
    m_scatter->setMinimumHeight(240);
    auto *tensorTab = new QWidget(this);
    auto *tensorLayout = new QVBoxLayout(tensorTab);
    tensorLayout->addWidget(m_tensorHint);
    tensorLayout->addWidget(tensorSplit, 1);

    m_tabs->addTab(overview, QString());
    m_tabs->addTab(tensorTab, QString());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);

    connect(m_form, &QuantizeForm::quantizeRequested, this, &QuantizePage::startQuantization);
    // A recipe text that does not parse greys out the charts (of another recipe).
    connect(m_form, &QuantizeForm::schemeTextsChecked, m_tabs, &QWidget::setEnabled);
    connect(m_controller, &QuantizeController::analysisReady, this, &QuantizePage::showAnalysis);
    connect(m_controller, &QuantizeController::tensorViewsReady, this, &QuantizePage::showTensorViews);
    connect(m_controller, &QuantizeController::failed, m_summary, &QLabel::setText);
    connect(m_controller, &QuantizeController::busyChanged, this, [this](bool busy) {
        quantizeButton()->setEnabled(!busy);
        if (busy)
            m_summary->setText(tr("Quantizing… (see the Jobs panel for progress; Cancel stops it)"));
    });
    connect(m_overviewFirst, &HeatmapWidget::cellClicked, this, &QuantizePage::onOverviewClicked);
    connect(m_overviewSecond, &HeatmapWidget::cellClicked, this, &QuantizePage::onOverviewClicked);
    updateComparisonVisibility();
    retranslate();
}

QComboBox *QuantizePage::firstScheme() const
{
    return m_form->firstScheme();
}

QComboBox *QuantizePage::secondScheme() const
{
    return m_form->secondScheme();
}

QCheckBox *QuantizePage::compareBox() const
{
    return m_form->compareBox();
}

QLineEdit *QuantizePage::secondModelEdit() const
{
    return m_form->secondModelEdit();
}

QCheckBox *QuantizePage::selectedOnlyBox() const
{
    return m_form->selectedOnlyBox();
}

QPushButton *QuantizePage::quantizeButton() const
{
    return m_form->quantizeButton();
}

CalibrationField *QuantizePage::calibration() const
{
    return m_form->calibration();
}

void QuantizePage::showScheme(const QString &scheme)
{
    m_form->firstScheme()->setCurrentText(scheme);
}

void QuantizePage::setSecondModel(const QString &path)
{
    m_form->setSecondModel(path);
}

QStringList QuantizePage::presetSchemes()
{
    return QuantizeForm::presetSchemes();
}

void QuantizePage::retranslate()
{
    m_form->retranslate();
    m_tabs->setTabText(0, tr("Overview"));
    m_tabs->setTabText(1, tr("Selected tensor"));
    if (!m_analysis)
        m_summary->setText(
            tr("Choose a scheme and quantize: every weight matrix is quantized and compared with the original."));
    if (m_tensor < 0)
        m_tensorHint->setText(tr("Select a tensor in the model tree, or click a cell of the overview."));
    const QString afterQuantize = tr("Press Quantize: the SQNR of every weight matrix appears here, layers × roles.");
    m_overviewFirst->setEmptyText(afterQuantize);
    m_overviewSecond->setEmptyText(afterQuantize);
    const QString selectTensor = tr("Quantize, then select a weight matrix: its error map appears here.");
    m_errorFirst->setEmptyText(selectTensor);
    m_errorSecond->setEmptyText(selectTensor);
    m_difference->setEmptyText(tr("Compare two schemes to see where their errors differ."));
}

void QuantizePage::setModel(std::shared_ptr<const Model> model)
{
    m_controller->setModel(model);
    quantizeButton()->setEnabled(model != nullptr);
    if (model)
        m_form->setModelPath(QString::fromStdString(model->sourcePath()));
    m_analysis.reset();
    m_stats.reset();
    m_tensor = -1;
    m_form->setTensorSelected(false);
    for (HeatmapWidget *map : { m_overviewFirst, m_overviewSecond, m_errorFirst, m_errorSecond, m_difference })
        map->setData(nullptr);
    m_scatter->setData(nullptr, nullptr, QString());
    retranslate();
}

void QuantizePage::setStats(std::shared_ptr<const ModelStats> stats)
{
    m_stats = std::move(stats);
}

void QuantizePage::showTensor(int tensorIndex)
{
    m_tensor = tensorIndex;
    m_form->setTensorSelected(tensorIndex >= 0);
    m_controller->showTensor(tensorIndex);
}

QString QuantizePage::summaryText() const
{
    return m_summary->text();
}

void QuantizePage::startQuantization()
{
    try {
        const QuantizeRequest request = m_form->request(m_tensor);
        if (request.onlyTensor >= 0)
            m_tabs->setCurrentIndex(1);
        m_controller->quantize(request);
    } catch (const Error &e) {
        // The charts of the previous scheme must not pass for this text's.
        clearResults();
        m_summary->setText(QString::fromStdString(e.what()));
    }
}

QStringList QuantizePage::exportCharts(const QString &directory) const
{
    QStringList written;
    if (!m_analysis)
        return written;
    const QDir dir(directory);
    // Copies fed the same snapshots: the maps on screen keep their size and zoom.
    const auto saveMap = [&](const HeatmapWidget *map, const QString &name, QSize size) {
        if (!map->data() || !map->isVisibleTo(this))
            return;
        HeatmapWidget copy;
        copy.setData(map->data());
        copy.setLogScale(map->logScale());
        saveChart(&copy, dir.filePath(name), map->data()->title, size, written);
    };
    const auto scheme = [](const QuantRun &run) { return fileStem(run.label.toStdString()); };
    saveMap(m_overviewFirst, QStringLiteral("quantize-overview-") + scheme(m_analysis->first), QSize(900, 520));
    saveMap(m_overviewSecond, QStringLiteral("quantize-overview-") + scheme(m_analysis->second), QSize(900, 520));
    saveMap(m_errorFirst, QStringLiteral("quantize-error-") + scheme(m_analysis->first), QSize(1100, 500));
    saveMap(m_errorSecond, QStringLiteral("quantize-error-") + scheme(m_analysis->second), QSize(1100, 500));
    saveMap(m_difference, QStringLiteral("quantize-difference"), QSize(1100, 500));
    if (m_scatter->error()) {
        ChannelErrorScatterView copy;
        copy.setData(m_scatter->error(), m_scatter->stats(), m_scatter->titleText());
        saveChart(&copy, dir.filePath(QStringLiteral("quantize-channel-error")), m_scatter->titleText(),
            QSize(1000, 600), written);
    }
    return written;
}

void QuantizePage::clearResults()
{
    m_analysis.reset();
    for (HeatmapWidget *map : { m_overviewFirst, m_overviewSecond, m_errorFirst, m_errorSecond, m_difference })
        map->setData(nullptr);
    m_scatter->setData(nullptr, nullptr, QString());
    updateComparisonVisibility();
}

void QuantizePage::updateComparisonVisibility()
{
    const bool haveSecond = m_analysis && m_analysis->second.report;
    m_overviewSecond->setVisible(haveSecond);
    m_errorSecond->setVisible(haveSecond);
    m_difference->setVisible(haveSecond);
}

void QuantizePage::showAnalysis(std::shared_ptr<const QuantAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    const bool twoModels = m_analysis->second.report && m_analysis->second.report->model != m_analysis->first.report->model;
    auto describe = [twoModels](const QuantRun &run) {
        const QuantReport &r = *run.report;
        const QString text = tr("%1; %2; mean squared error %3")
                                 .arg(planTreatmentText(r.summary), planBitsText(r.summary))
                                 .arg(r.quantizedMse, 0, 'g', 4);
        // The scheme is in the text already; two models need the model's name in front.
        return twoModels ? QStringLiteral("%1: %2").arg(modelName(*r.model), text) : text;
    };
    // Each run, and how a calibrated one calibrated, under it.
    const auto noted = [this](const QString &text, int run) {
        const QString note = m_controller->calibrationNote(run);
        return note.isEmpty() ? text : text + QStringLiteral("\n") + tr("Calibration: %1").arg(note);
    };
    QString text = noted(describe(m_analysis->first), 0);
    if (m_analysis->second.report)
        text += QStringLiteral("\n") + noted(describe(m_analysis->second), 1);
    m_summary->setText(text);
    m_overviewFirst->setData(
        std::shared_ptr<const HeatmapData>(m_analysis->first.overview, &m_analysis->first.overview->data));
    if (m_analysis->second.overview)
        m_overviewSecond->setData(
            std::shared_ptr<const HeatmapData>(m_analysis->second.overview, &m_analysis->second.overview->data));
    updateComparisonVisibility();
}

void QuantizePage::showTensorViews(std::shared_ptr<const TensorQuantViews> views)
{
    m_errorFirst->setData(views->firstError);
    m_errorSecond->setData(views->secondError);
    m_difference->setData(views->difference);
    const auto stats = tensorStatsSnapshot(m_stats, views->tensorIndex);
    const QString title = views->firstError
        ? QStringLiteral("%1 \u2014 %2").arg(views->tensorName, views->firstError->title)
        : QString();
    m_scatter->setData(views->firstErrorValues, stats && stats->computed ? stats : nullptr, title);
    if (!views->firstError)
        m_tensorHint->setText(tr("This tensor was not quantized (norms, biases and tensors whose rows do not fit the "
                                 "scheme's blocks are kept)."));
    else
        m_tensorHint->setText(views->secondError
                ? tr("%1: mean squared error per output channel and group of input channels; both schemes' maps "
                     "share one color scale")
                      .arg(views->tensorName)
                : tr("%1: mean squared error per output channel and group of input channels").arg(views->tensorName));
}

void QuantizePage::onOverviewClicked(int row, int col)
{
    if (!m_analysis)
        return;
    const OverviewHeatmap &overview = *m_analysis->first.overview;
    const size_t cell = size_t(row) * size_t(overview.data.cols) + size_t(col);
    if (cell < overview.tensorIndex.size() && overview.tensorIndex[cell] >= 0) {
        m_tabs->setCurrentIndex(1);
        emit tensorRequested(overview.tensorIndex[cell]);
    }
}

} // namespace bitcliff::app
