#include "chartaxes.h"

#include "chartstyle.h"

#include <QAbstractSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QLogValueAxis>
#include <QValueAxis>

#include <cmath>

namespace bitcliff {

ChartAxes::ChartAxes(QChart *chart, bool labelledX)
    : m_chart(chart)
    , m_labelledX(labelledX)
    , m_x(labelledX ? new QCategoryAxis(chart) : new QValueAxis(chart))
    , m_yLinear(new QValueAxis(chart))
    , m_yLog(new QLogValueAxis(chart))
{
    m_yLog->setBase(10.0);
    m_yLog->setLabelFormat(QStringLiteral("%g"));
    m_yLog->setMinorTickCount(-1); // 2..9 between decades
    m_yLinear->setLabelFormat(QStringLiteral("%.3g"));
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_yLog, Qt::AlignLeft);
    chart->addAxis(m_yLinear, Qt::AlignLeft);
    for (QAbstractAxis *axis : { static_cast<QAbstractAxis *>(m_x), static_cast<QAbstractAxis *>(m_yLinear),
             static_cast<QAbstractAxis *>(m_yLog) })
        ChartStyle::styleAxis(axis);
    m_yLinear->setVisible(false);
    if (auto *categories = qobject_cast<QCategoryAxis *>(m_x))
        categories->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
}

void ChartAxes::setXTicks(double lo, double hi, int count)
{
    auto *axis = qobject_cast<QCategoryAxis *>(m_x);
    if (!axis || !(hi > lo))
        return;
    for (const QString &label : axis->categoriesLabels())
        axis->remove(label);
    const double step = ChartStyle::niceStep((hi - lo) / std::max(count, 1));
    // Whole multiples of the step: k = 0 is exactly 0.
    const auto first = static_cast<long long>(std::ceil(lo / step - 1e-9));
    const auto last = static_cast<long long>(std::floor(hi / step + 1e-9));
    axis->setStartValue(std::min(lo, double(first) * step) - 1e-9 * (hi - lo));
    for (long long k = first; k <= last; ++k) {
        const double value = double(k) * step;
        axis->append(k == 0 ? QStringLiteral("0") : QString::number(value, 'g', 3), value);
    }
    axis->setRange(lo, hi);
}

QAbstractAxis *ChartAxes::y() const
{
    return m_log ? static_cast<QAbstractAxis *>(m_yLog) : static_cast<QAbstractAxis *>(m_yLinear);
}

void ChartAxes::attach(QAbstractSeries *series)
{
    series->attachAxis(m_x);
    series->attachAxis(y());
}

void ChartAxes::setLogScale(bool log)
{
    if (log == m_log)
        return;
    QAbstractAxis *from = y();
    m_log = log;
    QAbstractAxis *to = y();
    for (QAbstractSeries *series : m_chart->series()) {
        series->detachAxis(from);
        series->attachAxis(to);
    }
    from->setVisible(false);
    to->setVisible(true);
}

void ChartAxes::setLinearRange(double max)
{
    const double top = max > 0.0 ? max * 1.05 : 1.0;
    m_yLinear->setRange(0.0, top);
    ChartStyle::setNiceTicks(m_yLinear, top, 6);
}

void ChartAxes::setLogRange(double lo, double hi)
{
    if (!(lo > 0.0) || !(hi > lo)) {
        m_yLog->setRange(0.1, 10.0);
        return;
    }
    double a = lo / 1.25;
    double b = hi * 1.5;
    if (std::floor(std::log10(b)) < std::ceil(std::log10(a))) {
        a = std::pow(10.0, std::floor(std::log10(a)));
        b = std::pow(10.0, std::ceil(std::log10(b)));
    }
    m_yLog->setRange(a, b);
}

} // namespace bitcliff
