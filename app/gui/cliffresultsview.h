#pragma once
// The show side of the Cliff page: the metric, x-axis and view choices, the chart area (one
// cliff chart, small multiples by difficulty, language or task file, or the metric
// disagreement table) above the results table. Snapshots are built off the GUI thread from
// the cells (the KLD bootstrap is not free); the newest request wins.
#include "analysis/cliffseries.h"

#include <QFutureWatcher>
#include <QThreadPool>
#include <QWidget>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace bitcliff {
class CliffChartView;
class CliffMultiplesView;
class MetricDisagreementView;
class SweepResultsModel;
} // namespace bitcliff

namespace bitcliff::app {

// What the chart area shows for a set of cells, built in the background.
struct CliffSnapshot
{
    QList<CliffChartMetric> metrics; // those the cells have, in the combo's order
    CliffChartData chart;
    MetricDisagreementData disagreement;
    int generation = 0;
};

class CliffResultsView final : public QWidget
{
    Q_OBJECT

public:
    enum class View { Single, ByDifficulty, ByLanguage, ByLanguageDifficulty, ByTaskFile, Disagreement };

    explicit CliffResultsView(QWidget *parent = nullptr);
    ~CliffResultsView() override;
    void retranslate();

    // New cells (the whole set): the table at once, the charts when their snapshot is built.
    void setCells(const ResultCells &cells, uint64_t seed);
    // Cells finished: `cells` is the whole set now, `added` the new ones (their rows are
    // appended or replaced, the rest of the table stays as it is).
    void addCells(const ResultCells &cells, const ResultCells &added);

    QComboBox *metricChoice() const { return m_metric; }
    QComboBox *xChoice() const { return m_x; }
    QComboBox *viewChoice() const { return m_view; }
    CliffChartView *chart() const { return m_chart; }
    CliffMultiplesView *multiples() const { return m_multiples; }
    MetricDisagreementView *disagreement() const { return m_disagreement; }
    QTableView *table() const { return m_table; }
    SweepResultsModel *model() const { return m_model; }
    QWidget *currentView() const;
    // Snapshots asked for and not yet shown.
    bool building() const { return m_shown != m_requested; }

signals:
    void pointClicked(int cell, const QString &scheme);
    void snapshotShown();

private:
    void rebuild();
    void showSnapshot(const CliffSnapshot &snapshot);
    void fillMetricChoice(const QList<CliffChartMetric> &metrics);

    ResultCells m_cells;
    uint64_t m_seed = 0;
    QLabel *m_metricLabel;
    QComboBox *m_metric;
    QLabel *m_xLabel;
    QComboBox *m_x;
    QLabel *m_viewLabel;
    QComboBox *m_view;
    QLabel *m_empty;
    QStackedWidget *m_stack;
    CliffChartView *m_chart;
    CliffMultiplesView *m_multiples;
    MetricDisagreementView *m_disagreement;
    SweepResultsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QSplitter *m_split;
    QThreadPool m_pool; // one thread: snapshots build one after another
    QFutureWatcher<CliffSnapshot> m_watcher;
    int m_requested = 0;
    int m_shown = 0;
    bool m_pending = false; // a request came while one was building
};

} // namespace bitcliff::app
