#include "heatmappyramid.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bitcliff {

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
// Coarse levels mark "no value" with -inf, so plain (vectorizable) max skips missing cells.
constexpr float kEmpty = -std::numeric_limits<float>::infinity();

// `acc` is never NaN (it starts at kEmpty); a NaN `v` fails the comparison and is skipped.
inline float maxInto(float acc, float v) { return v > acc ? v : acc; }

// For diverging data: keep the value farthest from the centre, whichever its sign.
struct Extreme
{
    float center;
    float operator()(float acc, float v) const
    {
        if (!(v > kEmpty)) // NaN or empty
            return acc;
        return acc == kEmpty || std::fabs(v - center) > std::fabs(acc - center) ? v : acc;
    }
};

struct Max
{
    float operator()(float acc, float v) const { return maxInto(acc, v); }
};

struct Span
{
    int first;
    int last; // inclusive
};

// For each of `pixels` pixels over [start, start + extent) data cells: the level cells
// (`factor` data cells each) it touches. Zoomed in, a pixel samples the cell at its centre;
// zoomed out, it takes every cell it overlaps, so nothing between pixels is skipped.
std::vector<Span> pixelSpans(double start, double extent, int pixels, int factor, int levelSize)
{
    std::vector<Span> spans(static_cast<size_t>(pixels));
    const double step = extent / pixels;
    for (int i = 0; i < pixels; ++i) {
        const double a = start + i * step;
        const double b = a + step;
        int first;
        int last;
        if (step < 1.0) {
            first = last = static_cast<int>(std::floor(0.5 * (a + b) / factor));
        } else {
            first = static_cast<int>(std::floor(a / factor));
            last = std::max(first, static_cast<int>(std::ceil(b / factor - 1e-6)) - 1);
        }
        spans[static_cast<size_t>(i)] = {std::clamp(first, 0, levelSize - 1), std::clamp(last, 0, levelSize - 1)};
    }
    return spans;
}

} // namespace

HeatmapPyramid::HeatmapPyramid(std::shared_ptr<const HeatmapData> data)
    : m_data(std::move(data))
    , m_min(kNaN)
    , m_max(kNaN)
    , m_minPositive(kNaN)
{
    if (!m_data || !m_data->isValid())
        return;
    scanRange();
    if (m_data->diverging)
        build(Extreme{m_data->center});
    else
        build(Max{});
}

template<typename Combine>
void HeatmapPyramid::build(Combine combine)
{
    m_levels.push_back({m_data->rows, m_data->cols, 1, 1, m_data->values.data()});
    // Halve the longer side first so levels stay useful for a stretched matrix
    // (32 layers x 14336 channels, or 152k rows x 896); halve both once they are close.
    while (m_levels.back().rows > 1 || m_levels.back().cols > 1) {
        const Level prev = m_levels.back();
        bool halveCols = prev.cols > 1;
        bool halveRows = prev.rows > 1;
        if (prev.cols > 2 * prev.rows)
            halveRows = false;
        else if (prev.rows > 2 * prev.cols)
            halveCols = false;
        Level next = prev;
        if (halveCols) {
            next.cols = (prev.cols + 1) / 2;
            next.colFactor *= 2;
        }
        if (halveRows) {
            next.rows = (prev.rows + 1) / 2;
            next.rowFactor *= 2;
        }
        std::vector<float> values(static_cast<size_t>(next.rows) * static_cast<size_t>(next.cols), kEmpty);
        for (int r = 0; r < prev.rows; ++r) {
            float *out = values.data() + static_cast<size_t>(halveRows ? r / 2 : r) * static_cast<size_t>(next.cols);
            const float *in = prev.values + static_cast<size_t>(r) * static_cast<size_t>(prev.cols);
            if (halveCols) {
                const int pairs = prev.cols / 2;
                for (int c = 0; c < pairs; ++c)
                    out[c] = combine(combine(out[c], in[2 * c]), in[2 * c + 1]);
                if (prev.cols % 2)
                    out[pairs] = combine(out[pairs], in[prev.cols - 1]);
            } else {
                for (int c = 0; c < prev.cols; ++c)
                    out[c] = combine(out[c], in[c]);
            }
        }
        next.values = values.data();
        m_storage.push_back(std::move(values)); // moving keeps the buffer, so the pointer stays valid
        m_levels.push_back(next);
    }
}

void HeatmapPyramid::scanRange()
{
    // Branch-free min/max over finite values; NaN and infinity fail both comparisons.
    constexpr float kInf = std::numeric_limits<float>::infinity();
    float lo = kInf;
    float hi = -kInf;
    float loPositive = kInf;
    size_t finite = 0;
    for (float v : m_data->values) {
        const bool ok = v > -kInf && v < kInf;
        finite += ok;
        lo = ok && v < lo ? v : lo;
        hi = ok && v > hi ? v : hi;
        loPositive = ok && v > 0.0f && v < loPositive ? v : loPositive;
    }
    m_hasMissing = finite < m_data->values.size();
    if (finite > 0) {
        m_min = lo;
        m_max = hi;
    }
    if (loPositive < kInf)
        m_minPositive = loPositive;
}

int HeatmapPyramid::levelFor(double colsPerPixel, double rowsPerPixel) const
{
    int best = 0;
    for (int i = 0; i < levelCount(); ++i) {
        const Level &l = m_levels[static_cast<size_t>(i)];
        if (l.colFactor > std::max(1.0, colsPerPixel) || l.rowFactor > std::max(1.0, rowsPerPixel))
            break; // factors only grow along the chain
        best = i;
    }
    return best;
}

std::vector<float> HeatmapPyramid::pool(const QRectF &region, QSize pixels) const
{
    if (m_data && m_data->diverging)
        return poolWith(region, pixels, Extreme{m_data->center});
    return poolWith(region, pixels, Max{});
}

template<typename Combine>
std::vector<float> HeatmapPyramid::poolWith(const QRectF &region, QSize pixels, Combine combine) const
{
    const int width = pixels.width();
    const int height = pixels.height();
    std::vector<float> out(static_cast<size_t>(std::max(width, 0)) * static_cast<size_t>(std::max(height, 0)), kNaN);
    if (m_levels.empty() || width <= 0 || height <= 0 || region.isEmpty())
        return out;
    const Level &l = level(levelFor(region.width() / width, region.height() / height));
    const std::vector<Span> colSpans = pixelSpans(region.x(), region.width(), width, l.colFactor, l.cols);
    const std::vector<Span> rowSpans = pixelSpans(region.y(), region.height(), height, l.rowFactor, l.rows);
    const int colFirst = colSpans.front().first;
    const int colLast = colSpans.back().last;
    std::vector<float> columnMax(static_cast<size_t>(colLast - colFirst + 1));
    for (int y = 0; y < height; ++y) {
        const Span rows = rowSpans[static_cast<size_t>(y)];
        // Max over this pixel row's cell rows first, then over each pixel's cell columns.
        std::fill(columnMax.begin(), columnMax.end(), kEmpty);
        for (int r = rows.first; r <= rows.last; ++r) {
            const float *in = l.values + static_cast<size_t>(r) * static_cast<size_t>(l.cols) + colFirst;
            float *acc = columnMax.data();
            for (size_t c = 0; c < columnMax.size(); ++c)
                acc[c] = combine(acc[c], in[c]);
        }
        float *line = out.data() + static_cast<size_t>(y) * static_cast<size_t>(width);
        for (int x = 0; x < width; ++x) {
            const Span cols = colSpans[static_cast<size_t>(x)];
            float v = kEmpty;
            for (int c = cols.first; c <= cols.last; ++c)
                v = combine(v, columnMax[static_cast<size_t>(c - colFirst)]);
            line[x] = v == kEmpty ? kNaN : v;
        }
    }
    return out;
}

HeatmapPyramid::Cell HeatmapPyramid::maxCell(int rowBegin, int rowEnd, int colBegin, int colEnd) const
{
    Cell best;
    if (m_levels.empty())
        return best;
    const Level &l = m_levels.front();
    rowBegin = std::clamp(rowBegin, 0, l.rows);
    rowEnd = std::clamp(rowEnd, rowBegin, l.rows);
    colBegin = std::clamp(colBegin, 0, l.cols);
    colEnd = std::clamp(colEnd, colBegin, l.cols);
    for (int r = rowBegin; r < rowEnd; ++r) {
        for (int c = colBegin; c < colEnd; ++c) {
            const float v = l.at(r, c);
            if (!std::isfinite(v))
                continue;
            const float mid = m_data->center;
            const bool better = m_data->diverging ? std::fabs(v - mid) > std::fabs(best.value - mid) : v > best.value;
            if (best.row < 0 || better)
                best = {r, c, v};
        }
    }
    return best;
}

} // namespace bitcliff
