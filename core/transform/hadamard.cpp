// Randomized Hadamard matrices (Sylvester ⊗ Paley I) and Haar-random orthogonal matrices.
#include "transform/hadamard.h"

#include "util/error.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <random>

extern "C" {
void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau, double *work, const int *lwork,
             int *info);
void dorgqr_(const int *m, const int *n, const int *k, double *a, const int *lda, const double *tau, double *work,
             const int *lwork, int *info);
}

namespace bitcliff {

namespace {

bool isPrime(int64_t p)
{
    if (p < 2)
        return false;
    if (p % 2 == 0)
        return p == 2;
    for (int64_t d = 3; d <= p / d; d += 2)
        if (p % d == 0)
            return false;
    return true;
}

// The rows of the ±1 Hadamard matrix H_m of a supported order, one at a time (no m × m matrix):
// Sylvester's H_1 = [1] and H_2, or Paley's construction I of order m = p + 1,
// H = I + [[0, 1ᵀ], [−1, Q]] with the Jacobsthal matrix Q_ij = χ(j − i), χ the quadratic
// character mod p (χ(0) = 0, so the diagonal is 1).
class HadamardBlock
{
public:
    explicit HadamardBlock(int64_t m)
        : m_order(m)
    {
        if (m <= 2)
            return;
        const int64_t p = m - 1;
        m_character.assign(size_t(p), -1);
        m_character[0] = 0;
        for (int64_t x = 1; x < p; ++x)
            m_character[size_t(x * x % p)] = 1;
    }

    // dst[0, m) = row r of H_m times `value`.
    template<class T>
    void row(int64_t r, T value, T *dst) const
    {
        const int64_t m = m_order;
        if (m == 1) {
            dst[0] = value;
            return;
        }
        if (m == 2) {
            dst[0] = value;
            dst[1] = r == 0 ? value : -value;
            return;
        }
        if (r == 0) {
            for (int64_t c = 0; c < m; ++c)
                dst[c] = value;
            return;
        }
        // Row r ≥ 1: −1, then 1 + Q_{r−1, c−1} = δ_rc + χ(c − r) for c ≥ 1.
        const int64_t p = m - 1;
        const signed char *chi = m_character.data();
        dst[0] = -value;
        for (int64_t c = 1; c < r; ++c)
            dst[c] = T(chi[c - r + p]) * value;
        dst[r] = value;
        for (int64_t c = r + 1; c < m; ++c)
            dst[c] = T(chi[c - r]) * value;
    }

private:
    int64_t m_order;
    std::vector<signed char> m_character; // χ(x) for x in [0, p)
};

// Guards the n² elements (of `bytes` each) against overflowing size_t.
void checkSize(int64_t n, size_t bytes)
{
    if (n < 1)
        throw Error("rotation: the size must be at least 1, not " + std::to_string(n));
    if (n > INT_MAX || uint64_t(n) * uint64_t(n) > SIZE_MAX / bytes)
        throw Error("rotation: a " + std::to_string(n) + " × " + std::to_string(n) + " matrix is too large");
}

Rotation hadamardRotation(int64_t n, int64_t m, uint64_t seed)
{
    // s_i: bit i % 64 of the (i / 64)-th 64-bit draw, set = −1.
    std::mt19937_64 random(seed);
    std::vector<signed char> signs(static_cast<size_t>(n));
    uint64_t bits = 0;
    for (int64_t i = 0; i < n; ++i) {
        if (i % 64 == 0)
            bits = random();
        signs[size_t(i)] = (bits >> (i % 64)) & 1 ? -1 : 1;
    }

    // Every entry is ±1/sqrt(n), normalized in double and stored as float.
    const float scale = float(1.0 / std::sqrt(double(n)));
    const HadamardBlock block(m);
    Rotation rotation;
    rotation.n = n;
    rotation.matrix.resize(size_t(n * n));
    // Row i = a·m + r of diag(s) · (H_{2^k} ⊗ H_m) / sqrt(n) is s_i · (row a of H_{2^k}) ⊗ (row r
    // of H_m) / sqrt(n): its first m entries are s_i times row r of H_m, scaled, and each
    // doubling appends a copy of what is there, negated when the bit of a that belongs to that
    // level is set (Sylvester: entry b of row a is (−1)^popcount(a & b)). O(n) per row.
    for (int64_t i = 0; i < n; ++i) {
        const int64_t a = i / m;
        float *row = rotation.matrix.data() + i * n;
        block.row(i % m, float(signs[size_t(i)]) * scale, row);
        for (int64_t length = m; length < n; length *= 2) {
            const float flip = (a & (length / m)) ? -1.0f : 1.0f;
            float *copy = row + length;
            for (int64_t c = 0; c < length; ++c)
                copy[c] = flip * row[c];
        }
    }

    int k = 0;
    while ((int64_t(m) << k) < n)
        ++k;
    if (m == 1)
        rotation.kind = "Hadamard 2^" + std::to_string(k);
    else if (k == 0)
        rotation.kind = "Hadamard " + std::to_string(m);
    else
        rotation.kind = "Hadamard " + std::to_string(m) + "·2^" + std::to_string(k);
    return rotation;
}

// A uniform double in [0, 1) from the top 53 bits of one draw.
double unit(std::mt19937_64 &random) { return double(random() >> 11) * 0x1p-53; }

Rotation orthogonalRotation(int64_t n, uint64_t seed)
{
    checkSize(n, sizeof(double));
    // Standard normals by Box–Muller (u1 in (0, 1], so the log is finite), column-major.
    std::mt19937_64 random(seed);
    const size_t count = size_t(n * n);
    std::vector<double> a(count);
    for (size_t e = 0; e < count; e += 2) {
        const double u1 = 1.0 - unit(random), u2 = unit(random);
        const double radius = std::sqrt(-2.0 * std::log(u1)), angle = 2.0 * std::numbers::pi * u2;
        a[e] = radius * std::cos(angle);
        if (e + 1 < count)
            a[e + 1] = radius * std::sin(angle);
    }

    const int size = int(n);
    int info = 0;
    std::vector<double> tau(static_cast<size_t>(n));
    double query = 0;
    int lwork = -1;
    dgeqrf_(&size, &size, a.data(), &size, tau.data(), &query, &lwork, &info);
    lwork = std::max(1, int(query));
    std::vector<double> work(static_cast<size_t>(lwork));
    dgeqrf_(&size, &size, a.data(), &size, tau.data(), work.data(), &lwork, &info);
    if (info != 0)
        throw Error("rotation: LAPACK dgeqrf failed (info " + std::to_string(info) + ")");
    // Q·diag(sign(R_jj)) makes R's diagonal positive: the QR factors are then unique and Q is
    // Haar-distributed.
    std::vector<double> flip(static_cast<size_t>(n));
    for (int64_t j = 0; j < n; ++j)
        flip[size_t(j)] = a[size_t(j * n + j)] < 0 ? -1.0 : 1.0;
    lwork = -1;
    dorgqr_(&size, &size, &size, a.data(), &size, tau.data(), &query, &lwork, &info);
    lwork = std::max(1, int(query));
    work.assign(size_t(lwork), 0.0);
    dorgqr_(&size, &size, &size, a.data(), &size, tau.data(), work.data(), &lwork, &info);
    if (info != 0)
        throw Error("rotation: LAPACK dorgqr failed (info " + std::to_string(info) + ")");

    Rotation rotation;
    rotation.n = n;
    rotation.kind = "random orthogonal";
    rotation.matrix.resize(count);
    // Column-major Q: element (i, j) at a[j·n + i].
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j)
            rotation.matrix[size_t(i * n + j)] = float(a[size_t(j * n + i)] * flip[size_t(j)]);
    return rotation;
}

} // namespace

bool isSupportedHadamardOrder(int64_t m)
{
    return m == 1 || m == 2 || (m >= 4 && m % 4 == 0 && isPrime(m - 1));
}

std::vector<double> hadamardMatrix(int64_t m)
{
    if (!isSupportedHadamardOrder(m))
        throw Error("Hadamard matrix: no construction for order " + std::to_string(m));
    const HadamardBlock block(m);
    std::vector<double> h(static_cast<size_t>(m * m));
    for (int64_t r = 0; r < m; ++r)
        block.row(r, 1.0, h.data() + r * m);
    return h;
}

int64_t hadamardBlockOrder(int64_t n)
{
    if (n < 1)
        return 0;
    int64_t odd = n;
    while (odd % 2 == 0)
        odd /= 2;
    // The smallest m = odd · 2^j dividing n (the largest Sylvester factor).
    for (int64_t m = odd; m <= n; m *= 2)
        if (isSupportedHadamardOrder(m))
            return m;
    return 0;
}

Rotation randomHadamard(int64_t n, uint64_t seed)
{
    checkSize(n, sizeof(float));
    const int64_t m = hadamardBlockOrder(n);
    return m != 0 ? hadamardRotation(n, m, seed) : orthogonalRotation(n, seed);
}

} // namespace bitcliff
