#pragma once
// Renders a widget (a chart, the heatmap, a panel) to a PNG or SVG file, for reports and
// the headless `bitcliff-cli demo`. Works for widgets that were never shown, also under
// QT_QPA_PLATFORM=offscreen. The widget is resized to `size` (logical pixels) for the export
// and gets its own size back afterwards; still, export a copy of an on-screen chart (a new
// view fed the same snapshot) so that the user's view never flickers.
#include <QByteArray>
#include <QSize>
#include <QString>

class QWidget;

namespace bitcliff {

// `dpr` device pixels per logical pixel: 2.0 gives a crisp figure at `size` on paper. The PNG
// records its resolution, 96 × dpr dots per inch, so it prints at `size` logical pixels.
bool saveWidgetPng(QWidget *widget, const QString &path, QSize size, qreal dpr = 2.0);
// Writes `bytes` to `path` whole or not at all (util/atomicwrite.h); false on any error.
bool writeBytesAtomically(const QString &path, const QByteArray &bytes);
// Vectors where the widget paints vectors (charts, text); images stay images (heatmap).
bool saveWidgetSvg(QWidget *widget, const QString &path, QSize size, const QString &title);
// A one-page PDF of `size` logical pixels (at 96 per inch) with the widget in vectors, as in SVG.
bool saveWidgetPdf(QWidget *widget, const QString &path, QSize size, const QString &title);

} // namespace bitcliff
