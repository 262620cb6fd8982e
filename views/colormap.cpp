#include "colormap.h"

#include <algorithm>
#include <cmath>

namespace bitcliff {

namespace {

// Degree-6 polynomial fits of matplotlib's viridis and magma tables (Matt Zucker's fits,
// within 5/255 of the originals): coefficients c0..c6 per channel.
using Coefficients = std::array<std::array<double, 3>, 7>;

constexpr Coefficients kViridis{{
    {0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
    {0.1050930431085774, 1.404613529898575, 1.384590162594685},
    {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
    {-4.634230498983486, -5.799100973351585, -19.33244095627987},
    {6.228269936347081, 14.17993336680509, 56.69055260068105},
    {4.776384997670288, -13.74514537774601, -65.35303263337234},
    {-5.435455855934631, 4.645852612178535, 26.3124352495832},
}};

constexpr Coefficients kMagma{{
    {-0.002136485053939582, -0.000749655052795221, -0.005386127855323933},
    {0.2516605407371642, 0.6775232436837668, 2.494026599312351},
    {8.353717279216625, -3.577719514958484, 0.3144679030132573},
    {-27.66873308576866, 14.26473078096533, -13.64921318813922},
    {52.17613981234068, -27.94360607168351, 12.94416944238394},
    {-50.76852536473588, 29.04658282127291, 4.23415299384598},
    {18.65570506591883, -11.48977351997711, -5.601961508734096},
}};

// ColorBrewer's 11-class RdBu from blue to red, as matplotlib's RdBu_r interpolates it
// (linearly in RGB between evenly spaced stops).
constexpr std::array<QRgb, 11> kRdBuR{0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7,
                                      0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f};

QRgb divergingAt(double t)
{
    const double x = t * double(kRdBuR.size() - 1);
    const size_t i = std::min(static_cast<size_t>(x), kRdBuR.size() - 2);
    const double f = x - double(i);
    auto mix = [f](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * f)); };
    const QRgb a = kRdBuR[i];
    const QRgb b = kRdBuR[i + 1];
    return qRgb(mix(qRed(a), qRed(b)), mix(qGreen(a), qGreen(b)), mix(qBlue(a), qBlue(b)));
}

int channel(const Coefficients &c, int ch, double t)
{
    double v = c[6][static_cast<size_t>(ch)];
    for (int i = 5; i >= 0; --i)
        v = v * t + c[static_cast<size_t>(i)][static_cast<size_t>(ch)];
    return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
}

} // namespace

Colormap::Colormap(Kind kind)
    : m_kind(kind)
{
    const Coefficients &c = kind == Kind::Magma ? kMagma : kViridis;
    for (int i = 0; i < kSize; ++i) {
        const double t = static_cast<double>(i) / (kSize - 1);
        m_lut[static_cast<size_t>(i)] = kind == Kind::Diverging
            ? divergingAt(t)
            : qRgb(channel(c, 0, t), channel(c, 1, t), channel(c, 2, t));
    }
}

const Colormap &Colormap::viridis()
{
    static const Colormap map(Kind::Viridis);
    return map;
}

const Colormap &Colormap::magma()
{
    static const Colormap map(Kind::Magma);
    return map;
}

const Colormap &Colormap::diverging()
{
    static const Colormap map(Kind::Diverging);
    return map;
}

const Colormap &Colormap::get(Kind kind)
{
    switch (kind) {
    case Kind::Magma: return magma();
    case Kind::Diverging: return diverging();
    case Kind::Viridis: break;
    }
    return viridis();
}

} // namespace bitcliff
