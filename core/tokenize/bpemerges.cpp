#include "tokenize/bpemerges.h"

#include <queue>

namespace bitcliff {

namespace {

uint64_t pairKey(int32_t left, int32_t right) { return uint64_t(uint32_t(left)) << 32 | uint32_t(right); }

uint64_t mix(uint64_t key)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdull;
    key ^= key >> 33;
    return key;
}

// Below this many symbols a plain scan beats the priority queue.
constexpr size_t kSmallWord = 24;

} // namespace

BpeMerges::BpeMerges(const std::vector<std::array<int32_t, 3>> &merges)
{
    size_t capacity = 16;
    while (capacity < merges.size() * 2)
        capacity *= 2;
    m_slots.resize(capacity);
    m_mask = capacity - 1;
    for (size_t rank = 0; rank < merges.size(); ++rank) {
        const auto &[left, right, merged] = merges[rank];
        const uint64_t key = pairKey(left, right);
        uint64_t slot = mix(key) & m_mask;
        while (m_slots[slot].key != kEmpty && m_slots[slot].key != key)
            slot = (slot + 1) & m_mask;
        if (m_slots[slot].key == kEmpty)
            ++m_count;
        m_slots[slot] = {key, {int32_t(rank), merged}};
    }
}

BpeMerges::Merge BpeMerges::find(int32_t left, int32_t right) const
{
    if (m_slots.empty())
        return {};
    const uint64_t key = pairKey(left, right);
    for (uint64_t slot = mix(key) & m_mask;; slot = (slot + 1) & m_mask) {
        if (m_slots[slot].key == key)
            return m_slots[slot].merge;
        if (m_slots[slot].key == kEmpty)
            return {};
    }
}

void BpeMerges::apply(std::vector<int32_t> &symbols) const
{
    if (symbols.size() < 2 || m_count == 0)
        return;
    if (symbols.size() <= kSmallWord)
        applySmall(symbols);
    else
        applyLarge(symbols);
}

void BpeMerges::applySmall(std::vector<int32_t> &symbols) const
{
    while (symbols.size() > 1) {
        Merge best;
        size_t at = 0;
        for (size_t i = 0; i + 1 < symbols.size(); ++i) {
            const Merge merge = find(symbols[i], symbols[i + 1]);
            if (merge.rank >= 0 && (best.rank < 0 || merge.rank < best.rank)) {
                best = merge;
                at = i;
            }
        }
        if (best.rank < 0)
            return;
        symbols[at] = best.merged;
        symbols.erase(symbols.begin() + std::ptrdiff_t(at) + 1);
    }
}

void BpeMerges::applyLarge(std::vector<int32_t> &symbols) const
{
    // Doubly linked symbols and a queue of candidate merges ordered by (rank, position);
    // an entry is stale when its left symbol was merged away or its pair changed.
    const auto n = int32_t(symbols.size());
    std::vector<int32_t> prev(static_cast<size_t>(n)), next(static_cast<size_t>(n));
    for (int32_t i = 0; i < n; ++i) {
        prev[size_t(i)] = i - 1;
        next[size_t(i)] = i + 1 < n ? i + 1 : -1;
    }
    struct Candidate
    {
        int32_t rank, position, merged;
        bool operator>(const Candidate &other) const
        {
            return rank != other.rank ? rank > other.rank : position > other.position;
        }
    };
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> queue;
    auto consider = [&](int32_t position) {
        const int32_t right = next[size_t(position)];
        if (right < 0)
            return;
        const Merge merge = find(symbols[size_t(position)], symbols[size_t(right)]);
        if (merge.rank >= 0)
            queue.push({merge.rank, position, merge.merged});
    };
    for (int32_t i = 0; i + 1 < n; ++i)
        consider(i);
    std::vector<bool> removed(size_t(n), false);
    while (!queue.empty()) {
        const Candidate top = queue.top();
        queue.pop();
        const int32_t right = next[size_t(top.position)];
        if (removed[size_t(top.position)] || right < 0)
            continue;
        if (find(symbols[size_t(top.position)], symbols[size_t(right)]).merged != top.merged)
            continue;
        symbols[size_t(top.position)] = top.merged;
        removed[size_t(right)] = true;
        next[size_t(top.position)] = next[size_t(right)];
        if (next[size_t(right)] >= 0)
            prev[size_t(next[size_t(right)])] = top.position;
        if (prev[size_t(top.position)] >= 0)
            consider(prev[size_t(top.position)]);
        consider(top.position);
    }
    size_t out = 0;
    for (int32_t i = 0; i >= 0; i = next[size_t(i)])
        symbols[out++] = symbols[size_t(i)];
    symbols.resize(out);
}

} // namespace bitcliff
