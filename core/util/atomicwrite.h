#pragma once
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <span>

namespace bitcliff {

// Writes `bytes` to `<path>.tmp-<pid>` and renames it over `path`, so a failed or
// interrupted write never leaves a partial file. Throws Error naming the path.
void writeFileAtomically(const std::filesystem::path &path, std::span<const std::byte> bytes);

// The streaming form: bytes go to `<path>.tmp-<pid>`; commit() renames it over `path`; the
// destructor removes it when commit() was never reached (an error or a cancel).
class AtomicFileStream
{
public:
    explicit AtomicFileStream(std::filesystem::path path);
    ~AtomicFileStream();
    AtomicFileStream(const AtomicFileStream &) = delete;
    AtomicFileStream &operator=(const AtomicFileStream &) = delete;

    void write(const void *data, size_t size);
    void commit();
    const std::filesystem::path &path() const { return m_path; }

private:
    std::filesystem::path m_path;
    std::filesystem::path m_temporary;
    std::ofstream m_out;
    bool m_committed = false;
};

} // namespace bitcliff
