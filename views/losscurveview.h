#pragma once
// The loss curve of a training run: the training loss of every step (a thin light line), the
// same smoothed (when the run is long enough for smoothing to mean something) and the
// held-out loss where it was measured (points on a line), against the step, in nats per token.
// Fed immutable snapshots (losscurvedata.h); the X axis spans the steps done so far, so the curve
// fills the chart early in a long run too.
#include "losscurvedata.h"

#include <QChartView>

#include <memory>

class QLineSeries;
class QValueAxis;

namespace bitcliff {

class LossCurveView final : public QChartView
{
    Q_OBJECT

public:
    explicit LossCurveView(QWidget *parent = nullptr);

    // nullptr: an empty chart.
    void setData(std::shared_ptr<const LossCurveData> data);
    const std::shared_ptr<const LossCurveData> &data() const { return m_data; }

    // For tests and exporters.
    QLineSeries *trainSeries() const { return m_train; }
    QLineSeries *smoothedSeries() const { return m_smoothed; }
    QLineSeries *heldOutSeries() const { return m_heldOut; }
    QValueAxis *stepAxis() const { return m_x; }
    QValueAxis *lossAxis() const { return m_y; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void retranslate();
    void showInLegend(QLineSeries *series, bool shown);

    std::shared_ptr<const LossCurveData> m_data;
    QLineSeries *m_train;
    QLineSeries *m_smoothed;
    QLineSeries *m_heldOut;
    QValueAxis *m_x;
    QValueAxis *m_y;
};

} // namespace bitcliff
