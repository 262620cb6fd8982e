#include "analysis/confidence.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace bitcliff::app {

std::pair<double, double> wilsonInterval(double p, double n, double z)
{
    if (!(n > 0) || !std::isfinite(p))
        return { NAN, NAN };
    const double z2 = z * z;
    const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
    return { std::max(0.0, centre - half), std::min(1.0, centre + half) };
}

std::pair<double, double> bootstrapMeanInterval(const std::vector<double> &chunkMeans, uint64_t seed, int resamples)
{
    const size_t n = chunkMeans.size();
    if (n < 2 || resamples < 10)
        return { NAN, NAN };
    std::mt19937_64 generator(seed);
    std::vector<double> means(static_cast<size_t>(resamples));
    for (double &mean : means) {
        double sum = 0;
        for (size_t i = 0; i < n; ++i) // the modulo's bias is < n / 2^64: negligible
            sum += chunkMeans[size_t(generator() % n)];
        mean = sum / double(n);
    }
    std::sort(means.begin(), means.end());
    auto at = [&](double q) {
        return means[std::min(means.size() - 1, size_t(q * double(means.size() - 1) + 0.5))];
    };
    return { at(0.025), at(0.975) };
}

} // namespace bitcliff::app
