#include "train/atomicfolder.h"

#include "util/atomicwrite.h"
#include "util/error.h"

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

namespace bitcliff::train {

namespace fs = std::filesystem;

namespace {

std::atomic<unsigned> g_sequence{0};

constexpr std::string_view kMarker = ".tmp-bitcliff-";

fs::path parentOf(const fs::path &path)
{
    return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

// The pid of "<name>.tmp-bitcliff-<pid>-<n>", or 0.
pid_t ownerOf(const std::string &entry, const std::string &name)
{
    const std::string prefix = name + std::string(kMarker);
    if (!entry.starts_with(prefix))
        return 0;
    const char *begin = entry.data() + prefix.size();
    const char *end = entry.data() + entry.size();
    long pid = 0;
    const auto parsed = std::from_chars(begin, end, pid);
    if (parsed.ec != std::errc() || parsed.ptr == end || *parsed.ptr != '-' || pid <= 0)
        return 0;
    return pid_t(pid);
}

bool processRuns(pid_t pid)
{
    return pid == ::getpid() || ::kill(pid, 0) == 0 || errno == EPERM;
}

void syncPath(const fs::path &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(path.string() + ": cannot open to sync: " + std::strerror(errno));
    const int result = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (result != 0)
        throw Error(path.string() + ": cannot sync: " + std::strerror(error));
}

void syncTree(const fs::path &folder)
{
    for (const fs::directory_entry &entry : fs::recursive_directory_iterator(folder))
        syncPath(entry.path());
    syncPath(folder);
}

bool replaceable(const fs::path &destination)
{
    std::error_code ec;
    if (!fs::is_directory(destination, ec))
        return false;
    return fs::is_empty(destination, ec) || fs::exists(destination / "config.json", ec);
}

// Puts `temporary` at `destination`, which exists; afterwards `temporary` holds the old folder.
void swapInto(const fs::path &temporary, const fs::path &destination)
{
    if (::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, destination.c_str(), RENAME_EXCHANGE) == 0)
        return;
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        throw Error(destination.string() + ": cannot replace the folder: " + std::strerror(errno));
    // No atomic exchange here: move the old folder aside, the new one in, then the old one to
    // the temporary's name (removed by the caller, or as stale after a kill).
    const fs::path aside = atomicTemporaryName(destination, ::getpid(), g_sequence++);
    if (::rename(destination.c_str(), aside.c_str()) != 0)
        throw Error(destination.string() + ": cannot move the old folder aside: " + std::strerror(errno));
    if (::rename(temporary.c_str(), destination.c_str()) != 0) {
        const int error = errno;
        ::rename(aside.c_str(), destination.c_str());
        throw Error(destination.string() + ": cannot move the new folder in: " + std::strerror(error));
    }
    ::rename(aside.c_str(), temporary.c_str());
}

} // namespace

int removeStaleFolderTemporaries(const fs::path &destination)
{
    const std::string name = destination.filename().string();
    int removed = 0;
    std::error_code ec;
    for (fs::directory_iterator it(parentOf(destination), ec), end; !ec && it != end; it.increment(ec)) {
        const pid_t owner = ownerOf(it->path().filename().string(), name);
        if (owner == 0 || processRuns(owner))
            continue;
        std::error_code ignored;
        if (fs::remove_all(it->path(), ignored) > 0)
            ++removed;
    }
    return removed;
}

void writeFolderAtomically(const fs::path &destination,
                           const std::function<void(const fs::path &temporary)> &fill)
{
    if (destination.filename().empty())
        throw Error(destination.string() + ": not a folder name");
    std::error_code ec;
    const bool exists = fs::exists(destination, ec);
    if (exists && !replaceable(destination))
        throw Error(destination.string() + ": exists and is not a model folder; refusing to replace it");
    const fs::path parent = parentOf(destination);
    fs::create_directories(parent, ec);
    if (ec)
        throw Error(parent.string() + ": cannot create the folder: " + ec.message());
    removeStaleFolderTemporaries(destination);

    const fs::path temporary = atomicTemporaryName(destination, ::getpid(), g_sequence++);
    if (!fs::create_directory(temporary, ec) || ec)
        throw Error(temporary.string() + ": cannot create the folder: " + (ec ? ec.message() : "it exists"));
    try {
        fill(temporary);
        syncTree(temporary);
        if (exists)
            swapInto(temporary, destination);
        else if (::rename(temporary.c_str(), destination.c_str()) != 0)
            throw Error(destination.string() + ": cannot move the new folder in: " + std::strerror(errno));
        syncPath(parent);
    } catch (...) {
        std::error_code ignored; // before the swap: the new files; after it: the old folder
        fs::remove_all(temporary, ignored);
        throw;
    }
    std::error_code ignored;
    fs::remove_all(temporary, ignored); // the old folder, when there was one
}

} // namespace bitcliff::train
