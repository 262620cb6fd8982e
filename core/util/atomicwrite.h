#pragma once
// Files that appear whole or not at all, even when the writing process is killed (SIGKILL,
// OOM killer, power cut after commit): on error, cancel or kill nothing is left at the
// target, and an existing target stays untouched until the new one replaces it.
//
// Where the filesystem supports it the bytes go to an unnamed O_TMPFILE inode in the target's
// directory, which vanishes with the process; commit() links it to a unique name and renames
// that over the target. Elsewhere they go to a named temporary `<name>.tmp-bitcliff-<pid>-<n>`,
// and every writer first removes such temporaries in its directory whose process is gone.
#include <cstddef>
#include <filesystem>
#include <span>
#include <sys/types.h>
#include <vector>

namespace bitcliff {

// Writes `bytes` to `path` atomically. Throws Error naming the path.
void writeFileAtomically(const std::filesystem::path &path, std::span<const std::byte> bytes);

// Copies `from` to `to` atomically. Throws Error naming the path that failed.
void copyFileAtomically(const std::filesystem::path &from, const std::filesystem::path &to);

class AtomicFileStream
{
public:
    enum class Temporary {
        Automatic, // O_TMPFILE when the filesystem has it, else a named temporary
        Named, // always the named fallback (tests)
    };

    // Throws Error(`path`: cannot write: ...) when the temporary cannot be created.
    explicit AtomicFileStream(std::filesystem::path path, Temporary temporary = Temporary::Automatic);
    ~AtomicFileStream(); // without commit(): nothing of this write remains
    AtomicFileStream(const AtomicFileStream &) = delete;
    AtomicFileStream &operator=(const AtomicFileStream &) = delete;

    void write(const void *data, size_t size);
    // Flushes, syncs and renames the file into place.
    void commit();
    const std::filesystem::path &path() const { return m_path; }
    // True when the bytes go to an unnamed O_TMPFILE inode.
    bool unnamed() const { return m_unnamed; }

private:
    void flushBuffer();
    void writeAll(const char *bytes, size_t size); // retries EINTR and short writes
    [[noreturn]] void fail(const char *what, int error) const;

    std::filesystem::path m_path;
    std::filesystem::path m_named; // the named temporary, while one exists
    int m_fd = -1;
    bool m_unnamed = false;
    bool m_committed = false;
    std::vector<char> m_buffer;
};

// The named temporary of `target` for process `pid`, sequence number `sequence`.
std::filesystem::path atomicTemporaryName(const std::filesystem::path &target, pid_t pid, unsigned sequence);

// Removes the named temporaries in `directory` whose process no longer runs (an earlier
// writer killed before it could clean up); returns how many. Writers call it themselves.
int removeStaleTemporaries(const std::filesystem::path &directory);

} // namespace bitcliff
