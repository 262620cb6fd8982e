// GPTQ in float32 on a transposed copy of the weights (a column is a contiguous row there),
// with the inverse Hessian's Cholesky factor from LAPACK in double.
#include "calibrate/gptq.h"

#include "util/error.h"
#include "util/floatformats.h"

#include <algorithm>
#include <chrono>
#include <cblas.h>
#include <cmath>
#include <numeric>

extern "C" {
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info);
}

namespace bitcliff {

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

// The upper Cholesky factor U of H⁻¹ (H⁻¹ = UᵀU), row-major, for H (row-major, symmetric) +
// damp·I; false when H + damp·I is not positive definite.
bool inverseCholeskyUpper(const std::vector<double> &h, int64_t n, double damp, std::vector<float> &out)
{
    std::vector<double> a = h;
    for (int64_t i = 0; i < n; ++i)
        a[size_t(i * n + i)] += damp;
    const int size = int(n);
    int info = 0;
    // Row-major upper is column-major lower: factor, invert, factor again, all as 'L'.
    dpotrf_("L", &size, a.data(), &size, &info);
    if (info != 0)
        return false;
    dpotri_("L", &size, a.data(), &size, &info);
    if (info != 0)
        return false;
    dpotrf_("L", &size, a.data(), &size, &info);
    if (info != 0)
        return false;
    // Column-major lower L (H⁻¹ = LLᵀ) read row-major is Lᵀ = U; the other triangle is stale.
    out.assign(size_t(n * n), 0.0f);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i; j < n; ++j)
            out[size_t(i * n + j)] = float(a[size_t(i * n + j)]);
    return true;
}

// The grid as a checkpoint stores it: rtn scales in fp16 (GPTQ and AWQ files hold fp16
// scales; GGUF grids are fp16 already), so the values written equal the values evaluated.
GridParams fitStored(const QuantScheme &grid, const float *x, int64_t n)
{
    GridParams p = fitGrid(grid, x, n);
    if (p.rule == GridRule::Rtn)
        p.scale = fp16ToFloat(floatToFp16(p.scale));
    return p;
}

// out[j][i] = f(i, j) for i < n, j < m, in cache-sized tiles: a plain loop over a 4096 ×
// 4096 transpose misses the cache on every write and costs more than GPTQ's arithmetic.
template<typename Write>
void tiled(int64_t n, int64_t m, Write write)
{
    constexpr int64_t kTile = 64;
    for (int64_t i0 = 0; i0 < n; i0 += kTile)
        for (int64_t j0 = 0; j0 < m; j0 += kTile)
            for (int64_t i = i0; i < std::min(n, i0 + kTile); ++i)
                for (int64_t j = j0; j < std::min(m, j0 + kTile); ++j)
                    write(i, j);
}

struct Layout
{
    int64_t rows = 0, cols = 0;
    int64_t groupLength = 0; // columns per group
    bool upFront = false;    // per-channel grids and static groups: fitted before the loop
};

} // namespace

std::string gptqGridProblem(const GptqOptions &options, int64_t cols)
{
    const QuantScheme &grid = options.grid;
    if (!hasGrid(grid))
        return "gptq rounds on integer grids (rtn per group or channel, q4_0, q4_1, q5_0, q8_0), not "
            + grid.toString();
    const int64_t length = gridBlockLength(grid, cols);
    if (length < 1 || cols % length != 0)
        return "rows of " + std::to_string(cols) + " are not a multiple of the " + grid.toString() + " group ("
            + std::to_string(length) + ")";
    if (grid.method == QuantMethod::Gguf && options.actOrder && !options.staticGroups)
        return "act-order on GGUF blocks needs static groups (a block is 32 consecutive columns)";
    return {};
}

GptqResult gptqQuantize(const float *weights, int64_t rows, int64_t cols, const std::vector<float> &hessian,
                        const GptqOptions &options)
{
    if (const std::string problem = gptqGridProblem(options, cols); !problem.empty())
        throw Error(problem);
    if (hessian.size() != size_t(cols * cols))
        throw Error("internal: gptq given a Hessian of " + std::to_string(hessian.size()) + " values for "
                    + std::to_string(cols) + " columns");
    Layout layout{rows, cols, gridBlockLength(options.grid, cols), false};
    layout.upFront = layout.groupLength == cols || options.staticGroups;
    const int64_t groups = cols / layout.groupLength;

    // Columns of W as rows of wt, in processing order.
    std::vector<int32_t> order(static_cast<size_t>(cols));
    std::iota(order.begin(), order.end(), 0);
    std::vector<double> h(hessian.begin(), hessian.end());
    std::vector<float> original(weights, weights + rows * cols); // dead inputs zeroed below
    for (int64_t i = 0; i < cols; ++i) {
        if (h[size_t(i * cols + i)] == 0.0) {
            h[size_t(i * cols + i)] = 1.0;
            for (int64_t r = 0; r < rows; ++r)
                original[size_t(r * cols + i)] = 0.0f;
        }
    }
    if (options.actOrder)
        std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
            return h[size_t(a) * size_t(cols + 1)] > h[size_t(b) * size_t(cols + 1)];
        });

    GptqResult result;
    result.groups = groups;
    result.params.resize(size_t(rows * groups));
    result.groupIndex.resize(size_t(cols));
    for (int64_t i = 0; i < cols; ++i) // group of the column processed i-th
        result.groupIndex[size_t(order[size_t(i)])]
            = int32_t(layout.upFront ? order[size_t(i)] / layout.groupLength : i / layout.groupLength);
    if (layout.upFront) { // on consecutive original columns; per channel before dead inputs are zeroed
        const float *source = groups == 1 ? weights : original.data();
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t g = 0; g < groups; ++g)
                result.params[size_t(r * groups + g)]
                    = fitStored(options.grid, source + r * cols + g * layout.groupLength, layout.groupLength);
    }

    std::vector<float> wt(size_t(cols * rows));
    tiled(rows, cols, [&](int64_t r, int64_t i) {
        wt[size_t(i * rows + r)] = original[size_t(r * cols + order[size_t(i)])];
    });
    std::vector<double> hp(size_t(cols * cols));
    double diagonal = 0;
    for (int64_t i = 0; i < cols; ++i) {
        for (int64_t j = 0; j < cols; ++j)
            hp[size_t(i * cols + j)] = h[size_t(order[size_t(i)]) * size_t(cols) + size_t(order[size_t(j)])];
        diagonal += hp[size_t(i * cols + i)];
    }
    diagonal /= double(cols);

    std::vector<float> hinv;
    double percent = options.dampPercent;
    double mark = now();
    for (int attempt = 0;; ++attempt) {
        if (inverseCholeskyUpper(hp, cols, percent * diagonal, hinv))
            break;
        if (attempt == 400 || !std::isfinite(diagonal))
            throw Error("gptq: the Hessian stays singular with dampening up to " + std::to_string(percent * 100)
                        + " % of its mean diagonal");
        percent += 0.0025;
    }
    result.dampPercent = percent;
    result.timings.inverse = now() - mark;

    std::vector<float> codes(size_t(cols * rows)), block, errors, groupBuffer(size_t(layout.groupLength * rows));
    const int64_t blockSize = std::max(1, options.blockSize);
    mark = now();
    for (int64_t i1 = 0; i1 < cols; i1 += blockSize) {
        const int64_t i2 = std::min(cols, i1 + blockSize), count = i2 - i1;
        block.assign(wt.begin() + i1 * rows, wt.begin() + i2 * rows);
        errors.assign(size_t(count * rows), 0.0f);
        for (int64_t i = i1; i < i2; ++i) {
            if (!layout.upFront && i % layout.groupLength == 0) { // fitted on wt: this block's start state
                const int64_t g = i / layout.groupLength, length = layout.groupLength;
                tiled(length, rows, [&](int64_t k, int64_t r) {
                    groupBuffer[size_t(r * length + k)] = wt[size_t((i + k) * rows + r)];
                });
                for (int64_t r = 0; r < rows; ++r)
                    result.params[size_t(r * groups + g)]
                        = fitStored(options.grid, groupBuffer.data() + r * length, length);
            }
            const int32_t g = result.groupIndex[size_t(order[size_t(i)])];
            float *w = block.data() + (i - i1) * rows;
            float *err = errors.data() + (i - i1) * rows;
            float *q = codes.data() + i * rows;
            const float d = hinv[size_t(i * cols + i)];
            double loss = 0;
            for (int64_t r = 0; r < rows; ++r) {
                const GridParams &p = result.params[size_t(r * groups + g)];
                q[r] = p.code(w[r]);
                const float diff = w[r] - p.value(q[r]);
                err[r] = diff / d;
                loss += double(diff) * diff / (double(d) * d);
            }
            result.loss += loss / 2;
            for (int64_t j = i + 1; j < i2; ++j) {
                const float hij = hinv[size_t(i * cols + j)];
                float *target = block.data() + (j - i1) * rows;
                for (int64_t r = 0; r < rows; ++r)
                    target[r] -= hij * err[r];
            }
        }
        const double swept = now();
        result.timings.columns += swept - mark;
        if (i2 < cols) // wt[i2:, :] -= Hinv[i1:i2, i2:]ᵀ · errors
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, int(cols - i2), int(rows), int(count), -1.0f,
                        hinv.data() + i1 * cols + i2, int(cols), errors.data(), int(rows), 1.0f,
                        wt.data() + i2 * rows, int(rows));
        mark = now();
        result.timings.updates += mark - swept;
        result.timings.updateFlops += 2.0 * double(cols - i2) * double(rows) * double(count);
    }

    result.values.resize(size_t(rows * cols));
    result.codes.resize(size_t(rows * cols));
    tiled(rows, cols, [&](int64_t r, int64_t i) {
        const int64_t column = order[size_t(i)];
        const float q = codes[size_t(i * rows + r)];
        result.codes[size_t(r * cols + column)] = int16_t(q);
        result.values[size_t(r * cols + column)]
            = result.params[size_t(r * groups + result.groupIndex[size_t(column)])].value(q);
    });
    if (options.actOrder)
        result.permutation = std::move(order);
    return result;
}

} // namespace bitcliff
