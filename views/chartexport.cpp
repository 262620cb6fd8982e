#include "chartexport.h"

#include "util/atomicwrite.h"
#include "util/error.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QEvent>
#include <QImage>
#include <QLayout>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QWidget>

namespace bitcliff {

namespace {

// A widget that was never shown has no layout yet and its resize is still pending; charts
// lay themselves out through posted LayoutRequest events. Settle all of that now.
void prepare(QWidget *widget, QSize size)
{
    widget->ensurePolished();
    widget->resize(size);
    if (!widget->isVisible()) {
        // Deliver the pending resize (QChartView sizes its scene in resizeEvent).
        widget->setAttribute(Qt::WA_DontShowOnScreen, true);
        widget->show();
    }
    if (QLayout *layout = widget->layout())
        layout->activate();
    // Only layout requests, not a general event loop: nothing else may run re-entrantly.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    // A chart's legend sizes its labels while painting: paint once, then lay out again,
    // or the first export of a chart elides its legend.
    QImage scratch(size, QImage::Format_ARGB32_Premultiplied);
    widget->render(&scratch);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
}

// What an export changes on the widget, put back afterwards: a widget on screen gets its
// own size back at once (a visible widget's resize event is sent synchronously, so a chart
// view re-lays its scene out), else it would stay at the export size, cropped, until the
// window is next resized.
struct SavedState
{
    bool wasVisible = false;
    QSize size;
};

SavedState save(const QWidget *widget)
{
    return { widget->isVisible(), widget->size() };
}

void restore(QWidget *widget, const SavedState &state)
{
    if (!state.wasVisible) {
        widget->hide();
        widget->setAttribute(Qt::WA_DontShowOnScreen, false);
        return;
    }
    widget->resize(state.size);
    if (QLayout *layout = widget->layout())
        layout->activate();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    widget->update();
}

} // namespace

// Through util/atomicwrite.h like every file BitCliff writes: no half-written figure if the
// disk fills up or the process is killed.
bool writeBytesAtomically(const QString &path, const QByteArray &bytes)
{
    try {
        writeFileAtomically(
            path.toStdString(), std::as_bytes(std::span(bytes.constData(), static_cast<size_t>(bytes.size()))));
        return true;
    } catch (const Error &) {
        return false;
    }
}

bool saveWidgetPng(QWidget *widget, const QString &path, QSize size, qreal dpr)
{
    if (!widget || size.isEmpty() || dpr <= 0.0)
        return false;
    const SavedState state = save(widget);
    prepare(widget, size);
    QImage image((QSizeF(size) * dpr).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    // 96 logical pixels an inch, the figure's own: a viewer prints it at `size`.
    const int dotsPerMeter = qRound(96.0 * dpr / 0.0254);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        widget->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
    }
    restore(widget, state);
    QByteArray png;
    QBuffer buffer(&png);
    return buffer.open(QIODevice::WriteOnly) && image.save(&buffer, "PNG") && writeBytesAtomically(path, png);
}

bool saveWidgetSvg(QWidget *widget, const QString &path, QSize size, const QString &title)
{
    if (!widget || size.isEmpty())
        return false;
    const SavedState state = save(widget);
    prepare(widget, size);
    QByteArray svg;
    QBuffer buffer(&svg);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(title);
    generator.setDescription(QCoreApplication::translate("bitcliff::ChartExport", "Exported by BitCliff"));
    generator.setResolution(widget->logicalDpiX()); // text keeps the size it has on screen
    bool ok = false;
    {
        QPainter painter;
        ok = painter.begin(&generator);
        if (ok)
            widget->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
    }
    restore(widget, state);
    return ok && writeBytesAtomically(path, svg);
}

bool saveWidgetPdf(QWidget *widget, const QString &path, QSize size, const QString &title)
{
    if (!widget || size.isEmpty())
        return false;
    const SavedState state = save(widget);
    prepare(widget, size);
    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    bool ok = false;
    {
        QPdfWriter writer(&buffer);
        writer.setTitle(title);
        writer.setCreator(QCoreApplication::translate("bitcliff::ChartExport", "Exported by BitCliff"));
        // One device unit per logical pixel, as on screen: text keeps its size (see the SVG).
        const int dpi = widget->logicalDpiX();
        writer.setResolution(dpi);
        const QPageSize page(QSizeF(size) * 72.0 / dpi, QPageSize::Point, QString(), QPageSize::ExactMatch);
        writer.setPageLayout(QPageLayout(page, QPageLayout::Portrait, QMarginsF()));
        QPainter painter;
        ok = painter.begin(&writer);
        if (ok)
            widget->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
    }
    restore(widget, state);
    return ok && writeBytesAtomically(path, pdf);
}

} // namespace bitcliff
