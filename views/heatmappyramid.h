#pragma once
// Max-pooled levels of a heatmap matrix, built once per data set, so drawing any zoom
// level touches about as many cells as there are pixels, and a single bright cell (an
// outlier channel) survives every level of zoom-out. Diverging data (HeatmapData::diverging)
// is pooled by distance from its centre instead: the most extreme cell of either sign wins,
// and "max"/"largest" below read as "most extreme". Immutable once built: a big matrix's
// pyramid (a few hundred ms for 150M cells) can be built in a worker and handed over.
#include "heatmapdata.h"

#include <QRectF>
#include <QSize>

#include <memory>
#include <vector>

namespace bitcliff {

class HeatmapPyramid
{
public:
    struct Level
    {
        int rows = 0;
        int cols = 0;
        int rowFactor = 1; // level cell = rowFactor x colFactor cells of the data
        int colFactor = 1;
        const float *values = nullptr;
        float at(int row, int col) const
        {
            return values[static_cast<size_t>(row) * static_cast<size_t>(cols) + static_cast<size_t>(col)];
        }
    };

    explicit HeatmapPyramid(std::shared_ptr<const HeatmapData> data);

    const HeatmapData &data() const { return *m_data; }
    const std::shared_ptr<const HeatmapData> &sharedData() const { return m_data; }
    bool isValid() const { return !m_levels.empty(); }
    int levelCount() const { return static_cast<int>(m_levels.size()); }
    const Level &level(int index) const { return m_levels[static_cast<size_t>(index)]; }

    // Over all finite cells; NaN when there are none.
    float minValue() const { return m_min; }
    float maxValue() const { return m_max; }
    float minPositive() const { return m_minPositive; }
    bool hasMissing() const { return m_hasMissing; }

    // The coarsest level whose cells are at most colsPerPixel x rowsPerPixel data cells.
    int levelFor(double colsPerPixel, double rowsPerPixel) const;

    // Max of the cells each pixel of a `pixels`-sized image over `region` (data cell
    // coordinates: x = column, y = row) touches; NaN where all are missing. Row-major.
    std::vector<float> pool(const QRectF &region, QSize pixels) const;

    struct Cell
    {
        int row = -1;
        int col = -1;
        float value = 0.0f;
    };
    // The largest cell in the rectangle of data cells (argmax; row -1 when all missing).
    Cell maxCell(int rowBegin, int rowEnd, int colBegin, int colEnd) const;

private:
    void scanRange();
    template<typename Combine>
    void build(Combine combine);
    template<typename Combine>
    std::vector<float> poolWith(const QRectF &region, QSize pixels, Combine combine) const;

    std::shared_ptr<const HeatmapData> m_data;
    std::vector<Level> m_levels;
    std::vector<std::vector<float>> m_storage; // levels 1..n
    float m_min;
    float m_max;
    float m_minPositive;
    bool m_hasMissing = false;
};

} // namespace bitcliff
