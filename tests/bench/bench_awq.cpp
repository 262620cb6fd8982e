// AWQ's searches and QuaRot's fold on one layer (default 4096 × 4096, 2,048 sampled tokens for
// the scale search, 512 for clipping): the scale search's and the clip search's output-error
// GEMMs in GFLOP/s, each as a ratio to OpenBLAS sgemm on square matrices in the same run,
// with their total time (rounding included); the rotation's W·Q fold; peak memory; and what a
// Llama-3-8B would take on this machine, extrapolated.
#include "calibrate/awqsearch.h"
#include "transform/hadamard.h"

#include "benchutil.h"
#include <cblas.h>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace bitcliff;
using namespace bitcliff::bench;

int main(int argc, char **argv)
{
    int64_t rows = 4096, cols = 4096, tokens = 2048, clipTokens = 512;
    std::string grid = "rtn:b4:g128:asym";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const long long value = std::atoll(argv[i + 1]);
        if (flag == "--rows")
            rows = value;
        else if (flag == "--cols")
            cols = value;
        else if (flag == "--tokens")
            tokens = value;
        else if (flag == "--clip-tokens")
            clipTokens = value;
        else if (flag == "--grid")
            grid = argv[i + 1];
    }
    const double sgemm = sgemmGflops(int(std::min<int64_t>(cols, 4096)));
    uint64_t state = 42;
    std::vector<float> x(size_t(tokens * cols)), w(size_t(rows * cols));
    fill(x, state, cols);
    fill(w, state, 1 << 30);
    for (float &v : w)
        v *= 0.02f;
    std::vector<double> meanAbs(size_t(cols), 0.0);
    for (int64_t t = 0; t < tokens; ++t)
        for (int64_t j = 0; j < cols; ++j)
            meanAbs[size_t(j)] += std::fabs(x[size_t(t * cols + j)]) / double(tokens);

    const AwqLinear linear{w.data(), rows, cols, QuantScheme::parse(grid)};
    double start = now();
    const AwqScales scales = awqSearchScales(meanAbs, {linear}, linearOutputLoss(x.data(), tokens, {linear}));
    const double scaleSeconds = now() - start;
    const double scaleFlops = double(kAwqGrid) * 2.0 * double(tokens) * double(rows) * double(cols);
    start = now();
    const int64_t shrunk = awqClip(x.data(), clipTokens, linear);
    const double clipSeconds = now() - start;
    const double clipFlops = double(kAwqGrid / 2) * 2.0 * double(clipTokens) * double(rows) * double(cols);

    start = now();
    const Rotation rotation = randomHadamard(cols, 1);
    const double hadamardSeconds = now() - start;
    std::vector<float> rotated(w.size());
    start = now();
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(rows), int(cols), int(cols), 1.0f, w.data(), int(cols),
                rotation.matrix.data(), int(cols), 0.0f, rotated.data(), int(cols));
    const double foldSeconds = now() - start;
    const double foldRate = 2.0 * double(rows) * double(cols) * double(cols) / foldSeconds / 1e9;

    std::printf("AWQ %s on a %lld x %lld layer, %lld sampled tokens (clip: %lld)\n", grid.c_str(), (long long)rows,
                (long long)cols, (long long)tokens, (long long)clipTokens);
    std::printf("sgemm baseline                 %8.1f GFLOP/s\n", sgemm);
    std::printf("scale search (%d ratios)       %8.1f GFLOP/s  %.2f of sgemm  %7.2f s  (ratio %.2f, error %.3g of rounding's)\n",
                kAwqGrid, scaleFlops / scaleSeconds / 1e9, scaleFlops / scaleSeconds / 1e9 / sgemm, scaleSeconds,
                scales.ratio, scales.error / scales.roundingError);
    std::printf("clip search (%d shrinks)       %8.1f GFLOP/s  %.2f of sgemm  %7.2f s  (%lld of %lld ranges shrunk)\n",
                kAwqGrid / 2, clipFlops / clipSeconds / 1e9, clipFlops / clipSeconds / 1e9 / sgemm, clipSeconds,
                (long long)shrunk, (long long)(rows * cols / linear.grid.blockLength(cols)));
    std::printf("rotation: %s in %.2f s, W·Q fold %8.1f GFLOP/s  %.2f of sgemm  %7.2f s\n", rotation.kind.c_str(),
                hadamardSeconds, foldRate, foldRate / sgemm, foldSeconds);
    std::printf("peak memory                    %8.0f MiB\n", peakMiB());

    // Llama-3-8B: 32 layers of q 4096², k, v 1024×4096, o 4096², gate, up 14336×4096, down
    // 4096×14336: the searches scale with rows·cols (the module losses of q/k/v and gate/up
    // cost about their linears' own; the attention block's on whole sequences adds a layer's
    // attention per ratio), the fold with rows·cols·hidden. Plus one float forward pass of the
    // calibration tokens per layer for the inputs.
    const double perWeightScale = scaleSeconds / (double(rows) * double(cols));
    const double perWeightClip = clipSeconds / (double(rows) * double(cols));
    const double perWeightFold = foldSeconds / (double(rows) * double(cols) * double(cols));
    double layerWeights = 0, layerFold = 0;
    for (const auto &[out, in] : std::vector<std::pair<double, double>>{
             {4096, 4096}, {1024, 4096}, {1024, 4096}, {4096, 4096}, {14336, 4096}, {14336, 4096}, {4096, 14336}}) {
        layerWeights += out * in;
        layerFold += out * in * 4096;
    }
    const double awq8b = 32 * layerWeights * (perWeightScale * double(2048) / double(tokens) + perWeightClip);
    const double forward8b = 2.0 * 7.5e9 * 128 * 512 / (sgemm * 1e9);
    const double rotate8b = 32 * layerFold * perWeightFold;
    std::printf("Llama-3-8B extrapolated, 2 cores: AWQ %.0f min + calibration forwards %.0f min; rotation %.0f min\n",
                awq8b / 60, forward8b / 60, rotate8b / 60);
    return 0;
}
