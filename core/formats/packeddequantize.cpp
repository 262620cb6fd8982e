#include "formats/packeddequantize.h"

#include "formats/packedfields.h"
#include "util/error.h"
#include "util/floatformats.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace bitcliff {

namespace {

// AutoAWQ's interleave: output 8c + j sits in nibble kAwqNibbleOf[j] of word c.
constexpr int kAwqNibbleOf[8] = { 0, 4, 1, 5, 2, 6, 3, 7 };

uint64_t scaleWidth(DType type)
{
    switch (type) {
    case DType::F32:
        return 4;
    case DType::F16:
    case DType::BF16:
        return 2;
    default:
        throw Error("packed weight scales must be F16, BF16 or F32, not " + std::string(dtypeName(type)));
    }
}

float scaleAt(DType type, const std::byte *scales, int64_t index)
{
    switch (type) {
    case DType::F32: {
        float value;
        std::memcpy(&value, scales + 4 * index, 4);
        return value;
    }
    case DType::F16:
        return fp16ToFloat(readU16(scales + 2 * index));
    default:
        return bf16ToFloat(readU16(scales + 2 * index));
    }
}

void checkSize(const char *what, size_t actual, uint64_t expected)
{
    if (actual != expected)
        throw Error(std::string(what) + " has " + std::to_string(actual) + " bytes where the layout needs "
            + std::to_string(expected));
}

// One output row's codes, zero points and scales, decoded from the family's layout.
class RowDecoder
{
public:
    RowDecoder(DType type, const PackedWeight &weight, const PackedBytes &bytes, int64_t rows, int64_t cols)
        : m_type(type)
        , m_w(weight)
        , m_b(bytes)
        , m_rows(rows)
        , m_cols(cols)
        , m_words(static_cast<size_t>(std::max(streamWords(weight.bits, cols), wholeFieldWords(weight.bits, cols))))
        , m_codes(static_cast<size_t>(cols))
        , m_zeros(static_cast<size_t>(weight.groups))
        , m_scales(static_cast<size_t>(weight.groups))
    { }

    void decode(int64_t n)
    {
        switch (m_type) {
        case DType::GPTQ:
            gptq(n);
            break;
        case DType::AWQ_GEMM:
            awq(n);
            break;
        default:
            compressedTensors(n);
            break;
        }
    }

    const std::vector<uint8_t> &codes() const { return m_codes; }
    const std::vector<int32_t> &zeros() const { return m_zeros; }
    const std::vector<float> &scales() const { return m_scales; }

private:
    // Codes stream down column n of qweight; zeros stream along each row of qzeros.
    void gptq(int64_t n)
    {
        const int bits = m_w.bits;
        const int64_t words = m_cols * bits / 32, zeroWords = m_rows * bits / 32;
        for (int64_t j = 0; j < words; ++j)
            m_words[size_t(j)] = readU32(m_b.codes.data() + 4 * (j * m_rows + n));
        unpackStream(m_words.data(), bits, m_cols, m_codes.data());
        for (int64_t g = 0; g < m_w.groups; ++g) {
            m_zeros[size_t(g)] = int32_t(streamFieldAt(m_b.zeros.data() + 4 * g * zeroWords, bits, n)) + m_w.zeroOffset;
            m_scales[size_t(g)] = scaleAt(m_w.scaleType, m_b.scales.data(), g * m_rows + n);
        }
    }

    void awq(int64_t n)
    {
        const int64_t wordsPerRow = m_rows / 8, word = n / 8;
        const int shift = 4 * kAwqNibbleOf[n % 8];
        for (int64_t k = 0; k < m_cols; ++k)
            m_codes[size_t(k)] = uint8_t((readU32(m_b.codes.data() + 4 * (k * wordsPerRow + word)) >> shift) & 15u);
        for (int64_t g = 0; g < m_w.groups; ++g) {
            const uint32_t zero = (readU32(m_b.zeros.data() + 4 * (g * wordsPerRow + word)) >> shift) & 15u;
            m_zeros[size_t(g)] = int32_t(zero) + m_w.zeroOffset;
            m_scales[size_t(g)] = scaleAt(m_w.scaleType, m_b.scales.data(), g * m_rows + n);
        }
    }

    // Codes packed whole along the row; zeros packed whole down each column.
    void compressedTensors(int64_t n)
    {
        const int bits = m_w.bits, perWord = 32 / bits;
        const int64_t words = wholeFieldWords(bits, m_cols);
        std::memcpy(m_words.data(), m_b.codes.data() + 4 * n * words, size_t(words) * 4);
        unpackWholeFields(m_words.data(), bits, m_cols, m_codes.data());
        const uint32_t mask = (1u << bits) - 1u;
        for (int64_t g = 0; g < m_w.groups; ++g) {
            int32_t zero = 1 << (bits - 1); // symmetric: signed zero point 0
            if (!m_b.zeros.empty()) {
                const uint32_t word = readU32(m_b.zeros.data() + 4 * ((n / perWord) * m_w.groups + g));
                zero = int32_t((word >> (bits * (n % perWord))) & mask);
            }
            m_zeros[size_t(g)] = zero + m_w.zeroOffset;
            m_scales[size_t(g)] = scaleAt(m_w.scaleType, m_b.scales.data(), n * m_w.groups + g);
        }
    }

    DType m_type;
    const PackedWeight &m_w;
    const PackedBytes &m_b;
    int64_t m_rows, m_cols;
    std::vector<uint32_t> m_words; // one row's code words
    std::vector<uint8_t> m_codes;
    std::vector<int32_t> m_zeros;
    std::vector<float> m_scales;
};

std::vector<int32_t> groupOfColumn(const PackedWeight &weight, const PackedBytes &bytes, int64_t cols)
{
    std::vector<int32_t> group(static_cast<size_t>(cols));
    for (int64_t k = 0; k < cols; ++k) {
        const int64_t g
            = bytes.groupIndex.empty() ? k / weight.groupSize : int32_t(readU32(bytes.groupIndex.data() + 4 * k));
        if (g < 0 || g >= weight.groups)
            throw Error("g_idx of input " + std::to_string(k) + " is " + std::to_string(g) + ", outside the "
                + std::to_string(weight.groups) + " groups");
        group[size_t(k)] = int32_t(g);
    }
    return group;
}

} // namespace

PackedSizes packedSizes(DType type, const PackedWeight &w, int64_t rows, int64_t cols)
{
    const int bits = w.bits;
    int64_t elements = 0;
    if (rows < 1 || cols < 1 || w.groups < 1 || w.groups > cols || __builtin_mul_overflow(rows, cols, &elements)
        || elements > (int64_t(1) << 56))
        throw Error("packed weight of " + std::to_string(rows) + " x " + std::to_string(cols) + " with "
            + std::to_string(w.groups) + " groups is not a valid layout");
    const auto groups = uint64_t(w.groups), urows = uint64_t(rows), ucols = uint64_t(cols);
    PackedSizes s;
    s.scales = urows * groups * scaleWidth(w.scaleType);
    s.groupIndex = ucols * 4;
    switch (type) {
    case DType::GPTQ:
        if (bits != 2 && bits != 3 && bits != 4 && bits != 8)
            throw Error("GPTQ packs 2, 3, 4 or 8 bits, not " + std::to_string(bits));
        if (cols * bits % 32 != 0 || rows * bits % 32 != 0)
            throw Error("GPTQ " + std::to_string(bits) + "-bit packing needs both dimensions to fill whole words");
        s.codes = ucols * uint64_t(bits) / 32 * urows * 4;
        s.zeros = groups * (urows * uint64_t(bits) / 32) * 4;
        return s;
    case DType::AWQ_GEMM:
        if (bits != 4 || rows % 8 != 0)
            throw Error("AWQ GEMM packs 4 bits of 8 outputs per word");
        s.codes = ucols * (urows / 8) * 4;
        s.zeros = groups * (urows / 8) * 4;
        return s;
    case DType::CT_PACKED:
        if (bits < 1 || bits > 8)
            throw Error("pack-quantized packs 1 to 8 bits, not " + std::to_string(bits));
        s.codes = urows * uint64_t(wholeFieldWords(bits, cols)) * 4;
        s.zeros = uint64_t(wholeFieldWords(bits, rows)) * groups * 4;
        return s;
    default:
        throw Error(std::string(dtypeName(type)) + " is not a packed weight type");
    }
}

void dequantizePackedRows(DType type, const PackedWeight &weight, const PackedBytes &bytes, int64_t rows, int64_t cols,
    int64_t rowBegin, int64_t rowEnd, float *out)
{
    const PackedSizes sizes = packedSizes(type, weight, rows, cols);
    checkSize("the codes", bytes.codes.size(), sizes.codes);
    if (type != DType::CT_PACKED || !bytes.zeros.empty())
        checkSize("the zero points", bytes.zeros.size(), sizes.zeros);
    checkSize("the scales", bytes.scales.size(), sizes.scales);
    if (!bytes.groupIndex.empty())
        checkSize("g_idx", bytes.groupIndex.size(), sizes.groupIndex);
    else if (weight.groupSize < 1 || (cols - 1) / weight.groupSize >= weight.groups)
        throw Error("groups of " + std::to_string(weight.groupSize) + " inputs do not fit " + std::to_string(cols)
            + " inputs in " + std::to_string(weight.groups) + " groups");
    if (rowBegin < 0 || rowEnd > rows || rowBegin > rowEnd)
        throw Error("rows [" + std::to_string(rowBegin) + ", " + std::to_string(rowEnd) + ") outside the "
            + std::to_string(rows) + " rows");

    const std::vector<int32_t> group = groupOfColumn(weight, bytes, cols);
    RowDecoder decoder(type, weight, bytes, rows, cols);
    for (int64_t n = rowBegin; n < rowEnd; ++n) {
        decoder.decode(n);
        const uint8_t *q = decoder.codes().data();
        const int32_t *z = decoder.zeros().data();
        const float *s = decoder.scales().data();
        float *row = out + (n - rowBegin) * cols;
        for (int64_t k = 0; k < cols; ++k) {
            const int32_t g = group[size_t(k)];
            row[k] = s[g] * static_cast<float>(int32_t(q[k]) - z[g]);
        }
    }
}

} // namespace bitcliff
