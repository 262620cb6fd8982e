#include "quant/codebooks.h"

#include <algorithm>
#include <vector>

namespace bitcliff {

const std::array<float, 16> &nf4Codes()
{
    static constexpr std::array<float, 16> codes{
        -1.0f,
        -0.6961928009986877f,
        -0.5250730514526367f,
        -0.39491748809814453f,
        -0.28444138169288635f,
        -0.18477343022823334f,
        -0.09105003625154495f,
        0.0f,
        0.07958029955625534f,
        0.16093020141124725f,
        0.24611230194568634f,
        0.33791524171829224f,
        0.44070982933044434f,
        0.5626170039176941f,
        0.7229568362236023f,
        1.0f,
    };
    return codes;
}

const std::array<float, 16> &fp4Codes()
{
    static const std::array<float, 16> codes = [] {
        constexpr float magnitudes[8] = {0.0f, 0.0625f, 8.0f, 12.0f, 4.0f, 6.0f, 2.0f, 3.0f};
        std::array<float, 16> c{};
        for (int i = 0; i < 8; ++i) {
            c[size_t(i)] = magnitudes[i] / 12.0f;
            c[size_t(i) + 8] = -magnitudes[i] / 12.0f;
        }
        return c;
    }();
    return codes;
}

const std::array<float, 8> &e2m1Magnitudes()
{
    static constexpr std::array<float, 8> values{0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 3.0f, 4.0f, 6.0f};
    return values;
}

namespace {

// torch.linspace(start, end, steps) for float32, scalar kernel.
std::vector<float> linspace(float start, float end, int steps)
{
    const float step = (end - start) / static_cast<float>(steps - 1);
    const int halfway = steps / 2;
    std::vector<float> v(static_cast<size_t>(steps));
    for (int k = 0; k < steps; ++k)
        v[size_t(k)] = k < halfway ? start + step * static_cast<float>(k)
                                   : end - step * static_cast<float>(steps - k - 1);
    return v;
}

} // namespace

const std::array<float, 256> &dynamicMap8()
{
    static const std::array<float, 256> map = [] {
        // signed: 7 exponent bits use all 7 non-sign bits, so no extra linear items.
        constexpr double decades[7] = {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0};
        std::vector<float> data;
        for (int i = 0; i < 7; ++i) {
            const std::vector<float> bounds = linspace(0.1f, 1.0f, (1 << i) + 1);
            const auto decade = static_cast<float>(decades[i]);
            std::vector<float> means;
            for (size_t k = 0; k + 1 < bounds.size(); ++k)
                means.push_back((bounds[k] + bounds[k + 1]) / 2.0f);
            for (float m : means)
                data.push_back(decade * m);
            for (float m : means)
                data.push_back(-decade * m);
        }
        data.push_back(0.0f);
        data.push_back(1.0f);
        std::sort(data.begin(), data.end());
        std::array<float, 256> out{};
        std::copy(data.begin(), data.end(), out.begin());
        return out;
    }();
    return map;
}

} // namespace bitcliff
