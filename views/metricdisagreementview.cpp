#include "metricdisagreementview.h"

#include "chartstyle.h"
#include "viewformat.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace bitcliff {

namespace {

constexpr int kMargin = 8;
constexpr MetricDisagreementView::Metric kMetrics[] = { MetricDisagreementView::Metric::LnPplRatio,
    MetricDisagreementView::Metric::Kld, MetricDisagreementView::Metric::DeltaAccuracy };

QColor metricColor(MetricDisagreementView::Metric metric)
{
    switch (metric) {
    case MetricDisagreementView::Metric::LnPplRatio:
        return ChartStyle::paletteColor(0);
    case MetricDisagreementView::Metric::Kld:
        return ChartStyle::paletteColor(1);
    case MetricDisagreementView::Metric::DeltaAccuracy:
        return ChartStyle::paletteColor(3);
    }
    return ChartStyle::muted();
}

// How much worse than unquantized: lower accuracy is damage, higher PPL and KLD are.
double damage(MetricDisagreementView::Metric metric, double value)
{
    if (!std::isfinite(value))
        return qQNaN();
    return std::max(0.0, metric == MetricDisagreementView::Metric::DeltaAccuracy ? -value : value);
}

QString signedNumber(double value, int decimals)
{
    const QString text = QLocale().toString(value, 'f', decimals);
    return value > 0.0 ? QStringLiteral("+") + text : text;
}

} // namespace

MetricDisagreementView::MetricDisagreementView(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(true);
}

void MetricDisagreementView::setData(const MetricDisagreementData &data)
{
    m_data = data;
    for (int m = 0; m < 3; ++m) {
        m_worst[m] = 0.0;
        for (int l = 0; l < data.languages.size(); ++l)
            for (int s = 0; s < data.schemes.size(); ++s)
                if (const double d = damage(kMetrics[m], value(l, s, kMetrics[m])); std::isfinite(d))
                    m_worst[m] = std::max(m_worst[m], d);
    }
    updateGeometry();
    update();
}

QString MetricDisagreementView::metricLabel(Metric metric)
{
    switch (metric) {
    case Metric::LnPplRatio:
        return tr("\u0394 ln PPL");
    case Metric::Kld:
        return tr("KLD (nats)");
    case Metric::DeltaAccuracy:
        return tr("\u0394 accuracy (pp)", "pp: percentage points");
    }
    return {};
}

double MetricDisagreementView::value(int language, int scheme, Metric metric) const
{
    if (language < 0 || language >= m_data.cells.size() || scheme < 0 || scheme >= m_data.cells[language].size())
        return qQNaN();
    const MetricDisagreementCell &cell = m_data.cells[language][scheme];
    switch (metric) {
    case Metric::LnPplRatio:
        return cell.lnPplRatio;
    case Metric::Kld:
        return cell.kld;
    case Metric::DeltaAccuracy:
        return cell.deltaAccuracy;
    }
    return qQNaN();
}

QString MetricDisagreementView::cellText(int language, int scheme, Metric metric) const
{
    const double v = value(language, scheme, metric);
    if (!std::isfinite(v))
        return tr("n/a", "no value measured");
    switch (metric) {
    case Metric::LnPplRatio:
        return signedNumber(v, 3);
    case Metric::Kld:
        return ViewFormat::value(v, 3);
    case Metric::DeltaAccuracy:
        return signedNumber(v, 1);
    }
    return {};
}

double MetricDisagreementView::damageShare(int language, int scheme, Metric metric) const
{
    const double d = damage(metric, value(language, scheme, metric));
    const double worst = m_worst[int(metric)];
    if (!std::isfinite(d))
        return qQNaN();
    return worst > 0.0 ? d / worst : 0.0;
}

MetricDisagreementView::Geometry MetricDisagreementView::geometry() const
{
    Geometry g;
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics plain(font());
    const QFontMetrics strong(bold);
    const int line = plain.height();
    g.title = QRect(kMargin, kMargin, width() - 2 * kMargin, int(strong.height() * 1.4));
    g.note = QRect(kMargin, g.title.bottom() + 1, width() - 2 * kMargin, 2 * line + 2);
    int languageWidth = 0;
    for (const QString &language : m_data.languages)
        languageWidth = std::max(languageWidth, strong.horizontalAdvance(language));
    int metricWidth = 0;
    for (Metric metric : kMetrics)
        metricWidth = std::max(metricWidth, plain.horizontalAdvance(metricLabel(metric)));
    g.languageX = kMargin;
    g.metricX = kMargin + languageWidth + 14;
    g.gridX = g.metricX + metricWidth + 10;
    g.headerY = g.note.bottom() + 8;
    g.gridY = g.headerY + line + 8;
    const int schemes = std::max(1, int(m_data.schemes.size()));
    g.columnWidth = std::max(1, (width() - kMargin - g.gridX) / schemes);
    const int languages = int(m_data.languages.size());
    g.blockGap = line / 2;
    const int minRow = line + 8;
    const int rows = std::max(1, 3 * languages);
    const int available = height() - kMargin - g.gridY - std::max(0, languages - 1) * g.blockGap;
    g.rowHeight = std::clamp(available / rows, minRow, int(minRow * 1.6));
    return g;
}

QRect MetricDisagreementView::cellRect(int language, int scheme, Metric metric) const
{
    if (language < 0 || language >= m_data.languages.size() || scheme < 0 || scheme >= m_data.schemes.size())
        return {};
    const Geometry g = geometry();
    const int y = g.gridY + language * (3 * g.rowHeight + g.blockGap) + int(metric) * g.rowHeight;
    return QRect(g.gridX + scheme * g.columnWidth + 2, y + 1, g.columnWidth - 4, g.rowHeight - 2);
}

QSize MetricDisagreementView::minimumSizeHint() const
{
    const int line = fontMetrics().height();
    const int rows = 3 * int(m_data.languages.size());
    return QSize(300 + 64 * int(m_data.schemes.size()), 5 * line + 40 + rows * (line + 8));
}

QSize MetricDisagreementView::sizeHint() const
{
    const QSize minimum = minimumSizeHint();
    return QSize(std::max(minimum.width(), 300 + 110 * int(m_data.schemes.size())), minimum.height() * 5 / 4);
}

void MetricDisagreementView::paintCell(
    QPainter &painter, const QRect &rect, int language, int scheme, Metric metric) const
{
    painter.fillRect(rect, QColor(0xf5, 0xf5, 0xf5));
    const double share = damageShare(language, scheme, metric);
    const QString text = cellText(language, scheme, metric);
    if (!std::isfinite(share)) {
        QFont italic = font();
        italic.setItalic(true);
        painter.setFont(italic);
        painter.setPen(QColor(0x99, 0x99, 0x99));
        painter.drawText(rect, Qt::AlignCenter, text);
        painter.setFont(font());
        return;
    }
    QColor bar = metricColor(metric);
    bar.setAlphaF(0.45);
    painter.fillRect(QRectF(rect.left(), rect.top(), rect.width() * share, rect.height()), bar);
    painter.setPen(QColor(0x20, 0x20, 0x20));
    painter.drawText(rect.adjusted(4, 0, -6, 0), Qt::AlignRight | Qt::AlignVCenter, text);
}

void MetricDisagreementView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), Qt::white);
    const Geometry g = geometry();
    QFont bold = font();
    bold.setBold(true);
    QFont title = bold;
    title.setPointSizeF(std::max(title.pointSizeF(), 10.0) * 1.1);
    painter.setFont(title);
    painter.setPen(QColor(0x20, 0x20, 0x20));
    painter.drawText(g.title, Qt::AlignCenter, m_data.title);
    painter.setFont(font());
    painter.setPen(QColor(0x60, 0x60, 0x60));
    painter.drawText(g.note, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
        tr("\u0394: change from the unquantized model (pp: percentage points). Bars: each metric's damage as a "
           "share of its worst value in this table; longer is worse."));
    if (m_data.languages.isEmpty() || m_data.schemes.isEmpty())
        return;
    painter.setFont(bold);
    painter.setPen(QColor(0x20, 0x20, 0x20));
    for (int s = 0; s < m_data.schemes.size(); ++s)
        painter.drawText(QRect(g.gridX + s * g.columnWidth, g.headerY, g.columnWidth, g.gridY - g.headerY),
            Qt::AlignCenter, fontMetrics().elidedText(m_data.schemes[s], Qt::ElideRight, g.columnWidth - 4));
    for (int l = 0; l < m_data.languages.size(); ++l) {
        const int top = g.gridY + l * (3 * g.rowHeight + g.blockGap);
        if (l > 0) {
            painter.setPen(QColor(0xd0, 0xd0, 0xd0));
            const int y = top - g.blockGap / 2;
            painter.drawLine(kMargin, y, width() - kMargin, y);
        }
        painter.setFont(bold);
        painter.setPen(QColor(0x20, 0x20, 0x20));
        painter.drawText(QRect(g.languageX, top, g.metricX - g.languageX, 3 * g.rowHeight),
            Qt::AlignLeft | Qt::AlignVCenter, m_data.languages[l]);
        painter.setFont(font());
        for (Metric metric : kMetrics) {
            painter.setPen(metricColor(metric).darker(150));
            painter.drawText(QRect(g.metricX, top + int(metric) * g.rowHeight, g.gridX - g.metricX - 8, g.rowHeight),
                Qt::AlignRight | Qt::AlignVCenter, metricLabel(metric));
            for (int s = 0; s < m_data.schemes.size(); ++s)
                paintCell(painter, cellRect(l, s, metric), l, s, metric);
        }
    }
}

bool MetricDisagreementView::event(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        update(); // the labels and the note are translated as they are painted
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    for (int l = 0; l < m_data.languages.size(); ++l)
        for (int s = 0; s < m_data.schemes.size(); ++s)
            for (Metric metric : kMetrics) {
                if (!cellRect(l, s, metric).contains(help->pos()))
                    continue;
                QString text
                    = tr("%1, %2\n%3: %4", "language, scheme, metric: value")
                          .arg(m_data.languages[l], m_data.schemes[s], metricLabel(metric), cellText(l, s, metric));
                if (const double share = damageShare(l, s, metric); std::isfinite(share))
                    text += QLatin1Char('\n')
                        + tr("%1% of the worst damage by this metric in the table")
                              .arg(QLocale().toString(share * 100.0, 'f', 0));
                QToolTip::showText(help->globalPos(), text, this);
                return true;
            }
    QToolTip::hideText();
    event->ignore();
    return true;
}

} // namespace bitcliff
