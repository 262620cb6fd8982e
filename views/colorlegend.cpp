#include "colorlegend.h"

#include "viewformat.h"

#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <QPalette>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace bitcliff {

namespace {

constexpr int kGap = 16; // between the plot and the bar
constexpr int kBarWidth = 14;
constexpr int kTick = 5;

} // namespace

ColorLegend::ColorLegend(Colormap::Kind map, double min, double minPositive, double max, bool log, QString title)
    : m_map(map)
    , m_min(min)
    , m_minPositive(minPositive)
    , m_max(max)
    , m_log(log && std::isfinite(minPositive) && max > minPositive)
    , m_title(std::move(title))
    , m_missingLabel(tr("missing"))
{ }

ColorLegend ColorLegend::diverging(double min, double max, double center, QString title)
{
    ColorLegend legend(Colormap::Kind::Diverging, min, std::nan(""), max, false, std::move(title));
    legend.m_diverging = true;
    legend.m_center = center;
    const double span = std::max(std::fabs(max - center), std::fabs(min - center));
    legend.m_halfSpan = std::isfinite(span) && span > 0.0 ? span : 1.0; // all at the centre: white
    return legend;
}

void ColorLegend::setMissingLabel(const QString &label)
{
    if (!label.isEmpty())
        m_missingLabel = label;
}

double ColorLegend::position(double value) const
{
    if (m_log) {
        if (!(value > 0.0))
            return 0.0;
        return (std::log(value) - std::log(m_minPositive)) / (std::log(m_max) - std::log(m_minPositive));
    }
    if (m_diverging)
        return 0.5 + 0.5 * (value - m_center) / m_halfSpan;
    if (isFlat()) // noise in the 7th digit must not span the whole colormap
        return 0.5;
    return (value - m_min) / (m_max - m_min);
}

QStringList ColorLegend::missingLines(const QFontMetrics &fm) const
{
    const QStringList words = m_missingLabel.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QStringList best { m_missingLabel };
    int bestWidth = fm.horizontalAdvance(m_missingLabel);
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString first = words.first(i).join(QLatin1Char(' '));
        const QString second = words.sliced(i).join(QLatin1Char(' '));
        const int width = std::max(fm.horizontalAdvance(first), fm.horizontalAdvance(second));
        if (width < bestWidth) {
            bestWidth = width;
            best = QStringList { first, second };
        }
    }
    return best;
}

void ColorLegend::setMarker(double value, const QString &label)
{
    m_marker = value;
    m_markerLabel = label;
}

bool ColorLegend::isFlat() const
{
    const double lo = low();
    const double hi = high();
    const double size = std::max(std::fabs(lo), std::fabs(hi));
    return !m_diverging && (!(hi > lo) || hi - lo <= 1e-6 * size);
}

// Enough significant digits that the low, middle and high labels differ (3 at least, 7 at most).
int ColorLegend::digits() const
{
    if (isFlat() || m_diverging)
        return 3;
    const double lo = low();
    const double hi = high();
    const double mid = m_log ? std::sqrt(lo * hi) : 0.5 * (lo + hi);
    for (int d = 3; d < 7; ++d) {
        const QString a = ViewFormat::value(lo, d);
        const QString b = ViewFormat::value(mid, d);
        const QString c = ViewFormat::value(hi, d);
        if (a != b && b != c)
            return d;
    }
    return 7;
}

QString ColorLegend::label(double value) const
{
    return ViewFormat::value(value, digits());
}

std::vector<std::pair<double, double>> ColorLegend::ticks(int barHeight, int lineHeight) const
{
    const double lo = low();
    const double hi = high();
    if (isFlat())
        return { { hi, 0.5 } };
    const double mid = m_diverging ? m_center : m_log ? std::sqrt(lo * hi) : 0.5 * (lo + hi);
    if (m_diverging && barHeight > 6 * lineHeight) // quarter ticks: -m/2 and +m/2
        return { { lo, 0.0 }, { 0.5 * (lo + mid), 0.25 }, { m_center, 0.5 }, { 0.5 * (mid + hi), 0.75 }, { hi, 1.0 } };
    return { { lo, 0.0 }, { mid, 0.5 }, { hi, 1.0 } };
}

QStringList ColorLegend::tickLabels(int barHeight, int lineHeight) const
{
    QStringList labels;
    for (const auto &tick : ticks(barHeight, lineHeight))
        labels << label(tick.first);
    return labels;
}

QString ColorLegend::title() const
{
    QString title = m_log ? tr("%1 (log)").arg(m_title) : m_title;
    if (isFlat())
        title = tr("%1 — flat: every cell %2").arg(title, ViewFormat::value(high(), 4));
    return title;
}

int ColorLegend::labelWidth(const QFontMetrics &fm) const
{
    int width = 0;
    for (const QString &line : missingLines(fm)) // beside the swatch
        width = std::max(width, fm.horizontalAdvance(line) - kBarWidth - kTick);
    if (!m_markerLabel.isEmpty() && std::isfinite(m_marker))
        width = std::max(width, fm.horizontalAdvance(m_markerLabel) * 11 / 10 + 2); // drawn bold
    if (m_diverging) {
        for (double v : { low(), 0.5 * (low() + m_center), m_center, high() })
            width = std::max(width, fm.horizontalAdvance(label(v)));
        return width;
    }
    const double geometric = std::sqrt(m_minPositive * m_max);
    for (double v : { m_min, m_minPositive, m_max, 0.5 * (m_min + m_max), geometric })
        if (std::isfinite(v))
            width = std::max(width, fm.horizontalAdvance(label(v)));
    return width;
}

int ColorLegend::width(const QFontMetrics &fm) const
{
    return kGap + kBarWidth + kTick + 3 + labelWidth(fm) + 8 + fm.height() + 6;
}

void ColorLegend::paint(QPainter &painter, const QRect &plot, const QRect &bounds, const QPalette &palette,
    bool showMissing, QRgb missingColor) const
{
    const QFontMetrics fm = painter.fontMetrics();
    const QRect bar(plot.right() + kGap, plot.top(), kBarWidth, plot.height());
    QImage gradient(1, Colormap::kSize, QImage::Format_RGB32);
    const auto &table = Colormap::get(m_map).table();
    for (int i = 0; i < Colormap::kSize; ++i)
        gradient.setPixel(0, Colormap::kSize - 1 - i, table[static_cast<size_t>(i)]); // high values on top
    painter.drawImage(bar, gradient);
    painter.save();
    painter.setPen(palette.color(QPalette::Mid));
    painter.drawRect(QRectF(bar).adjusted(-0.5, -0.5, 0.5, 0.5));
    painter.restore();

    const int textLeft = bar.right() + 1 + kTick + 3;
    const int textWidth = labelWidth(fm) + 4;
    // The marker (a threshold) first: tick labels it would collide with step aside.
    double markerY = std::nan("");
    if (std::isfinite(m_marker) && !isFlat()) {
        const double at = position(m_marker);
        if (at >= 0.0 && at <= 1.0) {
            markerY = bar.bottom() + 1 - at * bar.height();
            painter.save();
            painter.setPen(QPen(Qt::white, 3.0));
            painter.drawLine(QPointF(bar.left() - 4, markerY), QPointF(bar.right() + 1 + kTick, markerY));
            painter.setPen(QPen(palette.color(QPalette::Text), 1.5));
            painter.drawLine(QPointF(bar.left() - 4, markerY), QPointF(bar.right() + 1 + kTick, markerY));
            QFont bold = painter.font();
            bold.setBold(true);
            painter.setFont(bold);
            painter.drawText(QRect(textLeft, int(std::lround(markerY)) - fm.height() / 2, textWidth + 8, fm.height()),
                Qt::AlignLeft | Qt::AlignVCenter, m_markerLabel);
            painter.restore();
        }
    }
    for (const auto &[value, at] : ticks(bar.height(), fm.height())) {
        const double y = bar.bottom() + 1 - at * bar.height();
        painter.drawLine(QPointF(bar.right() + 1, y), QPointF(bar.right() + 1 + kTick, y));
        if (std::isfinite(markerY) && std::fabs(y - markerY) < fm.height())
            continue;
        painter.drawText(QRect(textLeft, int(std::lround(y)) - fm.height() / 2, textWidth, fm.height()),
            Qt::AlignLeft | Qt::AlignVCenter, label(value));
    }

    // The title runs along the bar; a longer one may use the widget's whole height (moved to
    // stay inside it) and is elided only beyond that.
    const QString title = this->title();
    const int room = std::max(bar.height(), bounds.height() - 8);
    const QString shown = fm.elidedText(title, Qt::ElideMiddle, room);
    const int length = std::min(room, fm.horizontalAdvance(shown) + 2);
    const double centre = std::clamp(double(bar.center().y()), bounds.top() + 4 + length / 2.0,
        std::max(bounds.top() + 4 + length / 2.0, bounds.bottom() - 4 - length / 2.0));
    painter.save();
    painter.translate(bounds.right() - 6 - fm.height() / 2.0, centre);
    painter.rotate(-90);
    painter.drawText(QRect(-length / 2, -fm.height() / 2, length, fm.height()), Qt::AlignCenter, shown);
    painter.restore();

    if (showMissing) {
        const QRect swatch(bar.left(), bar.bottom() + 10, kBarWidth, fm.height() - 4);
        painter.fillRect(swatch, QColor::fromRgb(missingColor));
        const QStringList lines = missingLines(fm);
        for (qsizetype i = 0; i < lines.size(); ++i)
            painter.drawText(QRect(swatch.right() + 5, swatch.top() - 2 + int(i) * fm.height(),
                                 bounds.right() - swatch.right() - 5, fm.height()),
                Qt::AlignLeft | Qt::AlignVCenter, lines[i]);
    }
}

} // namespace bitcliff
