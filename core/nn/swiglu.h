#pragma once
// SwiGLU: out = silu(gate) ⊙ up, silu(g) = g / (1 + exp(-g)).
#include <cstdint>

namespace bitcliff::nn {

// `out` may be `gate`. The float instantiation is the vectorized kernel inference runs.
template<class T>
void swigluForward(const T *gate, const T *up, T *out, int64_t count);
// dGate += dOut ⊙ up ⊙ silu'(gate), dUp += dOut ⊙ silu(gate). Accumulates.
template<class T>
void swigluBackward(const T *gate, const T *up, const T *dOut, int64_t count, T *dGate, T *dUp);

} // namespace bitcliff::nn
