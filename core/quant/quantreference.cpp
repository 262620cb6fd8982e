#include "quant/quantreference.h"

#include "quant/codebooks.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bitcliff::reference {

namespace {

using Matrix = std::vector<float>;

// ---- RTN ----

struct Grid
{
    float scale, zero, lo, hi;
};

Grid rtnGrid(const QuantScheme &s, float min, float max)
{
    if (s.symmetric) {
        const float qmax = std::pow(2.0f, float(s.bits - 1)) - 1.0f;
        const float absmax = std::max(std::abs(min), std::abs(max));
        return {absmax / qmax, 0.0f, -qmax - 1.0f, qmax};
    }
    const float maxq = std::pow(2.0f, float(s.bits)) - 1.0f;
    const float scale = std::max(max - min, 1e-5f) / maxq;
    return {scale, std::clamp(-std::nearbyint(min / scale), 0.0f, maxq), 0.0f, maxq};
}

float rtnValue(const Grid &g, float x)
{
    if (g.scale == 0.0f)
        return 0.0f;
    const float q = std::clamp(std::nearbyint(x / g.scale) + g.zero, g.lo, g.hi);
    return (q - g.zero) * g.scale;
}

// GPTQ's search: shrink the range by p = 1 - i/100, keep the first p of least sum |e|^2.4.
Grid rtnBlockGrid(const QuantScheme &s, const std::vector<float> &block)
{
    const auto [lo, hi] = std::minmax_element(block.begin(), block.end());
    Grid best = rtnGrid(s, *lo, *hi);
    if (!s.mseClip || best.scale == 0.0f)
        return best;
    double bestError = std::numeric_limits<double>::infinity();
    for (int i = 0; i < 80; ++i) {
        const auto p = float(1.0 - i / 100.0);
        const Grid g = rtnGrid(s, p * *lo, p * *hi);
        double error = 0;
        for (float x : block)
            error += std::pow(std::abs(rtnValue(g, x) - x), 2.4f);
        if (error < bestError) {
            bestError = error;
            best = g;
        }
    }
    return best;
}

Matrix rtn(const QuantScheme &s, const Matrix &w, int64_t rows, int64_t cols, const TensorRange *range)
{
    Matrix out(w.size());
    if (s.granularity == Granularity::Tensor) {
        const Grid g = range ? rtnGrid(s, range->min, range->max) : rtnBlockGrid(s, w);
        for (size_t i = 0; i < w.size(); ++i)
            out[i] = rtnValue(g, w[i]);
        return out;
    }
    const int64_t len = s.granularity == Granularity::Channel ? cols : s.groupSize;
    for (int64_t r = 0; r < rows; ++r) {
        for (int64_t c0 = 0; c0 < cols; c0 += len) {
            const size_t first = size_t(r * cols + c0);
            const std::vector<float> block(w.begin() + long(first), w.begin() + long(first + size_t(len)));
            const Grid g = rtnBlockGrid(s, block);
            for (size_t k = 0; k < block.size(); ++k)
                out[first + k] = rtnValue(g, block[k]);
        }
    }
    return out;
}

// ---- NF4 / FP4 / double quantization (bitsandbytes) ----

// Index of the code for y: codes sorted, y goes up past every midpoint it exceeds (a value
// on a midpoint stays with the lower code). Midpoints are float32 like bitsandbytes'.
size_t bucket(const std::vector<float> &sorted, float y)
{
    size_t i = 0;
    while (i + 1 < sorted.size() && double(y) > double(float((double(sorted[i]) + sorted[i + 1]) / 2.0)))
        ++i;
    return i;
}

float blockAbsmax(const Matrix &w, size_t first, int64_t len)
{
    float m = 0.0f;
    for (int64_t k = 0; k < len; ++k)
        m = std::max(m, std::abs(w[first + size_t(k)]));
    return m;
}

std::vector<float> doubleQuantized(const std::vector<float> &absmax, float offset)
{
    const std::array<float, 256> &table = dynamicMap8();
    const std::vector<float> map(table.begin(), table.end());
    std::vector<float> out(absmax.size());
    for (size_t b0 = 0; b0 < absmax.size(); b0 += 256) {
        const size_t b1 = std::min(absmax.size(), b0 + 256);
        float absmax2 = 0.0f;
        for (size_t i = b0; i < b1; ++i)
            absmax2 = std::max(absmax2, std::abs(absmax[i] - offset));
        for (size_t i = b0; i < b1; ++i)
            out[i] = absmax2 == 0.0f ? offset : map[bucket(map, (absmax[i] - offset) / absmax2)] * absmax2 + offset;
    }
    return out;
}

Matrix blockwise4(const QuantScheme &s, const Matrix &w, const TensorRange *range)
{
    const bool nf4 = s.method == QuantMethod::Nf4;
    const std::vector<float> nf4Sorted = {-1.0f, -0.6961928009986877f, -0.5250730514526367f,
        -0.39491748809814453f, -0.28444138169288635f, -0.18477343022823334f, -0.09105003625154495f, 0.0f,
        0.07958029955625534f, 0.16093020141124725f, 0.24611230194568634f, 0.33791524171829224f,
        0.44070982933044434f, 0.5626170039176941f, 0.7229568362236023f, 1.0f};
    std::vector<float> fp4Magnitudes;
    for (float v : {0.0f, 0.0625f, 8.0f, 12.0f, 4.0f, 6.0f, 2.0f, 3.0f})
        fp4Magnitudes.push_back(v / 12.0f);
    std::sort(fp4Magnitudes.begin(), fp4Magnitudes.end());

    const int64_t g = s.groupSize;
    std::vector<float> absmax;
    for (size_t first = 0; first < w.size(); first += size_t(g))
        absmax.push_back(blockAbsmax(w, first, g));
    std::vector<float> scales = absmax;
    if (nf4 && s.doubleQuant) {
        double sum = 0;
        for (float a : absmax)
            sum += a;
        const float mean = float(sum / double(absmax.size()));
        scales = doubleQuantized(absmax, range && range->absmaxMean ? *range->absmaxMean : mean);
    }
    Matrix out(w.size());
    for (size_t i = 0; i < w.size(); ++i) {
        const size_t b = i / size_t(g);
        if (absmax[b] == 0.0f)
            continue; // all zero: 0
        const float y = w[i] / absmax[b];
        if (nf4) {
            out[i] = nf4Sorted[bucket(nf4Sorted, y)] * scales[b];
        } else {
            const float m = fp4Magnitudes[bucket(fp4Magnitudes, std::abs(y))];
            out[i] = (y < 0 ? -m : m) * scales[b];
        }
    }
    return out;
}

// ---- MXFP4, FP8 (OCP Microscaling Formats v1.0) ----

Matrix mxfp4(const Matrix &w)
{
    const double grid[8] = {0, 0.5, 1, 1.5, 2, 3, 4, 6};
    Matrix out(w.size());
    for (size_t first = 0; first < w.size(); first += 32) {
        const float amax = blockAbsmax(w, first, 32);
        if (amax == 0.0f)
            continue;
        const double scale = std::pow(2.0, std::max(std::floor(std::log2(double(amax))) - 2.0, -127.0));
        for (size_t i = first; i < first + 32; ++i) {
            const double v = w[i] / scale;
            int best = 0;
            for (int c = 1; c < 8; ++c) {
                const double d = std::abs(std::abs(v) - grid[c]), bestD = std::abs(std::abs(v) - grid[best]);
                if (d < bestD || (d == bestD && c % 2 == 0))
                    best = c;
            }
            out[i] = float((v < 0 ? -grid[best] : grid[best]) * scale);
        }
    }
    return out;
}

double e4m3Value(int code)
{
    const int e = code >> 3, m = code & 7;
    return e == 0 ? m / 8.0 * std::pow(2.0, -6) : std::pow(2.0, e - 7) * (1 + m / 8.0);
}

Matrix fp8(const Matrix &w, int64_t rows, int64_t cols)
{
    Matrix out(w.size());
    for (int64_t r = 0; r < rows; ++r) {
        const size_t first = size_t(r * cols);
        const float amax = blockAbsmax(w, first, cols);
        if (amax == 0.0f)
            continue;
        const float s = amax / 448.0f;
        for (size_t i = first; i < first + size_t(cols); ++i) {
            const uint8_t code = nearestE4m3(w[i] / s);
            const double v = e4m3Value(code & 0x7F);
            out[i] = float(code & 0x80 ? -v : v) * s;
        }
    }
    return out;
}

// ---- HQQ, double ----

Matrix hqq(const QuantScheme &s, const Matrix &w)
{
    const double maxq = std::pow(2.0, s.bits) - 1;
    const auto g = size_t(s.groupSize);
    Matrix out(w.size());
    for (size_t first = 0; first < w.size(); first += g) {
        const std::vector<double> x(w.begin() + long(first), w.begin() + long(first + g));
        const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
        const double scale = std::abs(*hi - *lo) <= 1e-4 ? 1.0 : maxq / (*hi - *lo);
        double zero = -*lo * scale, beta = 10.0, best = 1e4;
        auto quantize = [&](double v) { return std::clamp(std::nearbyint(v * scale + zero), 0.0, maxq); };
        for (int it = 0; it < 20; ++it) {
            double zeroSum = 0, errorSum = 0;
            for (double v : x) {
                const double q = quantize(v);
                const double d = v - (q - zero) / scale;
                const double shrunk = std::max(std::abs(d) - (1.0 / beta) * std::pow(std::abs(d) + 1e-8, 0.7 - 1), 0.0);
                zeroSum += q - (v - (d > 0 ? shrunk : d < 0 ? -shrunk : 0.0)) * scale;
                errorSum += std::abs(d);
            }
            zero = zeroSum / double(g);
            beta *= 1.01;
            const double error = errorSum / double(g);
            if (error >= best)
                break;
            best = error;
        }
        for (size_t k = 0; k < g; ++k)
            out[first + k] = float((quantize(x[k]) - zero) / scale);
    }
    return out;
}

} // namespace

std::vector<float> fakeQuantize(const QuantScheme &scheme, const std::vector<float> &weights, int64_t rows,
                                int64_t cols, const TensorRange *range)
{
    scheme.checkRowLength(cols, "weights");
    switch (scheme.method) {
    case QuantMethod::Rtn:
        return rtn(scheme, weights, rows, cols, range);
    case QuantMethod::Nf4:
    case QuantMethod::Fp4:
        return blockwise4(scheme, weights, range);
    case QuantMethod::Mxfp4:
        return mxfp4(weights);
    case QuantMethod::Fp8:
        return fp8(weights, rows, cols);
    case QuantMethod::Hqq:
        return hqq(scheme, weights);
    case QuantMethod::Gguf:
        break;
    }
    throw Error("no scalar reference for " + scheme.toString());
}

uint8_t nearestE4m3(double value)
{
    const double a = std::abs(value);
    int best = 0x7E; // 448 and beyond saturate
    if (a < 448.0) {
        best = 0;
        for (int c = 1; c <= 0x7E; ++c) {
            const double d = std::abs(a - e4m3Value(c)), bestD = std::abs(a - e4m3Value(best));
            if (d < bestD || (d == bestD && c % 2 == 0))
                best = c;
        }
    }
    return uint8_t(value < 0 ? (best | 0x80) : best);
}

std::vector<double> dynamicMapFormula()
{
    std::vector<double> data;
    for (int i = 0; i < 7; ++i) {
        const int n = (1 << i) + 1; // linspace(0.1, 1, n)
        for (int k = 0; k + 1 < n; ++k) {
            const double b0 = 0.1 + 0.9 * k / (n - 1), b1 = 0.1 + 0.9 * (k + 1) / (n - 1);
            const double v = std::pow(10.0, i - 6) * (b0 + b1) / 2;
            data.push_back(v);
            data.push_back(-v);
        }
    }
    data.push_back(0.0);
    data.push_back(1.0);
    std::sort(data.begin(), data.end());
    return data;
}

} // namespace bitcliff::reference
