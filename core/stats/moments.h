#pragma once
// Central moments up to the fourth, mergeable between partial results with the pairwise
// update of Pébay (2008), so threads and rows can be summed in any order without the
// cancellation of raw power sums.
#include <cstdint>

namespace bitcliff {

struct Moments
{
    double n = 0.0;
    double mean = 0.0;
    double m2 = 0.0; // sum of (x - mean)^2
    double m3 = 0.0;
    double m4 = 0.0;

    void merge(const Moments &other)
    {
        if (other.n == 0.0)
            return;
        if (n == 0.0) {
            *this = other;
            return;
        }
        const double na = n, nb = other.n, total = na + nb;
        const double delta = other.mean - mean;
        const double d2 = delta * delta, d3 = d2 * delta, d4 = d2 * d2;
        const double nab = na * nb;
        m4 = m4 + other.m4 + d4 * nab * (na * na - nab + nb * nb) / (total * total * total)
            + 6.0 * d2 * (na * na * other.m2 + nb * nb * m2) / (total * total)
            + 4.0 * delta * (na * other.m3 - nb * m3) / total;
        m3 = m3 + other.m3 + d3 * nab * (na - nb) / (total * total) + 3.0 * delta * (na * other.m2 - nb * m2) / total;
        m2 = m2 + other.m2 + d2 * nab / total;
        mean = mean + delta * nb / total;
        n = total;
    }

    double variance() const { return n > 0.0 ? m2 / n : 0.0; } // population
    // Pearson's kurtosis (3 for a Gaussian); 0 when the values are all equal.
    double kurtosis() const { return m2 > 0.0 ? n * m4 / (m2 * m2) : 0.0; }
};

} // namespace bitcliff
