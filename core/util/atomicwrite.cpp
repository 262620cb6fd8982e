#include "util/atomicwrite.h"

#include "util/error.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <unistd.h>

namespace bitcliff {

void writeFileAtomically(const std::filesystem::path &path, std::span<const std::byte> bytes)
{
    std::filesystem::path temporary = path;
    temporary += ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error(path.string() + ": cannot write: " + std::strerror(errno));
        out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            throw Error(path.string() + ": write failed: " + std::strerror(errno));
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw Error(path.string() + ": cannot rename into place: " + ec.message());
    }
}

} // namespace bitcliff
