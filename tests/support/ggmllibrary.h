#pragma once
// llama.cpp's own ggml library (libggml-base.so from node-llama-cpp's prebuilt CPU binaries,
// installed by `npm ci --omit=optional` in tests/llamacpp), opened with dlopen so tests can
// call ggml's reference quantizers and dequantizers directly and compare bytes.
#include <cstdint>
#include <filesystem>
#include <string>

namespace bitcliff::test {

class GgmlLibrary
{
public:
    // The shared library `file` (ggml's, or llama.cpp's libllama.v*.so) under the
    // node-llama-cpp install at `llamaCppTests`.
    explicit GgmlLibrary(const std::filesystem::path &llamaCppTests, const std::string &file = "libggml-base.so");
    ~GgmlLibrary();
    GgmlLibrary(const GgmlLibrary &) = delete;
    GgmlLibrary &operator=(const GgmlLibrary &) = delete;

    // Empty when loaded, else why not (missing file, dlopen's message).
    const std::string &error() const { return m_error; }
    const std::filesystem::path &path() const { return m_path; }

    using QuantizeRow = void (*)(const float *x, void *blocks, int64_t count);
    using DequantizeRow = void (*)(const void *blocks, float *y, int64_t count);
    using ConvertRow = void (*)(const float *x, uint16_t *y, int64_t count);

    // ggml's exported function `name` (quantize_row_q4_0_ref, dequantize_row_q4_K,
    // ggml_fp32_to_fp16_row...), or null with error() set.
    void *symbol(const std::string &name);

private:
    std::filesystem::path m_path;
    void *m_handle = nullptr;
    std::string m_error;
};

} // namespace bitcliff::test
