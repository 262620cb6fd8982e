#pragma once
// Random orthogonal rotations of a model's residual stream (QuaRot-style): a randomized
// Hadamard matrix where one is known for the size, a Haar-random orthogonal matrix otherwise.
#include <cstdint>
#include <string>
#include <vector>

namespace bitcliff {

struct Rotation
{
    int64_t n = 0;
    std::vector<float> matrix; // [n × n], row-major, QᵀQ = QQᵀ = I
    std::string kind;          // short text for notes: "Hadamard 12·2^4", "Hadamard 2^12", "random orthogonal"
};

// A random orthogonal matrix Q [n × n] from `seed` (std::mt19937_64; the same on every platform).
//  n = 2^k · m with a known Hadamard matrix H_m (hadamardBlockOrder): Q = diag(s) · (H_{2^k} ⊗ H_m) / sqrt(n),
//  s random ±1 signs, every entry ±1/sqrt(n). H_{2^k} is Sylvester's, H_m Paley's construction I for
//  m = p + 1, p ≡ 3 (mod 4) prime (H_1 = [1], H_2 Sylvester's). O(n²).
//  Otherwise Q of the QR decomposition (LAPACK, double) of an n × n standard-normal matrix A, with
//  R's diagonal made positive (Haar-distributed). A is filled column by column with Box–Muller
//  pairs (cos, then sin) of uniforms u = (draw >> 11) · 2^-53, u1 = 1 − u. O(n³): a fraction of a
//  second for 1000, minutes for 10⁴.
// Throws Error for n < 1 or an n whose n² floats cannot be addressed.
Rotation randomHadamard(int64_t n, uint64_t seed);

// The order m of the known Hadamard matrix that randomHadamard uses for n = 2^k · m (the smallest:
// 1 for powers of two, 2 is never needed, else m = p + 1 for a prime p ≡ 3 mod 4, e.g. 4, 8, 12,
// 20, 24, 32, 44, 48, 60, 68, 72, 80, 84, ...), or 0 when there is none (and for n < 1).
int64_t hadamardBlockOrder(int64_t n);

// Whether randomHadamard has a Hadamard matrix of order m itself (1, 2, or p + 1 as above).
bool isSupportedHadamardOrder(int64_t m);

// The ±1 Hadamard matrix of a supported order m [m × m], row-major, H Hᵀ = m · I (for tests).
std::vector<double> hadamardMatrix(int64_t m);

} // namespace bitcliff
