#pragma once
// Grouped bars: one group per category, one colored bar per series, with ± error whiskers
// and a legend — the shape of every "per language / per difficulty" result.
#include "barchartdata.h"

#include <QChartView>

class QBarCategoryAxis;
class QBarSeries;
class QLogValueAxis;
class QValueAxis;

namespace bitcliff {

class GroupedBarChartView final : public QChartView
{
    Q_OBJECT

public:
    explicit GroupedBarChartView(QWidget *parent = nullptr);
    void setData(const BarChartData &data);
    const BarChartData &data() const { return m_data; }

private:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void setValueRange(double minPositive, double maxValue);

    BarChartData m_data;
    // Created once and kept: Qt Charts deletes removed axes' graphics only from the event
    // loop, which a headless export never runs (see chartaxes.h).
    QBarSeries *m_series;
    QBarCategoryAxis *m_categories;
    QValueAxis *m_linear;
    QLogValueAxis *m_log;
};

} // namespace bitcliff
