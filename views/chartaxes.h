#pragma once
// The axes of a chart whose Y axis switches between linear and log. All three axes live as
// long as the chart; a switch detaches and hides one rather than deleting it, because Qt
// Charts deletes a removed axis' graphics only from the event loop, which a headless
// export never runs (the old axis would be drawn over the new one).
class QAbstractAxis;
class QAbstractSeries;
class QChart;
class QLogValueAxis;
class QValueAxis;

namespace bitcliff {

class ChartAxes
{
public:
    // Creates, styles and adds the axes. `labelledX`: an X axis whose tick labels setXTicks()
    // writes itself (a QCategoryAxis, still a QValueAxis for everything else).
    explicit ChartAxes(QChart *chart, bool labelledX = false);
    void attach(QAbstractSeries *series);

    // Swap the Y axis. Clear the series first: a log axis must never see a zero.
    void setLogScale(bool log);
    bool logScale() const { return m_log; }

    // [lo, hi] widened a little, and to whole decades if it would hold no labelled power of 10.
    void setLogRange(double lo, double hi);
    // X over [lo, hi] with round ticks anchored at 0 every niceStep(span / count), labelled
    // "%.3g" with 0 reading "0": Qt sums the interval from its anchor and would label the
    // zero tick "-2.78e-17". Needs labelledX.
    void setXTicks(double lo, double hi, int count);
    // [0, max] with a little headroom and about six round ticks.
    void setLinearRange(double max);

    QValueAxis *x() const { return m_x; }
    QValueAxis *yLinear() const { return m_yLinear; }
    QLogValueAxis *yLog() const { return m_yLog; }
    QAbstractAxis *y() const;

private:
    QChart *m_chart;
    bool m_labelledX;
    QValueAxis *m_x;
    QValueAxis *m_yLinear;
    QLogValueAxis *m_yLog;
    bool m_log = true;
};

} // namespace bitcliff
