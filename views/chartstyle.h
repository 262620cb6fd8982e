#pragma once
// One look for every Qt Charts view (and the exported report figures): light theme, no
// animation, legend below, matplotlib's tab10 colors for the roles a series plays.
#include <QColor>
#include <QString>

class QAbstractAxis;
class QChart;
class QValueAxis;

namespace bitcliff {

class ChartStyle
{
public:
    static void apply(QChart *chart);
    static void styleAxis(QAbstractAxis *axis);
    // The smallest 1, 2 or 5 x 10^k >= raw.
    static double niceStep(double raw);
    // Ticks anchored at 0, every niceStep(span / count) (at least `minStep`).
    static void setNiceTicks(QValueAxis *axis, double span, int count = 8, double minStep = 0.0);

    static QColor primary() { return QColor(0x1f, 0x77, 0xb4); } // the data
    static QColor reference() { return QColor(0x2b, 0x2b, 0x2b); } // a model curve (Gaussian)
    static QColor muted() { return QColor(0x7f, 0x7f, 0x7f); } // medians, guides
    static QColor threshold() { return QColor(0xff, 0x7f, 0x0e); } // limits
    static QColor highlight() { return QColor(0xd6, 0x27, 0x28); } // outliers

    // One color per series name (a scheme such as "q8_0", "unquantized") for the whole
    // session: the first name asked for gets tab10's first color, the next the second...,
    // and a name keeps its color in every chart and legend, whatever else a chart shows.
    static QColor seriesColor(const QString &name);
    // matplotlib tab10, the house palette for series.
    static QColor paletteColor(int index);
};

} // namespace bitcliff
