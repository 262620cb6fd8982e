#include "report/statsjson.h"

namespace bitcliff::app {

using Json = nlohmann::ordered_json;

Json architectureJson(const ArchitectureSummary &a)
{
    if (!a.known)
        return nullptr;
    return Json{{"name", a.name},
                {"layers", a.layers},
                {"hidden_size", a.hiddenSize},
                {"intermediate_size", a.intermediateSize},
                {"heads", a.heads},
                {"kv_heads", a.kvHeads},
                {"head_dim", a.headDim},
                {"vocab_size", a.vocabSize},
                {"context_length", a.contextLength},
                {"tie_word_embeddings", a.tieWordEmbeddings},
                {"rope_theta", a.ropeTheta},
                {"rope_scaling", a.ropeScaling.empty() ? Json(nullptr) : Json(a.ropeScaling)},
                {"rms_norm_eps", a.rmsNormEps}};
}

Json inspectJson(const ModelStats &stats)
{
    const Model &model = *stats.model;
    Json tensors = Json::array();
    for (size_t i = 0; i < model.tensors().size(); ++i) {
        const TensorInfo &info = model.tensors()[i];
        const TensorStats &s = stats.tensors[i];
        Json entry{{"name", info.name},
                   {"shape", info.shape},
                   {"dtype", info.dtypeLabel},
                   {"layer", info.layer >= 0 ? Json(info.layer) : Json(nullptr)},
                   {"role", roleName(info.role)},
                   {"parameters", info.elementCount()}};
        if (s.computed) {
            entry["absmax"] = s.absmax;
            entry["mean"] = s.mean;
            entry["std"] = s.std;
            entry["kurtosis"] = s.kurtosis;
            entry["outlier_channels"] = s.cols.outliers.size();
            entry["outlier_rows"] = s.rows.outliers.size();
            if (s.nonFinite > 0)
                entry["non_finite"] = s.nonFinite;
        } else {
            for (const char *key : {"absmax", "mean", "std", "kurtosis", "outlier_channels", "outlier_rows"})
                entry[key] = nullptr;
            entry["skipped"] = s.skippedReason;
        }
        tensors.push_back(std::move(entry));
    }
    return Json{{"format", formatName(model.format())},
                {"path", model.sourcePath()},
                {"architecture", architectureJson(model.architecture())},
                {"parameters", model.parameterCount()},
                {"outlier_rule", {{"k", stats.rule.k}, {"definition", "channel absmax > k * median channel absmax"}}},
                {"tensors", std::move(tensors)}};
}

Json channelsJson(const TensorInfo &tensor, const TensorStats &stats, bool rows)
{
    const ChannelStats &c = rows ? stats.rows : stats.cols;
    Json channels = Json::array();
    for (size_t i = 0; i < c.absmax.size(); ++i)
        channels.push_back({{"channel", i}, {"absmax", c.absmax[i]}, {"rms", c.rms[i]},
                            {"outlier", c.absmax[i] > c.threshold}});
    return Json{{"tensor", tensor.name},
                {"shape", tensor.shape},
                {"axis", rows ? "rows" : "cols"},
                {"median_absmax", c.medianAbsmax},
                {"threshold", c.threshold},
                {"outliers", c.outliers},
                {"channels", std::move(channels)}};
}

} // namespace bitcliff::app
