#include "tokenize/vocabulary.h"

namespace bitcliff {

namespace {
int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}
} // namespace

int byteTokenValue(std::string_view piece)
{
    if (piece.size() != 6 || !piece.starts_with("<0x") || piece[5] != '>')
        return -1;
    const int high = hexDigit(piece[3]), low = hexDigit(piece[4]);
    return high < 0 || low < 0 ? -1 : high * 16 + low;
}

std::string byteTokenPiece(unsigned char byte)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    return std::string("<0x") + kHex[byte >> 4] + kHex[byte & 0xF] + '>';
}

Vocabulary::Vocabulary(std::vector<std::string> pieces, std::vector<TokenType> types)
    : m_pieces(std::move(pieces))
    , m_types(std::move(types))
{
    m_types.resize(m_pieces.size(), TokenType::Normal);
    m_ids.reserve(m_pieces.size());
    for (size_t id = 0; id < m_pieces.size(); ++id)
        if (!m_pieces[id].empty()) // gaps in the ids
            m_ids.emplace(m_pieces[id], int32_t(id));
}

int32_t Vocabulary::find(std::string_view piece) const
{
    const auto it = m_ids.find(piece);
    return it == m_ids.end() ? -1 : it->second;
}

} // namespace bitcliff
