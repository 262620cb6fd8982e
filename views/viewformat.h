#pragma once
// Text formatting shared by the views, so a number reads the same in the tree, the panel
// and the charts.
#include "formats/tensorinfo.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <vector>

namespace bitcliff {

class ViewFormat
{
    Q_DECLARE_TR_FUNCTIONS(ViewFormat)

public:
    // "4096 × 14336"; "scalar" for a 0-d tensor.
    static QString shape(const std::vector<int64_t> &shape);
    // Exact, with the locale's thousands separators: "58,720,256".
    static QString count(int64_t value);
    // Exact below 100,000 ("65,536"), else three significant digits with a unit: "58.7 M".
    static QString compactCount(int64_t value);
    // A statistic: `digits` significant digits, no trailing zeros ("0.532", "1.2e-05").
    static QString value(double value, int digits = 4);
    // The file's own type name when it has one ("Q4_K"), else BitCliff's.
    static QString dtype(const TensorInfo &tensor);
    // How a tensor of a type BitCliff cannot read (IQ2_XXS, MXFP4...) is labelled:
    // "IQ2_XXS: not readable yet".
    static QString notReadable(const TensorInfo &tensor);
    // The same with the tensor's name: "blk.3.ffn_down.weight: IQ2_XXS not readable yet".
    static QString notReadableTensor(const TensorInfo &tensor);
    // Stands in for a value that does not exist (yet).
    static QString missing() { return QStringLiteral("\u2014"); }
};

} // namespace bitcliff
