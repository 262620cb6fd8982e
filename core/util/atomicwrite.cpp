#include "util/atomicwrite.h"

#include "util/error.h"

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <string_view>
#include <unistd.h>

namespace bitcliff {

namespace {

constexpr std::string_view kMarker = ".tmp-bitcliff-";
constexpr size_t kBufferSize = size_t { 1 } << 20;
constexpr unsigned kNameAttempts = 100;

std::atomic<unsigned> g_sequence { 0 };

std::filesystem::path directoryOf(const std::filesystem::path &path)
{
    std::filesystem::path directory = path.parent_path();
    return directory.empty() ? std::filesystem::path(".") : directory;
}

// The pid in "<name>.tmp-bitcliff-<pid>-<n>", or 0 when `name` is not one of ours.
pid_t temporaryOwner(std::string_view name)
{
    const size_t at = name.rfind(kMarker);
    if (at == std::string_view::npos)
        return 0;
    const char *p = name.data() + at + kMarker.size();
    const char *end = name.data() + name.size();
    long pid = 0;
    auto parsed = std::from_chars(p, end, pid);
    if (parsed.ec != std::errc() || parsed.ptr == end || *parsed.ptr != '-' || pid <= 0)
        return 0;
    unsigned sequence = 0;
    parsed = std::from_chars(parsed.ptr + 1, end, sequence);
    if (parsed.ec != std::errc() || parsed.ptr != end)
        return 0;
    return static_cast<pid_t>(pid);
}

// EPERM: the process exists but belongs to someone else.
bool processRuns(pid_t pid)
{
    return pid == ::getpid() || ::kill(pid, 0) == 0 || errno == EPERM;
}

// Linking an O_TMPFILE inode by name goes through /proc/self/fd (linkat with AT_EMPTY_PATH
// would need CAP_DAC_READ_SEARCH); without /proc the named fallback is the only way.
bool procFdAvailable()
{
    static const bool available = ::access("/proc/self/fd", X_OK) == 0;
    return available;
}

} // namespace

std::filesystem::path atomicTemporaryName(const std::filesystem::path &target, pid_t pid, unsigned sequence)
{
    std::filesystem::path name = target;
    name += std::string(kMarker) + std::to_string(pid) + "-" + std::to_string(sequence);
    return name;
}

int removeStaleTemporaries(const std::filesystem::path &directory)
{
    int removed = 0;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
        const pid_t owner = temporaryOwner(it->path().filename().native());
        if (owner == 0 || processRuns(owner))
            continue;
        std::error_code ignored;
        if (std::filesystem::remove(it->path(), ignored))
            ++removed;
    }
    return removed;
}

void writeFileAtomically(const std::filesystem::path &path, std::span<const std::byte> bytes)
{
    AtomicFileStream file(path);
    file.write(bytes.data(), bytes.size());
    file.commit();
}

void copyFileAtomically(const std::filesystem::path &from, const std::filesystem::path &to)
{
    const int source = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (source < 0)
        throw Error(from.string() + ": cannot read: " + std::strerror(errno));
    try {
        AtomicFileStream file(to);
        std::vector<char> chunk(kBufferSize);
        for (;;) {
            const ssize_t got = ::read(source, chunk.data(), chunk.size());
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0)
                throw Error(from.string() + ": cannot read: " + std::strerror(errno));
            if (got == 0)
                break;
            file.write(chunk.data(), static_cast<size_t>(got));
        }
        file.commit();
    } catch (...) {
        ::close(source);
        throw;
    }
    ::close(source);
}

AtomicFileStream::AtomicFileStream(std::filesystem::path path, Temporary temporary)
    : m_path(std::move(path))
{
    const std::filesystem::path directory = directoryOf(m_path);
    removeStaleTemporaries(directory);
    m_buffer.reserve(kBufferSize);
    if (temporary == Temporary::Automatic && procFdAvailable()) {
        m_fd = ::open(directory.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
        if (m_fd >= 0) {
            m_unnamed = true;
            return;
        }
        // The filesystem (or kernel) has no O_TMPFILE: use a named temporary.
        if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
            fail("cannot write", errno);
    }
    for (unsigned attempt = 0; attempt < kNameAttempts && m_fd < 0; ++attempt) {
        m_named = atomicTemporaryName(m_path, ::getpid(), g_sequence++);
        m_fd = ::open(m_named.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (m_fd < 0 && errno != EEXIST) {
            const int error = errno;
            m_named.clear();
            fail("cannot write", error);
        }
    }
    if (m_fd < 0) {
        m_named.clear();
        fail("cannot write", EEXIST);
    }
}

AtomicFileStream::~AtomicFileStream()
{
    if (m_fd >= 0)
        ::close(m_fd); // an unnamed temporary vanishes here
    if (!m_named.empty())
        ::unlink(m_named.c_str());
}

void AtomicFileStream::fail(const char *what, int error) const
{
    throw Error(m_path.string() + ": " + what + ": " + std::strerror(error));
}

void AtomicFileStream::write(const void *data, size_t size)
{
    if (m_fd < 0)
        fail("write failed", EBADF);
    if (m_buffer.size() + size <= kBufferSize) {
        const char *bytes = static_cast<const char *>(data);
        m_buffer.insert(m_buffer.end(), bytes, bytes + size);
        return;
    }
    flushBuffer();
    writeAll(static_cast<const char *>(data), size);
}

void AtomicFileStream::flushBuffer()
{
    writeAll(m_buffer.data(), m_buffer.size());
    m_buffer.clear(); // keeps its capacity
}

void AtomicFileStream::writeAll(const char *bytes, size_t size)
{
    while (size > 0) {
        const ssize_t done = ::write(m_fd, bytes, size);
        if (done < 0 && errno == EINTR)
            continue;
        if (done < 0)
            fail("write failed", errno);
        bytes += done;
        size -= static_cast<size_t>(done);
    }
}

void AtomicFileStream::commit()
{
    if (m_fd < 0 || m_committed)
        fail("write failed", EBADF);
    flushBuffer();
    // On disk before it has a name: a crash after the rename cannot leave an empty file.
    if (::fsync(m_fd) != 0)
        fail("write failed", errno);
    if (m_unnamed) {
        char procPath[64];
        std::snprintf(procPath, sizeof procPath, "/proc/self/fd/%d", m_fd);
        for (unsigned attempt = 0; attempt < kNameAttempts && m_named.empty(); ++attempt) {
            m_named = atomicTemporaryName(m_path, ::getpid(), g_sequence++);
            if (::linkat(AT_FDCWD, procPath, AT_FDCWD, m_named.c_str(), AT_SYMLINK_FOLLOW) == 0)
                break;
            const int error = errno;
            m_named.clear();
            if (error != EEXIST)
                fail("cannot rename into place", error);
        }
        if (m_named.empty())
            fail("cannot rename into place", EEXIST);
    }
    const int closed = ::close(m_fd);
    const int closeError = errno;
    m_fd = -1;
    if (closed != 0)
        fail("write failed", closeError);
    if (::rename(m_named.c_str(), m_path.c_str()) != 0)
        fail("cannot rename into place", errno); // the destructor removes the temporary
    m_named.clear();
    m_committed = true;
}

} // namespace bitcliff
