#include "cliffexport.h"

#include "chartexport.h"
#include "cliffchartview.h"
#include "cliffmultiplesview.h"
#include "metricdisagreementview.h"

#include <QFileInfo>

namespace bitcliff {

std::optional<FigureFormat> figureFormatFor(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return FigureFormat::Png;
    if (suffix == QLatin1String("svg"))
        return FigureFormat::Svg;
    if (suffix == QLatin1String("pdf"))
        return FigureFormat::Pdf;
    return std::nullopt;
}

bool saveFigure(QWidget *widget, const QString &path, QSize size, int dpi, const QString &title)
{
    const std::optional<FigureFormat> format = figureFormatFor(path);
    if (!format || dpi <= 0)
        return false;
    switch (*format) {
    case FigureFormat::Png:
        return saveWidgetPng(widget, path, size, dpi / 96.0);
    case FigureFormat::Svg:
        return saveWidgetSvg(widget, path, size, title);
    case FigureFormat::Pdf:
        return saveWidgetPdf(widget, path, size, title);
    }
    return false;
}

bool saveCliffFigure(const CliffChartData &data, const QString &path, QSize size, int dpi)
{
    if (data.panels.size() == 1) {
        CliffChartView view;
        view.setData(data);
        return saveFigure(&view, path, size, dpi, data.title);
    }
    CliffMultiplesView view;
    view.setData(data);
    return saveFigure(&view, path, size, dpi, data.title);
}

bool saveMetricDisagreementFigure(const MetricDisagreementData &data, const QString &path, QSize size, int dpi)
{
    MetricDisagreementView view;
    view.setData(data);
    return saveFigure(&view, path, size, dpi, data.title);
}

} // namespace bitcliff
