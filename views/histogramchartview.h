#pragma once
// The weight distribution of one tensor: a histogram over [-absmax, absmax] on a log count
// axis, against the Gaussian of the same mean and std. Heavy tails (what makes a tensor
// hard to quantize) show as counts far above the dashed curve at the edges.
#include "stats/tensorstats.h"

#include <QChartView>

#include <memory>
#include <vector>

class QAreaSeries;
class QLineSeries;

namespace bitcliff {

class ChartAxes;

class HistogramChartView final : public QChartView
{
    Q_OBJECT

public:
    explicit HistogramChartView(QWidget *parent = nullptr);
    ~HistogramChartView() final;

    // nullptr shows an empty chart. See tensorsnapshot.h for taking one out of a ModelStats.
    void setStats(std::shared_ptr<const TensorStats> stats);
    const std::shared_ptr<const TensorStats> &stats() const { return m_stats; }
    // The title while there is nothing to draw (e.g. "blk.3.ffn_down.weight: IQ2_XXS not
    // readable yet"); empty: the tensor's name, or "No tensor selected".
    void setEmptyTitle(const QString &title);

    void setBinCount(int bins); // default 101; odd keeps a bin centred on 0
    int binCount() const { return m_bins; }
    void setLogScale(bool log); // default true
    bool logScale() const { return m_logScale; }

    // The re-binned counts now shown, and the series, for tests and exporters.
    const std::vector<double> &binCounts() const { return m_counts; }
    QAreaSeries *histogramSeries() const { return m_area; }
    QLineSeries *gaussianSeries() const { return m_gaussian; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();

    std::unique_ptr<ChartAxes> m_axes;
    std::shared_ptr<const TensorStats> m_stats;
    QString m_emptyTitle;
    int m_bins = 101;
    bool m_logScale = true;
    std::vector<double> m_counts; // fractional: buckets are spread over the bins they overlap
    QLineSeries *m_upper = nullptr; // the histogram's step outline
    QLineSeries *m_lower = nullptr; // the axis floor it is filled down to
    QAreaSeries *m_area = nullptr;
    QLineSeries *m_gaussian = nullptr;
};

} // namespace bitcliff
