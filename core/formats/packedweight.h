#pragma once
// Weight matrices stored as integer codes packed into int32 words with per-group scales and
// zero points, spread over several tensors of the checkpoint (reference:
// mixed-precision-and-checkpoint-formats.md §4, §5). The catalog shows each one as a single
// tensor `<prefix>.weight` of shape [rows = out, cols = in]; W[n][k] = scale[n][g] · (q − z)
// with g = g_idx[k] (or k / groupSize), q the unsigned code and z the unsigned zero point.
//
// DType::GPTQ      qweight [in·bits/32, out]: the codes of output n form a little-endian bit
//                  stream down column n (2/3/4/8 bits; 3-bit fields straddle words).
//                  qzeros [groups, out·bits/32]: the same stream along each row. scales
//                  [groups, out]. g_idx [in]. v1 (`gptq`) stores zero − 1, v2 the zero.
// DType::AWQ_GEMM  qweight [in, out/8], 4-bit, packed along output: nibble i of word (k, c)
//                  holds output 8c + [0,2,4,6,1,3,5,7][i]. qzeros [in/G, out/8] the same way.
//                  scales [in/G, out]. Zeros are true zeros.
// DType::CT_PACKED weight_packed [out, ceil(in/pf)], pf = 32/bits fields per word (low bits
//                  first, no stream across words). weight_zero_point [ceil(out/pf), groups]
//                  packed the same way down each column; absent when symmetric (z = 2^(bits−1)).
//                  weight_scale [out, groups]. weight_g_idx [in] optional. Codes and zeros are
//                  signed values stored plus 2^(bits−1), so q − z is the signed difference.
#include "formats/dtype.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace bitcliff {

// Where one component tensor's bytes are.
struct ByteRange
{
    int fileIndex = 0;
    uint64_t offset = 0; // absolute in the file
    uint64_t byteSize = 0; // 0: the component is absent
};

struct PackedWeight
{
    int bits = 4;
    int64_t groupSize = 0; // inputs per group, used when there is no g_idx
    int64_t groups = 0; // scale (and zero) sets per output row
    int zeroOffset = 0; // added to every stored zero: 1 for GPTQ v1
    DType scaleType = DType::F16;
    ByteRange codes;
    ByteRange zeros; // absent for symmetric compressed-tensors
    ByteRange scales;
    ByteRange groupIndex; // absent: group k / groupSize
};

// The component bytes of one packed weight, as mapped.
struct PackedBytes
{
    std::span<const std::byte> codes;
    std::span<const std::byte> zeros;
    std::span<const std::byte> scales;
    std::span<const std::byte> groupIndex;
};

} // namespace bitcliff
