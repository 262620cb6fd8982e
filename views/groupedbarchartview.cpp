#include "groupedbarchartview.h"

#include "chartstyle.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLegend>
#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>

namespace bitcliff {
GroupedBarChartView::GroupedBarChartView(QWidget *parent)
    : QChartView(parent)
    , m_series(new QBarSeries)
    , m_categories(new QBarCategoryAxis)
    , m_linear(new QValueAxis)
    , m_log(new QLogValueAxis)
{
    auto *chart = new QChart;
    ChartStyle::apply(chart);
    chart->legend()->setMarkerShape(QLegend::MarkerShapeRectangle);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    m_log->setBase(10);
    m_log->setLabelFormat(QStringLiteral("%g"));
    m_log->setMinorTickCount(-1);
    m_linear->setLabelFormat(QStringLiteral("%g"));
    chart->addSeries(m_series);
    chart->addAxis(m_categories, Qt::AlignBottom);
    chart->addAxis(m_linear, Qt::AlignLeft);
    chart->addAxis(m_log, Qt::AlignLeft);
    for (QAbstractAxis *axis : { static_cast<QAbstractAxis *>(m_categories), static_cast<QAbstractAxis *>(m_linear),
             static_cast<QAbstractAxis *>(m_log) })
        ChartStyle::styleAxis(axis);
    m_series->attachAxis(m_categories);
    m_series->attachAxis(m_linear);
    m_log->setVisible(false);
    setData({});
}

void GroupedBarChartView::setData(const BarChartData &data)
{
    m_data = data;
    chart()->setTitle(data.title);
    m_series->clear();
    double maxValue = 0;
    double minPositive = 0;
    for (int s = 0; s < data.series.size(); ++s) {
        auto *set = new QBarSet(data.series[s].name);
        for (int c = 0; c < data.categories.size(); ++c) {
            const double value = c < data.series[s].values.size() ? data.series[s].values[c] : qQNaN();
            const double error = c < data.series[s].errors.size() ? data.series[s].errors[c] : 0.0;
            const bool shown = std::isfinite(value) && (!data.logScale || value > 0);
            // A missing bar sits at the axis floor (a log axis has no zero).
            set->append(shown ? value : (data.logScale ? 1e-30 : 0.0));
            if (shown) {
                maxValue = std::max(maxValue, value + (std::isfinite(error) ? error : 0.0));
                minPositive = minPositive == 0 ? value : std::min(minPositive, value);
            }
        }
        // By name, not position: q8_0 has one color in every chart of the session.
        const QColor color = ChartStyle::seriesColor(data.series[s].name);
        set->setColor(color);
        set->setBorderColor(color.darker(130));
        m_series->append(set);
    }
    m_categories->clear();
    m_categories->append(data.categories);
    m_categories->setTitleText(data.categoryTitle);
    m_categories->setVisible(!data.series.isEmpty());
    setValueRange(minPositive, maxValue);
    chart()->legend()->setVisible(!data.series.isEmpty());
    viewport()->update();
}

void GroupedBarChartView::setValueRange(double minPositive, double maxValue)
{
    QAbstractAxis *shown = m_data.logScale ? static_cast<QAbstractAxis *>(m_log) : m_linear;
    QAbstractAxis *hidden = m_data.logScale ? static_cast<QAbstractAxis *>(m_linear) : m_log;
    if (m_series->attachedAxes().contains(hidden)) {
        m_series->detachAxis(hidden);
        m_series->attachAxis(shown);
    }
    hidden->setVisible(false);
    shown->setVisible(!m_data.series.isEmpty()); // no data: the title alone says why
    shown->setTitleText(m_data.valueTitle);
    if (m_data.logScale) {
        // Whole decades when the data spans two or more; else powers of 2, or a perplexity
        // of 8 to 25 would get just the labels 1, 10 and 100.
        const bool wide = minPositive > 0 && maxValue / minPositive >= 100.0;
        const double base = wide ? 10.0 : 2.0;
        const auto power = [base](double v, bool up) {
            const double e = std::log(v) / std::log(base);
            return std::pow(base, up ? std::ceil(e - 1e-9) : std::floor(e + 1e-9));
        };
        const double lo = minPositive > 0 ? power(minPositive * 0.9, false) : 0.1;
        const double hi = maxValue > 0 ? power(maxValue * 1.05, true) : 10.0;
        m_log->setBase(base);
        m_log->setRange(lo, std::max(hi, lo * base));
    } else {
        const double top = std::isfinite(m_data.valueMax) ? std::max(m_data.valueMax, maxValue)
            : maxValue > 0                                ? maxValue * 1.08
                                                          : 1.0;
        ChartStyle::setNiceTicks(m_linear, top, 6);
        m_linear->setRange(0, top);
    }
}

// Error whiskers over the bars; Qt Charts has no error bars for bar series.
void GroupedBarChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    const int groups = int(m_data.categories.size());
    const int seriesCount = int(m_data.series.size());
    if (groups == 0 || seriesCount == 0)
        return;
    QBarSeries *series = m_series;
    const QRectF plot = chart()->plotArea();
    const double groupWidth = plot.width() / groups;
    const double barWidth = groupWidth * series->barWidth() / seriesCount;
    painter->save();
    painter->setPen(QPen(QColor(0x20, 0x20, 0x20), 1.2));
    for (int s = 0; s < seriesCount; ++s) {
        const BarSeriesData &data = m_data.series[s];
        for (int c = 0; c < groups && c < data.errors.size() && c < data.values.size(); ++c) {
            const double value = data.values[c];
            const double error = data.errors[c];
            if (!std::isfinite(value) || !std::isfinite(error) || error <= 0)
                continue;
            const double x = plot.left() + groupWidth * (c + 0.5) + barWidth * (s - seriesCount / 2.0 + 0.5);
            const QPointF top = chart()->mapToPosition(QPointF(c, value + error), series);
            const QPointF bottom = chart()->mapToPosition(
                QPointF(c, m_data.logScale ? std::max(value - error, value * 0.5) : value - error), series);
            painter->drawLine(QPointF(x, top.y()), QPointF(x, bottom.y()));
            painter->drawLine(QPointF(x - barWidth * 0.2, top.y()), QPointF(x + barWidth * 0.2, top.y()));
            painter->drawLine(QPointF(x - barWidth * 0.2, bottom.y()), QPointF(x + barWidth * 0.2, bottom.y()));
        }
    }
    painter->restore();
}

} // namespace bitcliff
