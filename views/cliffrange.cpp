#include "cliffrange.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bitcliff {

namespace {

template<typename F> void forEachPanel(const CliffChartData &data, int panel, F &&f)
{
    for (int i = 0; i < data.panels.size(); ++i)
        if (panel < 0 || panel == i)
            f(data.panels[i]);
}

struct Extent
{
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    void add(double v)
    {
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    bool empty() const { return !(hi >= lo); }
};

} // namespace

bool cliffCanUseLog(const CliffChartData &data, int panel)
{
    if (!data.logY)
        return false;
    bool any = false;
    bool positive = true;
    forEachPanel(data, panel, [&](const CliffPanel &p) {
        if (p.baseline && std::isfinite(*p.baseline))
            positive = positive && *p.baseline > 0.0;
        for (const CliffSeries &s : p.series)
            for (const CliffPoint &point : s.points) {
                if (!std::isfinite(point.y))
                    continue;
                any = true;
                positive = positive && point.y > 0.0;
            }
    });
    return any && positive;
}

CliffRange cliffRange(const CliffChartData &data, int panel)
{
    CliffRange range;
    range.logY = cliffCanUseLog(data, panel);
    Extent x;
    Extent y;
    forEachPanel(data, panel, [&](const CliffPanel &p) {
        if (p.baseline)
            y.add(*p.baseline);
        for (const CliffSeries &s : p.series)
            for (const CliffPoint &point : s.points) {
                if (!std::isfinite(point.y))
                    continue;
                x.add(point.x);
                y.add(point.y);
                // A log axis has no room for a lower bound <= 0: that bar runs to the bottom.
                for (double bound : { point.lo, point.hi })
                    if (!range.logY || bound > 0.0)
                        y.add(bound);
            }
    });
    if (data.floorX)
        x.add(*data.floorX);
    if (!x.empty()) {
        // A quarter bit of room for the markers at either end, then out to whole bits.
        range.xMin = std::floor(x.lo - 0.25);
        range.xMax = std::ceil(x.hi + 0.25);
    }
    if (y.empty())
        return range;
    if (range.logY) {
        // Some room above and below; whole decades if no power of 10 would be labelled.
        double a = y.lo / 1.25;
        double b = y.hi * 1.5;
        if (std::floor(std::log10(b)) < std::ceil(std::log10(a))) {
            a = std::pow(10.0, std::floor(std::log10(a)));
            b = std::pow(10.0, std::ceil(std::log10(b)));
        }
        range.yMin = a;
        range.yMax = b;
        return range;
    }
    const double span = y.hi > y.lo ? y.hi - y.lo : std::max(std::abs(y.hi) * 0.1, 1e-3);
    const double pad = span * 0.06;
    // A metric that starts near 0 (KLD, a loss) reads best from 0; a perplexity of 20 to 23 does not.
    range.yMin = (y.lo >= 0.0 && y.lo <= 0.5 * y.hi) ? 0.0 : y.lo - pad;
    range.yMax = y.hi + pad;
    return range;
}

} // namespace bitcliff
