#include "report/chartreport.h"

#include "channelchartview.h"
#include "chartexport.h"
#include "heatmapwidget.h"
#include "histogramchartview.h"
#include "report/modelanalysis.h"
#include "report/statsjson.h"
#include "tensorsnapshot.h"
#include "util/atomicwrite.h"
#include "util/error.h"

#include <QDir>
#include <QFileInfo>

#include <string>

namespace bitcliff::app {

namespace {

// "model.layers.3.mlp.down_proj.weight" -> "model.layers.3.mlp.down_proj.weight" made safe
QString fileStem(const std::string &name)
{
    QString stem = QString::fromStdString(name);
    for (QChar &c : stem)
        if (!c.isLetterOrNumber() && c != QLatin1Char('.') && c != QLatin1Char('_') && c != QLatin1Char('-'))
            c = QLatin1Char('_');
    return stem;
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

std::string heatmapCsv(const HeatmapData &data)
{
    std::string csv = "layer";
    for (int c = 0; c < data.cols; ++c)
        csv += "," + std::to_string(c);
    csv += '\n';
    for (int r = 0; r < data.rows; ++r) {
        csv += data.rowName(r).toStdString();
        for (int c = 0; c < data.cols; ++c)
            csv += "," + std::to_string(data.at(r, c));
        csv += '\n';
    }
    return csv;
}

std::string channelsCsv(const TensorStats &stats)
{
    std::string csv = "axis,channel,absmax,rms,outlier\n";
    for (const auto &[axis, channels] : {std::pair{"cols", &stats.cols}, std::pair{"rows", &stats.rows}})
        for (size_t i = 0; i < channels->absmax.size(); ++i)
            csv += std::string(axis) + "," + std::to_string(i) + "," + std::to_string(channels->absmax[i]) + ","
                + std::to_string(channels->rms[i]) + "," + (channels->absmax[i] > channels->threshold ? "1" : "0") + "\n";
    return csv;
}

} // namespace

QStringList writeOutlierReport(const ModelAnalysis &analysis, const QString &directory)
{
    if (!QDir().mkpath(directory))
        throw Error(directory.toStdString() + ": cannot create directory");
    const QDir dir(directory);
    QStringList written;
    writeText(dir.filePath(QStringLiteral("statistics.json")), inspectJson(*analysis.stats).dump(2) + "\n", written);

    for (const RoleHeatmap &map : analysis.outlierMaps) {
        const QString stem = dir.filePath(QStringLiteral("outlier-map-") + QString::fromLatin1(roleName(map.role).data()));
        HeatmapWidget heatmap;
        heatmap.setData(map.heatmap);
        saveChart(&heatmap, stem, map.heatmap->title, QSize(1200, 520), written);
        writeText(stem + QStringLiteral(".csv"), heatmapCsv(*map.heatmap), written);
    }

    if (analysis.mostOutlierTensor >= 0) {
        const auto stats = tensorStatsSnapshot(analysis.stats, analysis.mostOutlierTensor);
        const QString name = QString::fromStdString(stats->name);
        const QString stem = fileStem(stats->name);
        ChannelChartView channels;
        channels.setStats(stats);
        channels.setAxis(ChannelChartView::Axis::InputChannels);
        saveChart(&channels, dir.filePath(QStringLiteral("channels-") + stem), name, QSize(1100, 500), written);
        HistogramChartView histogram;
        histogram.setStats(stats);
        saveChart(&histogram, dir.filePath(QStringLiteral("histogram-") + stem), name, QSize(900, 500), written);
        writeText(dir.filePath(QStringLiteral("channels-") + stem + QStringLiteral(".csv")), channelsCsv(*stats), written);
    }
    return written;
}

} // namespace bitcliff::app
