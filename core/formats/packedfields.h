#pragma once
// Bit fields in int32 words, the two ways quantized checkpoints pack them:
// - a stream (GPTQ): field i sits at bit i·bits of the little-endian concatenation of the
//   words, so 3-bit fields 10 and 21 of every 32 straddle two words;
// - whole fields per word (compressed-tensors): 32/bits fields in each word, low bits first,
//   the leftover high bits unused (2 bits per word at 3 bits).
// For 2, 4 and 8 bits the two are the same.
#include <cstddef>
#include <cstdint>

namespace bitcliff {

// 32-bit words needed for `count` fields of a stream.
inline int64_t streamWords(int bits, int64_t count)
{
    return (count * bits + 31) / 32;
}
// 32-bit words needed for `count` fields packed whole.
inline int64_t wholeFieldWords(int bits, int64_t count)
{
    const int64_t perWord = 32 / bits;
    return (count + perWord - 1) / perWord;
}

// Fields [0, count) of the stream in `words`.
void unpackStream(const uint32_t *words, int bits, int64_t count, uint8_t *fields);
// Field `index` of the stream whose words start at `words` (little-endian bytes, unaligned).
uint32_t streamFieldAt(const std::byte *words, int bits, int64_t index);
// Writes `count` fields into streamWords(bits, count) words (overwritten).
void packStream(const uint8_t *fields, int bits, int64_t count, uint32_t *words);

// Fields [0, count) packed whole into `words`.
void unpackWholeFields(const uint32_t *words, int bits, int64_t count, uint8_t *fields);

} // namespace bitcliff
