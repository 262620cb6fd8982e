#pragma once
// The sweep report: one self-contained HTML file (inline CSS, charts inline as SVG, no
// external assets, no scripts) with the summary, the findings, the charts, every cell's
// results and what is needed to reproduce them. The markup is well-formed XML (XHTML
// compatible), so it can be parsed as well as viewed. Every figure read from a cell is a
// <span class="num" data-cell="3" data-key="/accuracy/overall/acc" data-format="pct1">
// with the cell's index and the value's JSON pointer; data-format says how it is shown:
//   pct1  value * 100, 1 decimal      fix1  1 decimal       fix2  2 decimals
//   sig3  3 significant digits, zeros kept (printf %#.3g)   int   an integer
// rounded as printf rounds (exact ties to even), a negative zero ("-0.0") without its sign.
// Figures computed from those (differences in points) are <span class="derived">.
#include "analysis/clifffindings.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <vector>

namespace bitcliff::app {

struct SweepChart
{
    QString title;
    QByteArray svg; // an SVG document (XML prolog and doctype allowed: they are stripped)
    QString pngFile; // optional: the same chart as PNG, relative to the report, linked
};

struct SweepReportInput
{
    QString title; // empty: "Quantization sweep of <model file name>"
    QString modelPath; // empty: the cells' /repro/model/path
    ResultCells cells;
    CliffFindings findings; // findCliffs(cells)
    std::vector<SweepChart> charts;
    QDateTime generated; // invalid: now
};

// The report, UTF-8.
QByteArray sweepReportHtml(const SweepReportInput &input);

// `svg` without what precedes its <svg> element (XML declaration, doctype, comments), its
// ids prefixed with `idPrefix` so that several charts in one page do not share ids. Empty
// when `svg` has no <svg> element.
QByteArray inlineSvg(const QByteArray &svg, const QString &idPrefix);

} // namespace bitcliff::app
