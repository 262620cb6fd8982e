#pragma once
// K-quant super-block encoders behind quantizeGgmlRow (internal): llama.cpp's
// quantize_row_q{2..6}_K_ref algorithms, no importance matrix. Each encodes kQkK floats.
#include "formats/ggmlblocks.h"

namespace bitcliff {

void encodeQ2_K(const float *x, BlockQ2_K &y);
void encodeQ3_K(const float *x, BlockQ3_K &y);
void encodeQ4_K(const float *x, BlockQ4_K &y);
void encodeQ5_K(const float *x, BlockQ5_K &y);
void encodeQ6_K(const float *x, BlockQ6_K &y);

} // namespace bitcliff
