#include "gui/evaluateresults.h"

#include "chartexport.h"
#include "groupedbarchartview.h"
#include "report/evalcharts.h"
#include "report/evaljson.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <tuple>

namespace bitcliff::app {

EvaluateResults::EvaluateResults(QWidget *parent)
    : QWidget(parent)
    , m_metricLabel(new QLabel(this))
    , m_metric(new QComboBox(this))
    , m_export(new QPushButton(this))
    , m_tabs(new QTabWidget(this))
    , m_chart(new GroupedBarChartView(this))
    , m_texts(new QTableWidget(this))
    , m_accuracy(new QTableWidget(this))
    , m_runs(new QTableWidget(this))
{
    m_export->setEnabled(false);
    m_metric->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_metricLabel);
    controls->addWidget(m_metric);
    controls->addStretch(1);
    controls->addWidget(m_export);
    auto *chartTab = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(chartTab);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addLayout(controls);
    chartLayout->addWidget(m_chart, 1);
    m_tabs->addTab(chartTab, QString());
    // An empty table says why it is empty (no text chosen, no task set checked...).
    for (auto [table, stack, reason] : { std::tuple { m_texts, &m_textsStack, &m_textsReason },
             std::tuple { m_accuracy, &m_accuracyStack, &m_accuracyReason } }) {
        *stack = new QStackedWidget(this);
        *reason = new QLabel(*stack);
        (*reason)->setWordWrap(true);
        (*reason)->setAlignment(Qt::AlignCenter);
        (*reason)->setMargin(24);
        (*stack)->addWidget(table);
        (*stack)->addWidget(*reason);
        m_tabs->addTab(*stack, QString());
    }
    m_tabs->addTab(m_runs, QString());
    m_chart->setMinimumHeight(220); // a usable chart even in a small window
    for (QTableWidget *table : { m_texts, m_accuracy, m_runs }) {
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setSortingEnabled(true);
        table->verticalHeader()->setVisible(false);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &EvaluateResults::showMetric);
    connect(m_export, &QPushButton::clicked, this, &EvaluateResults::exportInteractive);
    retranslate();
}

void EvaluateResults::retranslate()
{
    m_metricLabel->setText(tr("Show:"));
    m_export->setText(tr("Export…"));
    m_export->setToolTip(tr("Save the chart as PNG and SVG, the tables as CSV and every figure as JSON."));
    m_tabs->setTabText(0, tr("Chart"));
    m_tabs->setTabText(1, tr("Perplexity and KLD"));
    m_tabs->setTabText(2, tr("Task accuracy"));
    m_tabs->setTabText(3, tr("Bits per weight"));
    fillMetrics();
    if (m_report) {
        fillTable(m_texts, EvalTables::texts(*m_report));
        fillTable(m_accuracy, EvalTables::accuracy(*m_report));
        fillTable(m_runs, EvalTables::runs(*m_report));
    }
    showEmptyReasons();
}

void EvaluateResults::showEmptyReasons()
{
    const QString none = tr("Results appear here after an evaluation.");
    m_textsReason->setText(m_report ? tr("No text was evaluated: choose the bundled passages or a text of your own "
                                         "to see perplexity and KL divergence.")
                                    : none);
    m_accuracyReason->setText(
        m_report ? tr("No task set was evaluated: check one under Tasks to see accuracy.") : none);
    m_textsStack->setCurrentIndex(m_texts->rowCount() > 0 ? 0 : 1);
    m_accuracyStack->setCurrentIndex(m_accuracy->rowCount() > 0 ? 0 : 1);
}

QString EvaluateResults::emptyReason(int tab) const
{
    const QStackedWidget *stack = tab == 1 ? m_textsStack : tab == 2 ? m_accuracyStack : nullptr;
    if (!stack || stack->currentIndex() == 0)
        return {};
    return static_cast<const QLabel *>(stack->currentWidget())->text();
}

void EvaluateResults::setReport(std::shared_ptr<const EvalReport> report)
{
    m_report = std::move(report);
    m_export->setEnabled(m_report != nullptr);
    fillMetrics();
    fillTable(m_texts, m_report ? EvalTables::texts(*m_report) : EvalTable {});
    fillTable(m_accuracy, m_report ? EvalTables::accuracy(*m_report) : EvalTable {});
    fillTable(m_runs, m_report ? EvalTables::runs(*m_report) : EvalTable {});
    showEmptyReasons();
}

void EvaluateResults::fillMetrics()
{
    const QVariant current = m_metric->currentData();
    const QSignalBlocker blocker(m_metric);
    m_metric->clear();
    for (const EvalMetric metric : EvalCharts::metrics())
        if (m_report && EvalCharts::available(*m_report, metric))
            m_metric->addItem(EvalCharts::metricName(metric), int(metric));
    const int index = m_metric->findData(current);
    m_metric->setCurrentIndex(index >= 0 ? index : 0);
    showMetric();
}

void EvaluateResults::showMetric()
{
    if (!m_report || m_metric->currentIndex() < 0) {
        BarChartData empty;
        empty.title
            = m_report ? tr("Nothing to chart in these results") : tr("Results appear here after an evaluation");
        m_chart->setData(empty);
        return;
    }
    m_chart->setData(EvalCharts::chart(*m_report, EvalMetric(m_metric->currentData().toInt())));
}

void EvaluateResults::fillTable(QTableWidget *table, const EvalTable &data)
{
    table->setSortingEnabled(false);
    table->clear();
    table->setColumnCount(int(data.header.size()));
    table->setRowCount(int(data.rows.size()));
    table->setHorizontalHeaderLabels(data.header);
    for (int r = 0; r < data.rows.size(); ++r)
        for (int c = 0; c < data.rows[r].size(); ++c) {
            auto *item = new QTableWidgetItem;
            bool numeric = false;
            const double value = data.rows[r][c].toDouble(&numeric);
            // Numbers sort as numbers.
            item->setData(Qt::DisplayRole, numeric ? QVariant(value) : QVariant(data.rows[r][c]));
            if (numeric)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table->setItem(r, c, item);
        }
    table->resizeColumnsToContents();
    table->setSortingEnabled(true);
}

bool EvaluateResults::exportTo(const QString &basePath) const
{
    if (!m_report)
        return false;
    const QSize size(1000, 600);
    // A copy fed the same snapshot: the chart on screen keeps its size, axes and legend.
    GroupedBarChartView copy;
    copy.setData(m_chart->data());
    bool ok = saveWidgetPng(&copy, basePath + QStringLiteral(".png"), size)
        && saveWidgetSvg(&copy, basePath + QStringLiteral(".svg"), size, copy.data().title);
    const QByteArray csv = EvalTables::toCsv(EvalTables::texts(*m_report)).toUtf8() + "\n"
        + EvalTables::toCsv(EvalTables::accuracy(*m_report)).toUtf8() + "\n"
        + EvalTables::toCsv(EvalTables::runs(*m_report)).toUtf8();
    const QByteArray json = QByteArray::fromStdString(evalReportJson(*m_report).dump(2));
    return ok && writeBytesAtomically(basePath + QStringLiteral(".csv"), csv)
        && writeBytesAtomically(basePath + QStringLiteral(".json"), json);
}

void EvaluateResults::exportInteractive()
{
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export evaluation"), QStringLiteral("evaluation.png"), tr("Chart and data (*.png)"));
    if (path.isEmpty())
        return;
    if (path.endsWith(QLatin1String(".png")))
        path.chop(4);
    if (!exportTo(path))
        QMessageBox::warning(this, tr("Export evaluation"), tr("Could not write %1.*").arg(path));
}

} // namespace bitcliff::app
