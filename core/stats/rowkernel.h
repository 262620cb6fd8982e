#pragma once
// The inner loop of the statistics pass: one matrix row of float values folded into the
// running per-tensor accumulators. Kept apart so the benchmark and tests can reach it.
#include "stats/moments.h"
#include "stats/valuehistogram.h"

#include <cstdint>
#include <vector>

namespace bitcliff {

struct RowResult
{
    float absmax = 0.0f;
    float rms = 0.0f;
    double sumSquares = 0.0;
    Moments moments;
    int64_t nonFinite = 0;
};

// Per-thread accumulators of one tensor's column statistics. Squares are summed in float
// over one work item (a few thousand rows at most) and folded into double per item.
struct ColumnAccumulator
{
    std::vector<float> absmax;
    std::vector<float> itemSquares;
    std::vector<double> sumSquares;
    void reset(int64_t cols);
    void foldItem(); // itemSquares -> sumSquares
    void merge(const ColumnAccumulator &other);
};

// Folds row `x` (length `cols`) into `columns` and `counters`, returns the row's own stats.
// Non-finite values are counted and left out of everything else.
RowResult accumulateRow(const float *x, int64_t cols, ColumnAccumulator &columns, HistogramCounters &counters);

} // namespace bitcliff
