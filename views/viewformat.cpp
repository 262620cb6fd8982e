#include "viewformat.h"

#include <QLocale>
#include <QStringList>

#include <array>
#include <cmath>

namespace bitcliff {

QString ViewFormat::shape(const std::vector<int64_t> &shape)
{
    if (shape.empty())
        return tr("scalar");
    QStringList parts;
    parts.reserve(static_cast<qsizetype>(shape.size()));
    for (int64_t d : shape)
        parts << QString::number(d);
    return parts.join(QStringLiteral(" \u00d7 "));
}

QString ViewFormat::count(int64_t value)
{
    return QLocale().toString(static_cast<qlonglong>(value));
}

QString ViewFormat::compactCount(int64_t value)
{
    const double magnitude = std::abs(static_cast<double>(value));
    if (magnitude < 100000.0) // "65,536" reads better than "65.5 k
        return QLocale().toString(static_cast<qlonglong>(value));
    const std::array<QString, 4> units{tr("k", "thousand"), tr("M", "million"),
                                       tr("B", "billion"), tr("T", "trillion")};
    double scaled = static_cast<double>(value) / 1000.0;
    size_t unit = 0;
    // Move up a unit before rounding would print "1.00e+03 k".
    while (std::abs(scaled) >= 999.5 && unit + 1 < units.size()) {
        scaled /= 1000.0;
        ++unit;
    }
    return tr("%1 %2", "number unit").arg(QLocale().toString(scaled, 'g', 3), units[unit]);
}

QString ViewFormat::value(double value, int digits)
{
    if (std::isnan(value))
        return missing();
    return QLocale().toString(value, 'g', digits);
}

QString ViewFormat::dtype(const TensorInfo &tensor)
{
    if (!tensor.dtypeLabel.empty())
        return QString::fromStdString(tensor.dtypeLabel);
    const std::string_view name = dtypeName(tensor.dtype);
    return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
}

QString ViewFormat::notReadable(const TensorInfo &tensor)
{
    return tr("%1: not readable yet", "tensor type BitCliff cannot decode").arg(dtype(tensor));
}

QString ViewFormat::notReadableTensor(const TensorInfo &tensor)
{
    return tr("%1: %2 not readable yet", "tensor name, tensor type BitCliff cannot decode")
        .arg(QString::fromStdString(tensor.name), dtype(tensor));
}

} // namespace bitcliff
