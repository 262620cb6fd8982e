// GPTQ on one layer (default 4096 × 4096 with 128 × 512 calibration tokens): the Hessian
// accumulation (syrk) and GPTQ's lazy block updates (sgemm) in GFLOP/s, each as a ratio to
// OpenBLAS sgemm on square matrices in the same run; the inverse and the column sweep in
// seconds; peak memory; and what a Llama-3-8B would take on this machine, extrapolated.
#include "calibrate/gptq.h"
#include "calibrate/hessian.h"

#include "benchutil.h"
#include <cblas.h>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace bitcliff;
using namespace bitcliff::bench;

int main(int argc, char **argv)
{
    int64_t rows = 4096, cols = 4096, sequences = 128, length = 512;
    std::string grid = "rtn:b4:g128";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const long long value = std::atoll(argv[i + 1]);
        if (flag == "--rows")
            rows = value;
        else if (flag == "--cols")
            cols = value;
        else if (flag == "--sequences")
            sequences = value;
        else if (flag == "--length")
            length = value;
        else if (flag == "--grid")
            grid = argv[i + 1];
    }
    const double sgemm = sgemmGflops(int(std::min<int64_t>(cols, 4096)));

    HessianAccumulator hessian(cols);
    std::vector<float> x(size_t(length * cols));
    uint64_t state = 42;
    double hessianSeconds = 0;
    for (int64_t s = 0; s < sequences; ++s) {
        fill(x, state, cols);
        const double start = now();
        hessian.add(x.data(), length);
        hessianSeconds += now() - start;
    }
    const double hessianFlops = double(sequences * length) * double(cols) * double(cols + 1);
    std::vector<float> w(size_t(rows * cols));
    fill(w, state, 1 << 30);
    for (float &v : w)
        v *= 0.02f;

    GptqOptions options;
    options.grid = QuantScheme::parse(grid);
    double start = now();
    const std::vector<float> h = hessian.hessian();
    const GptqResult result = gptqQuantize(w.data(), rows, cols, h, options);
    const double gptqSeconds = now() - start;
    const GptqTimings &t = result.timings;
    const double hessianRate = hessianFlops / hessianSeconds / 1e9, updateRate = t.updateFlops / t.updates / 1e9;

    std::printf("GPTQ %s on a %lld x %lld layer, %lld x %lld calibration tokens\n", grid.c_str(), (long long)rows,
                (long long)cols, (long long)sequences, (long long)length);
    std::printf("sgemm baseline                %8.1f GFLOP/s\n", sgemm);
    std::printf("Hessian accumulation (syrk)   %8.1f GFLOP/s  %.2f of sgemm  %7.2f s\n", hessianRate,
                hessianRate / sgemm, hessianSeconds);
    std::printf("lazy block updates (sgemm)    %8.1f GFLOP/s  %.2f of sgemm  %7.2f s\n", updateRate, updateRate / sgemm,
                t.updates);
    std::printf("inverse Hessian (LAPACK)                                   %7.2f s\n", t.inverse);
    std::printf("column sweep                                               %7.2f s\n", t.columns);
    std::printf("GPTQ total (with the Hessian's copy)                       %7.2f s\n", gptqSeconds);
    std::printf("peak memory                   %8.0f MiB\n", peakMiB());

    // Llama-3-8B: per layer q 4096², k, v 1024×4096, o 4096², gate, up 14336×4096, down 4096×14336;
    // Hessians of 4096 channels (q/k/v, o, gate/up) and one of 14336 (down); 32 layers.
    // Scaled from this run's rates: syrk ∝ tokens·n², updates ∝ rows·n², inverse ∝ n³,
    // the sweep ∝ rows·n·block; plus the calibration forward passes (each layer runs 5
    // times: 2·params·tokens·5 FLOP at the sgemm rate).
    const double tokens = double(sequences * length), n1 = 4096, n2 = 14336;
    const double perRowCol2 = t.updates / (double(rows) * double(cols) * double(cols));
    const double perCol3 = t.inverse / (double(cols) * double(cols) * double(cols));
    const double perRowCol = t.columns / (double(rows) * double(cols));
    const double hessianPerFlop = hessianSeconds / hessianFlops;
    double layer = 0;
    for (const auto &[out, in] : std::vector<std::pair<double, double>>{
             {4096, n1}, {1024, n1}, {1024, n1}, {4096, n1}, {14336, n1}, {14336, n1}, {4096, n2}})
        layer += perRowCol2 * out * in * in + perCol3 * in * in * in + perRowCol * out * in;
    layer += hessianPerFlop * tokens * (3 * n1 * n1 + n2 * n2);
    const double gptq8b = 32 * layer;
    const double forward8b = 2.0 * 7.5e9 * tokens * 5 / (sgemm * 1e9);
    std::printf("Llama-3-8B extrapolated, 2 cores: GPTQ %.0f min + calibration forwards %.0f min = %.1f h\n",
                gptq8b / 60, forward8b / 60, (gptq8b + forward8b) / 3600);
    std::printf("Llama-3-8B extrapolated, 32 cores (16x, ideal scaling): %.0f min\n",
                (gptq8b + forward8b) / 16 / 60);
    return 0;
}
