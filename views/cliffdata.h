#pragma once
// Immutable snapshots for the accuracy-cliff charts (CliffChartView, CliffMultiplesView): one
// metric of a sweep against the bits each scheme stores, one line per quantization method.
// Plain values, built off the GUI thread from a sweep's results and handed over by value;
// every text in them is shown as is (the builder translates it).
#include <QString>
#include <QVector>
#include <QtNumeric>

#include <optional>

namespace bitcliff {

// One evaluated scheme: a point of its method's line.
struct CliffPoint
{
    double x = qQNaN(); // bits per weight as stored (scales included), e.g. 4.53
    double y = qQNaN(); // the metric, e.g. mean KLD; NaN: not measured (no point drawn)
    double lo = qQNaN(); // confidence interval drawn as an error bar; NaN when there is none
    double hi = qQNaN();
    QString scheme; // "q4_k", first word of the point's tooltip
    QString tooltip; // extra tooltip lines ("\n"-separated), may be empty
    int cell = -1; // the sweep cell, sent back by pointClicked()
};

// One method ("gguf-k", "rtn:g128:sym", "nf4"...): its name keys the colour and the legend.
struct CliffSeries
{
    QString method;
    QVector<CliffPoint> points; // sorted by x
};

// One chart: the whole sweep ("overall") or one slice of it ("hard", "ru").
struct CliffPanel
{
    QString title;
    QVector<CliffSeries> series;
    std::optional<double> baseline; // the unquantized model's value: a dashed horizontal line
};

struct CliffChartData
{
    QString title; // the chart (one panel) or the grid of small multiples
    QString xTitle; // with unit: "bits per weight (stored)"
    QString yTitle; // with unit: "mean KLD (nats)"
    QString yName; // the metric in tooltips: "KLD" -> "q4_k: 4.53 bpw, KLD 0.0123"
    bool logY = false; // honoured only when every value is > 0, else the axis stays linear
    std::optional<double> floorX = 4.0; // the 4-bit floor: a dashed vertical line
    QVector<CliffPanel> panels; // one: a single chart; several: small multiples on shared axes
};

} // namespace bitcliff
