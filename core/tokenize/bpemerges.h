#pragma once
// Rank-based BPE merging: repeatedly merge the adjacent pair of symbols
// with the lowest merge rank, ties to the leftmost, until no pair has a merge. Symbols are
// token ids; a merge maps (left id, right id) to the id of their concatenation.
// Immutable once built; thread-safe.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace bitcliff {

class BpeMerges
{
public:
    struct Merge
    {
        int32_t rank = -1;
        int32_t merged = -1;
    };

    BpeMerges() = default;
    // `merges[rank]` = (left, right, merged); pairs that appear twice keep the later rank,
    // as the Hugging Face loader does.
    explicit BpeMerges(const std::vector<std::array<int32_t, 3>> &merges);

    size_t size() const { return m_count; }
    Merge find(int32_t left, int32_t right) const;

    // Merges `symbols` in place.
    void apply(std::vector<int32_t> &symbols) const;

private:
    void applySmall(std::vector<int32_t> &symbols) const;
    void applyLarge(std::vector<int32_t> &symbols) const;

    // Open addressing, linear probing; key = left << 32 | right.
    struct Slot
    {
        uint64_t key = kEmpty;
        Merge merge;
    };
    static constexpr uint64_t kEmpty = ~uint64_t{0};
    std::vector<Slot> m_slots;
    uint64_t m_mask = 0;
    size_t m_count = 0;
};

} // namespace bitcliff
