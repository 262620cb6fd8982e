#include "report/reportfiles.h"

#include "chartexport.h"
#include "heatmapdata.h"
#include "util/atomicwrite.h"
#include "util/error.h"

#include <cstdio>
#include <span>

namespace bitcliff::app {

QString fileStem(const std::string &name)
{
    QString stem = QString::fromStdString(name);
    for (QChar &c : stem)
        if (!c.isLetterOrNumber() && c != QLatin1Char('.') && c != QLatin1Char('_') && c != QLatin1Char('-'))
            c = QLatin1Char('_');
    return stem;
}

std::string csvNumber(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.7g", value);
    return text;
}

void writeText(const QString &path, const std::string &text, QStringList &written)
{
    writeFileAtomically(path.toStdString(), std::span(reinterpret_cast<const std::byte *>(text.data()), text.size()));
    written << path;
}

void saveChart(QWidget *widget, const QString &stem, const QString &title, QSize size, QStringList &written)
{
    if (!saveWidgetPng(widget, stem + QStringLiteral(".png"), size))
        throw Error((stem + QStringLiteral(".png")).toStdString() + ": cannot write");
    if (!saveWidgetSvg(widget, stem + QStringLiteral(".svg"), size, title))
        throw Error((stem + QStringLiteral(".svg")).toStdString() + ": cannot write");
    written << stem + QStringLiteral(".png") << stem + QStringLiteral(".svg");
}

std::string heatmapCsv(const HeatmapData &data, const std::string &rowHeader)
{
    std::string csv = rowHeader;
    for (int c = 0; c < data.cols; ++c)
        csv += "," + data.colName(c).toStdString();
    csv += '\n';
    for (int r = 0; r < data.rows; ++r) {
        csv += data.rowName(r).toStdString();
        for (int c = 0; c < data.cols; ++c)
            csv += "," + csvNumber(data.at(r, c));
        csv += '\n';
    }
    return csv;
}

} // namespace bitcliff::app
