#include "report/quantreport.h"

#include "channelerrorscatter.h"
#include "heatmapwidget.h"
#include "quantheatmaps.h"
#include "report/modelanalysis.h"
#include "report/quantjson.h"
#include "report/reportfiles.h"
#include "tensorsnapshot.h"

#include <QDir>

#include <cmath>
#include <string>

namespace bitcliff::app {

namespace {

std::string channelErrorCsv(const TensorError &error, const TensorStats &stats)
{
    std::string csv = "input_channel,absmax,mse,outlier\n";
    for (size_t c = 0; c < error.colMse.size() && c < stats.cols.absmax.size(); ++c)
        csv += std::to_string(c) + "," + csvNumber(stats.cols.absmax[c]) + "," + csvNumber(error.colMse[c]) + ","
            + (stats.cols.absmax[c] > stats.cols.threshold ? "1" : "0") + "\n";
    return csv;
}

// scheme, bits per weight (quantized tensors, whole model), quantized parameters, tensors
// quantized / fallen back / kept, MSE, and the tensor with the lowest SQNR.
std::string summaryCsv(const std::vector<std::shared_ptr<const QuantReport>> &reports)
{
    std::string csv = "scheme,bits_per_weight,model_bits_per_weight,quantized_parameters,tensors_quantized,"
                      "tensors_fallback,tensors_kept,mse,worst_tensor,worst_sqnr_db\n";
    for (const auto &report : reports) {
        const TensorQuantResult *worst = nullptr;
        for (const TensorQuantResult &t : report->tensors)
            if (t.quantized && std::isfinite(t.error.sqnrDb) && (!worst || t.error.sqnrDb < worst->error.sqnrDb))
                worst = &t;
        csv += report->recipe() + "," + csvNumber(report->quantizedBitsPerWeight) + ","
            + csvNumber(report->modelBitsPerWeight) + "," + std::to_string(report->quantizedParameters) + ","
            + std::to_string(report->summary.quantized) + "," + std::to_string(report->summary.fellBack) + ","
            + std::to_string(report->summary.kept) + "," + csvNumber(report->quantizedMse) + ","
            + (worst ? worst->name : "") + "," + (worst ? csvNumber(worst->error.sqnrDb) : "") + "\n";
    }
    return csv;
}

} // namespace

QStringList writeQuantizationReport(const std::vector<std::shared_ptr<const QuantReport>> &reports,
    const ModelAnalysis &analysis, const QString &directory)
{
    const QDir dir(directory);
    QStringList written;
    nlohmann::ordered_json json = nlohmann::ordered_json::array();
    const auto stats = tensorStatsSnapshot(analysis.stats, analysis.mostOutlierTensor);
    for (const auto &report : reports) {
        json.push_back(quantReportJson(*report));
        const QString scheme = fileStem(report->recipe());

        const OverviewHeatmap overview = sqnrOverviewHeatmap(*report);
        HeatmapWidget map;
        map.setData(std::make_shared<const HeatmapData>(overview.data));
        const QString mapStem = dir.filePath(QStringLiteral("quant-sqnr-") + scheme);
        saveChart(&map, mapStem, overview.data.title, QSize(900, 620), written);
        writeText(mapStem + QStringLiteral(".csv"), heatmapCsv(overview.data, "layer"), written);

        const TensorQuantResult *tensor = stats ? report->find(stats->name) : nullptr;
        if (tensor && tensor->quantized && stats->computed) {
            const QString name = QString::fromStdString(stats->name);
            ChannelErrorScatterView scatter;
            scatter.setData(std::make_shared<const TensorError>(tensor->error), stats,
                QStringLiteral("%1 \u2014 %2").arg(name, QString::fromStdString(report->recipe())));
            const QString stem = dir.filePath(QStringLiteral("quant-channel-error-") + scheme);
            saveChart(&scatter, stem, name, QSize(1000, 560), written);
            writeText(stem + QStringLiteral(".csv"), channelErrorCsv(tensor->error, *stats), written);
        }
    }
    writeText(dir.filePath(QStringLiteral("quantization.json")), json.dump(2) + "\n", written);
    writeText(dir.filePath(QStringLiteral("quantization-summary.csv")), summaryCsv(reports), written);
    return written;
}

} // namespace bitcliff::app
