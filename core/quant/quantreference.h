#pragma once
// Plain scalar references of the quantizers, for the tests to hold fakeQuantizeRows against.
// Written straight from the published definitions (RTN, bitsandbytes NF4/FP4, OCP MXFP4/FP8,
// HQQ), one element at a time, sharing nothing with the fast path but the dynamic 8-bit map (a
// table; dynamicMapFormula() checks it). Per-element arithmetic (scales, x/s, rounding,
// products) is float32, as in the PyTorch originals on float32 weights: a double reference
// would differ from any float32 quantizer by an ulp in x^ and on rounding ties. Sums, means
// and nearest-value searches use double; HQQ is double throughout (tests compare it with a
// tolerance). GGUF types have their own references in the ggml tests.
#include "quant/quantizer.h"

#include <cstdint>
#include <vector>

namespace bitcliff::reference {

// Same contract as fakeQuantizeRows (throws Error for GGUF types).
std::vector<float> fakeQuantize(const QuantScheme &scheme, const std::vector<float> &weights, int64_t rows,
                                int64_t cols, const TensorRange *range = nullptr);

// The E4M3 code nearest to `value` found by scanning every finite code (ties to the even
// code, saturating at +-448).
uint8_t nearestE4m3(double value);

// bitsandbytes' create_dynamic_map(signed=True) evaluated in double, sorted.
std::vector<double> dynamicMapFormula();

} // namespace bitcliff::reference
