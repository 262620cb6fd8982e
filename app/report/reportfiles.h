#pragma once
// What every exported report does with its files: chart widgets saved as PNG and SVG, text
// written atomically, heatmaps as CSV. Each writer appends the paths it wrote to `written`
// and throws Error when a file cannot be written.
#include <QSize>
#include <QString>
#include <QStringList>

#include <string>

class QWidget;

namespace bitcliff {
struct HeatmapData;
}

namespace bitcliff::app {

// A tensor or scheme name made safe as part of a file name ("rtn:b4:g128" -> "rtn_b4_g128").
QString fileStem(const std::string &name);

// A CSV field for a value: 7 significant digits ("6.608e-05", "0.083").
std::string csvNumber(double value);

void writeText(const QString &path, const std::string &text, QStringList &written);

// <stem>.png and <stem>.svg of `widget` rendered at `size`; `title` names the SVG.
void saveChart(QWidget *widget, const QString &stem, const QString &title, QSize size, QStringList &written);

// One line per row: the row's name, then its values, under a header of the column names;
// `rowHeader` heads the first column. Missing cells (NaN) are written as "nan".
std::string heatmapCsv(const HeatmapData &data, const std::string &rowHeader);

} // namespace bitcliff::app
