#pragma once
// Figures of the sweep views for reports: PNG at a chosen resolution, SVG and PDF in vectors,
// each file written whole or not at all. Works headless (never-shown widgets, offscreen), on
// the GUI thread like every widget.
#include <QSize>
#include <QString>

#include <optional>

class QWidget;

namespace bitcliff {

struct CliffChartData;
struct MetricDisagreementData;

enum class FigureFormat { Png, Svg, Pdf };

// From the path's suffix (.png, .svg, .pdf, any case); nullopt for anything else.
std::optional<FigureFormat> figureFormatFor(const QString &path);

// Renders `widget` at `size` logical pixels into `path` in the format its suffix names. A PNG
// has `dpi` dots per inch, 96 being one pixel per logical pixel (192: twice as many each way);
// SVG and PDF are vectors at the screen's text size. False on a bad suffix or any write error.
bool saveFigure(QWidget *widget, const QString &path, QSize size, int dpi = 192, const QString &title = {});

// Builds the view for `data` without showing it (one panel: a CliffChartView; more: the
// small multiples) and saves it as saveFigure() does.
bool saveCliffFigure(const CliffChartData &data, const QString &path, QSize size, int dpi = 192);
bool saveMetricDisagreementFigure(const MetricDisagreementData &data, const QString &path, QSize size, int dpi = 192);

} // namespace bitcliff
