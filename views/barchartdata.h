#pragma once
// An immutable snapshot for GroupedBarChartView: categories along X (languages,
// difficulties...), one series of bars per run (unquantized, q4_0...), optional error bars.
#include <QString>
#include <QStringList>
#include <QVector>
#include <QtNumeric>

#include <cmath>

namespace bitcliff {

struct BarSeriesData
{
    QString name;
    QVector<double> values; // one per category; NaN = no bar
    QVector<double> errors; // empty, or one per category (± standard error)
};

struct BarChartData
{
    QString title;
    QString categoryTitle; // X axis title
    QString valueTitle; // Y axis title with unit
    QStringList categories;
    QVector<BarSeriesData> series;
    bool logScale = false;
    // The top of a linear value axis (100 for percentages); NaN: from the data.
    double valueMax = qQNaN();
};

} // namespace bitcliff
