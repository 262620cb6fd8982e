#include "calibrate/awqsearch.h"

#include "quant/quantizer.h"
#include "util/error.h"

#include <algorithm>
#include <cblas.h>
#include <cmath>
#include <limits>

namespace bitcliff {

namespace {

// ||x · Δᵀ||² for Δ [rows × cols] (x [m × cols]), through `product` [m × rows].
double outputError(const float *x, int64_t m, const std::vector<float> &delta, int64_t rows, int64_t cols,
                   std::vector<float> &product)
{
    product.resize(size_t(m * rows));
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(m), int(rows), int(cols), 1.0f, x, int(cols),
                delta.data(), int(cols), 0.0f, product.data(), int(rows));
    double sum = 0;
    for (const float v : product)
        sum += double(v) * double(v);
    return sum;
}

// Δ = W − Q(W·diag(s))·diag(1/s).
void scaledRoundingError(const AwqLinear &linear, const std::vector<float> &s, std::vector<float> &delta)
{
    const int64_t rows = linear.rows, cols = linear.cols;
    delta.resize(size_t(rows * cols));
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t j = 0; j < cols; ++j)
            delta[size_t(r * cols + j)] = linear.weights[r * cols + j] * s[size_t(j)];
    fakeQuantizeRows(linear.grid, delta.data(), rows, cols, delta.data());
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t j = 0; j < cols; ++j) {
            float &d = delta[size_t(r * cols + j)];
            d = linear.weights[r * cols + j] - d / s[size_t(j)];
        }
}

} // namespace

AwqScales awqSearchScales(const float *x, int64_t m, const std::vector<double> &meanAbs,
                          const std::vector<AwqLinear> &linears)
{
    const int64_t cols = int64_t(meanAbs.size());
    AwqScales best;
    best.error = std::numeric_limits<double>::infinity();
    std::vector<float> s(static_cast<size_t>(cols)), delta, product;
    for (int step = 0; step < kAwqGrid; ++step) {
        const double ratio = double(step) / kAwqGrid;
        float lo = std::numeric_limits<float>::infinity(), hi = 0;
        for (int64_t j = 0; j < cols; ++j) {
            s[size_t(j)] = float(std::max(1e-4, std::pow(meanAbs[size_t(j)], ratio)));
            lo = std::min(lo, s[size_t(j)]);
            hi = std::max(hi, s[size_t(j)]);
        }
        const float norm = std::sqrt(lo * hi);
        for (float &v : s)
            v /= norm;
        double error = 0;
        for (const AwqLinear &linear : linears) {
            scaledRoundingError(linear, s, delta);
            error += outputError(x, m, delta, linear.rows, cols, product);
        }
        if (step == 0)
            best.roundingError = error;
        if (error < best.error) {
            best.error = error;
            best.ratio = ratio;
            best.scales = s;
        }
    }
    return best;
}

int64_t awqClip(const float *x, int64_t m, const AwqLinear &linear)
{
    const int64_t rows = linear.rows, cols = linear.cols;
    const int64_t block = linear.grid.blockLength(cols);
    if (block <= 0 || cols % block != 0)
        throw Error("awq: clipping needs groups or channels");
    const int64_t groups = cols / block;
    std::vector<float> absMax(size_t(rows * groups));
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t g = 0; g < groups; ++g) {
            float a = 0;
            for (int64_t j = g * block; j < (g + 1) * block; ++j)
                a = std::max(a, std::fabs(linear.weights[r * cols + j]));
            absMax[size_t(r * groups + g)] = a;
        }
    std::vector<double> bestError(absMax.size(), std::numeric_limits<double>::infinity());
    std::vector<float> bestMax = absMax;
    std::vector<float> delta(size_t(rows * cols)), product(size_t(m * rows));
    constexpr int kShrinks = kAwqGrid / 2; // down to half the range (AutoAWQ's max_shrink 0.5)
    for (int i = 0; i < kShrinks; ++i) {
        const float keep = 1.0f - float(i) / kAwqGrid;
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t j = 0; j < cols; ++j) {
                const float limit = absMax[size_t(r * groups + j / block)] * keep;
                delta[size_t(r * cols + j)] = std::clamp(linear.weights[r * cols + j], -limit, limit);
            }
        fakeQuantizeRows(linear.grid, delta.data(), rows, cols, delta.data());
        for (int64_t k = 0; k < rows * cols; ++k)
            delta[size_t(k)] = linear.weights[k] - delta[size_t(k)];
        for (int64_t g = 0; g < groups; ++g) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(m), int(rows), int(block), 1.0f, x + g * block,
                        int(cols), delta.data() + g * block, int(cols), 0.0f, product.data(), int(rows));
            for (int64_t r = 0; r < rows; ++r) {
                double error = 0;
                for (int64_t t = 0; t < m; ++t)
                    error += double(product[size_t(t * rows + r)]) * double(product[size_t(t * rows + r)]);
                const size_t at = size_t(r * groups + g);
                if (error < bestError[at]) {
                    bestError[at] = error;
                    bestMax[at] = absMax[at] * keep;
                }
            }
        }
    }
    int64_t shrunk = 0;
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t g = 0; g < groups; ++g) {
            const size_t at = size_t(r * groups + g);
            if (bestMax[at] < absMax[at])
                ++shrunk;
            for (int64_t j = g * block; j < (g + 1) * block; ++j)
                linear.weights[r * cols + j] = std::clamp(linear.weights[r * cols + j], -bestMax[at], bestMax[at]);
        }
    return shrunk;
}

} // namespace bitcliff
