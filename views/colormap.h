#pragma once
// Perceptually uniform colormaps (matplotlib's viridis and magma) as 256-entry lookup
// tables: lightness rises monotonically, so a brighter cell always means a larger value,
// also in grayscale print.
#include <QColor>
#include <QRgb>

#include <array>

namespace bitcliff {

class Colormap
{
public:
    enum class Kind { Viridis, Magma };
    static constexpr int kSize = 256;

    static const Colormap &viridis();
    static const Colormap &magma();
    static const Colormap &get(Kind kind);

    Kind kind() const { return m_kind; }
    // t in [0, 1] (clamped); NaN gives the first entry.
    QRgb map(double t) const
    {
        const double clamped = t > 0.0 ? (t < 1.0 ? t : 1.0) : 0.0;
        return m_lut[static_cast<size_t>(clamped * (kSize - 1) + 0.5)];
    }
    QColor color(double t) const { return QColor::fromRgb(map(t)); }
    const std::array<QRgb, kSize> &table() const { return m_lut; }

private:
    explicit Colormap(Kind kind);

    Kind m_kind;
    std::array<QRgb, kSize> m_lut{};
};

} // namespace bitcliff
