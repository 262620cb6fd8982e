#pragma once
// The results of an evaluation: a grouped bar chart of one metric (per language, per
// difficulty...) with one bar per run, and tables of every figure, exportable as
// PNG/SVG/CSV/JSON.
#include "eval/evaluation.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableWidget;
class QTabWidget;

namespace bitcliff {
class GroupedBarChartView;
}

namespace bitcliff::app {

struct EvalTable;

class EvaluateResults final : public QWidget
{
    Q_OBJECT

public:
    explicit EvaluateResults(QWidget *parent = nullptr);
    void setReport(std::shared_ptr<const EvalReport> report);
    void retranslate();

    GroupedBarChartView *chart() const { return m_chart; }
    bool hasReport() const { return m_report != nullptr; }
    QComboBox *metricChoice() const { return m_metric; }
    QTableWidget *textTable() const { return m_texts; }
    QTableWidget *accuracyTable() const { return m_accuracy; }
    QTableWidget *runsTable() const { return m_runs; }
    // Why tab 1 (texts) or 2 (accuracy) shows no table; empty when it shows one.
    QString emptyReason(int tab) const;
    // Writes <base>.png, .svg, .csv (tables) and .json (the whole report). Returns false on failure.
    bool exportTo(const QString &basePath) const;

private:
    void showMetric();
    void fillMetrics();
    void exportInteractive();
    void showEmptyReasons();
    static void fillTable(QTableWidget *table, const EvalTable &data);

    std::shared_ptr<const EvalReport> m_report;
    QLabel *m_metricLabel;
    QComboBox *m_metric;
    QPushButton *m_export;
    QTabWidget *m_tabs;
    GroupedBarChartView *m_chart;
    QTableWidget *m_texts;
    QTableWidget *m_accuracy;
    QTableWidget *m_runs; // per run: bits per weight, tensors as asked / fallen back / kept
    QStackedWidget *m_textsStack = nullptr;
    QLabel *m_textsReason = nullptr;
    QStackedWidget *m_accuracyStack = nullptr;
    QLabel *m_accuracyReason = nullptr;
};

} // namespace bitcliff::app
