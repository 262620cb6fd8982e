#include "tokenize/addedtokens.h"

#include "tokenize/normalizer.h"
#include "tokenize/utf8.h"

#include <algorithm>

namespace bitcliff {

namespace {

// Start of the character that ends before `end`.
size_t previousCharacter(std::string_view text, size_t end)
{
    size_t i = end - 1;
    while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
        --i;
    return i;
}

bool endsWithWord(std::string_view text, size_t end)
{
    return end > 0 && isWordCharacter(utf8::codePointAt(text, previousCharacter(text, end)));
}

bool startsWithWord(std::string_view text, size_t begin)
{
    return begin < text.size() && isWordCharacter(utf8::codePointAt(text, begin));
}

} // namespace

AddedTokenMatcher::AddedTokenMatcher(std::vector<AddedToken> tokens)
{
    for (AddedToken &token : tokens)
        if (!token.content.empty())
            m_tokens.push_back(std::move(token));
    for (size_t i = 0; i < m_tokens.size(); ++i)
        m_byFirstByte[static_cast<unsigned char>(m_tokens[i].content[0])].push_back(int(i));
    for (auto &candidates : m_byFirstByte)
        std::stable_sort(candidates.begin(), candidates.end(), [&](int a, int b) {
            return m_tokens[size_t(a)].content.size() > m_tokens[size_t(b)].content.size();
        });
}

int AddedTokenMatcher::longestAt(std::string_view text, size_t position) const
{
    for (const int index : m_byFirstByte[static_cast<unsigned char>(text[position])]) {
        const std::string &content = m_tokens[size_t(index)].content;
        if (text.size() - position >= content.size() && text.compare(position, content.size(), content) == 0)
            return index;
    }
    return -1;
}

void AddedTokenMatcher::split(std::string_view text, std::vector<Piece> &pieces) const
{
    size_t done = 0; // end of the last emitted token
    size_t position = 0;
    while (position < text.size()) {
        const int index = m_byFirstByte[static_cast<unsigned char>(text[position])].empty() ? -1
                                                                                            : longestAt(text, position);
        if (index < 0) {
            ++position;
            continue;
        }
        const AddedToken &token = m_tokens[size_t(index)];
        size_t begin = position, end = position + token.content.size();
        if (token.singleWord && (endsWithWord(text, begin) || startsWithWord(text, end))) {
            position = end; // the matcher moves past a rejected match, as Aho-Corasick's iterator does
            continue;
        }
        if (token.lstrip)
            while (begin > done && isWhiteSpace(utf8::codePointAt(text, previousCharacter(text, begin))))
                begin = previousCharacter(text, begin);
        if (token.rstrip)
            while (end < text.size() && isWhiteSpace(utf8::codePointAt(text, end)))
                end += utf8::sequenceLength(text, end);
        if (begin > done)
            pieces.push_back({done, begin, -1});
        pieces.push_back({begin, end, token.id});
        done = position = end;
    }
    if (done < text.size())
        pieces.push_back({done, text.size(), -1});
}

} // namespace bitcliff
