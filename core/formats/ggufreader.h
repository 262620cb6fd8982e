#pragma once
// Internal to the GGUF reader (gguf.cpp, ggufmetadata.cpp): a cursor over the file bytes
// that checks every read against what is left and names the problem when it fails.
#include "formats/gguf.h"
#include "util/error.h"

#include <cstring>

namespace bitcliff::ggufdetail {

// 'text' quoted for an error message: control bytes escaped as \xNN (so a message
// stays one line) and long text cut short.
std::string quoteText(std::string_view text);

class GgufCursor
{
public:
    GgufCursor(std::span<const std::byte> bytes, const std::string &label)
        : m_bytes(bytes)
        , m_label(label)
    {
    }

    uint64_t position() const { return m_pos; }
    uint64_t remaining() const { return m_bytes.size() - m_pos; }
    uint64_t size() const { return m_bytes.size(); }
    // Prefix of error messages for the part being read ("key 'general.name'").
    void setContext(std::string context) { m_context = std::move(context); }

    [[noreturn]] void fail(const std::string &problem) const
    {
        throw FormatError(m_label, m_context.empty() ? problem : m_context + ": " + problem);
    }

    void need(uint64_t count, const char *what) const
    {
        if (count > remaining())
            fail("the file ends inside the " + std::string(what) + " (" + std::to_string(count)
                 + " bytes needed at offset " + std::to_string(m_pos) + ", " + std::to_string(remaining())
                 + " left)");
    }

    template <typename T>
    T read(const char *what)
    {
        need(sizeof(T), what);
        T value;
        std::memcpy(&value, m_bytes.data() + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return value;
    }

    // gguf_string: u64 length + bytes (no NUL). The view points into the file.
    std::string_view string(const char *what)
    {
        const uint64_t length = read<uint64_t>(what);
        if (length > remaining())
            fail(std::string(what) + " length " + std::to_string(length) + " exceeds the "
                 + std::to_string(remaining()) + " bytes left in the file");
        const std::string_view text(reinterpret_cast<const char *>(m_bytes.data() + m_pos), length);
        m_pos += length;
        return text;
    }

private:
    std::span<const std::byte> m_bytes;
    const std::string &m_label;
    std::string m_context;
    uint64_t m_pos = 0;
};

// Reads one metadata value of type `type`. `budget` is the number of values the whole
// metadata may still hold (a corrupt array count must not allocate gigabytes).
GgufValue readGgufValue(GgufCursor &cursor, uint32_t type, int depth, uint64_t &budget);

} // namespace bitcliff::ggufdetail
