#include "tokenize/spmmerges.h"

#include "tokenize/utf8.h"

#include <algorithm>
#include <queue>

namespace bitcliff {

SpmMerger::SpmMerger(const Vocabulary &vocabulary, const std::vector<float> &scores, int32_t unknownId)
    : m_vocabulary(vocabulary)
    , m_scores(scores)
    , m_unknownId(unknownId)
    , m_byteIds(256, -1)
{
    for (int b = 0; b < 256; ++b)
        m_byteIds[size_t(b)] = vocabulary.find(byteTokenPiece(static_cast<unsigned char>(b)));
}

void SpmMerger::encode(std::string_view text, std::vector<int32_t> &out) const
{
    struct Symbol
    {
        size_t offset, length;
        int32_t prev, next;
    };
    std::vector<Symbol> symbols;
    for (size_t offset = 0; offset < text.size();) {
        const size_t length = std::max<size_t>(1, utf8::sequenceLength(text, offset));
        const auto index = int32_t(symbols.size());
        symbols.push_back({offset, length, index - 1, offset + length >= text.size() ? -1 : index + 1});
        offset += length;
    }
    if (symbols.empty())
        return;

    struct Bigram
    {
        float score;
        int32_t left, right;
        size_t length;
        // Highest score first, then the leftmost.
        bool operator<(const Bigram &other) const
        {
            return score < other.score || (score == other.score && left > other.left);
        }
    };
    std::priority_queue<Bigram> queue;
    auto tryAdd = [&](int32_t left, int32_t right) {
        if (left < 0 || right < 0)
            return;
        const size_t length = symbols[size_t(left)].length + symbols[size_t(right)].length;
        const int32_t id = m_vocabulary.find(text.substr(symbols[size_t(left)].offset, length));
        if (id < 0 || size_t(id) >= m_scores.size())
            return;
        queue.push({m_scores[size_t(id)], left, right, length});
    };
    for (int32_t i = 1; i < int32_t(symbols.size()); ++i)
        tryAdd(i - 1, i);
    while (!queue.empty()) {
        const Bigram bigram = queue.top();
        queue.pop();
        Symbol &left = symbols[size_t(bigram.left)];
        Symbol &right = symbols[size_t(bigram.right)];
        // Stale: one side was merged into something else since.
        if (left.length == 0 || right.length == 0 || left.length + right.length != bigram.length)
            continue;
        left.length += right.length;
        right.length = 0;
        left.next = right.next;
        if (right.next >= 0)
            symbols[size_t(right.next)].prev = bigram.left;
        tryAdd(left.prev, bigram.left);
        tryAdd(bigram.left, left.next);
    }
    for (int32_t i = 0; i >= 0; i = symbols[size_t(i)].next) {
        const std::string_view piece = text.substr(symbols[size_t(i)].offset, symbols[size_t(i)].length);
        const int32_t id = m_vocabulary.find(piece);
        if (id >= 0) {
            out.push_back(id);
            continue;
        }
        for (const char byte : piece) {
            const int32_t byteId = m_byteIds[static_cast<unsigned char>(byte)];
            if (byteId >= 0)
                out.push_back(byteId);
            else if (m_unknownId >= 0)
                out.push_back(m_unknownId);
        }
    }
}

} // namespace bitcliff
