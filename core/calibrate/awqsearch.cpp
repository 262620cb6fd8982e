#include "calibrate/awqsearch.h"

#include "nn/swiglu.h"
#include "quant/quantizer.h"
#include "util/error.h"
#include "util/parallelfor.h"

#include <algorithm>
#include <cblas.h>
#include <cmath>
#include <limits>
#include <memory>

namespace bitcliff {

namespace {

// `work(begin, end)` over row ranges on all cores: rounding and the elementwise passes would
// otherwise take as long as the searches' GEMMs.
void forRowRanges(int64_t rows, const std::function<void(int64_t, int64_t)> &work)
{
    const int64_t chunk = std::max<int64_t>(16, rows / 64);
    const size_t chunks = size_t((rows + chunk - 1) / chunk);
    parallelForEach(
        chunks, 0, [](size_t) { return uint64_t(1); },
        [&](size_t item, int) { work(int64_t(item) * chunk, std::min(rows, int64_t(item + 1) * chunk)); }, {});
}

double squaredSum(const std::vector<float> &values)
{
    double sum = 0;
    for (const float v : values)
        sum += double(v) * double(v);
    return sum;
}

// y [m × rows] = x [m × cols] · Wᵀ
void multiply(const float *x, int64_t m, const float *w, int64_t rows, int64_t cols, std::vector<float> &y)
{
    y.resize(size_t(m * rows));
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(m), int(rows), int(cols), 1.0f, x, int(cols), w, int(cols),
                0.0f, y.data(), int(rows));
}

// w = Q(W·diag(s))·diag(1/s): what the float weights become once scaled and rounded. Buffers
// are reused across candidates (fresh pages cost as much as the searches' GEMMs here).
void scaledRounding(const AwqLinear &linear, const std::vector<float> &s, std::vector<float> &w)
{
    const int64_t rows = linear.rows, cols = linear.cols;
    w.resize(size_t(rows * cols));
    forRowRanges(rows, [&](int64_t begin, int64_t end) {
        float *out = w.data() + begin * cols;
        for (int64_t r = begin; r < end; ++r)
            for (int64_t j = 0; j < cols; ++j)
                w[size_t(r * cols + j)] = linear.weights[r * cols + j] * s[size_t(j)];
        fakeQuantizeRows(linear.grid, out, end - begin, cols, out);
        for (int64_t r = begin; r < end; ++r)
            for (int64_t j = 0; j < cols; ++j)
                w[size_t(r * cols + j)] /= s[size_t(j)];
    });
}

// AutoAWQ's w_mean (+1e−6 on each block's maximum, as it divides).
std::vector<double> weightSalience(const std::vector<AwqLinear> &linears, int64_t cols)
{
    std::vector<double> mean(size_t(cols), 0.0);
    int64_t rows = 0;
    for (const AwqLinear &l : linears) {
        const int64_t block = std::max<int64_t>(1, l.grid.blockLength(cols));
        for (int64_t r = 0; r < l.rows; ++r)
            for (int64_t b = 0; b < cols; b += block) {
                const int64_t end = std::min(cols, b + block);
                float top = 0;
                for (int64_t j = b; j < end; ++j)
                    top = std::max(top, std::fabs(l.weights[r * cols + j]));
                for (int64_t j = b; j < end; ++j)
                    mean[size_t(j)] += std::fabs(l.weights[r * cols + j]) / (double(top) + 1e-6);
            }
        rows += l.rows;
    }
    for (double &v : mean)
        v /= double(std::max<int64_t>(rows, 1));
    return mean;
}

} // namespace

AwqModuleLoss linearOutputLoss(const float *x, int64_t m, const std::vector<AwqLinear> &linears)
{
    struct Scratch
    {
        std::vector<float> delta, product;
    };
    auto scratch = std::make_shared<Scratch>();
    return [x, m, linears, scratch](const std::vector<std::vector<float>> &candidates) {
        double error = 0;
        std::vector<float> &delta = scratch->delta, &product = scratch->product;
        for (size_t i = 0; i < linears.size(); ++i) {
            const AwqLinear &l = linears[i];
            delta.resize(size_t(l.rows * l.cols));
            forRowRanges(l.rows, [&](int64_t begin, int64_t end) {
                for (int64_t k = begin * l.cols; k < end * l.cols; ++k)
                    delta[size_t(k)] = l.weights[k] - candidates[i][size_t(k)];
            });
            multiply(x, m, delta.data(), l.rows, l.cols, product);
            error += squaredSum(product);
        }
        return error;
    };
}

AwqModuleLoss mlpOutputLoss(const float *x, int64_t m, const AwqLinear &gate, const AwqLinear &up, const float *down,
                            int64_t hidden)
{
    const int64_t width = gate.rows, cols = gate.cols;
    auto input = std::make_shared<std::vector<float>>(x, x + m * cols);
    auto buffers = std::make_shared<std::pair<std::vector<float>, std::vector<float>>>();
    auto mlp = [input, buffers, m, width, cols, down, hidden](const float *g, const float *u, std::vector<float> &out) {
        std::vector<float> &a = buffers->first, &b = buffers->second;
        multiply(input->data(), m, g, width, cols, a);
        multiply(input->data(), m, u, width, cols, b);
        nn::swigluForward<float>(a.data(), b.data(), a.data(), m * width);
        multiply(a.data(), m, down, hidden, width, out);
    };
    auto reference = std::make_shared<std::vector<float>>();
    mlp(gate.weights, up.weights, *reference);
    auto out = std::make_shared<std::vector<float>>();
    return [mlp, reference, out](const std::vector<std::vector<float>> &candidates) {
        mlp(candidates[0].data(), candidates[1].data(), *out);
        for (size_t k = 0; k < out->size(); ++k)
            (*out)[k] -= (*reference)[k];
        return squaredSum(*out);
    };
}

AwqScales awqSearchScales(const std::vector<double> &meanAbs, const std::vector<AwqLinear> &linears,
                          const AwqModuleLoss &loss, bool duo)
{
    const int64_t cols = int64_t(meanAbs.size());
    AwqScales best;
    best.error = std::numeric_limits<double>::infinity();
    std::vector<float> s(static_cast<size_t>(cols));
    std::vector<std::vector<float>> candidates(linears.size());
    const std::vector<double> weightMean = duo ? weightSalience(linears, cols) : std::vector<double>();
    for (int step = 0; step < kAwqGrid; ++step) {
        const double ratio = double(step) / kAwqGrid;
        float lo = std::numeric_limits<float>::infinity(), hi = 0;
        for (int64_t j = 0; j < cols; ++j) {
            double salience = std::pow(meanAbs[size_t(j)], ratio);
            if (duo)
                salience /= std::pow(weightMean[size_t(j)], 1.0 - ratio) + 1e-4;
            s[size_t(j)] = float(std::isfinite(salience) ? std::max(1e-4, salience) : 1.0);
            lo = std::min(lo, s[size_t(j)]);
            hi = std::max(hi, s[size_t(j)]);
        }
        const float norm = std::sqrt(lo * hi);
        for (float &v : s)
            v /= norm;
        for (size_t i = 0; i < linears.size(); ++i)
            scaledRounding(linears[i], s, candidates[i]);
        const double error = loss(candidates);
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
    std::vector<double> rowError(static_cast<size_t>(rows));
    constexpr int kShrinks = kAwqGrid / 2; // down to half the range (AutoAWQ's max_shrink 0.5)
    for (int i = 0; i < kShrinks; ++i) {
        const float keep = 1.0f - float(i) / kAwqGrid;
        forRowRanges(rows, [&](int64_t begin, int64_t end) {
            for (int64_t r = begin; r < end; ++r)
                for (int64_t j = 0; j < cols; ++j) {
                    const float limit = absMax[size_t(r * groups + j / block)] * keep;
                    delta[size_t(r * cols + j)] = std::clamp(linear.weights[r * cols + j], -limit, limit);
                }
            fakeQuantizeRows(linear.grid, delta.data() + begin * cols, end - begin, cols, delta.data() + begin * cols);
            for (int64_t k = begin * cols; k < end * cols; ++k)
                delta[size_t(k)] = linear.weights[k] - delta[size_t(k)];
        });
        for (int64_t g = 0; g < groups; ++g) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(m), int(rows), int(block), 1.0f, x + g * block,
                        int(cols), delta.data() + g * block, int(cols), 0.0f, product.data(), int(rows));
            std::fill(rowError.begin(), rowError.end(), 0.0);
            for (int64_t t = 0; t < m; ++t) { // row-major: the product's rows are tokens
                const float *p = product.data() + t * rows;
                for (int64_t r = 0; r < rows; ++r)
                    rowError[size_t(r)] += double(p[r]) * double(p[r]);
            }
            for (int64_t r = 0; r < rows; ++r) {
                const size_t at = size_t(r * groups + g);
                if (rowError[size_t(r)] < bestError[at]) {
                    bestError[at] = rowError[size_t(r)];
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
