#include "support/llamaquantize.h"

namespace bitcliff::test {

namespace {

// llama_model_quantize_params of the pinned llama.cpp (release v0.4.0, include/llama.h).
// llama_model_quantize_default_params() returns it by value: the layout must match exactly.
struct QuantizeParams
{
    int32_t nthread;
    int32_t ftype;
    int32_t outputTensorType;
    int32_t tokenEmbeddingType;
    bool allowRequantize;
    bool quantizeOutputTensor;
    bool onlyCopy;
    bool pure;
    bool keepSplit;
    bool dryRun;
    const void *imatrix;
    const void *kvOverrides;
    const void *tensorTypeOverrides;
    const int32_t *pruneLayers;
    size_t maxBufSize;
};

using DefaultParams = QuantizeParams (*)();
using Quantize = uint32_t (*)(const char *input, const char *output, const QuantizeParams *params);
using BackendInit = void (*)();
using LogCallback = void (*)(int level, const char *text, void *user);
using LogSet = void (*)(LogCallback callback, void *user);

} // namespace

LlamaQuantizer::LlamaQuantizer(const std::filesystem::path &llamaCppTests)
    : m_library(llamaCppTests, "libllama.v0.4.0.so")
{
    m_defaults = m_library.symbol("llama_model_quantize_default_params");
    m_quantize = m_library.symbol("llama_model_quantize");
    auto init = reinterpret_cast<BackendInit>(m_library.symbol("llama_backend_init"));
    auto logSet = reinterpret_cast<LogSet>(m_library.symbol("llama_log_set"));
    if (!m_defaults || !m_quantize || !init || !logSet)
        return;
    logSet([](int, const char *, void *) {}, nullptr); // per-tensor fallback warnings are what the tests expect
    init();
}

uint32_t LlamaQuantizer::quantize(const std::filesystem::path &input, const std::filesystem::path &output,
                                  uint32_t ftype, bool pure)
{
    if (!m_defaults || !m_quantize)
        return 1;
    QuantizeParams params = reinterpret_cast<DefaultParams>(m_defaults)();
    params.nthread = 1;
    params.ftype = int32_t(ftype);
    params.pure = pure;
    return reinterpret_cast<Quantize>(m_quantize)(input.c_str(), output.c_str(), &params);
}

} // namespace bitcliff::test
