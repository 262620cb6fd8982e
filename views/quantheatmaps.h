#pragma once
// The quantization heatmaps as immutable HeatmapData snapshots: pure functions of core
// results, cheap enough for the GUI thread and safe in a worker (build the HeatmapPyramid
// there too for big grids).
//   errorGridHeatmap        one tensor's MSE per (output channel, group of input channels)
//   errorDifferenceHeatmap  where scheme B's error is larger (red) or smaller (blue) than A's
//   sqnrOverviewHeatmap     the whole model at a glance: SQNR per layer and linear role
#include "heatmapdata.h"
#include "quant/errormetrics.h"
#include "quant/modelquantizer.h"

#include <QString>

#include <vector>

namespace bitcliff {

// The overview and, per cell, the index of the tensor it shows in report.tensors (and the
// model's catalog), or -1 where the layer has no tensor of that role, so a click on cell
// (row, col) can open tensorIndex[row * data.cols + col]. Tensors that were kept (not
// quantized) keep their index but show as missing.
struct OverviewHeatmap
{
    HeatmapData data;
    std::vector<int> tensorIndex; // data.rows * data.cols, row-major
    int tensorAt(int row, int col) const;
};

// rows (output channels) x groups of TensorError::groupLength input channels, of the MSE in
// each cell. Columns are named by the input channels they cover ("128–255"). Empty (invalid)
// data when the tensor has no grid.
HeatmapData errorGridHeatmap(const TensorError &error, const QString &tensorName, const QString &scheme);

// log10(MSE_B / MSE_A) per cell: > 0 (red) where B has more error, < 0 (blue) where it has
// less; diverging around 0. A cell whose MSE is 0 counts as 1e-30 (so two exact cells give
// 0). When the group lengths differ, both grids are first resampled to the coarser group
// length: each coarse cell is the element-weighted mean of the finer cells it overlaps (exact
// when one length divides the other, and treating a fine cell's MSE as uniform across it
// otherwise). Empty (invalid) data when the grids' rows or input widths differ.
HeatmapData errorDifferenceHeatmap(const TensorError &a, const TensorError &b, const QString &nameA,
                                   const QString &nameB, const QString &tensorName);

// Layers x the seven linear roles (attn_q, attn_k, attn_v, attn_o, ffn_gate, ffn_up,
// ffn_down) of each tensor's SQNR in dB. NaN where the layer has no such tensor, where it was
// kept, or where it was quantized exactly (infinite SQNR; the missing label says so). A
// layer with several tensors of one role (mixture-of-experts) shows its worst (lowest SQNR).
// The title names `subject` (default: the scheme).
OverviewHeatmap sqnrOverviewHeatmap(const QuantReport &report, const QString &subject = {});

// One line for a tensor's tooltip: kept (why), fell back (to what, why) or quantized, with
// its bits per weight.
QString tensorTreatmentNote(const TensorQuantResult &tensor);

// The roles of the overview's columns, in order.
const std::vector<TensorRole> &overviewRoles();

} // namespace bitcliff
