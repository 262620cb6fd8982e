#pragma once
#include <cstddef>
#include <filesystem>
#include <span>

namespace bitcliff {

// Writes `bytes` to `<path>.tmp-<pid>` and renames it over `path`, so a failed or
// interrupted write never leaves a partial file. Throws Error naming the path.
void writeFileAtomically(const std::filesystem::path &path, std::span<const std::byte> bytes);

} // namespace bitcliff
