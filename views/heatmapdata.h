#pragma once
// An immutable matrix for HeatmapWidget: share it as shared_ptr<const HeatmapData>.
#include "stats/modelstats.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace bitcliff {

struct HeatmapData
{
    Q_DECLARE_TR_FUNCTIONS(HeatmapData)

public:
    int rows = 0;
    int cols = 0;
    std::vector<float> values; // rows * cols, row-major; NaN marks a missing cell
    QString title;             // optional, drawn above the matrix
    QString rowLabel;          // axis title and tooltip noun, e.g. "layer"
    QString colLabel;          // e.g. "input channel"
    QString valueLabel;        // e.g. "absmax |w|"
    QStringList rowNames;      // optional, one per row (e.g. layer numbers); else row indices
    QStringList colNames;      // optional, one per column (e.g. roles); else column indices
    QString missingLabel;      // what a NaN cell means ("not quantized"); empty: "missing"
    QStringList cellNotes;     // optional, rows * cols: a line the tooltip adds for that cell
                               // ("kept: not a matrix", "fell back to q5_0: …")
    // A signed difference: drawn with the diverging colormap, symmetric around `center`
    // (white), and pooled by distance from it, so improvements survive zooming out too.
    bool diverging = false;
    float center = 0.0f;
    // A color scale fixed from outside instead of the data's own range (NaN: the data's), so
    // that maps shown side by side read alike; see shareColorScale().
    double scaleMin = std::nan("");
    double scaleMinPositive = std::nan(""); // the bottom of a log scale
    double scaleMax = std::nan("");
    // A value marked across the color bar (a threshold) and what it is; NaN: none.
    double marker = std::nan("");
    QString markerLabel;

    float at(int row, int col) const
    {
        return values[static_cast<size_t>(row) * static_cast<size_t>(cols) + static_cast<size_t>(col)];
    }
    QString rowName(int row) const { return row < rowNames.size() ? rowNames[row] : QString::number(row); }
    QString colName(int col) const { return col < colNames.size() ? colNames[col] : QString::number(col); }
    QString cellNote(int row, int col) const
    {
        const qsizetype i = qsizetype(row) * cols + col;
        return i < cellNotes.size() ? cellNotes[i] : QString();
    }
    bool isValid() const
    {
        return rows > 0 && cols > 0 && values.size() == static_cast<size_t>(rows) * static_cast<size_t>(cols);
    }

    // Gives both maps the union of their ranges as their color scale (sequential data).
    static void shareColorScale(HeatmapData &a, HeatmapData &b)
    {
        double lo = INFINITY;
        double loPositive = INFINITY;
        double hi = -INFINITY;
        for (const HeatmapData *d : { &a, &b })
            for (float v : d->values)
                if (std::isfinite(v)) {
                    lo = std::min(lo, double(v));
                    hi = std::max(hi, double(v));
                    if (v > 0.0f)
                        loPositive = std::min(loPositive, double(v));
                }
        if (!(hi >= lo))
            return;
        for (HeatmapData *d : { &a, &b }) {
            d->scaleMin = lo;
            d->scaleMax = hi;
            d->scaleMinPositive = std::isfinite(loPositive) ? loPositive : std::nan("");
        }
    }

    // Layers x input channels of one role's per-channel absmax.
    static HeatmapData fromOutlierMap(const OutlierMap &map)
    {
        HeatmapData data;
        data.rows = map.layers;
        data.cols = static_cast<int>(map.channels);
        data.values = map.values;
        const std::string_view role = roleName(map.role);
        data.title = tr("%1: per-input-channel absmax across layers")
                         .arg(QString::fromUtf8(role.data(), static_cast<qsizetype>(role.size())));
        data.rowLabel = tr("layer");
        data.colLabel = tr("input channel");
        data.valueLabel = tr("absmax |w|");
        for (int id : map.layerIds)
            data.rowNames << QString::number(id);
        if (!map.unreadableTensors.empty())
            data.missingLabel = tr("not readable yet"); // rows of matrices whose type cannot be decoded
        return data;
    }
};

} // namespace bitcliff
