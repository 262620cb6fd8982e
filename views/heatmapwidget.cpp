#include "heatmapwidget.h"

#include "chartstyle.h"
#include "heatmappyramid.h"
#include "viewformat.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace bitcliff {

namespace {

constexpr int kTick = 5;
constexpr int kNameGap = 8; // between named column labels (24 between numbers)
constexpr double kMaxCellPixels = 32.0; // zoom stops when a cell is this wide or tall
constexpr QRgb kMissingColor = 0xffd9d9d9;
constexpr QRgb kMissingDivergingColor = 0xff8c8c8c; // light grey would pass for the white centre

// Tick spacing in cells: 1, 2 or 5 x 10^k, never below one cell.
double niceStep(double cells)
{
    return std::max(1.0, ChartStyle::niceStep(cells));
}

QFont titleFont(QFont font)
{
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    return font;
}

} // namespace

HeatmapWidget::HeatmapWidget(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::WheelFocus);
    setCursor(Qt::OpenHandCursor);
}

HeatmapWidget::~HeatmapWidget() = default;

void HeatmapWidget::setData(std::shared_ptr<const HeatmapData> data)
{
    setPyramid(data && data->isValid() ? std::make_shared<const HeatmapPyramid>(std::move(data)) : nullptr);
}

void HeatmapWidget::setPyramid(std::shared_ptr<const HeatmapPyramid> pyramid)
{
    m_pyramid = pyramid && pyramid->isValid() ? std::move(pyramid) : nullptr;
    m_data = m_pyramid ? m_pyramid->sharedData() : nullptr;
    measureLabels();
    m_imageKey.clear();
    m_region = {};
    resetView();
    update();
}

void HeatmapWidget::measureLabels()
{
    m_rowLabelWidth = 0;
    m_colLabelWidth = 0;
    if (!m_pyramid)
        return;
    // Labels are short (layer numbers, roles); measuring a few thousand is enough.
    const QFontMetrics fm = fontMetrics();
    const int rows = m_data->rows;
    for (int r = 0; r < std::min(rows, 4096); ++r)
        m_rowLabelWidth = std::max(m_rowLabelWidth, fm.horizontalAdvance(m_data->rowName(r)));
    m_rowLabelWidth = std::max(m_rowLabelWidth, fm.horizontalAdvance(m_data->rowName(rows - 1)));
    const int cols = m_data->cols;
    for (int c = 0; c < std::min(cols, m_data->colNames.isEmpty() ? 0 : 4096); ++c)
        m_colLabelWidth = std::max(m_colLabelWidth, fm.horizontalAdvance(m_data->colName(c)));
    m_colLabelWidth = std::max(m_colLabelWidth, fm.horizontalAdvance(m_data->colName(cols - 1)));
}

void HeatmapWidget::setLogScale(bool log)
{
    if (m_logScale == log)
        return;
    m_logScale = log;
    update();
}

void HeatmapWidget::setColormap(Colormap::Kind kind)
{
    m_colormap = kind;
    update();
}

void HeatmapWidget::resetView()
{
    if (m_pyramid)
        setVisibleRegion(QRectF(0, 0, m_data->cols, m_data->rows));
}

void HeatmapWidget::setVisibleRegion(const QRectF &region)
{
    if (!m_pyramid || !region.isValid())
        return;
    const double cols = m_data->cols;
    const double rows = m_data->rows;
    const QRect plot = plotRect();
    const double minW = std::min(cols, std::max(1.0, plot.width() / kMaxCellPixels));
    const double minH = std::min(rows, std::max(1.0, plot.height() / kMaxCellPixels));
    const double w = std::clamp(region.width(), minW, cols);
    const double h = std::clamp(region.height(), minH, rows);
    const QRectF clamped(std::clamp(region.x(), 0.0, cols - w), std::clamp(region.y(), 0.0, rows - h), w, h);
    if (clamped == m_region)
        return;
    m_region = clamped;
    update();
    emit visibleRegionChanged(m_region);
}

void HeatmapWidget::zoomAt(const QPointF &pos, double factor, Qt::Orientations axes)
{
    const QRectF plot = plotRect();
    if (!m_pyramid || plot.isEmpty() || !(factor > 0.0))
        return;
    // Fractions of the plot under the anchor stay under it.
    const double fx = std::clamp((pos.x() - plot.left()) / plot.width(), 0.0, 1.0);
    const double fy = std::clamp((pos.y() - plot.top()) / plot.height(), 0.0, 1.0);
    QRectF r = m_region;
    const double w = axes & Qt::Horizontal ? r.width() / factor : r.width();
    const double h = axes & Qt::Vertical ? r.height() / factor : r.height();
    r = QRectF(r.x() + fx * (r.width() - w), r.y() + fy * (r.height() - h), w, h);
    setVisibleRegion(r);
}

void HeatmapWidget::zoomBy(double factor)
{
    zoomAt(QRectF(plotRect()).center(), factor);
}

QRect HeatmapWidget::plotRect() const
{
    const QFontMetrics fm = fontMetrics();
    const int lh = fm.height();
    const bool hasTitle = m_data && !m_data->title.isEmpty();
    const int top = 8 + (hasTitle ? QFontMetrics(titleFont(font())).height() + 8 : lh / 2);
    const int left = 6 + lh + 6 + m_rowLabelWidth + kTick + 3;
    const int right = m_pyramid ? legend().width(fm) : 8;
    const int bottom = kTick + 3 + lh + 4 + lh + 8 + (staggeredColumns(width() - left - right) ? lh : 0);
    return rect().adjusted(left, top, -right, -bottom);
}

bool HeatmapWidget::staggeredColumns(int plotWidth) const
{
    if (!m_data || m_data->colNames.isEmpty() || plotWidth <= 0)
        return false;
    const double perCell = double(plotWidth) / m_data->cols;
    const double needed = m_colLabelWidth + kNameGap;
    return needed > perCell && needed <= 2.0 * perCell;
}

QSize HeatmapWidget::sizeHint() const
{
    return { 860, 380 };
}
QSize HeatmapWidget::minimumSizeHint() const
{
    return { 280, 160 };
}

ColorLegend HeatmapWidget::legend() const
{
    // A scale fixed by the data (shared with a neighbouring map) wins over the data's range.
    const auto pick = [](double fixed, double own) {
        return std::isnan(fixed) ? own : fixed;
    };
    const double lo = pick(m_data->scaleMin, m_pyramid->minValue());
    const double hi = pick(m_data->scaleMax, m_pyramid->maxValue());
    ColorLegend legend = m_data->diverging
        ? ColorLegend::diverging(lo, hi, m_data->center, m_data->valueLabel)
        : ColorLegend(m_colormap, lo, pick(m_data->scaleMinPositive, m_pyramid->minPositive()), hi, m_logScale,
            m_data->valueLabel);
    legend.setMissingLabel(m_data->missingLabel);
    legend.setMarker(m_data->marker, m_data->markerLabel);
    return legend;
}

std::optional<ColorLegend> HeatmapWidget::colorLegend() const
{
    if (!m_pyramid)
        return std::nullopt;
    return legend();
}

QRgb HeatmapWidget::missingColor() const
{
    return m_data && m_data->diverging ? kMissingDivergingColor : kMissingColor;
}

void HeatmapWidget::updateImage(const QRect &plot, qreal dpr)
{
    const QSize pixels = (QSizeF(plot.size()) * dpr).toSize();
    const QString key = QStringLiteral("%1 %2 %3 %4 %5x%6 %7 %8")
                            .arg(m_region.x())
                            .arg(m_region.y())
                            .arg(m_region.width())
                            .arg(m_region.height())
                            .arg(pixels.width())
                            .arg(pixels.height())
                            .arg(int(m_logScale))
                            .arg(int(m_colormap));
    if (key == m_imageKey)
        return;
    m_imageKey = key;
    const std::vector<float> pooled = m_pyramid->pool(m_region, pixels);
    const ColorLegend scale = legend();
    const Colormap &map = Colormap::get(scale.isDiverging() ? Colormap::Kind::Diverging : m_colormap);
    const QRgb missing = missingColor();
    m_image = QImage(pixels, QImage::Format_RGB32);
    for (int y = 0; y < pixels.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(m_image.scanLine(y));
        const float *in = pooled.data() + static_cast<size_t>(y) * static_cast<size_t>(pixels.width());
        for (int x = 0; x < pixels.width(); ++x)
            line[x] = std::isnan(in[x]) ? missing : map.map(scale.position(in[x]));
    }
    m_image.setDevicePixelRatio(dpr);
}

void HeatmapWidget::setEmptyText(const QString &text)
{
    m_emptyText = text;
    update();
}

QString HeatmapWidget::emptyText() const
{
    return m_emptyText.isEmpty() ? tr("No data") : m_emptyText;
}

void HeatmapWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    painter.setPen(palette().color(QPalette::Text));
    if (!m_pyramid) {
        painter.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, emptyText());
        return;
    }
    const QRect plot = plotRect();
    if (plot.width() < 4 || plot.height() < 4)
        return;
    updateImage(plot, painter.device()->devicePixelRatio());
    painter.drawImage(QRectF(plot), m_image);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(QRectF(plot).adjusted(-0.5, -0.5, 0.5, 0.5));

    painter.setPen(palette().color(QPalette::Text));
    if (!m_data->title.isEmpty()) {
        painter.save();
        painter.setFont(titleFont(font()));
        // Centred over the whole widget, and elided rather than clipped when too long.
        const QRect titleRect(4, 6, width() - 8, plot.top() - 10);
        painter.drawText(titleRect, Qt::AlignCenter,
            painter.fontMetrics().elidedText(m_data->title, Qt::ElideRight, titleRect.width()));
        painter.restore();
    }
    paintColumnAxis(painter, plot);
    paintRowAxis(painter, plot);
    legend().paint(painter, plot, rect(), palette(), m_pyramid->hasMissing(), missingColor());
}

void HeatmapWidget::paintColumnAxis(QPainter &painter, const QRect &plot) const
{
    const QFontMetrics fm = fontMetrics();
    const double perCell = plot.width() / m_region.width();
    // Every named column when the names fit under their cells (a few roles), on two
    // alternating lines when they only fit that way; else round steps.
    const bool named = !m_data->colNames.isEmpty();
    const double needed = m_colLabelWidth + (named ? kNameGap : 24.0);
    const bool twoLines = staggeredColumns(plot.width()); // the room is reserved below the plot
    const bool stagger = twoLines && needed > perCell && needed <= 2.0 * perCell;
    const double step = named && (needed <= perCell || stagger) ? 1.0 : niceStep(needed / perCell);
    const double end = m_region.right();
    const int y = plot.bottom() + 1;
    for (double t = std::ceil((m_region.left() - 0.5) / step) * step; t + 0.5 <= end; t += step) {
        if (t + 0.5 < m_region.left())
            continue;
        const double x = plot.left() + (t + 0.5 - m_region.left()) * perCell;
        painter.drawLine(QPointF(x, y), QPointF(x, y + kTick));
        const QString text = m_data->colName(static_cast<int>(t));
        const int w = fm.horizontalAdvance(text) + 2;
        const int left = std::clamp(int(std::lround(x)) - w / 2, 0, plot.right() + 12 - w);
        const int line = stagger && static_cast<qint64>(t) % 2 ? fm.height() : 0;
        if (line > 0)
            painter.drawLine(QPointF(x, y + kTick), QPointF(x, y + kTick + line));
        painter.drawText(QRect(left, y + kTick + 2 + line, w, fm.height()), Qt::AlignCenter, text);
    }
    QString title = m_data->colLabel;
    if (m_region.width() < m_data->cols) {
        title = tr("%1 (showing %2\u2013%3 of %4)")
                    .arg(m_data->colLabel, m_data->colName(static_cast<int>(m_region.left())),
                        m_data->colName(static_cast<int>(std::ceil(m_region.right())) - 1),
                        QString::number(m_data->cols));
    }
    const int titleTop = y + kTick + 2 + fm.height() * (twoLines ? 2 : 1) + 4;
    painter.drawText(QRect(plot.left(), titleTop, plot.width(), fm.height()), Qt::AlignCenter, title);
}

void HeatmapWidget::paintRowAxis(QPainter &painter, const QRect &plot) const
{
    const QFontMetrics fm = fontMetrics();
    const double perCell = plot.height() / m_region.height();
    const double step = niceStep((fm.height() + 6) / perCell);
    const int x = plot.left() - 1;
    for (double t = std::ceil((m_region.top() - 0.5) / step) * step; t + 0.5 <= m_region.bottom(); t += step) {
        if (t + 0.5 < m_region.top())
            continue;
        const double y = plot.top() + (t + 0.5 - m_region.top()) * perCell;
        painter.drawLine(QPointF(x - kTick, y), QPointF(x, y));
        const QRect box(
            x - kTick - 3 - m_rowLabelWidth, int(std::lround(y)) - fm.height() / 2, m_rowLabelWidth, fm.height());
        painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter, m_data->rowName(static_cast<int>(t)));
    }
    painter.save();
    painter.translate(6 + fm.height() / 2.0, plot.center().y());
    painter.rotate(-90);
    painter.drawText(
        QRect(-plot.height() / 2, -fm.height() / 2, plot.height(), fm.height()), Qt::AlignCenter, m_data->rowLabel);
    painter.restore();
}

HeatmapWidget::CellRange HeatmapWidget::cellsAt(QPoint pos) const
{
    const QRect plot = plotRect();
    if (!m_pyramid || !plot.contains(pos))
        return {};
    // One pixel's span of cells on each axis, the way the pyramid pools it.
    auto span = [](double start, double extent, int pixels, int offset, int size) {
        const double step = extent / pixels;
        const double a = start + offset * step;
        const double b = a + step;
        int first = static_cast<int>(std::floor(a));
        int end = static_cast<int>(std::ceil(b - 1e-6));
        if (step < 1.0) {
            first = static_cast<int>(std::floor(0.5 * (a + b)));
            end = first + 1;
        }
        first = std::clamp(first, 0, size - 1);
        return std::pair { first, std::clamp(end, first + 1, size) };
    };
    const auto [colBegin, colEnd]
        = span(m_region.x(), m_region.width(), plot.width(), pos.x() - plot.left(), m_data->cols);
    const auto [rowBegin, rowEnd]
        = span(m_region.y(), m_region.height(), plot.height(), pos.y() - plot.top(), m_data->rows);
    return { rowBegin, rowEnd, colBegin, colEnd };
}

QString HeatmapWidget::toolTipAt(QPoint pos) const
{
    const CellRange cells = cellsAt(pos);
    if (cells.rowEnd <= cells.rowBegin || cells.colEnd <= cells.colBegin)
        return {};
    const HeatmapPyramid::Cell best = m_pyramid->maxCell(cells.rowBegin, cells.rowEnd, cells.colBegin, cells.colEnd);
    const int row = best.row < 0 ? cells.rowBegin : best.row;
    const int col = best.row < 0 ? cells.colBegin : best.col;
    const QString missing = m_data->missingLabel.isEmpty() ? tr("missing") : m_data->missingLabel;
    QStringList lines;
    lines << tr("%1 %2, %3 %4: %5")
                 .arg(m_data->rowLabel, m_data->rowName(row), m_data->colLabel, m_data->colName(col),
                      best.row < 0 ? missing : ViewFormat::value(best.value, 3));
    if (const QString note = m_data->cellNote(row, col); !note.isEmpty())
        lines << note;
    if (cells.colEnd - cells.colBegin > 1 || cells.rowEnd - cells.rowBegin > 1)
        lines << (m_data->diverging
                ? tr("(the cell farthest from %1 under the cursor)").arg(ViewFormat::value(m_data->center, 3))
                : tr("(the largest of the cells under the cursor)"));
    if (cells.rowEnd - cells.rowBegin > 1)
        lines << tr("%1 range %2\u2013%3")
                     .arg(m_data->rowLabel, m_data->rowName(cells.rowBegin), m_data->rowName(cells.rowEnd - 1));
    if (cells.colEnd - cells.colBegin > 1)
        lines << tr("%1 range %2\u2013%3")
                     .arg(m_data->colLabel, m_data->colName(cells.colBegin), m_data->colName(cells.colEnd - 1));
    return lines.join(QLatin1Char('\n'));
}

bool HeatmapWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    if (event->type() == QEvent::FontChange)
        measureLabels();
    return QWidget::event(event);
}

void HeatmapWidget::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    // Some platforms turn Shift+wheel into a horizontal wheel.
    const double steps = (delta.y() != 0 ? delta.y() : delta.x()) / 120.0;
    if (steps == 0.0 || !m_pyramid) {
        event->ignore();
        return;
    }
    const Qt::Orientations axes
        = event->modifiers() & Qt::ShiftModifier ? Qt::Horizontal : Qt::Horizontal | Qt::Vertical;
    zoomAt(event->position(), std::pow(1.25, steps), axes);
    event->accept();
}

void HeatmapWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_pressPos = event->position().toPoint();
    m_pressRegion = m_region;
    m_dragging = false;
}

void HeatmapWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton) || !m_pyramid)
        return QWidget::mouseMoveEvent(event);
    const QPoint delta = event->position().toPoint() - m_pressPos;
    if (!m_dragging && delta.manhattanLength() < 4)
        return;
    if (!m_dragging) {
        m_dragging = true;
        setCursor(Qt::ClosedHandCursor);
    }
    const QRect plot = plotRect();
    setVisibleRegion(m_pressRegion.translated(
        -delta.x() * m_pressRegion.width() / plot.width(), -delta.y() * m_pressRegion.height() / plot.height()));
}

void HeatmapWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(event);
    if (m_dragging) {
        m_dragging = false;
        setCursor(Qt::OpenHandCursor);
        return;
    }
    const CellRange cells = cellsAt(event->position().toPoint());
    if (cells.rowEnd <= cells.rowBegin)
        return;
    const HeatmapPyramid::Cell best = m_pyramid->maxCell(cells.rowBegin, cells.rowEnd, cells.colBegin, cells.colEnd);
    if (best.row >= 0)
        emit cellClicked(best.row, best.col);
}

void HeatmapWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        resetView();
}

void HeatmapWidget::keyPressEvent(QKeyEvent *event)
{
    const QRectF r = m_region;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25);
        break;
    case Qt::Key_Minus:
        zoomBy(1.0 / 1.25);
        break;
    case Qt::Key_Home:
    case Qt::Key_0:
        resetView();
        break;
    case Qt::Key_Left:
        setVisibleRegion(r.translated(-0.1 * r.width(), 0));
        break;
    case Qt::Key_Right:
        setVisibleRegion(r.translated(0.1 * r.width(), 0));
        break;
    case Qt::Key_Up:
        setVisibleRegion(r.translated(0, -0.1 * r.height()));
        break;
    case Qt::Key_Down:
        setVisibleRegion(r.translated(0, 0.1 * r.height()));
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace bitcliff
