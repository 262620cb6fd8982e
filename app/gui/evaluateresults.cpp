#include "gui/evaluateresults.h"

#include "chartexport.h"
#include "groupedbarchartview.h"
#include "report/evalcharts.h"
#include "report/evaljson.h"
#include "util/atomicwrite.h"
#include "util/error.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <span>

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
    m_tabs->addTab(m_texts, QString());
    m_tabs->addTab(m_accuracy, QString());
    for (QTableWidget *table : {m_texts, m_accuracy}) {
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
    fillMetrics();
    if (m_report) {
        fillTable(m_texts, EvalTables::texts(*m_report));
        fillTable(m_accuracy, EvalTables::accuracy(*m_report));
    }
}

void EvaluateResults::setReport(std::shared_ptr<const EvalReport> report)
{
    m_report = std::move(report);
    m_export->setEnabled(m_report != nullptr);
    fillMetrics();
    fillTable(m_texts, m_report ? EvalTables::texts(*m_report) : EvalTable{});
    fillTable(m_accuracy, m_report ? EvalTables::accuracy(*m_report) : EvalTable{});
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
        empty.title = m_report ? tr("Nothing to chart in these results")
                               : tr("Results appear here after an evaluation");
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
    bool ok = saveWidgetPng(m_chart, basePath + QStringLiteral(".png"), size)
              && saveWidgetSvg(m_chart, basePath + QStringLiteral(".svg"), size, m_chart->data().title);
    const QByteArray csv = EvalTables::toCsv(EvalTables::texts(*m_report)).toUtf8() + "\n"
        + EvalTables::toCsv(EvalTables::accuracy(*m_report)).toUtf8();
    const QByteArray json = QByteArray::fromStdString(evalReportJson(*m_report).dump(2));
    // Whole or not at all, like every file BitCliff writes (util/atomicwrite.h).
    const auto write = [](const QString &path, const QByteArray &bytes) {
        try {
            writeFileAtomically(
                path.toStdString(), std::as_bytes(std::span(bytes.constData(), static_cast<size_t>(bytes.size()))));
            return true;
        } catch (const Error &) {
            return false;
        }
    };
    return ok && write(basePath + QStringLiteral(".csv"), csv) && write(basePath + QStringLiteral(".json"), json);
}

void EvaluateResults::exportInteractive()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export evaluation"), QStringLiteral("evaluation.png"),
                                                tr("Chart and data (*.png)"));
    if (path.isEmpty())
        return;
    if (path.endsWith(QLatin1String(".png")))
        path.chop(4);
    if (!exportTo(path))
        QMessageBox::warning(this, tr("Export evaluation"), tr("Could not write %1.*").arg(path));
}

} // namespace bitcliff::app
