#pragma once
// The value tables of the non-integer formats (bitsandbytes NF4/FP4, OCP microscaling
// FP4/FP8), for the quantizers and for anyone who wants to draw a format's grid.
#include <array>

namespace bitcliff {

// NF4 codes in index order (sorted ascending), bitsandbytes' float32 values.
const std::array<float, 16> &nf4Codes();
// bitsandbytes "fp4" codes in index order: [0, 0.0625, 8, 12, 4, 6, 2, 3] / 12, bit 3 = sign.
const std::array<float, 16> &fp4Codes();
// OCP E2M1 magnitudes in code order (3 bits: exponent 2, mantissa 1).
const std::array<float, 8> &e2m1Magnitudes();
// bitsandbytes' signed 8-bit dynamic map (create_dynamic_map(signed=True)), sorted: 127
// negative and 127 positive values 10^(i-6) * (midpoints of linspace(0.1, 1, 2^i + 1)) for
// i = 0..6, then 0 and 1. Built with torch's float32 arithmetic (linspace on its scalar path:
// start + step*k below the halfway index, end - step*(n-1-k) above; means and the decade
// multiply in float32), which is what bitsandbytes' table holds.
const std::array<float, 256> &dynamicMap8();

} // namespace bitcliff
