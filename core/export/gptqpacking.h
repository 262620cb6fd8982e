#pragma once
// One quantized linear layer as a GPTQ checkpoint stores it (reference:
// mixed-precision-and-checkpoint-formats.md §4): codes packed down each output's column of
// qweight, zero points packed along the rows of qzeros (stored minus one in format v1),
// scales in fp16, the group of every input in g_idx.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bitcliff {

// One quantized [rows = out × cols = in] weight: W[r][c] = scales[r][g] · (codes[r][c] − zeros[r][g])
// with g = groupIndex[c].
struct PackedLinear
{
    std::string name; // the source tensor, "model.layers.0.self_attn.q_proj.weight"
    int bits = 4; // 2, 3, 4 or 8
    int64_t rows = 0;
    int64_t cols = 0;
    int64_t groupSize = 0; // cols: one group per row (written as group_size -1)
    std::vector<uint8_t> codes; // rows × cols, in [0, 2^bits − 1], row-major
    std::vector<int32_t> zeros; // rows × groups, true zero points in [0, 2^bits − 1]
    std::vector<float> scales; // rows × groups, each exactly an fp16 value
    std::vector<int32_t> groupIndex; // cols entries in [0, groups)

    int64_t groups() const { return groupSize > 0 ? (cols + groupSize - 1) / groupSize : 0; }
};

// Throws Error naming the linear when it is not a valid GPTQ layer: bits, dimensions (multiples
// of 32, as GPTQModel sizes qweight in/32·bits rows and qzeros out/32·bits columns), vector
// sizes, codes or zeros out of range, scales not exact in fp16, g_idx out of range.
void checkPackedLinear(const PackedLinear &linear);
// Whether v1 can store every zero point of the linear (v1 stores zero − 1: a zero of 0 would
// borrow from its neighbour).
bool fitsGptqV1(const PackedLinear &linear);

// The tensors' shapes: qweight [cols·bits/32, rows], qzeros [groups, rows·bits/32],
// scales [groups, rows], g_idx [cols].
struct GptqTensorShapes
{
    std::vector<int64_t> qweight, qzeros, scales, groupIndex;
};
GptqTensorShapes gptqTensorShapes(const PackedLinear &linear);

// The tensors' little-endian bytes (int32, int32, fp16, int32), zeros as format v1 (zero − 1;
// checkPackedLinear and fitsGptqV1 first) or v2 (the zero) stores them.
struct GptqTensorBytes
{
    std::vector<std::byte> qweight, qzeros, scales, groupIndex;
};
GptqTensorBytes packGptqLinear(const PackedLinear &linear, bool v2);

} // namespace bitcliff
