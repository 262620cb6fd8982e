#pragma once
// Per-channel absmax of one tensor as a line over the channels, with the outlier threshold
// (k x median) dashed and the outlier channels marked, so one glance shows whether a few
// channels dwarf the rest.
#include "stats/tensorstats.h"

#include <QChartView>

#include <memory>

class QLineSeries;
class QScatterSeries;

namespace bitcliff {

class ChartAxes;

class ChannelChartView final : public QChartView
{
    Q_OBJECT

public:
    enum class Axis { OutputChannels, InputChannels }; // rows / cols of the weight matrix
    enum class Order { ByIndex, Descending };

    explicit ChannelChartView(QWidget *parent = nullptr);
    ~ChannelChartView() final;

    // nullptr shows an empty chart. See tensorsnapshot.h for taking one out of a ModelStats.
    void setStats(std::shared_ptr<const TensorStats> stats);
    const std::shared_ptr<const TensorStats> &stats() const { return m_stats; }
    // The title while there is nothing to draw (e.g. "blk.3.ffn_down.weight: IQ2_XXS not
    // readable yet"); empty: the tensor's name, or "No tensor selected".
    void setEmptyTitle(const QString &title);

    void setAxis(Axis axis);
    Axis axis() const { return m_axis; }
    void setOrder(Order order);
    Order order() const { return m_order; }
    void setLogScale(bool log);
    bool logScale() const { return m_logScale; }

    // The series, for tests and for exporters that restyle them.
    QLineSeries *absmaxSeries() const { return m_absmax; }
    QLineSeries *thresholdSeries() const { return m_threshold; }
    QLineSeries *medianSeries() const { return m_median; }
    QScatterSeries *outlierSeries() const { return m_outliers; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();

    std::unique_ptr<ChartAxes> m_axes;
    std::shared_ptr<const TensorStats> m_stats;
    QString m_emptyTitle;
    Axis m_axis = Axis::InputChannels;
    Order m_order = Order::ByIndex;
    bool m_logScale = true;
    QLineSeries *m_absmax = nullptr;
    QLineSeries *m_median = nullptr;
    QLineSeries *m_threshold = nullptr;
    QScatterSeries *m_outliers = nullptr;
};

} // namespace bitcliff
