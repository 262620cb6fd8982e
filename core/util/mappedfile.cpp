#include "util/mappedfile.h"

#include "util/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bitcliff {

namespace {
struct FdCloser
{
    int fd;
    ~FdCloser()
    {
        if (fd >= 0)
            ::close(fd);
    }
};
} // namespace

std::shared_ptr<const MappedFile> MappedFile::open(const std::filesystem::path &path)
{
    const std::string label = path.string();
    const int fd = ::open(label.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(label + ": cannot open: " + std::strerror(errno));
    FdCloser closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        throw Error(label + ": cannot stat: " + std::strerror(errno));
    if (!S_ISREG(st.st_mode))
        throw Error(label + ": not a regular file");

    std::shared_ptr<MappedFile> file(new MappedFile);
    file->m_label = label;
    file->m_size = static_cast<uint64_t>(st.st_size);
    if (file->m_size == 0)
        return file; // mmap of length 0 fails; an empty file is just empty
    void *addr = ::mmap(nullptr, file->m_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (addr == MAP_FAILED)
        throw Error(label + ": cannot map: " + std::strerror(errno));
    file->m_data = static_cast<const std::byte *>(addr);
    file->m_mapped = true;
    return file;
}

std::shared_ptr<const MappedFile> MappedFile::fromBuffer(std::vector<std::byte> bytes, std::string label)
{
    std::shared_ptr<MappedFile> file(new MappedFile);
    file->m_buffer = std::move(bytes);
    file->m_data = file->m_buffer.data();
    file->m_size = file->m_buffer.size();
    file->m_label = std::move(label);
    return file;
}

MappedFile::~MappedFile()
{
    if (m_mapped)
        ::munmap(const_cast<std::byte *>(m_data), m_size);
}

void MappedFile::releasePages(uint64_t offset, uint64_t length) const
{
    if (!m_mapped || offset >= m_size)
        return;
    const uint64_t page = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
    // Only whole pages inside the range may be dropped.
    const uint64_t begin = (offset + page - 1) / page * page;
    const uint64_t end = std::min(offset + length, m_size) / page * page;
    if (end > begin)
        ::madvise(const_cast<std::byte *>(m_data) + begin, end - begin, MADV_DONTNEED);
}

} // namespace bitcliff
