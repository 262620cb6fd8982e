#include "support/gradientcheck.h"

#include <algorithm>
#include <cmath>

namespace bitcliff::test {

double gradientRelativeError(double analytic, double numeric)
{
    return std::abs(analytic - numeric) / std::max(std::abs(analytic) + std::abs(numeric), kGradientFloor);
}

double weightedSum(const std::vector<double> &out, const std::vector<double> &dOut)
{
    long double sum = 0;
    for (size_t i = 0; i < out.size(); ++i)
        sum += static_cast<long double>(out[i]) * dOut[i];
    return static_cast<double>(sum);
}

double maxGradientError(std::vector<double> &input, const std::vector<double> &analytic,
                        const std::function<double()> &loss, double h)
{
    double worst = 0;
    for (size_t i = 0; i < input.size(); ++i) {
        const double saved = input[i], up = saved + h, down = saved - h; // up - down: the step as rounded
        input[i] = up;
        const double plus = loss();
        input[i] = down;
        const double minus = loss();
        input[i] = saved;
        worst = std::max(worst, gradientRelativeError(analytic[i], (plus - minus) / (up - down)));
    }
    return worst;
}

std::vector<double> randomValues(std::mt19937 &random, int64_t count, double scale)
{
    std::normal_distribution<double> normal(0.0, scale);
    std::vector<double> values(static_cast<size_t>(count));
    for (double &v : values)
        v = normal(random);
    return values;
}

} // namespace bitcliff::test
