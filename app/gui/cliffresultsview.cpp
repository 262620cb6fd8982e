#include "gui/cliffresultsview.h"

#include "cliffchartview.h"
#include "cliffmultiplesview.h"
#include "metricdisagreementview.h"
#include "sweepresultsmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace bitcliff::app {
namespace {

// The metric combo's order: the damage measures first, raw perplexity last.
constexpr CliffChartMetric kMetrics[] = { CliffChartMetric::LnPplRatio, CliffChartMetric::Kld,
    CliffChartMetric::SameTop, CliffChartMetric::Accuracy, CliffChartMetric::AnswerLoss, CliffChartMetric::Perplexity };

CliffSlice sliceOf(CliffResultsView::View view)
{
    switch (view) {
    case CliffResultsView::View::ByDifficulty:
        return CliffSlice::Difficulty;
    case CliffResultsView::View::ByLanguage:
        return CliffSlice::Language;
    case CliffResultsView::View::ByTaskFile:
        return CliffSlice::TaskFile;
    case CliffResultsView::View::ByLanguageDifficulty:
        return CliffSlice::LanguageDifficulty;
    default:
        return CliffSlice::Overall;
    }
}

// The combo's short name; the chart's axis has the long one with its unit.
QString metricName(CliffChartMetric metric)
{
    switch (metric) {
    case CliffChartMetric::LnPplRatio:
        return CliffResultsView::tr("ln PPL ratio");
    case CliffChartMetric::Kld:
        return CliffResultsView::tr("KL divergence");
    case CliffChartMetric::SameTop:
        return CliffResultsView::tr("same top token");
    case CliffChartMetric::Accuracy:
        return CliffResultsView::tr("task accuracy");
    case CliffChartMetric::AnswerLoss:
        return CliffResultsView::tr("answer loss");
    case CliffChartMetric::Perplexity:
        return CliffResultsView::tr("perplexity");
    }
    return {};
}

} // namespace

CliffResultsView::CliffResultsView(QWidget *parent)
    : QWidget(parent)
    , m_metricLabel(new QLabel(this))
    , m_metric(new QComboBox(this))
    , m_xLabel(new QLabel(this))
    , m_x(new QComboBox(this))
    , m_viewLabel(new QLabel(this))
    , m_view(new QComboBox(this))
    , m_empty(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_chart(new CliffChartView(this))
    , m_multiples(new CliffMultiplesView(this))
    , m_disagreement(new MetricDisagreementView(this))
    , m_model(new SweepResultsModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_split(new QSplitter(Qt::Vertical, this))
{
    m_pool.setMaxThreadCount(1);
    for (QComboBox *box : { m_metric, m_x, m_view })
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_x->addItem(QString(), int(CliffXAxis::StoredBits));
    m_x->addItem(QString(), int(CliffXAxis::NominalBits));
    for (View view : { View::Single, View::ByDifficulty, View::ByLanguage, View::ByLanguageDifficulty, View::ByTaskFile,
             View::Disagreement })
        m_view->addItem(QString(), int(view));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    // The disagreement table can be wider and taller than the area: it scrolls.
    auto *disagreementScroll = new QScrollArea(this);
    disagreementScroll->setWidget(m_disagreement);
    disagreementScroll->setWidgetResizable(true);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_chart);
    m_stack->addWidget(m_multiples);
    m_stack->addWidget(disagreementScroll);
    m_stack->setMinimumHeight(160);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SweepResultsModel::SortRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // cell order until the user sorts
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setMinimumHeight(90);

    auto *choices = new QHBoxLayout;
    choices->addWidget(m_metricLabel);
    choices->addWidget(m_metric);
    choices->addSpacing(12);
    choices->addWidget(m_xLabel);
    choices->addWidget(m_x);
    choices->addSpacing(12);
    choices->addWidget(m_viewLabel);
    choices->addWidget(m_view);
    choices->addStretch(1);
    m_split->addWidget(m_stack);
    m_split->addWidget(m_table);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 1);
    m_split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(choices);
    layout->addWidget(m_split, 1);

    for (QComboBox *box : { m_metric, m_x, m_view })
        connect(box, &QComboBox::activated, this, &CliffResultsView::rebuild);
    connect(m_chart, &CliffChartView::pointClicked, this, &CliffResultsView::pointClicked);
    connect(m_multiples, &CliffMultiplesView::pointClicked, this, &CliffResultsView::pointClicked);
    connect(&m_watcher, &QFutureWatcher<CliffSnapshot>::finished, this, [this] {
        if (m_watcher.future().resultCount() > 0)
            showSnapshot(m_watcher.result());
        if (m_pending) {
            m_pending = false;
            rebuild();
        }
    });
    retranslate();
}

CliffResultsView::~CliffResultsView()
{
    m_watcher.waitForFinished();
}

void CliffResultsView::retranslate()
{
    m_metricLabel->setText(tr("Metric:"));
    m_xLabel->setText(tr("Bits:"));
    m_x->setItemText(0, tr("stored bits/weight"));
    m_x->setItemText(1, tr("nominal bits"));
    m_x->setToolTip(tr("Stored: the bits each weight takes with its scales and zero points; nominal: the code "
                       "bits of the scheme (q4_k and rtn:b4 are both 4)."));
    m_viewLabel->setText(tr("View:"));
    m_view->setItemText(0, tr("Single chart"));
    m_view->setItemText(1, tr("By difficulty"));
    m_view->setItemText(2, tr("By language"));
    m_view->setItemText(3, tr("By language and difficulty"));
    m_view->setItemText(4, tr("By task file"));
    m_view->setItemText(5, tr("Metric disagreement"));
    m_view->setToolTip(tr("One chart, small multiples (a panel per difficulty tier, language or task file on "
                          "shared axes), or per language the three measures of damage side by side."));
    for (int i = 0; i < m_metric->count(); ++i)
        m_metric->setItemText(i, metricName(CliffChartMetric(m_metric->itemData(i).toInt())));
    if (m_cells.empty())
        m_empty->setText(tr("No results yet: run a sweep or open the results of one."));
    // The snapshot's texts come from the builder: build them again in the new language.
    if (!m_cells.empty())
        rebuild();
}

void CliffResultsView::setCells(const ResultCells &cells, uint64_t seed)
{
    m_cells = cells;
    m_seed = seed;
    m_model->setRows(sweepResultRows(m_cells));
    rebuild();
}

void CliffResultsView::addCells(const ResultCells &cells, const ResultCells &added)
{
    m_cells = cells;
    for (const SweepResultRow &row : sweepResultRows(added))
        m_model->appendOrReplaceRow(row);
    rebuild();
}

QWidget *CliffResultsView::currentView() const
{
    return m_stack->currentWidget();
}

void CliffResultsView::rebuild()
{
    ++m_requested;
    if (m_watcher.isRunning()) {
        m_pending = true; // built when the running one ends: only the newest matters
        return;
    }
    const int generation = m_requested;
    const ResultCells cells = m_cells;
    const auto wanted = CliffChartMetric(
        m_metric->currentIndex() >= 0 ? m_metric->currentData().toInt() : int(CliffChartMetric::LnPplRatio));
    const auto x = CliffXAxis(m_x->currentData().toInt());
    const auto view = View(m_view->currentData().toInt());
    const uint64_t seed = m_seed;
    m_watcher.setFuture(QtConcurrent::run(&m_pool, [cells, wanted, x, view, seed, generation] {
        CliffSnapshot snapshot;
        snapshot.generation = generation;
        for (CliffChartMetric metric : kMetrics)
            if (hasMetric(cells, metric))
                snapshot.metrics << metric;
        const CliffChartMetric metric
            = snapshot.metrics.contains(wanted) || snapshot.metrics.isEmpty() ? wanted : snapshot.metrics.first();
        if (view == View::Disagreement)
            snapshot.disagreement = metricDisagreementData(cells);
        else if (!snapshot.metrics.isEmpty())
            snapshot.chart = cliffChartData(cells, CliffChartRequest { metric, x, sliceOf(view), seed });
        return snapshot;
    }));
}

void CliffResultsView::fillMetricChoice(const QList<CliffChartMetric> &metrics)
{
    const QVariant current = m_metric->currentData();
    const QSignalBlocker blocker(m_metric);
    m_metric->clear();
    for (CliffChartMetric metric : metrics)
        m_metric->addItem(metricName(metric), int(metric));
    for (int i = 0; i < m_metric->count(); ++i)
        m_metric->setItemData(i, metricTitle(CliffChartMetric(m_metric->itemData(i).toInt())), Qt::ToolTipRole);
    const int index = m_metric->findData(current);
    m_metric->setCurrentIndex(index >= 0 ? index : 0);
}

void CliffResultsView::showSnapshot(const CliffSnapshot &snapshot)
{
    m_shown = snapshot.generation;
    fillMetricChoice(snapshot.metrics);
    const auto view = View(m_view->currentData().toInt());
    if (m_cells.empty() || (snapshot.metrics.isEmpty() && view != View::Disagreement)) {
        m_empty->setText(m_cells.empty() ? tr("No results yet: run a sweep or open the results of one.")
                                         : tr("No finished cell has this metric yet."));
        m_stack->setCurrentWidget(m_empty);
    } else if (view == View::Disagreement) {
        m_disagreement->setData(snapshot.disagreement);
        m_stack->setCurrentIndex(3);
    } else if (snapshot.chart.panels.isEmpty()) {
        m_empty->setText(tr("No panels for this metric in this view: text metrics split by language (texts that "
                            "name their language), task accuracy by difficulty, language and task file."));
        m_stack->setCurrentWidget(m_empty);
    } else if (view == View::Single) {
        m_chart->setData(snapshot.chart);
        m_stack->setCurrentWidget(m_chart);
    } else {
        m_multiples->setData(snapshot.chart);
        m_stack->setCurrentWidget(m_multiples);
    }
    emit snapshotShown();
}

} // namespace bitcliff::app
