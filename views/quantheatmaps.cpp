#include "quantheatmaps.h"

#include "formats/tensorrole.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>
#include <map>

namespace bitcliff {

// The translation context of the strings below.
struct QuantHeatmaps
{
    Q_DECLARE_TR_FUNCTIONS(QuantHeatmaps)
};

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr double kEpsilon = 1e-30; // stands in for an MSE of 0 in a ratio

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// Input channels of the tensor: the per-column list when there is one, else what the grid covers.
int64_t inputWidth(const TensorError &error)
{
    if (!error.colMse.empty())
        return static_cast<int64_t>(error.colMse.size());
    return error.groupMse.cols * std::max<int64_t>(1, error.groupLength);
}

bool gridIsValid(const TensorError &error)
{
    const ErrorGrid &g = error.groupMse;
    const int64_t length = std::max<int64_t>(1, error.groupLength);
    return g.rows > 0 && g.cols > 0 && g.rows <= INT_MAX && g.cols <= INT_MAX
        && g.values.size() == static_cast<size_t>(g.rows) * static_cast<size_t>(g.cols)
        && g.cols == (inputWidth(error) + length - 1) / length;
}

// The axis of a grid whose columns are groups of `length` of `width` input channels.
void setGroupAxis(HeatmapData &data, int64_t length, int64_t width)
{
    data.rowLabel = QuantHeatmaps::tr("output channel");
    if (length <= 1) {
        data.colLabel = QuantHeatmaps::tr("input channel");
        return;
    }
    data.colLabel = QuantHeatmaps::tr("group of %1 input channels").arg(length);
    data.colNames.reserve(data.cols);
    for (int64_t begin = 0; begin < width; begin += length)
        data.colNames << QStringLiteral("%1\u2013%2").arg(begin).arg(std::min(width, begin + length) - 1);
}

// The grid regrouped to groups of `target` input channels (target >= the grid's group
// length): each new cell is the element-weighted mean of the cells it overlaps.
std::vector<float> regroup(const TensorError &error, int64_t target)
{
    const ErrorGrid &grid = error.groupMse;
    const int64_t length = std::max<int64_t>(1, error.groupLength);
    if (length == target)
        return grid.values;
    const int64_t width = inputWidth(error);
    const int64_t groups = (width + target - 1) / target;
    std::vector<float> out(static_cast<size_t>(grid.rows * groups));
    for (int64_t r = 0; r < grid.rows; ++r) {
        const float *in = grid.values.data() + r * grid.cols;
        for (int64_t g = 0; g < groups; ++g) {
            const int64_t begin = g * target;
            const int64_t end = std::min(width, begin + target);
            double sum = 0.0;
            for (int64_t f = begin / length; f <= (end - 1) / length; ++f) {
                const int64_t overlap = std::min({ end, (f + 1) * length, width }) - std::max(begin, f * length);
                sum += double(in[f]) * double(overlap);
            }
            out[static_cast<size_t>(r * groups + g)] = static_cast<float>(sum / double(end - begin));
        }
    }
    return out;
}

} // namespace

int OverviewHeatmap::tensorAt(int row, int col) const
{
    if (row < 0 || col < 0 || row >= data.rows || col >= data.cols)
        return -1;
    const size_t cell = static_cast<size_t>(row) * static_cast<size_t>(data.cols) + static_cast<size_t>(col);
    return cell < tensorIndex.size() ? tensorIndex[cell] : -1;
}

const std::vector<TensorRole> &overviewRoles()
{
    static const std::vector<TensorRole> roles { TensorRole::AttnQ, TensorRole::AttnK, TensorRole::AttnV,
        TensorRole::AttnO, TensorRole::FfnGate, TensorRole::FfnUp, TensorRole::FfnDown };
    return roles;
}

HeatmapData errorGridHeatmap(const TensorError &error, const QString &tensorName, const QString &scheme)
{
    HeatmapData data;
    data.title = QuantHeatmaps::tr("%1 \u2014 %2").arg(tensorName, scheme);
    data.valueLabel = QuantHeatmaps::tr("MSE");
    const int64_t length = std::max<int64_t>(1, error.groupLength);
    if (!gridIsValid(error)) {
        setGroupAxis(data, length, 0);
        return data;
    }
    data.rows = static_cast<int>(error.groupMse.rows);
    data.cols = static_cast<int>(error.groupMse.cols);
    data.values = error.groupMse.values;
    setGroupAxis(data, length, inputWidth(error));
    return data;
}

HeatmapData errorDifferenceHeatmap(
    const TensorError &a, const TensorError &b, const QString &nameA, const QString &nameB, const QString &tensorName)
{
    HeatmapData data;
    data.title = QuantHeatmaps::tr("%1 \u2014 %2 vs %3 (red: %2 has more error)").arg(tensorName, nameB, nameA);
    data.valueLabel = QuantHeatmaps::tr("log10(MSE %1 / MSE %2)").arg(nameB, nameA);
    data.diverging = true;
    data.center = 0.0f;
    const int64_t target = std::max({ int64_t(1), a.groupLength, b.groupLength });
    const int64_t width = inputWidth(a);
    if (!gridIsValid(a) || !gridIsValid(b) || a.groupMse.rows != b.groupMse.rows || width != inputWidth(b)) {
        setGroupAxis(data, target, 0);
        return data;
    }
    const std::vector<float> mseA = regroup(a, target);
    const std::vector<float> mseB = regroup(b, target);
    data.rows = static_cast<int>(a.groupMse.rows);
    data.cols = static_cast<int>((width + target - 1) / target);
    data.values.resize(mseA.size());
    for (size_t i = 0; i < mseA.size(); ++i) {
        const double x = mseA[i];
        const double y = mseB[i];
        data.values[i] = std::isnan(x) || std::isnan(y)
            ? kNaN
            : static_cast<float>(std::log10(std::max(y, kEpsilon) / std::max(x, kEpsilon)));
    }
    setGroupAxis(data, target, width);
    return data;
}

QString tensorTreatmentNote(const TensorQuantResult &t)
{
    const QString name = fromStd(t.name);
    if (!t.quantized)
        return QuantHeatmaps::tr("%1: kept as stored (%2)").arg(name, fromStd(t.keptReason));
    const QString bits = QLocale().toString(t.bitsPerWeight, 'f', 2);
    if (!t.fallback.empty())
        return QuantHeatmaps::tr("%1: fell back to %2 (%3), %4 bits/weight")
            .arg(name, fromStd(t.fallback), fromStd(t.fallbackReason), bits);
    return QuantHeatmaps::tr("%1: %2 bits/weight").arg(name, bits);
}

OverviewHeatmap sqnrOverviewHeatmap(const QuantReport &report, const QString &subject)
{
    OverviewHeatmap overview;
    HeatmapData &data = overview.data;
    data.title = QuantHeatmaps::tr("SQNR by layer and role \u2014 %1")
                     .arg(subject.isEmpty() ? fromStd(report.recipe()) : subject);
    if (report.summary.fellBack > 0) // bright cells may be a fallback's, not the scheme's: say so
        data.title += QuantHeatmaps::tr(" (%1 of %2 matrices fell back; the tooltip says to what)")
                          .arg(report.summary.fellBack)
                          .arg(report.summary.fellBack + report.summary.quantized);
    data.rowLabel = QuantHeatmaps::tr("layer");
    data.colLabel = QuantHeatmaps::tr("role");
    data.valueLabel = QuantHeatmaps::tr("SQNR (dB)");
    data.missingLabel = QuantHeatmaps::tr("not quantized");
    const std::vector<TensorRole> &roles = overviewRoles();
    for (TensorRole role : roles)
        data.colNames << fromStd(roleName(role));
    data.cols = static_cast<int>(roles.size());

    // Where each tensor goes: its layer and the role's column.
    struct Place
    {
        size_t tensor;
        int layer;
        int col;
    };
    std::vector<Place> places;
    std::map<int, int> rowOfLayer;
    for (size_t i = 0; i < report.tensors.size(); ++i) {
        const bool inModel = report.model && i < report.model->tensors().size();
        const TensorPlace place = inModel
            ? TensorPlace { report.model->tensors()[i].layer, report.model->tensors()[i].role }
            : classifyTensorName(report.tensors[i].name);
        const auto role = std::find(roles.begin(), roles.end(), place.role);
        if (place.layer < 0 || role == roles.end())
            continue;
        places.push_back({ i, place.layer, static_cast<int>(role - roles.begin()) });
        rowOfLayer.emplace(place.layer, 0);
    }
    for (auto &[layer, row] : rowOfLayer) {
        row = data.rows++;
        data.rowNames << QString::number(layer);
    }
    const size_t cells = static_cast<size_t>(data.rows) * static_cast<size_t>(data.cols);
    data.values.assign(cells, kNaN);
    overview.tensorIndex.assign(cells, -1);

    // A quantized tensor beats a kept one; among quantized ones, the lowest SQNR (+inf: exact).
    auto rank = [&](int index) {
        const TensorQuantResult &t = report.tensors[static_cast<size_t>(index)];
        if (!t.quantized)
            return std::numeric_limits<double>::quiet_NaN();
        return std::isnan(t.error.sqnrDb) ? std::numeric_limits<double>::infinity() : t.error.sqnrDb;
    };
    auto better = [&](int candidate, int current) {
        const double c = rank(candidate);
        const double r = rank(current);
        if (std::isnan(r))
            return !std::isnan(c);
        return !std::isnan(c) && c < r;
    };
    for (const Place &p : places) {
        const size_t cell
            = static_cast<size_t>(rowOfLayer[p.layer]) * static_cast<size_t>(data.cols) + static_cast<size_t>(p.col);
        int &index = overview.tensorIndex[cell];
        if (index < 0 || better(static_cast<int>(p.tensor), index))
            index = static_cast<int>(p.tensor);
    }
    bool exact = false;
    data.cellNotes.resize(qsizetype(cells));
    for (size_t cell = 0; cell < cells; ++cell) {
        const int index = overview.tensorIndex[cell];
        if (index < 0)
            continue;
        const TensorQuantResult &t = report.tensors[static_cast<size_t>(index)];
        data.cellNotes[qsizetype(cell)] = tensorTreatmentNote(t);
        if (!t.quantized)
            continue;
        if (std::isfinite(t.error.sqnrDb))
            data.values[cell] = static_cast<float>(t.error.sqnrDb);
        else
            exact = true;
    }
    if (exact)
        data.missingLabel = QuantHeatmaps::tr("not quantized, or exact (\u221e dB)");
    return overview;
}

} // namespace bitcliff
