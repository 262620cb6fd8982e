#pragma once
// Perceptually uniform colormaps (matplotlib's viridis and magma) as 256-entry lookup
// tables: lightness rises monotonically, so a brighter cell always means a larger value,
// also in grayscale print. Diverging is matplotlib's RdBu_r (ColorBrewer RdBu, reversed):
// dark blue at 0, white in the middle, dark red at 1, for values around a centre (a log
// ratio of two errors: blue better, red worse); lightness falls off equally on both sides.
#include <QColor>
#include <QRgb>

#include <array>

namespace bitcliff {

class Colormap
{
public:
    enum class Kind { Viridis, Magma, Diverging };
    static constexpr int kSize = 256;

    static const Colormap &viridis();
    static const Colormap &magma();
    static const Colormap &diverging();
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
