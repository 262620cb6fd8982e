#include "export/gptqcodes.h"

#include "formats/ggmlblocks.h"
#include "util/error.h"
#include "util/floatformats.h"

#include <cstring>

namespace bitcliff {

namespace {

int64_t columnsOf(const GptqTensor &t)
{
    return static_cast<int64_t>(t.result.groupIndex.size());
}

void checkCodesKept(const GptqTensor &t)
{
    const GptqResult &r = t.result;
    const int64_t cols = columnsOf(t);
    if (r.codes.empty() || cols == 0 || r.codes.size() % size_t(cols) != 0 || r.groups < 1
        || r.params.size() != r.codes.size() / size_t(cols) * size_t(r.groups))
        throw Error(t.name + ": GPTQ's codes were not kept for export");
}

// The GGUF block layout of each grid type: code range and the parameters' rule and zero.
struct GgufGrid
{
    GridRule rule;
    int lo, hi;
    float zero;
};

GgufGrid ggufGridOf(const GptqTensor &t)
{
    switch (t.options.grid.ggufType) {
    case DType::Q4_0: return {GridRule::Offset, 0, 15, 8.0f};
    case DType::Q5_0: return {GridRule::Offset, 0, 31, 16.0f};
    case DType::Q4_1: return {GridRule::Minimum, 0, 15, 0.0f};
    case DType::Q8_0: return {GridRule::Symmetric, -128, 127, 0.0f};
    default: throw Error(t.name + ": " + t.options.grid.toString() + " is not a GGUF grid GPTQ writes as blocks");
    }
}

template <typename Block> void store(const Block &block, std::byte *&out)
{
    std::memcpy(out, &block, sizeof block);
    out += sizeof block;
}

// Element j in the low nibble of qs[j], element j + 16 in the high one.
void packNibbles(const int16_t *q, uint8_t *qs)
{
    for (int j = 0; j < kQk4 / 2; ++j)
        qs[j] = static_cast<uint8_t>((q[j] & 0x0F) | ((q[j + kQk4 / 2] & 0x0F) << 4));
}

} // namespace

PackedLinear packedLinearOf(const GptqTensor &t)
{
    const QuantScheme &grid = t.options.grid;
    if (grid.method != QuantMethod::Rtn)
        throw Error(t.name + ": a GPTQ checkpoint stores rtn grids (bN, gN or channel), not " + grid.toString());
    checkCodesKept(t);
    const GptqResult &r = t.result;
    PackedLinear l;
    l.name = t.name;
    l.bits = grid.bits;
    l.cols = columnsOf(t);
    l.rows = static_cast<int64_t>(r.codes.size()) / l.cols;
    l.groupSize = gridBlockLength(grid, l.cols);
    if (l.groups() != r.groups)
        throw Error(t.name + ": " + std::to_string(r.groups) + " groups where groups of " + std::to_string(l.groupSize)
                    + " make " + std::to_string(l.groups()));
    // Symmetric grids have signed codes around 0; the checkpoint's are unsigned around 2^(b−1).
    const int offset = grid.symmetric ? 1 << (grid.bits - 1) : 0, top = (1 << grid.bits) - 1;
    l.codes.resize(r.codes.size());
    for (size_t i = 0; i < r.codes.size(); ++i) {
        const int code = r.codes[i] + offset;
        if (code < 0 || code > top)
            throw Error(t.name + ": code " + std::to_string(r.codes[i]) + " is off the " + grid.toString() + " grid");
        l.codes[i] = static_cast<uint8_t>(code);
    }
    l.zeros.reserve(r.params.size());
    l.scales.reserve(r.params.size());
    for (const GridParams &p : r.params) {
        if (p.rule != GridRule::Rtn)
            throw Error(t.name + ": parameters of another grid than rtn");
        l.zeros.push_back(static_cast<int32_t>(p.zero) + offset);
        l.scales.push_back(p.scale);
    }
    l.groupIndex = r.groupIndex;
    return l;
}

void checkGgufBlocks(const GptqTensor &t)
{
    const GgufGrid grid = ggufGridOf(t);
    checkCodesKept(t);
    const GptqResult &r = t.result;
    const int64_t cols = columnsOf(t);
    if (cols % kQk4 != 0 || r.groups != cols / kQk4)
        throw Error(t.name + ": " + std::to_string(cols) + " columns do not make " + std::to_string(r.groups)
                    + " blocks of 32");
    // Act-order without static groups would give blocks of scattered columns; gptq refuses it.
    for (int64_t c = 0; c < cols; ++c)
        if (r.groupIndex[size_t(c)] != c / kQk4)
            throw Error(t.name + ": column " + std::to_string(c) + " is in group "
                        + std::to_string(r.groupIndex[size_t(c)]) + ", not its block of 32 consecutive columns");
    for (const GridParams &p : r.params)
        if (p.rule != grid.rule || p.zero != grid.zero)
            throw Error(t.name + ": parameters of another grid than " + t.options.grid.toString());
    for (int16_t code : r.codes)
        if (code < grid.lo || code > grid.hi)
            throw Error(t.name + ": code " + std::to_string(code) + " is off the " + t.options.grid.toString()
                        + " grid");
}

void encodeGgufRow(const GptqTensor &t, int64_t row, std::byte *out)
{
    const GptqResult &r = t.result;
    const int64_t cols = columnsOf(t);
    const DType type = t.options.grid.ggufType;
    for (int64_t b = 0; b < r.groups; ++b) {
        const GridParams &p = r.params[size_t(row * r.groups + b)];
        const int16_t *q = r.codes.data() + row * cols + b * kQk4;
        const uint16_t d = floatToFp16(p.scale); // fp16 already: the block's own d
        if (type == DType::Q4_0) {
            BlockQ4_0 block{d, {}};
            packNibbles(q, block.qs);
            store(block, out);
        } else if (type == DType::Q4_1) {
            BlockQ4_1 block{d, floatToFp16(p.minimum), {}};
            packNibbles(q, block.qs);
            store(block, out);
        } else if (type == DType::Q5_0) {
            BlockQ5_0 block{d, {}, {}};
            uint32_t high = 0; // the 5th bit of element j is bit j
            for (int j = 0; j < kQk4; ++j)
                high |= ((static_cast<uint32_t>(q[j]) >> 4) & 1u) << j;
            std::memcpy(block.qh, &high, sizeof high);
            packNibbles(q, block.qs);
            store(block, out);
        } else {
            BlockQ8_0 block{d, {}};
            for (int j = 0; j < kQk4; ++j)
                block.qs[j] = static_cast<int8_t>(q[j]);
            store(block, out);
        }
    }
}

} // namespace bitcliff
