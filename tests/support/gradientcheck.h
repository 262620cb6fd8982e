#pragma once
// Gradient checks for the nn/ ops: an analytic gradient against central finite differences of
// a scalar loss, in double precision.
#include <cstdint>
#include <functional>
#include <random>
#include <vector>

namespace bitcliff::test {

// |analytic − numeric| / max(|analytic| + |numeric|, kGradientFloor). The central difference
// at h = 1e-5 carries an absolute noise of about ε·|L|/h ≈ 1e-11 to 1e-10 for losses of order
// 1 to 10, so gradients below the floor cannot be resolved to 1e-6 relative; above it (the
// test inputs are of order 1) the error is relative.
inline constexpr double kGradientFloor = 1e-4;
double gradientRelativeError(double analytic, double numeric);

// Σ dOut ⊙ out, in long double (the loss whose gradient wrt out is dOut).
double weightedSum(const std::vector<double> &out, const std::vector<double> &dOut);

// Moves each element of `input` by ±h, evaluates `loss` (which reads `input`) and returns the
// max gradientRelativeError of `analytic` against the central difference. `input` is restored.
double maxGradientError(std::vector<double> &input, const std::vector<double> &analytic,
                        const std::function<double()> &loss, double h = 1e-5);

// `count` normal(0, scale) values.
std::vector<double> randomValues(std::mt19937 &random, int64_t count, double scale = 1.0);

} // namespace bitcliff::test
