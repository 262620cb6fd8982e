#include "channelchartview.h"

#include "chartaxes.h"
#include "chartstyle.h"
#include "viewformat.h"

#include <QChart>
#include <QEvent>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace bitcliff {

ChannelChartView::ChannelChartView(QWidget *parent)
    : QChartView(parent)
{
    auto *chart = new QChart;
    ChartStyle::apply(chart);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    m_axes = std::make_unique<ChartAxes>(chart);

    m_absmax = new QLineSeries(chart);
    m_median = new QLineSeries(chart);
    m_threshold = new QLineSeries(chart);
    m_outliers = new QScatterSeries(chart);
    for (QAbstractSeries *series : { static_cast<QAbstractSeries *>(m_absmax), static_cast<QAbstractSeries *>(m_median),
             static_cast<QAbstractSeries *>(m_threshold), static_cast<QAbstractSeries *>(m_outliers) }) {
        chart->addSeries(series);
        m_axes->attach(series);
    }
    // Styled after addSeries, which applies the theme's colors.
    m_absmax->setPen(QPen(ChartStyle::primary(), 1.2));
    m_median->setPen(QPen(ChartStyle::muted().darker(130), 1.4, Qt::DashDotLine));
    m_threshold->setPen(QPen(ChartStyle::threshold(), 1.8, Qt::DashLine));
    m_outliers->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    m_outliers->setMarkerSize(9.0);
    m_outliers->setColor(ChartStyle::highlight());
    m_outliers->setBorderColor(ChartStyle::highlight().darker(140));
    m_outliers->setPointLabelsFormat(QStringLiteral("@xPoint"));
    m_outliers->setPointLabelsColor(ChartStyle::highlight().darker(140));
    m_axes->x()->setLabelFormat(QStringLiteral("%.0f"));
    rebuild();
}

ChannelChartView::~ChannelChartView() = default;

// Titles, axis titles and legend names are translated: build them again in the new language.
void ChannelChartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        rebuild();
    QChartView::changeEvent(event);
}

void ChannelChartView::setStats(std::shared_ptr<const TensorStats> stats)
{
    m_stats = std::move(stats);
    rebuild();
}

void ChannelChartView::setAxis(Axis axis)
{
    m_axis = axis;
    rebuild();
}

void ChannelChartView::setOrder(Order order)
{
    m_order = order;
    rebuild();
}

void ChannelChartView::setLogScale(bool log)
{
    m_logScale = log;
    rebuild();
}

void ChannelChartView::setEmptyTitle(const QString &title)
{
    m_emptyTitle = title;
    rebuild();
}

void ChannelChartView::rebuild()
{
    const bool input = m_axis == Axis::InputChannels;
    const ChannelStats *channels = m_stats && m_stats->computed ? (input ? &m_stats->cols : &m_stats->rows) : nullptr;
    const size_t n = channels ? channels->absmax.size() : 0;
    if (!channels && !m_emptyTitle.isEmpty())
        chart()->setTitle(m_emptyTitle);
    else
        chart()->setTitle(m_stats ? QString::fromStdString(m_stats->name) : tr("No tensor selected"));
    // Without data the guide lines are not drawn: no legend of "median 0" for them.
    chart()->legend()->setVisible(channels != nullptr);

    // A log axis cannot show 0 (a dead channel): such points sit on the axis floor.
    float maxValue = 0.0f;
    float minPositive = 0.0f;
    for (size_t i = 0; i < n; ++i) {
        const float v = channels->absmax[i];
        maxValue = std::max(maxValue, v);
        if (v > 0.0f && (minPositive == 0.0f || v < minPositive))
            minPositive = v;
    }
    const double floor = minPositive > 0.0f ? minPositive : 1e-6;

    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(n));
    std::vector<float> sorted;
    if (m_order == Order::Descending && n > 0) {
        sorted = channels->absmax;
        std::sort(sorted.begin(), sorted.end(), std::greater<>());
    }
    for (size_t i = 0; i < n; ++i) {
        const double v = sorted.empty() ? channels->absmax[i] : sorted[i];
        points.append(QPointF(double(i), m_logScale ? std::max(v, floor) : v));
    }
    QList<QPointF> outliers;
    if (channels) {
        for (size_t rank = 0; rank < channels->outliers.size(); ++rank) {
            const int64_t c = channels->outliers[rank];
            const double x = m_order == Order::ByIndex ? double(c) : double(rank); // outliers: largest first
            outliers.append(QPointF(x, channels->absmax[static_cast<size_t>(c)]));
        }
    }
    const double last = n > 1 ? double(n - 1) : 1.0;
    const double median = channels ? channels->medianAbsmax : 0.0;
    const double threshold = channels ? channels->threshold : 0.0;
    // No zero-valued guide lines: a log axis cannot place them.
    auto horizontal = [last](double y) {
        return y > 0.0 ? QList<QPointF> { { 0.0, y }, { last, y } } : QList<QPointF>();
    };

    for (QXYSeries *series : { static_cast<QXYSeries *>(m_absmax), static_cast<QXYSeries *>(m_median),
             static_cast<QXYSeries *>(m_threshold), static_cast<QXYSeries *>(m_outliers) })
        series->clear();
    m_axes->setLogScale(m_logScale);
    QValueAxis *x = m_axes->x();
    if (m_order == Order::ByIndex)
        x->setTitleText(input ? tr("input channel") : tr("output channel"));
    else
        x->setTitleText(input ? tr("input channels, ranked by absmax") : tr("output channels, ranked by absmax"));
    x->setRange(-0.01 * last, 1.01 * last); // room for the markers of channels at either end
    ChartStyle::setNiceTicks(x, last, 8, 1.0);
    const double yMax = n > 0 ? std::max(double(maxValue), threshold) : 1.0;
    if (m_logScale) {
        m_axes->setLogRange(n > 0 ? std::min(floor, median > 0.0 ? median : floor) : 0.1, yMax);
        m_axes->yLog()->setTitleText(tr("absmax |w| (log scale)"));
    } else {
        m_axes->setLinearRange(yMax);
        m_axes->yLinear()->setTitleText(tr("absmax |w|"));
    }

    m_absmax->replace(points);
    m_outliers->replace(outliers);
    m_median->replace(horizontal(median));
    m_threshold->replace(horizontal(threshold));
    // Channel numbers beside a few markers; in rank order they would only repeat the x axis.
    m_outliers->setPointLabelsVisible(m_order == Order::ByIndex && outliers.size() <= 12);

    m_absmax->setName(tr("absmax per channel"));
    m_median->setName(tr("median %1").arg(ViewFormat::value(median, 3)));
    const double k = median > 0.0 ? threshold / median : 0.0;
    m_threshold->setName(tr("outlier threshold (%1 \u00d7 median)").arg(ViewFormat::value(k, 3)));
    m_outliers->setName(tr("outlier channels (%1)").arg(outliers.size()));
}

} // namespace bitcliff
