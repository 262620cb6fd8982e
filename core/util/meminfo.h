#pragma once
// How much memory the system can still give us, for refusing jobs that cannot fit before
// they allocate.
#include <cstdint>
#include <string>

namespace bitcliff {

// MemAvailable of /proc/meminfo in bytes; 0 when unknown (no /proc, unreadable).
uint64_t availableMemoryBytes();
// "28.4 GiB"
std::string gibText(uint64_t bytes);

} // namespace bitcliff
