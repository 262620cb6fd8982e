#pragma once
// How far quantized weights are from the originals: tensor totals (MSE, relative Frobenius
// error, SQNR, max |error|) and the grids behind the heatmaps (per output channel, per input
// channel, per (row, group)). Filled chunk by chunk so big tensors stream.
#include <cstdint>
#include <mutex>
#include <vector>

namespace bitcliff {

struct ErrorGrid
{
    int64_t rows = 0;
    int64_t cols = 0;
    std::vector<float> values; // rows * cols, row-major
};

struct TensorError
{
    int64_t count = 0;
    double mse = 0.0;
    double relativeFrobenius = 0.0; // ||W - Q(W)||_F / ||W||_F
    double sqnrDb = 0.0;            // 10 log10(sum w^2 / sum e^2); +inf when exact
    double maxAbsError = 0.0;
    std::vector<float> rowMse;      // per output channel
    std::vector<float> colMse;      // per input channel
    ErrorGrid groupMse;             // rows x groups of `groupLength` input elements
    int64_t groupLength = 0;
};

// Builds one tensor's error from row chunks. addRows may be called concurrently from
// several threads for disjoint row ranges: cells of rows are written in place, the sums
// and per-column totals are added under a lock once per chunk.
class TensorErrorBuilder
{
public:
    TensorErrorBuilder(int64_t rows, int64_t cols, int64_t groupLength);
    // Rows [rowBegin, rowBegin + rowCount) of the original and quantized matrices.
    void addRows(const float *original, const float *quantized, int64_t rowBegin, int64_t rowCount);
    TensorError finish() const;

private:
    int64_t m_rows;
    int64_t m_cols;
    int64_t m_groupLength;
    int64_t m_groups;
    std::vector<float> m_rowMse;
    std::vector<float> m_groupMse;
    std::mutex m_mutex; // guards everything below
    double m_sumSquaredError = 0.0;
    double m_sumSquaredWeight = 0.0;
    double m_maxAbsError = 0.0;
    int64_t m_count = 0;
    std::vector<double> m_colSse;
};

// The (row, group) grid's group length for a scheme's block length: its own groups (of 8
// elements or more), else 128-element slices (or the whole row when shorter).
int64_t errorGridGroupLength(int64_t blockLength, int64_t cols);

} // namespace bitcliff
