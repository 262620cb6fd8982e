#include "util/meminfo.h"

#include <cstdio>
#include <fstream>

namespace bitcliff {

uint64_t availableMemoryBytes()
{
    std::ifstream meminfo("/proc/meminfo");
    std::string key, unit;
    uint64_t value = 0;
    while (meminfo >> key >> value) {
        std::getline(meminfo, unit);
        if (key == "MemAvailable:")
            return value * 1024; // the kernel counts kB
    }
    return 0;
}

std::string gibText(uint64_t bytes)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f GiB", double(bytes) / double(1ull << 30));
    return text;
}

} // namespace bitcliff
