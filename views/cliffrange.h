#pragma once
// The axis ranges of a cliff chart, computed from the snapshot alone, so that small
// multiples can share one: the same X and Y range in every panel, or they cannot be compared.
#include "cliffdata.h"

namespace bitcliff {

struct CliffRange
{
    double xMin = 0.0; // whole bits: X ticks sit on integers
    double xMax = 16.0;
    double yMin = 0.0; // the Y axis as drawn (log: whole range of the log axis)
    double yMax = 1.0;
    bool logY = false; // the log axis the data asked for and can have (every value > 0)
};

// Over panels[panel], or every panel when `panel` < 0: points, confidence bounds, the
// baselines and the floor marker all fit.
CliffRange cliffRange(const CliffChartData &data, int panel = -1);

// True when data.logY and every value a log axis would have to place (points, baselines) is > 0.
bool cliffCanUseLog(const CliffChartData &data, int panel = -1);

} // namespace bitcliff
