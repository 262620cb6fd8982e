#pragma once
// A tokenizer's vocabulary: the piece (bytes) of every id, its type, and the id of a piece.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bitcliff {

// GGUF's tokenizer.ggml.token_type codes (llama.cpp llama_token_type).
enum class TokenType : int32_t { Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Unused = 5, Byte = 6 };

// "<0x0A>"-style byte tokens of SentencePiece vocabularies; -1 when `piece` is none.
int byteTokenValue(std::string_view piece);
std::string byteTokenPiece(unsigned char byte);

class Vocabulary
{
public:
    Vocabulary() = default;
    // pieces[id] and types[id]; the same piece twice keeps the lower id.
    Vocabulary(std::vector<std::string> pieces, std::vector<TokenType> types);

    int32_t size() const { return int32_t(m_pieces.size()); }
    bool contains(int32_t id) const { return id >= 0 && id < size(); }
    const std::string &piece(int32_t id) const { return m_pieces[size_t(id)]; }
    TokenType type(int32_t id) const { return m_types[size_t(id)]; }
    // Control and user-defined tokens: added tokens written as plain text.
    bool isAdded(int32_t id) const
    {
        return m_types[size_t(id)] == TokenType::Control || m_types[size_t(id)] == TokenType::UserDefined;
    }
    int32_t find(std::string_view piece) const; // -1 when absent

private:
    struct Hash
    {
        using is_transparent = void;
        size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    std::vector<std::string> m_pieces;
    std::vector<TokenType> m_types;
    std::unordered_map<std::string, int32_t, Hash, std::equal_to<>> m_ids;
};

} // namespace bitcliff
