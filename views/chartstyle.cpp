#include "chartstyle.h"

#include <QChart>
#include <QGraphicsLayout>
#include <QHash>
#include <QLegend>
#include <QValueAxis>

#include <cmath>

namespace bitcliff {

void ChartStyle::apply(QChart *chart)
{
    chart->setTheme(QChart::ChartThemeLight);
    chart->setAnimationOptions(QChart::NoAnimation); // data changes must show at once
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 8, 4));
    chart->layout()->setContentsMargins(0, 0, 0, 0); // no grey frame around the plot in exports
    QFont title = chart->titleFont();
    title.setBold(true);
    title.setPointSizeF(std::max(title.pointSizeF(), 10.0) * 1.1);
    chart->setTitleFont(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries); // dashed lines look dashed
    chart->legend()->setShowToolTips(true); // a label cut short in a narrow chart shows in full
}

void ChartStyle::styleAxis(QAbstractAxis *axis)
{
    QFont font = axis->titleFont();
    font.setBold(false);
    axis->setTitleFont(font);
    axis->setGridLineColor(QColor(0xe3, 0xe3, 0xe3));
    axis->setMinorGridLineColor(QColor(0xf2, 0xf2, 0xf2));
}

QColor ChartStyle::paletteColor(int index)
{
    static const QColor colors[] = { QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
        QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2),
        QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf) };
    return colors[((index % 10) + 10) % 10];
}

QColor ChartStyle::seriesColor(const QString &name)
{
    // Charts are built on the GUI thread only (and by the headless exporters, also one thread).
    static QHash<QString, int> assigned;
    // "q4_k · 5.28 bpw": the scheme before the dot keys the colour, so the same scheme keeps
    // its colour on models where it stores a different number of bits.
    const QString key = name.section(QStringLiteral(" \u00b7 "), 0, 0);
    const auto it = assigned.constFind(key);
    if (it != assigned.constEnd())
        return paletteColor(*it);
    const int index = int(assigned.size());
    assigned.insert(key, index);
    return paletteColor(index);
}

double ChartStyle::niceStep(double raw)
{
    if (!(raw > 0.0) || !std::isfinite(raw))
        return 1.0;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : { 1.0, 2.0, 5.0 })
        if (m * power >= raw * (1.0 - 1e-9))
            return m * power;
    return 10.0 * power;
}

void ChartStyle::setNiceTicks(QValueAxis *axis, double span, int count, double minStep)
{
    // The interval before the type: dynamic ticks under a stale interval can be millions.
    axis->setTickAnchor(0.0);
    axis->setTickInterval(std::max(niceStep(span / std::max(count, 1)), minStep));
    axis->setMinorTickCount(0);
    axis->setTickType(QValueAxis::TicksDynamic);
}

} // namespace bitcliff
