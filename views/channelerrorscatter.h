#pragma once
// Per-input-channel quantization error against the channel's absmax, log–log: one point per
// input channel, the outlier channels (TensorStats::cols.outliers) in a contrasting color,
// and the tensor's MSE as a dashed guide. Shows whether the large channels are the ones that
// lose the most, or whether they spoil their groups' scale for everyone else (with absmax
// scaling, the latter: an outlier is its group's largest value, which the scale represents
// exactly, while the small values sharing its group get coarse steps). A caption under the
// title says what is plotted.
#include "quant/errormetrics.h"
#include "stats/tensorstats.h"

#include <QChartView>

#include <memory>

class QLineSeries;
class QLogValueAxis;
class QScatterSeries;

namespace bitcliff {

class ChannelErrorScatterView final : public QChartView
{
    Q_OBJECT

public:
    explicit ChannelErrorScatterView(QWidget *parent = nullptr);
    ~ChannelErrorScatterView() final;

    // error->colMse against stats->cols.absmax (same length); `title` names the tensor and
    // scheme. A null error shows an empty chart; a null stats (or other lengths) an empty
    // chart that says the statistics are needed.
    void setData(
        std::shared_ptr<const TensorError> error, std::shared_ptr<const TensorStats> stats, const QString &title);
    const std::shared_ptr<const TensorError> &error() const { return m_error; }
    const std::shared_ptr<const TensorStats> &stats() const { return m_stats; }
    // The title as given (the chart's title also carries the caption, as HTML).
    QString titleText() const { return m_title; }
    static QString caption();

    // A log axis cannot show 0: channels with zero absmax or zero error are drawn at the
    // axis floor (below every other point) in their own series, and the legend says so.
    int zeroChannelCount() const { return m_zeroCount; }

    // The series and axes, for tests and for exporters that restyle them.
    // The many-point series are line series without a line, drawing a dot image per point
    // (QXYSeries::lightMarker): a QScatterSeries makes a graphics item per point.
    QLineSeries *channelSeries() const { return m_channels; }
    QScatterSeries *outlierSeries() const { return m_outliers; }
    QLineSeries *zeroSeries() const { return m_zeros; }
    QLineSeries *meanSeries() const { return m_mean; }
    QLogValueAxis *xAxis() const { return m_x; }
    QLogValueAxis *yAxis() const { return m_y; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild(const QString &title);

    std::shared_ptr<const TensorError> m_error;
    std::shared_ptr<const TensorStats> m_stats;
    QString m_title;
    QString m_givenTitle; // as passed to setData, for a rebuild in another language
    int m_zeroCount = 0;
    QLogValueAxis *m_x = nullptr;
    QLogValueAxis *m_y = nullptr;
    QLineSeries *m_channels = nullptr;
    QScatterSeries *m_outliers = nullptr;
    QLineSeries *m_zeros = nullptr;
    QLineSeries *m_mean = nullptr;
};

} // namespace bitcliff
