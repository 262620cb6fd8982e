#include "histogramchartview.h"

#include "chartaxes.h"
#include "chartstyle.h"
#include "viewformat.h"

#include <QAreaSeries>
#include <QChart>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace bitcliff {

namespace {

constexpr int kCurvePoints = 401;
constexpr double kLogFloor = 0.2; // empty bins sit here, so a bin of 1 still stands out

} // namespace

HistogramChartView::HistogramChartView(QWidget *parent)
    : QChartView(parent)
{
    auto *chart = new QChart;
    ChartStyle::apply(chart);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    m_axes = std::make_unique<ChartAxes>(chart, true);

    m_area = new QAreaSeries(chart);
    m_upper = new QLineSeries(m_area);
    m_lower = new QLineSeries(m_area);
    m_area->setUpperSeries(m_upper);
    m_area->setLowerSeries(m_lower);
    m_gaussian = new QLineSeries(chart);
    chart->addSeries(m_area);
    chart->addSeries(m_gaussian);
    m_axes->attach(m_area);
    m_axes->attach(m_gaussian);
    // Styled after addSeries, which applies the theme's colors.
    QColor fill = ChartStyle::primary();
    fill.setAlphaF(0.45f);
    m_area->setBrush(fill);
    m_area->setPen(QPen(ChartStyle::primary(), 1.2));
    m_gaussian->setPen(QPen(ChartStyle::reference(), 1.8, Qt::DashLine));
    for (QLegendMarker *marker : chart->legend()->markers(m_area)) {
        marker->setShape(QLegend::MarkerShapeRectangle); // a filled swatch, not an empty box
        marker->setBrush(fill);
    }
    rebuild();
}

HistogramChartView::~HistogramChartView() = default;

// Titles, axis titles and legend names are translated: build them again in the new language.
void HistogramChartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        rebuild();
    QChartView::changeEvent(event);
}

void HistogramChartView::setStats(std::shared_ptr<const TensorStats> stats)
{
    m_stats = std::move(stats);
    rebuild();
}

void HistogramChartView::setBinCount(int bins)
{
    m_bins = std::max(bins, 1);
    rebuild();
}

void HistogramChartView::setLogScale(bool log)
{
    m_logScale = log;
    rebuild();
}

void HistogramChartView::setEmptyTitle(const QString &title)
{
    m_emptyTitle = title;
    rebuild();
}

void HistogramChartView::rebuild()
{
    const bool have = m_stats && m_stats->computed;
    if (!have && !m_emptyTitle.isEmpty())
        chart()->setTitle(m_emptyTitle);
    else
        chart()->setTitle(m_stats ? QString::fromStdString(m_stats->name) : tr("No tensor selected"));
    chart()->legend()->setVisible(have); // no legend for series that are not drawn
    const double absmax = have && m_stats->absmax > 0.0 ? m_stats->absmax : 1.0;
    const double lo = -absmax;
    const double hi = absmax;
    // Re-binning the bf16 buckets is cheap; the pass over the weights happened in core.
    m_counts = have ? m_stats->histogram.linearBins(lo, hi, m_bins) : std::vector<double>();
    const double width = (hi - lo) / m_bins;
    const double floor = m_logScale ? kLogFloor : 0.0;

    double total = 0.0;
    double peak = 0.0;
    QList<QPointF> steps;
    steps.reserve(static_cast<qsizetype>(2 * m_counts.size()));
    for (size_t i = 0; i < m_counts.size(); ++i) {
        const double c = m_counts[i];
        total += c;
        peak = std::max(peak, c);
        const double y = std::max(c, floor); // empty bins rest on the log axis floor
        const double x0 = lo + double(i) * width;
        steps.append(QPointF(x0, y));
        steps.append(QPointF(x0 + width, y));
    }

    // N * binWidth * pdf: the counts a Gaussian of the same mean and std would give. On a
    // log axis the curve stops exactly at the floor: SVG export does not clip (Qt 6.4).
    QList<QPointF> curve;
    if (have && m_stats->std > 0.0 && total > 0.0) {
        const double mean = m_stats->mean;
        const double std = m_stats->std;
        const double scale = total * width / (std * std::sqrt(2.0 * std::numbers::pi));
        double from = lo;
        double to = hi;
        if (m_logScale) {
            const double reach = scale > floor ? std * std::sqrt(2.0 * std::log(scale / floor)) : 0.0;
            from = std::max(lo, mean - reach);
            to = std::min(hi, mean + reach);
        }
        for (int i = 0; i < kCurvePoints && to > from; ++i) {
            const double x = from + (to - from) * i / (kCurvePoints - 1);
            const double z = (x - mean) / std;
            curve.append(QPointF(x, std::max(scale * std::exp(-0.5 * z * z), floor)));
        }
    }

    m_upper->clear();
    m_lower->clear();
    m_gaussian->clear();
    m_axes->setLogScale(m_logScale);
    m_axes->setXTicks(lo, hi, 8);
    m_axes->x()->setTitleText(tr("weight value"));
    peak = std::max(peak, 1.0);
    if (m_logScale) {
        // The floor is fixed so that one count still shows as a step above it.
        m_axes->yLog()->setRange(kLogFloor, std::pow(10.0, std::ceil(std::log10(peak * 1.5))));
        m_axes->yLog()->setTitleText(tr("count (log scale)"));
    } else {
        m_axes->setLinearRange(peak);
        m_axes->yLinear()->setTitleText(tr("count"));
    }
    m_upper->replace(steps);
    m_lower->replace({ QPointF(lo, floor), QPointF(hi, floor) });
    m_gaussian->replace(curve);

    // Short names: the legend elides what does not fit beside the other entry.
    m_area->setName(
        have ? tr("weights, kurtosis %1").arg(QLocale().toString(m_stats->kurtosis, 'f', 1)) : tr("weights"));
    m_gaussian->setName(tr("Gaussian, same mean and std"));
}

} // namespace bitcliff
