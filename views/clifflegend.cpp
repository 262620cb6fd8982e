#include "clifflegend.h"

#include "chartstyle.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace bitcliff {

namespace {

constexpr int kSwatch = 26; // the line sample before each name
constexpr int kGap = 18; // between entries
constexpr int kPad = 4;

} // namespace

CliffLegend::CliffLegend(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setCursor(Qt::PointingHandCursor);
}

void CliffLegend::setMethods(const QStringList &methods)
{
    m_methods = methods;
    updateGeometry();
    update();
}

void CliffLegend::setMethodVisible(const QString &method, bool visible)
{
    if (visible == isMethodVisible(method))
        return;
    if (visible)
        m_hidden.remove(method);
    else
        m_hidden.insert(method);
    update();
    emit methodToggled(method, visible);
}

int CliffLegend::entryWidth(const QString &method) const
{
    return kSwatch + 6 + fontMetrics().horizontalAdvance(method);
}

QList<QRect> CliffLegend::layoutEntries(int width) const
{
    const int rowHeight = fontMetrics().height() + 2 * kPad;
    QList<QRect> rects;
    QList<QRect> row;
    int y = 0;
    int used = 0;
    const auto flush = [&] {
        int x = std::max(0, (width - used) / 2);
        for (QRect r : row) {
            r.moveLeft(x);
            x += r.width() + kGap;
            rects << r;
        }
        row.clear();
        used = 0;
        y += rowHeight;
    };
    for (const QString &method : m_methods) {
        const int w = entryWidth(method);
        if (!row.isEmpty() && used + kGap + w > width)
            flush();
        used += (row.isEmpty() ? 0 : kGap) + w;
        row << QRect(0, y, w, rowHeight);
    }
    if (!row.isEmpty())
        flush();
    return rects;
}

QRect CliffLegend::entryRect(const QString &method) const
{
    const qsizetype i = m_methods.indexOf(method);
    return i < 0 ? QRect() : layoutEntries(width()).value(i);
}

int CliffLegend::heightForWidth(int width) const
{
    const QList<QRect> rects = layoutEntries(width);
    return rects.isEmpty() ? 0 : rects.last().bottom() + 1;
}

QSize CliffLegend::sizeHint() const
{
    int w = 0;
    for (const QString &method : m_methods)
        w += entryWidth(method) + kGap;
    return QSize(w, heightForWidth(std::max(w, 1)));
}

QSize CliffLegend::minimumSizeHint() const
{
    return QSize(0, heightForWidth(std::max(width(), 200)));
}

void CliffLegend::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QList<QRect> rects = layoutEntries(width());
    for (qsizetype i = 0; i < rects.size(); ++i) {
        const QString &method = m_methods[i];
        const bool shown = isMethodVisible(method);
        const QColor color = shown ? ChartStyle::seriesColor(method) : QColor(0xc8, 0xc8, 0xc8);
        const QRect r = rects[i];
        const double cy = r.center().y() + 0.5;
        painter.setPen(QPen(color, 2.0));
        painter.drawLine(QPointF(r.left() + 1.0, cy), QPointF(r.left() + kSwatch - 1.0, cy));
        painter.setBrush(color);
        painter.setPen(QPen(color.darker(140), 1.0));
        painter.drawEllipse(QPointF(r.left() + kSwatch / 2.0, cy), 4.0, 4.0);
        painter.setPen(shown ? palette().color(QPalette::WindowText) : QColor(0xa0, 0xa0, 0xa0));
        painter.drawText(r.adjusted(kSwatch + 6, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, method);
    }
}

void CliffLegend::mouseReleaseEvent(QMouseEvent *event)
{
    const QList<QRect> rects = layoutEntries(width());
    for (qsizetype i = 0; i < rects.size(); ++i)
        if (rects[i].contains(event->position().toPoint())) {
            setMethodVisible(m_methods[i], !isMethodVisible(m_methods[i]));
            return;
        }
    QWidget::mouseReleaseEvent(event);
}

} // namespace bitcliff
