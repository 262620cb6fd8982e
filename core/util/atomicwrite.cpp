#include "util/atomicwrite.h"

#include "util/error.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <unistd.h>

namespace bitcliff {

void writeFileAtomically(const std::filesystem::path &path, std::span<const std::byte> bytes)
{
    AtomicFileStream file(path);
    file.write(bytes.data(), bytes.size());
    file.commit();
}

AtomicFileStream::AtomicFileStream(std::filesystem::path path)
    : m_path(std::move(path))
{
    m_temporary = m_path;
    m_temporary += ".tmp-" + std::to_string(::getpid());
    m_out.open(m_temporary, std::ios::binary | std::ios::trunc);
    if (!m_out)
        throw Error(m_path.string() + ": cannot write: " + std::strerror(errno));
}

AtomicFileStream::~AtomicFileStream()
{
    if (m_committed)
        return;
    m_out.close();
    std::error_code ignored;
    std::filesystem::remove(m_temporary, ignored);
}

void AtomicFileStream::write(const void *data, size_t size)
{
    m_out.write(static_cast<const char *>(data), static_cast<std::streamsize>(size));
    if (!m_out)
        throw Error(m_path.string() + ": write failed: " + std::strerror(errno));
}

void AtomicFileStream::commit()
{
    m_out.flush();
    m_out.close();
    if (!m_out)
        throw Error(m_path.string() + ": write failed: " + std::strerror(errno));
    std::error_code ec;
    std::filesystem::rename(m_temporary, m_path, ec);
    if (ec)
        throw Error(m_path.string() + ": cannot rename into place: " + ec.message());
    m_committed = true;
}

} // namespace bitcliff
