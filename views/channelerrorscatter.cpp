#include "channelerrorscatter.h"

#include "chartstyle.h"
#include "viewformat.h"

#include <QChart>
#include <QEvent>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QScatterSeries>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace bitcliff {

namespace {

constexpr int kListedOutliers = 5; // channel numbers named in the legend

// Smallest value > 0 and the largest; lo is +inf when none is positive.
struct PositiveRange
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = 0.0;
    void add(double v)
    {
        if (v > 0.0 && std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    bool empty() const { return !(hi > 0.0); }
    // Where zeros are drawn: a bit below everything else.
    double floor(double fallback) const { return empty() ? fallback : lo / 2.0; }
};

// [lo, hi] widened a little, and to whole decades when it would hold no labelled power of 10.
void setLogRange(QLogValueAxis *axis, double lo, double hi)
{
    if (!(lo > 0.0) || !std::isfinite(lo) || !(hi >= lo)) {
        axis->setRange(0.1, 10.0);
        return;
    }
    double a = lo / 1.5;
    double b = hi * 1.5;
    if (std::floor(std::log10(b)) < std::ceil(std::log10(a)) + 1) { // fewer than two labels
        a = std::pow(10.0, std::floor(std::log10(a)));
        b = std::pow(10.0, std::ceil(std::log10(b)));
    }
    axis->setRange(a, b);
}

// A marker image for a light-marker series, drawn at twice its size for crisp exports.
QImage markerImage(QColor color, qreal size, bool circle)
{
    const int pixels = static_cast<int>(std::ceil(size * 2.0));
    QImage image(pixels, pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    if (circle)
        painter.drawEllipse(QRectF(0.5, 0.5, pixels - 1.0, pixels - 1.0));
    else
        painter.drawRect(QRectF(1.0, 1.0, pixels - 2.0, pixels - 2.0));
    return image;
}

// A scatter of many points: a line series without a line, drawing one image per point. A
// QScatterSeries makes a QGraphicsItem per point (0.8 s for 14k points); this paints them
// directly and takes the whole list in one replace().
QLineSeries *makeDotSeries(QChart *chart, QColor color, qreal size, bool circle)
{
    auto *series = new QLineSeries(chart);
    chart->addSeries(series);
    series->setPen(Qt::NoPen);
    series->setColor(color);
    series->setMarkerSize(size);
    series->setLightMarker(markerImage(color, size, circle));
    return series;
}

QLogValueAxis *makeLogAxis(QChart *chart, Qt::Alignment alignment)
{
    auto *axis = new QLogValueAxis(chart);
    axis->setBase(10.0);
    axis->setLabelFormat(QStringLiteral("%g"));
    axis->setMinorTickCount(-1); // 2..9 between decades
    chart->addAxis(axis, alignment);
    ChartStyle::styleAxis(axis);
    return axis;
}

} // namespace

ChannelErrorScatterView::ChannelErrorScatterView(QWidget *parent)
    : QChartView(parent)
{
    auto *chart = new QChart;
    ChartStyle::apply(chart);
    setChart(chart);
    setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform); // smooth: the dot images
    m_x = makeLogAxis(chart, Qt::AlignBottom);
    m_y = makeLogAxis(chart, Qt::AlignLeft);

    // Styled after addSeries, which applies the theme's colors. Small translucent dots let
    // the density of 14k channels show.
    QColor dot = ChartStyle::primary();
    dot.setAlphaF(0.55f);
    m_channels = makeDotSeries(chart, dot, 5.0, true);
    m_zeros = makeDotSeries(chart, ChartStyle::muted(), 6.0, false);
    m_mean = new QLineSeries(chart);
    chart->addSeries(m_mean);
    m_outliers = new QScatterSeries(chart); // last: drawn on top
    chart->addSeries(m_outliers);
    for (QAbstractSeries *series : chart->series()) {
        series->attachAxis(m_x);
        series->attachAxis(m_y);
    }
    // Legend swatches of legend size: the dot images would give 5-pixel ones.
    for (auto [series, shape] : { std::pair { m_channels, QLegend::MarkerShapeCircle },
             std::pair { m_zeros, QLegend::MarkerShapeRectangle } }) {
        for (QLegendMarker *marker : chart->legend()->markers(series)) {
            marker->setShape(shape);
            marker->setBrush(series->color());
            marker->setPen(Qt::NoPen);
        }
    }
    m_mean->setPen(QPen(ChartStyle::reference(), 1.4, Qt::DashLine));
    m_outliers->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    m_outliers->setMarkerSize(9.0);
    m_outliers->setColor(ChartStyle::highlight());
    m_outliers->setBorderColor(ChartStyle::highlight().darker(150));
    rebuild(QString());
}

ChannelErrorScatterView::~ChannelErrorScatterView() = default;

// Titles, axis titles and legend names are translated: build them again in the new language.
void ChannelErrorScatterView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        rebuild(m_givenTitle);
    QChartView::changeEvent(event);
}

QString ChannelErrorScatterView::caption()
{
    return tr("Per input channel: quantization MSE against weight absmax. Outlier channels set their groups' "
              "scale; the channels sharing those groups lose precision.");
}

void ChannelErrorScatterView::setData(
    std::shared_ptr<const TensorError> error, std::shared_ptr<const TensorStats> stats, const QString &title)
{
    m_error = std::move(error);
    m_stats = std::move(stats);
    rebuild(title);
}

void ChannelErrorScatterView::rebuild(const QString &title)
{
    m_givenTitle = title;
    m_x->setTitleText(tr("input-channel absmax |w|"));
    m_y->setTitleText(tr("per-channel MSE"));
    const std::vector<float> *mse = m_error ? &m_error->colMse : nullptr;
    const std::vector<float> *absmax = m_stats && m_stats->computed ? &m_stats->cols.absmax : nullptr;
    const bool usable = mse && absmax && !mse->empty() && mse->size() == absmax->size();
    if (!m_error)
        m_title = title.isEmpty() ? tr("No tensor selected") : title;
    else if (!usable)
        m_title = tr("%1: needs the model's per-channel statistics").arg(title);
    else
        m_title = title;
    // The caption on a second, plain line (a chart title is HTML).
    chart()->setTitle(usable ? QStringLiteral("%1<br><span style=\"font-weight:normal; font-size:small\">%2</span>")
                                   .arg(m_title.toHtmlEscaped(), caption().toHtmlEscaped())
                             : m_title.toHtmlEscaped());

    const size_t n = usable ? mse->size() : 0;
    PositiveRange xs;
    PositiveRange ys;
    double sum = 0.0;
    for (size_t i = 0; i < n; ++i) {
        xs.add((*absmax)[i]);
        ys.add((*mse)[i]);
        sum += (*mse)[i];
    }
    const double xFloor = xs.floor(1e-3);
    const double yFloor = ys.floor(1e-12);
    auto point = [&](size_t i) {
        const double x = (*absmax)[i];
        const double y = (*mse)[i];
        return QPointF(x > 0.0 && std::isfinite(x) ? x : xFloor, y > 0.0 && std::isfinite(y) ? y : yFloor);
    };

    std::vector<char> isOutlier(n, 0);
    QList<QPointF> outliers;
    QStringList outlierNames;
    if (n > 0) {
        for (int64_t c : m_stats->cols.outliers) {
            if (c < 0 || static_cast<size_t>(c) >= n || isOutlier[static_cast<size_t>(c)])
                continue;
            isOutlier[static_cast<size_t>(c)] = 1;
            outliers.append(point(static_cast<size_t>(c)));
            if (outlierNames.size() < kListedOutliers)
                outlierNames << QString::number(c);
        }
    }
    QList<QPointF> channels;
    QList<QPointF> zeros;
    channels.reserve(static_cast<qsizetype>(n));
    for (size_t i = 0; i < n; ++i) {
        if (isOutlier[i])
            continue;
        const QPointF p = point(i);
        const bool zero = !((*absmax)[i] > 0.0f) || !((*mse)[i] > 0.0f);
        (zero ? zeros : channels).append(p);
    }
    m_zeroCount = static_cast<int>(zeros.size());
    const double mean = n > 0 ? sum / double(n) : 0.0;

    // Clear before changing the ranges, so no axis sees points it cannot place.
    for (QXYSeries *series : { static_cast<QXYSeries *>(m_channels), static_cast<QXYSeries *>(m_zeros),
             static_cast<QXYSeries *>(m_mean), static_cast<QXYSeries *>(m_outliers) })
        series->clear();
    const bool anyZeroX = n > 0 && (m_zeroCount > 0 || xs.empty());
    const bool anyZeroY = n > 0 && (m_zeroCount > 0 || ys.empty());
    setLogRange(m_x, anyZeroX || xs.empty() ? xFloor : xs.lo, xs.empty() ? xFloor : xs.hi);
    setLogRange(m_y, anyZeroY || ys.empty() ? yFloor : ys.lo, ys.empty() ? yFloor : ys.hi);

    m_channels->replace(channels); // one call: a point-by-point append repaints 14k times
    m_zeros->replace(zeros);
    m_outliers->replace(outliers);
    if (mean > 0.0)
        m_mean->replace(QList<QPointF> { { m_x->min(), mean }, { m_x->max(), mean } });

    m_channels->setName(tr("input channels (%1)").arg(ViewFormat::count(static_cast<int64_t>(channels.size()))));
    QString listed = outlierNames.join(QStringLiteral(", "));
    if (outliers.size() > outlierNames.size())
        listed = tr("%1, \u2026 %2 more").arg(listed).arg(outliers.size() - outlierNames.size());
    m_outliers->setName(outliers.isEmpty() ? tr("outlier channels: none")
                                           : tr("outlier channels (%1): %2").arg(outliers.size()).arg(listed));
    m_zeros->setName(tr("zeros, on the axis floor (%1)").arg(m_zeroCount));
    m_mean->setName(tr("tensor MSE %1").arg(ViewFormat::value(mean, 3)));
    for (QLegendMarker *marker : chart()->legend()->markers(m_zeros))
        marker->setVisible(m_zeroCount > 0);
    for (QLegendMarker *marker : chart()->legend()->markers(m_mean))
        marker->setVisible(mean > 0.0);
}

} // namespace bitcliff
