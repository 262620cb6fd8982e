#pragma once
// Streams a large Llama-shaped BF16 safetensors checkpoint to disk without holding it in
// memory (the benchmark inputs).
#include <cstdint>
#include <filesystem>

namespace bitcliff::bench {

// TinyLlama-like shapes (hidden 2048, intermediate 5632, 4 kv heads); layers are added
// until the file reaches `targetBytes`. Returns the file size.
uint64_t writeLlamaShapedCheckpoint(const std::filesystem::path &file, uint64_t targetBytes);

} // namespace bitcliff::bench
