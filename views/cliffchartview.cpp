#include "cliffchartview.h"

#include "chartaxes.h"
#include "chartstyle.h"
#include "viewformat.h"

#include <QChart>
#include <QCursor>
#include <QEvent>
#include <QFontMetricsF>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

#include <cmath>

namespace bitcliff {

namespace {

QColor guideColor()
{
    return ChartStyle::muted().darker(140);
}

QString number(double value)
{
    return ViewFormat::value(value, 3);
}

} // namespace

CliffChartView::CliffChartView(QWidget *parent)
    : QChartView(parent)
{
    auto *chart = new QChart;
    ChartStyle::apply(chart);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);
    m_axes = std::make_unique<ChartAxes>(chart);
    m_axes->x()->setLabelFormat(QStringLiteral("%.0f"));
    // The guides go first, under the methods' lines.
    m_baseline = new QLineSeries(chart);
    m_floor = new QLineSeries(chart);
    for (QLineSeries *guide : { m_baseline, m_floor }) {
        chart->addSeries(guide);
        m_axes->attach(guide);
        guide->setPen(QPen(guideColor(), 1.5, Qt::DashLine));
        for (QLegendMarker *marker : chart->legend()->markers(guide))
            marker->setVisible(false); // labelled in the plot instead
    }
    rebuild();
}

CliffChartView::~CliffChartView() = default;

void CliffChartView::setData(const CliffChartData &data, int panel)
{
    m_data = data;
    m_panel = panel;
    m_sharedRange = false;
    rebuild();
}

void CliffChartView::setPanel(const CliffChartData &data, int panel, const CliffRange &range)
{
    m_data = data;
    m_panel = panel;
    m_range = range;
    m_sharedRange = true;
    rebuild();
}

void CliffChartView::setLegendShown(bool shown)
{
    m_legendShown = shown;
    chart()->legend()->setVisible(shown && !methods().isEmpty());
}

void CliffChartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        rebuild();
    QChartView::changeEvent(event);
}

CliffChartView::MethodSeries &CliffChartView::slot(size_t index)
{
    while (m_slots.size() <= index) {
        const size_t i = m_slots.size();
        MethodSeries s;
        s.line = new QLineSeries(chart());
        s.points = new QScatterSeries(chart());
        chart()->addSeries(s.line);
        chart()->addSeries(s.points);
        m_axes->attach(s.line);
        m_axes->attach(s.points);
        s.points->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        s.points->setMarkerSize(9.0);
        for (QLegendMarker *marker : chart()->legend()->markers(s.line))
            connect(marker, &QLegendMarker::clicked, this, [this, marker] { onMarkerClicked(marker); });
        connect(s.points, &QScatterSeries::hovered, this,
            [this, i](const QPointF &point, bool state) { onPointHovered(i, point, state); });
        connect(
            s.points, &QScatterSeries::clicked, this, [this, i](const QPointF &point) { onPointClicked(i, point); });
        m_slots.push_back(s);
    }
    return m_slots[index];
}

const CliffSeries *CliffChartView::seriesData(const MethodSeries &s) const
{
    if (s.series < 0 || m_panel < 0 || m_panel >= m_data.panels.size())
        return nullptr;
    const CliffPanel &panel = m_data.panels[m_panel];
    return s.series < panel.series.size() ? &panel.series[s.series] : nullptr;
}

const CliffChartView::MethodSeries *CliffChartView::find(const QString &method) const
{
    for (const MethodSeries &s : m_slots)
        if (const CliffSeries *data = seriesData(s); data && data->method == method)
            return &s;
    return nullptr;
}

void CliffChartView::rebuild()
{
    const bool hasPanel = m_panel >= 0 && m_panel < m_data.panels.size();
    const CliffPanel empty;
    const CliffPanel &panel = hasPanel ? m_data.panels[m_panel] : empty;
    if (!m_sharedRange)
        m_range = cliffRange(m_data, hasPanel ? m_panel : int(m_data.panels.size())); // none: the default range
    if (m_sharedRange)
        chart()->setTitle(panel.title);
    else if (panel.title.isEmpty() || m_data.title.isEmpty())
        chart()->setTitle(m_data.title.isEmpty() ? panel.title : m_data.title);
    else
        chart()->setTitle(tr("%1 \u2014 %2", "chart title, panel title").arg(m_data.title, panel.title));

    // Emptied before the axis changes: a log axis must never see a zero.
    for (MethodSeries &s : m_slots) {
        s.line->clear();
        s.points->clear();
        s.series = -1;
    }
    m_baseline->clear();
    m_floor->clear();
    m_axes->setLogScale(m_range.logY);

    // Each axis setter lays the ticks out at once: with dynamic ticks, a new range under the
    // old interval (a KLD chart's 0.001 under a perplexity range) would create millions of
    // them. Fixed ticks while the range and interval change, dynamic again once both fit.
    QValueAxis *x = m_axes->x();
    x->setTickType(QValueAxis::TicksFixed);
    x->setRange(m_range.xMin, m_range.xMax);
    x->setTickAnchor(0.0);
    x->setTickInterval(m_range.xMax - m_range.xMin > 14.0 ? 2.0 : 1.0); // whole bits
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTitleText(m_data.xTitle);
    if (m_range.logY) {
        m_axes->yLog()->setRange(m_range.yMin, m_range.yMax);
        m_axes->yLog()->setTitleText(m_data.yTitle.isEmpty() ? QString() : tr("%1, log scale").arg(m_data.yTitle));
    } else {
        m_axes->yLinear()->setTickType(QValueAxis::TicksFixed);
        m_axes->yLinear()->setRange(m_range.yMin, m_range.yMax);
        ChartStyle::setNiceTicks(m_axes->yLinear(), m_range.yMax - m_range.yMin, 6);
        m_axes->yLinear()->setTitleText(m_data.yTitle);
    }

    if (panel.baseline && std::isfinite(*panel.baseline))
        m_baseline->replace({ { m_range.xMin, *panel.baseline }, { m_range.xMax, *panel.baseline } });
    if (m_data.floorX && std::isfinite(*m_data.floorX))
        m_floor->replace({ { *m_data.floorX, m_range.yMin }, { *m_data.floorX, m_range.yMax } });
    m_baseline->setName(tr("unquantized"));
    m_floor->setName(tr("%1-bit", "the bit-width floor marker").arg(number(m_data.floorX.value_or(4.0))));

    for (qsizetype i = 0; i < panel.series.size(); ++i) {
        const CliffSeries &series = panel.series[i];
        MethodSeries &s = slot(size_t(i));
        s.series = int(i);
        QList<QPointF> points;
        for (const CliffPoint &p : series.points)
            if (std::isfinite(p.x) && std::isfinite(p.y))
                points.append(QPointF(p.x, p.y));
        s.line->replace(points);
        s.points->replace(points);
        s.line->setName(series.method);
        s.points->setName(series.method);
        // By name: a method has one colour in every panel and chart of the session.
        const QColor color = ChartStyle::seriesColor(series.method);
        s.line->setPen(QPen(color, 2.0));
        s.points->setColor(color);
        s.points->setBorderColor(color.darker(140));
    }
    for (const MethodSeries &s : m_slots) {
        const CliffSeries *data = seriesData(s);
        const bool shown = data && !m_hidden.contains(data->method);
        s.line->setVisible(shown);
        s.points->setVisible(shown);
        // Hiding a series hides its legend marker too; a hidden method keeps its entry, greyed.
        for (QLegendMarker *marker : chart()->legend()->markers(s.line))
            marker->setVisible(data != nullptr);
        for (QLegendMarker *marker : chart()->legend()->markers(s.points))
            marker->setVisible(false);
        styleMarker(s);
    }
    chart()->legend()->setVisible(m_legendShown && !panel.series.isEmpty());
    viewport()->update();
}

void CliffChartView::styleMarker(const MethodSeries &s)
{
    const CliffSeries *data = seriesData(s);
    if (!data)
        return;
    const bool shown = !m_hidden.contains(data->method);
    const QColor color = shown ? ChartStyle::seriesColor(data->method) : QColor(0xc8, 0xc8, 0xc8);
    for (QLegendMarker *marker : chart()->legend()->markers(s.line)) {
        marker->setLabelBrush(shown ? chart()->legend()->labelColor() : QColor(0xa0, 0xa0, 0xa0));
        marker->setPen(QPen(color, 2.0));
        marker->setBrush(color);
    }
}

void CliffChartView::setMethodVisible(const QString &method, bool visible)
{
    if (visible == isMethodVisible(method))
        return;
    if (visible)
        m_hidden.remove(method);
    else
        m_hidden.insert(method);
    if (const MethodSeries *s = find(method)) {
        s->line->setVisible(visible);
        s->points->setVisible(visible);
        for (QLegendMarker *marker : chart()->legend()->markers(s->line))
            marker->setVisible(true);
        styleMarker(*s);
    }
    viewport()->update(); // the error bars
    emit methodVisibilityChanged(method, visible);
}

void CliffChartView::onMarkerClicked(QLegendMarker *marker)
{
    for (const MethodSeries &s : m_slots)
        if (s.line == marker->series())
            if (const CliffSeries *data = seriesData(s))
                setMethodVisible(data->method, !isMethodVisible(data->method));
}

QStringList CliffChartView::methods() const
{
    QStringList names;
    if (m_panel >= 0 && m_panel < m_data.panels.size())
        for (const CliffSeries &s : m_data.panels[m_panel].series)
            names << s.method;
    return names;
}

QLineSeries *CliffChartView::lineSeries(const QString &method) const
{
    const MethodSeries *s = find(method);
    return s ? s->line : nullptr;
}

QScatterSeries *CliffChartView::pointSeries(const QString &method) const
{
    const MethodSeries *s = find(method);
    return s ? s->points : nullptr;
}

int CliffChartView::pointIndex(const CliffSeries &series, const QPointF &point) const
{
    // The series holds the snapshot's values unchanged: the nearest point is the one.
    int best = -1;
    double bestDistance = 0.0;
    for (int i = 0; i < series.points.size(); ++i) {
        const CliffPoint &p = series.points[i];
        if (!std::isfinite(p.x) || !std::isfinite(p.y))
            continue;
        const double d = std::abs(p.x - point.x()) + std::abs(p.y - point.y());
        if (best < 0 || d < bestDistance) {
            best = i;
            bestDistance = d;
        }
    }
    return best;
}

QString CliffChartView::pointToolTip(const QString &method, int index) const
{
    const MethodSeries *s = find(method);
    const CliffSeries *series = s ? seriesData(*s) : nullptr;
    if (!series || index < 0 || index >= series->points.size())
        return {};
    const CliffPoint &p = series->points[index];
    const QString name = m_data.yName.isEmpty() ? m_data.yTitle : m_data.yName;
    QString text = tr("%1: %2 bpw, %3 %4", "scheme: bits per weight, metric value")
                       .arg(p.scheme, number(p.x), name, number(p.y));
    if (std::isfinite(p.lo) && std::isfinite(p.hi))
        text += tr(" [%1, %2]", "confidence interval").arg(number(p.lo), number(p.hi));
    if (!p.tooltip.isEmpty())
        text += QLatin1Char('\n') + p.tooltip;
    return text;
}

void CliffChartView::onPointHovered(size_t slot, const QPointF &point, bool state)
{
    const CliffSeries *series = slot < m_slots.size() ? seriesData(m_slots[slot]) : nullptr;
    if (!state || !series) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(QCursor::pos(), pointToolTip(series->method, pointIndex(*series, point)), this);
}

void CliffChartView::onPointClicked(size_t slot, const QPointF &point)
{
    const CliffSeries *series = slot < m_slots.size() ? seriesData(m_slots[slot]) : nullptr;
    const int index = series ? pointIndex(*series, point) : -1;
    if (index >= 0)
        emit pointClicked(series->points[index].cell, series->points[index].scheme);
}

std::vector<CliffChartView::ErrorBar> CliffChartView::errorBars() const
{
    std::vector<ErrorBar> bars;
    for (const MethodSeries &s : m_slots) {
        const CliffSeries *series = seriesData(s);
        if (!series || m_hidden.contains(series->method))
            continue;
        for (const CliffPoint &p : series->points)
            if (std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.lo) && std::isfinite(p.hi) && p.hi > p.lo)
                bars.push_back({ p.x, p.lo, p.hi, ChartStyle::seriesColor(series->method) });
    }
    return bars;
}

int CliffChartView::visibleErrorBars() const
{
    return int(errorBars().size());
}

// Qt Charts has no error bars: painted over the plot, which exports (PNG, SVG, PDF) keep as
// vectors, like the guides' labels.
void CliffChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    if (m_data.panels.isEmpty())
        return;
    const QRectF plot = chart()->plotArea();
    painter->save();
    painter->setClipRect(plot);
    for (const ErrorBar &bar : errorBars()) {
        const QPointF top = chart()->mapToPosition(QPointF(bar.x, bar.hi), m_baseline);
        const double bottomY = m_range.logY && bar.lo <= 0.0
            ? plot.bottom()
            : chart()->mapToPosition(QPointF(bar.x, bar.lo), m_baseline).y();
        painter->setPen(QPen(bar.color.darker(115), 1.4));
        painter->drawLine(QPointF(top.x(), top.y()), QPointF(top.x(), bottomY));
        painter->drawLine(QPointF(top.x() - 4.0, top.y()), QPointF(top.x() + 4.0, top.y()));
        painter->drawLine(QPointF(top.x() - 4.0, bottomY), QPointF(top.x() + 4.0, bottomY));
    }
    drawGuideLabels(painter);
    painter->restore();
}

void CliffChartView::drawGuideLabels(QPainter *painter) const
{
    const QRectF plot = chart()->plotArea();
    QFont font = chart()->font();
    font.setPointSizeF(std::max(7.5, font.pointSizeF() * 0.9));
    painter->setFont(font);
    const QFontMetricsF metrics(font);
    const double h = metrics.height();
    // On a white box: a label over a line or a marker must stay legible.
    const auto label = [&](QPointF topLeft, const QString &text) {
        const QRectF box(topLeft, QSizeF(metrics.horizontalAdvance(text) + 6.0, h));
        painter->fillRect(box, QColor(255, 255, 255, 210));
        painter->setPen(guideColor());
        painter->drawText(box, Qt::AlignCenter, text);
    };
    // The baseline's label at the left end, where a cliff's points are furthest from it.
    if (m_baseline->count() == 2) {
        const QPointF at = chart()->mapToPosition(m_baseline->at(0), m_baseline);
        const double y = at.y() - h - 2.0 < plot.top() ? at.y() + 2.0 : at.y() - h - 2.0;
        label(QPointF(plot.left() + 4.0, y), m_baseline->name());
    }
    if (m_floor->count() == 2) {
        const QPointF at = chart()->mapToPosition(m_floor->at(1), m_floor);
        label(QPointF(at.x() + 3.0, plot.top() + 2.0), m_floor->name());
    }
}

} // namespace bitcliff
