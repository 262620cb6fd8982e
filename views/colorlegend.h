#pragma once
// The vertical color bar beside a heatmap: the colormap, ticks at the minimum, middle and
// maximum (geometric middle on a log scale), and the value's name, rotated. A diverging
// legend spans [center - m, center + m], m the largest distance of any value from the
// centre, so the centre is always white and equal distances get equally strong colors.
// Tick labels get as many digits as it takes to tell them apart (23.12 / 23.15 / 23.17, never
// 23.1 / 23.1 / 23.1); a range too flat for that has one tick and says it is flat.
#include "colormap.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <cmath>
#include <utility>
#include <vector>

class QFontMetrics;
class QPainter;
class QPalette;
class QRect;

namespace bitcliff {

class ColorLegend
{
    Q_DECLARE_TR_FUNCTIONS(ColorLegend)

public:
    // minPositive: the smallest value > 0, the bottom of a log scale (NaN when none).
    ColorLegend(Colormap::Kind map, double min, double minPositive, double max, bool log, QString title);
    // Linear, with Colormap::Kind::Diverging, symmetric around `center`.
    static ColorLegend diverging(double min, double max, double center, QString title);

    // What the "missing" swatch says (wrapped onto two lines when long); default "missing".
    void setMissingLabel(const QString &label);
    // A value marked across the bar (a threshold), labelled beside it; NaN: none.
    void setMarker(double value, const QString &label);
    // Every value is (nearly) the same: one tick, and the title says so.
    bool isFlat() const;
    // The labels of the ticks drawn (low to high) and the title along the bar.
    QStringList tickLabels(int barHeight = 0, int lineHeight = 1) const;
    QString title() const;
    bool isDiverging() const { return m_diverging; }

    // A log scale needs positive values to span.
    bool isLog() const { return m_log; }
    double low() const { return m_diverging ? m_center - m_halfSpan : m_log ? m_minPositive : m_min; }
    double high() const { return m_diverging ? m_center + m_halfSpan : m_max; }
    // Where `value` falls on the scale, in [0, 1].
    double position(double value) const;

    // Width to keep right of the plot; the same for both scales, so toggling log never
    // moves the plot.
    int width(const QFontMetrics &fm) const;
    // `plot` is the matrix's rectangle; the legend is drawn to its right, within `bounds`.
    void paint(QPainter &painter, const QRect &plot, const QRect &bounds, const QPalette &palette, bool showMissing,
        QRgb missingColor) const;

private:
    int labelWidth(const QFontMetrics &fm) const;
    QString label(double value) const;
    // (value, height on the bar in [0, 1]) of each tick.
    std::vector<std::pair<double, double>> ticks(int barHeight, int lineHeight) const;
    int digits() const;
    // The missing label in at most two lines, split where the wider line is narrowest.
    QStringList missingLines(const QFontMetrics &fm) const;

    Colormap::Kind m_map;
    double m_min;
    double m_minPositive;
    double m_max;
    bool m_log;
    QString m_title;
    QString m_missingLabel;
    bool m_diverging = false;
    double m_center = 0.0;
    double m_halfSpan = 0.0;
    double m_marker = std::nan("");
    QString m_markerLabel;
};

} // namespace bitcliff
