#include "train/gradientclip.h"

#include "util/parallelfor.h"

#include <cmath>

namespace bitcliff::train {

namespace {

uint64_t tensorWeight(const Parameters<float> &parameters, size_t index)
{
    return uint64_t(parameters.tensors[index].values.size()) + 1;
}

} // namespace

double globalNorm(const Parameters<float> &gradients, int threads)
{
    std::vector<double> sums(gradients.tensors.size(), 0.0);
    parallelForEach(
        sums.size(), threads, [&](size_t i) { return tensorWeight(gradients, i); },
        [&](size_t index, int) {
            double sum = 0.0;
            for (const float g : gradients.tensors[index].values)
                sum += double(g) * double(g);
            sums[index] = sum;
        },
        {});
    double total = 0.0;
    for (const double sum : sums)
        total += sum;
    return std::sqrt(total);
}

double clipGradients(Parameters<float> &gradients, double maxNorm, int threads)
{
    const double norm = globalNorm(gradients, threads);
    if (maxNorm <= 0.0 || !(norm > maxNorm))
        return norm;
    const float scale = float(maxNorm / (norm + 1e-6));
    parallelForEach(
        gradients.tensors.size(), threads, [&](size_t i) { return tensorWeight(gradients, i); },
        [&](size_t index, int) {
            for (float &g : gradients.tensors[index].values)
                g *= scale;
        },
        {});
    return norm;
}

} // namespace bitcliff::train
