#include "losscurveview.h"

#include "chartstyle.h"

#include <QChart>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace bitcliff {

namespace {

// Enough decimals that neighbouring ticks `step` apart never read the same.
QString labelFormat(double step)
{
    const int decimals = step > 0 ? std::clamp(int(std::ceil(-std::log10(step) - 1e-9)), 0, 6) : 2;
    return QStringLiteral("%.%1f").arg(decimals);
}

} // namespace

LossCurveView::LossCurveView(QWidget *parent)
    : QChartView(parent)
    , m_x(new QValueAxis)
    , m_y(new QValueAxis)
{
    auto *chart = new QChart;
    ChartStyle::apply(chart);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    m_train = new QLineSeries(chart);
    m_smoothed = new QLineSeries(chart);
    m_heldOut = new QLineSeries(chart);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractAxis *axis : { static_cast<QAbstractAxis *>(m_x), static_cast<QAbstractAxis *>(m_y) })
        ChartStyle::styleAxis(axis);
    for (QLineSeries *series : { m_train, m_smoothed, m_heldOut }) {
        chart->addSeries(series);
        series->attachAxis(m_x);
        series->attachAxis(m_y);
    }
    // Styled after addSeries, which applies the theme's colours.
    m_smoothed->setPen(QPen(ChartStyle::primary(), 2.0));
    m_heldOut->setPen(QPen(ChartStyle::threshold(), 2.0));
    m_heldOut->setPointsVisible(true);
    m_heldOut->setMarkerSize(7.0);
    rebuild();
}

// Titles, axis titles and legend names are translated: build them again in the new language.
void LossCurveView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QChartView::changeEvent(event);
}

void LossCurveView::setData(std::shared_ptr<const LossCurveData> data)
{
    m_data = std::move(data);
    rebuild();
}

void LossCurveView::showInLegend(QLineSeries *series, bool shown)
{
    for (QLegendMarker *marker : chart()->legend()->markers(series))
        marker->setVisible(shown);
}

void LossCurveView::retranslate()
{
    const int span = lossSmoothingSpan(m_data ? int64_t(m_data->trainLoss.size()) : 0);
    chart()->setTitle(tr("Training loss"));
    m_x->setTitleText(tr("step"));
    m_y->setTitleText(tr("loss (nats/token)"));
    m_train->setName(span > 1 ? tr("training loss per step") : tr("training loss"));
    m_smoothed->setName(tr("training loss, smoothed over %n step(s)", nullptr, span));
    m_heldOut->setName(tr("held-out loss"));
}

void LossCurveView::rebuild()
{
    static const LossCurveData empty;
    const LossCurveData &data = m_data ? *m_data : empty;
    const int span = lossSmoothingSpan(int64_t(data.trainLoss.size()));
    const bool smoothing = span > 1;
    // The raw loss is noisy: light under the smoothed line when there is one.
    QColor raw = ChartStyle::primary();
    if (smoothing)
        raw.setAlphaF(0.35f);
    m_train->setPen(QPen(raw, smoothing ? 1.0 : 2.0));

    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    QList<QPointF> train;
    train.reserve(qsizetype(data.trainLoss.size()));
    for (size_t i = 0; i < data.trainLoss.size(); ++i) {
        train.append(QPointF(double(i + 1), data.trainLoss[i]));
        lo = std::min(lo, data.trainLoss[i]);
        hi = std::max(hi, data.trainLoss[i]);
    }
    QList<QPointF> smoothed;
    if (smoothing) {
        const std::vector<double> values = smoothedLoss(data.trainLoss, span);
        for (size_t i = 0; i < values.size(); ++i)
            smoothed.append(QPointF(double(i + 1), values[i]));
    }
    QList<QPointF> heldOut;
    for (const HeldOutPoint &point : data.heldOut) {
        heldOut.append(QPointF(double(point.step), point.loss));
        lo = std::min(lo, point.loss);
        hi = std::max(hi, point.loss);
    }
    m_train->replace(train);
    m_smoothed->replace(smoothed);
    m_heldOut->replace(heldOut);
    showInLegend(m_train, !train.isEmpty());
    showInLegend(m_smoothed, !smoothed.isEmpty());
    showInLegend(m_heldOut, !heldOut.isEmpty());
    chart()->legend()->setVisible(!train.isEmpty());

    // The steps done so far (at least ten, or the whole run when shorter): the curve fills the
    // chart however long the run is; the progress bar says how far it has come.
    const int64_t least = data.steps > 0 ? std::min<int64_t>(data.steps, 10) : 10;
    const double lastStep = double(std::max<int64_t>(int64_t(data.trainLoss.size()), least));
    m_x->setRange(0.0, lastStep);
    ChartStyle::setNiceTicks(m_x, lastStep, 8, 1.0);
    m_x->setLabelFormat(QStringLiteral("%.0f"));
    if (!(lo <= hi)) { // nothing yet
        lo = 0.0;
        hi = 1.0;
    }
    // A little room above and below; a flat curve still gets a span to sit in.
    const double pad = std::max((hi - lo) * 0.06, std::max(std::abs(hi), 1.0) * 0.01);
    const double bottom = std::max(0.0, lo - pad);
    const double top = hi + pad;
    m_y->setRange(bottom, top);
    ChartStyle::setNiceTicks(m_y, top - bottom, 6);
    m_y->setLabelFormat(labelFormat(m_y->tickInterval()));
    retranslate();
}

} // namespace bitcliff
