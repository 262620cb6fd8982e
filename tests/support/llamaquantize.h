#pragma once
// llama.cpp's own model quantizer, llama_model_quantize() in node-llama-cpp's libllama (the
// pinned install in tests/llamacpp), called the way llama-quantize calls it.
#include "support/ggmllibrary.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace bitcliff::test {

class LlamaQuantizer
{
public:
    explicit LlamaQuantizer(const std::filesystem::path &llamaCppTests);

    // Empty when the library and its functions were found, else why not.
    const std::string &error() const { return m_library.error(); }

    // `llama-quantize [--pure] input output FTYPE` with one thread and no importance matrix;
    // `ftype` is llama.cpp's llama_ftype id (general.file_type). Returns llama.cpp's status
    // (0 = success).
    uint32_t quantize(const std::filesystem::path &input, const std::filesystem::path &output, uint32_t ftype,
                      bool pure);

private:
    GgmlLibrary m_library;
    void *m_defaults = nullptr;
    void *m_quantize = nullptr;
};

} // namespace bitcliff::test
