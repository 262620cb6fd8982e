#include "export/gptqpacking.h"

#include "formats/packedfields.h"
#include "util/error.h"
#include "util/floatformats.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace bitcliff {

namespace {

template<typename T> std::vector<std::byte> bytesOf(const std::vector<T> &values)
{
    std::vector<std::byte> bytes(values.size() * sizeof(T));
    if (!bytes.empty())
        std::memcpy(bytes.data(), values.data(), bytes.size());
    return bytes;
}

} // namespace

void checkPackedLinear(const PackedLinear &l)
{
    const auto fail = [&](const std::string &problem) {
        throw Error(l.name + ": " + problem);
    };
    if (l.bits != 2 && l.bits != 3 && l.bits != 4 && l.bits != 8)
        fail("GPTQ packs 2, 3, 4 or 8 bits, not " + std::to_string(l.bits));
    if (l.rows < 32 || l.cols < 32 || l.rows % 32 != 0 || l.cols % 32 != 0 || l.rows > (int64_t(1) << 30)
        || l.cols > (int64_t(1) << 30))
        fail(std::to_string(l.rows) + " x " + std::to_string(l.cols)
            + " does not fit a GPTQ checkpoint (both dimensions must be multiples of 32)");
    if (l.groupSize < 1 || l.groupSize > l.cols)
        fail("group size " + std::to_string(l.groupSize) + " is not between 1 and the " + std::to_string(l.cols)
            + " inputs");
    const auto rows = size_t(l.rows), cols = size_t(l.cols), groups = size_t(l.groups());
    if (l.codes.size() != rows * cols || l.zeros.size() != rows * groups || l.scales.size() != rows * groups
        || l.groupIndex.size() != cols)
        fail("codes, zeros, scales or g_idx do not have rows x cols, rows x groups and cols entries");
    const int top = (1 << l.bits) - 1;
    if (std::any_of(l.codes.begin(), l.codes.end(), [&](uint8_t c) { return c > top; }))
        fail("a code exceeds " + std::to_string(top) + ", the largest " + std::to_string(l.bits) + "-bit code");
    if (std::any_of(l.zeros.begin(), l.zeros.end(), [&](int32_t z) { return z < 0 || z > top; }))
        fail("a zero point is outside [0, " + std::to_string(top) + "]");
    for (float s : l.scales)
        if (!std::isfinite(s) || fp16ToFloat(floatToFp16(s)) != s)
            fail("scale " + std::to_string(s) + " is not exactly an fp16 value");
    if (std::any_of(l.groupIndex.begin(), l.groupIndex.end(), [&](int32_t g) { return g < 0 || size_t(g) >= groups; }))
        fail("a g_idx entry is outside the " + std::to_string(groups) + " groups");
}

bool fitsGptqV1(const PackedLinear &linear)
{
    return std::none_of(linear.zeros.begin(), linear.zeros.end(), [](int32_t z) { return z == 0; });
}

GptqTensorShapes gptqTensorShapes(const PackedLinear &l)
{
    return { { l.cols * l.bits / 32, l.rows }, { l.groups(), l.rows * l.bits / 32 }, { l.groups(), l.rows },
        { l.cols } };
}

GptqTensorBytes packGptqLinear(const PackedLinear &l, bool v2)
{
    const int64_t rows = l.rows, cols = l.cols, groups = l.groups();
    const int64_t codeWords = cols * l.bits / 32, zeroWords = rows * l.bits / 32;

    // qweight: each output's codes form a stream down its column.
    std::vector<uint32_t> qweight(static_cast<size_t>(codeWords * rows));
    std::vector<uint32_t> column(static_cast<size_t>(codeWords));
    for (int64_t n = 0; n < rows; ++n) {
        packStream(l.codes.data() + n * cols, l.bits, cols, column.data());
        for (int64_t j = 0; j < codeWords; ++j)
            qweight[size_t(j * rows + n)] = column[size_t(j)];
    }

    // qzeros and scales: group g of every output along row g.
    std::vector<uint32_t> qzeros(static_cast<size_t>(groups * zeroWords));
    std::vector<uint16_t> scales(static_cast<size_t>(groups * rows));
    std::vector<uint8_t> stored(static_cast<size_t>(rows));
    const int offset = v2 ? 0 : 1;
    for (int64_t g = 0; g < groups; ++g) {
        for (int64_t n = 0; n < rows; ++n) {
            stored[size_t(n)] = uint8_t(l.zeros[size_t(n * groups + g)] - offset);
            scales[size_t(g * rows + n)] = floatToFp16(l.scales[size_t(n * groups + g)]);
        }
        packStream(stored.data(), l.bits, rows, qzeros.data() + g * zeroWords);
    }
    return { bytesOf(qweight), bytesOf(qzeros), bytesOf(scales), bytesOf(l.groupIndex) };
}

} // namespace bitcliff
