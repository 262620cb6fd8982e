#pragma once
// One panel of the accuracy cliff: a metric against bits per weight, one line with markers
// per quantization method (its colour from ChartStyle::seriesColor), confidence intervals as
// error bars, the unquantized model as a dashed horizontal line and the 4-bit floor as a
// dashed vertical one. Clicking a legend entry hides or shows its method; hovering a point
// says what it is; clicking it emits pointClicked().
#include "cliffdata.h"
#include "cliffrange.h"

#include <QChartView>
#include <QSet>

#include <memory>
#include <vector>

class QLegendMarker;
class QLineSeries;
class QScatterSeries;

namespace bitcliff {

class ChartAxes;

class CliffChartView final : public QChartView
{
    Q_OBJECT

public:
    explicit CliffChartView(QWidget *parent = nullptr);
    ~CliffChartView() final;

    // Shows data.panels[panel] (an empty chart when there is no such panel) over its own range,
    // titled data.title (and the panel's title, if any).
    void setData(const CliffChartData &data, int panel = 0);
    // The same over `range` (small multiples share one), titled with the panel's title only.
    void setPanel(const CliffChartData &data, int panel, const CliffRange &range);
    const CliffChartData &data() const { return m_data; }
    const CliffRange &range() const { return m_range; }

    // A hidden method keeps its place in the legend, greyed; it stays hidden across setData().
    void setMethodVisible(const QString &method, bool visible);
    bool isMethodVisible(const QString &method) const { return !m_hidden.contains(method); }
    void setLegendShown(bool shown);

    // For tests and exporters.
    QStringList methods() const;
    QLineSeries *lineSeries(const QString &method) const;
    QScatterSeries *pointSeries(const QString &method) const;
    QLineSeries *baselineSeries() const { return m_baseline; }
    QLineSeries *floorSeries() const { return m_floor; }
    bool logScale() const { return m_range.logY; }
    // The error bars drawn now (methods shown, points with a finite interval).
    int visibleErrorBars() const;
    // "q4_k: 4.53 bpw, KLD 0.0123 [0.0110, 0.0137]" and the point's own lines.
    QString pointToolTip(const QString &method, int index) const;

signals:
    void pointClicked(int cell, const QString &scheme);
    void methodVisibilityChanged(const QString &method, bool visible);

protected:
    void changeEvent(QEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    // Series are pooled, never removed: Qt Charts deletes a removed series' graphics only from
    // the event loop, which a headless export never runs (see chartaxes.h).
    struct MethodSeries
    {
        QLineSeries *line = nullptr;
        QScatterSeries *points = nullptr;
        int series = -1; // index into the panel's series; -1: unused slot
    };
    struct ErrorBar
    {
        double x, lo, hi;
        QColor color;
    };

    void rebuild();
    MethodSeries &slot(size_t index);
    const MethodSeries *find(const QString &method) const;
    const CliffSeries *seriesData(const MethodSeries &slot) const;
    void styleMarker(const MethodSeries &slot);
    void onMarkerClicked(QLegendMarker *marker);
    // By slot index: the pool grows, references into it would dangle.
    void onPointHovered(size_t slot, const QPointF &point, bool state);
    void onPointClicked(size_t slot, const QPointF &point);
    int pointIndex(const CliffSeries &series, const QPointF &point) const;
    std::vector<ErrorBar> errorBars() const;
    void drawGuideLabels(QPainter *painter) const;

    std::unique_ptr<ChartAxes> m_axes;
    CliffChartData m_data;
    int m_panel = 0;
    CliffRange m_range;
    bool m_sharedRange = false;
    bool m_legendShown = true;
    QSet<QString> m_hidden;
    std::vector<MethodSeries> m_slots;
    QLineSeries *m_baseline = nullptr;
    QLineSeries *m_floor = nullptr;
};

} // namespace bitcliff
