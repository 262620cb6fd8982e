#include "report/chartreport.h"

#include "channelchartview.h"
#include "heatmapwidget.h"
#include "histogramchartview.h"
#include "report/modelanalysis.h"
#include "report/reportfiles.h"
#include "report/statsjson.h"
#include "tensorsnapshot.h"
#include "util/error.h"

#include <QDir>
#include <QFileInfo>

#include <string>

namespace bitcliff::app {

namespace {

std::string channelsCsv(const TensorStats &stats)
{
    std::string csv = "axis,channel,absmax,rms,outlier\n";
    for (const auto &[axis, channels] : { std::pair { "cols", &stats.cols }, std::pair { "rows", &stats.rows } })
        for (size_t i = 0; i < channels->absmax.size(); ++i)
            csv += std::string(axis) + "," + std::to_string(i) + "," + csvNumber(channels->absmax[i]) + ","
                + csvNumber(channels->rms[i]) + "," + (channels->absmax[i] > channels->threshold ? "1" : "0") + "\n";
    return csv;
}

} // namespace

QStringList writeOutlierReport(const ModelAnalysis &analysis, const QString &directory, const TensorChartChoice &choice)
{
    if (!QDir().mkpath(directory))
        throw Error(directory.toStdString() + ": cannot create directory");
    const QDir dir(directory);
    QStringList written;
    writeText(dir.filePath(QStringLiteral("statistics.json")), inspectJson(*analysis.stats).dump(2) + "\n", written);

    for (const RoleHeatmap &map : analysis.outlierMaps) {
        if (!map.heatmap)
            continue; // no matrix of the role could be read
        const QString stem = dir.filePath(QStringLiteral("outlier-map-") + QString::fromLatin1(roleName(map.role).data()));
        HeatmapWidget heatmap;
        heatmap.setData(map.heatmap);
        saveChart(&heatmap, stem, map.heatmap->title, QSize(1200, 520), written);
        writeText(stem + QStringLiteral(".csv"), heatmapCsv(*map.heatmap, "layer"), written);
    }

    const int tensor = choice.tensorIndex >= 0 ? choice.tensorIndex : analysis.mostOutlierTensor;
    const auto stats = tensor >= 0 ? tensorStatsSnapshot(analysis.stats, tensor) : nullptr;
    if (stats && stats->computed) {
        const QString name = QString::fromStdString(stats->name);
        const QString stem = fileStem(stats->name);
        ChannelChartView channels;
        channels.setStats(stats);
        channels.setAxis(choice.axis);
        if (choice.order)
            channels.setOrder(*choice.order);
        if (choice.channelLogScale)
            channels.setLogScale(*choice.channelLogScale);
        saveChart(&channels, dir.filePath(QStringLiteral("channels-") + stem), name, QSize(1100, 500), written);
        HistogramChartView histogram;
        histogram.setStats(stats);
        saveChart(&histogram, dir.filePath(QStringLiteral("histogram-") + stem), name, QSize(900, 500), written);
        writeText(
            dir.filePath(QStringLiteral("channels-") + stem + QStringLiteral(".csv")), channelsCsv(*stats), written);
    }
    return written;
}

} // namespace bitcliff::app
