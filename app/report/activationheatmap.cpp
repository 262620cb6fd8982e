#include "report/activationheatmap.h"

namespace bitcliff::app {

QString ActivationHeatmaps::inputDescription(LinearInput input)
{
    switch (input) {
    case LinearInput::AttnIn: return tr("attention input (q/k/v)");
    case LinearInput::AttnOut: return tr("attention output (o_proj input)");
    case LinearInput::FfnIn: return tr("MLP input (gate/up)");
    case LinearInput::FfnDown: return tr("MLP down_proj input");
    }
    return {};
}

std::shared_ptr<const HeatmapData> ActivationHeatmaps::build(const ActivationStats &stats, LinearInput input,
                                                             bool meanAbs)
{
    if (stats.layers == 0 || stats.at(0, input).absMax.empty())
        return nullptr;
    auto data = std::make_shared<HeatmapData>();
    data->rows = stats.layers;
    data->cols = int(stats.at(0, input).absMax.size());
    data->values.assign(size_t(data->rows) * size_t(data->cols), qQNaN());
    for (int layer = 0; layer < stats.layers; ++layer) {
        const ChannelActivity &activity = stats.at(layer, input);
        for (size_t c = 0; c < activity.absMax.size() && c < size_t(data->cols); ++c)
            data->values[size_t(layer) * size_t(data->cols) + c] = meanAbs ? float(activity.meanAbs(c)) : activity.absMax[c];
        data->rowNames << QString::number(layer);
    }
    data->title = (meanAbs ? tr("%1: per-channel mean |activation| over %2 tokens")
                           : tr("%1: per-channel activation absmax over %2 tokens"))
                      .arg(inputDescription(input))
                      .arg(stats.tokens);
    data->rowLabel = tr("layer");
    data->colLabel = tr("channel");
    data->valueLabel = meanAbs ? tr("mean |x|") : tr("absmax |x|");
    return data;
}

} // namespace bitcliff::app
