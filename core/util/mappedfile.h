#pragma once
// A read-only view of a whole file, memory-mapped so that opening a 15 GB checkpoint
// reads nothing until a tensor is touched. The in-memory variant lets every reader be
// tested (and fuzzed) without touching the disk.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace bitcliff {

class MappedFile
{
public:
    // Throws Error with the path and the system's reason when the file cannot be mapped.
    static std::shared_ptr<const MappedFile> open(const std::filesystem::path &path);
    static std::shared_ptr<const MappedFile> fromBuffer(std::vector<std::byte> bytes, std::string label);

    ~MappedFile();
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    std::span<const std::byte> bytes() const { return {m_data, m_size}; }
    uint64_t size() const { return m_size; }
    // The path (or label) used in error messages.
    const std::string &label() const { return m_label; }

    // Tells the kernel these bytes will not be needed again soon, so a streaming pass over
    // a big model keeps its resident memory small. Safe to call on any range.
    void releasePages(uint64_t offset, uint64_t length) const;

private:
    MappedFile() = default;
    const std::byte *m_data = nullptr;
    uint64_t m_size = 0;
    bool m_mapped = false;
    std::vector<std::byte> m_buffer;
    std::string m_label;
};

} // namespace bitcliff
