#pragma once
// Dequantization of packed weights (formats/packedweight.h): rows of the logical [out, in]
// matrix as float32, each element scale · (q − z) rounded once, scales read exactly from
// their stored type.
#include "formats/packedweight.h"

namespace bitcliff {

// The byte sizes the components of a packed weight must have (groupIndex: when present).
struct PackedSizes
{
    uint64_t codes = 0;
    uint64_t zeros = 0;
    uint64_t scales = 0;
    uint64_t groupIndex = 0;
};

// Throws Error when `type`, bits, shape and groups do not make a valid layout.
PackedSizes packedSizes(DType type, const PackedWeight &weight, int64_t rows, int64_t cols);

// Writes rows [rowBegin, rowEnd) of the `rows` × `cols` weight stored as `type` (GPTQ,
// AWQ_GEMM, CT_PACKED) to `out`. Throws Error when a component has the wrong size or a g_idx
// entry names a group that does not exist.
void dequantizePackedRows(DType type, const PackedWeight &weight, const PackedBytes &bytes, int64_t rows, int64_t cols,
    int64_t rowBegin, int64_t rowEnd, float *out);

} // namespace bitcliff
