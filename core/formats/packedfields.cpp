#include "formats/packedfields.h"

#include "util/floatformats.h"

#include <cstring>

namespace bitcliff {

void unpackStream(const uint32_t *words, int bits, int64_t count, uint8_t *fields)
{
    const uint32_t mask = (1u << bits) - 1u;
    for (int64_t i = 0; i < count; ++i) {
        const int64_t bit = i * bits;
        const int64_t word = bit / 32;
        const int shift = static_cast<int>(bit % 32);
        uint32_t value = words[word] >> shift;
        if (shift + bits > 32)
            value |= words[word + 1] << (32 - shift);
        fields[i] = static_cast<uint8_t>(value & mask);
    }
}

uint32_t streamFieldAt(const std::byte *words, int bits, int64_t index)
{
    const uint32_t mask = (1u << bits) - 1u;
    const int64_t bit = index * bits;
    const int64_t word = bit / 32;
    const int shift = static_cast<int>(bit % 32);
    uint32_t value = readU32(words + 4 * word) >> shift;
    if (shift + bits > 32)
        value |= readU32(words + 4 * (word + 1)) << (32 - shift);
    return value & mask;
}

void packStream(const uint8_t *fields, int bits, int64_t count, uint32_t *words)
{
    std::memset(words, 0, static_cast<size_t>(streamWords(bits, count)) * sizeof(uint32_t));
    const uint32_t mask = (1u << bits) - 1u;
    for (int64_t i = 0; i < count; ++i) {
        const uint32_t value = fields[i] & mask;
        const int64_t bit = i * bits;
        const int64_t word = bit / 32;
        const int shift = static_cast<int>(bit % 32);
        words[word] |= value << shift;
        if (shift + bits > 32)
            words[word + 1] |= value >> (32 - shift);
    }
}

void unpackWholeFields(const uint32_t *words, int bits, int64_t count, uint8_t *fields)
{
    const int perWord = 32 / bits;
    const uint32_t mask = (1u << bits) - 1u;
    for (int64_t i = 0; i < count; ++i)
        fields[i] = static_cast<uint8_t>((words[i / perWord] >> (bits * (i % perWord))) & mask);
}

} // namespace bitcliff
