// Prompt-processing throughput of the inference engine on a generated Llama-shaped BF16
// checkpoint (the synthetic demo generator; default 125M parameters: hidden 768, 12 layers,
// FFN 2048, 12 heads, 4 KV heads, vocab 32000), against cblas_sgemm on a comparable shape
// (tokens × hidden × FFN) measured in the same run. FLOPs: 2 · (matrix parameters) · tokens for the linear layers and the output
// (the embedding lookup does no arithmetic), plus the causal attention: per layer and head
// 2 · 2 · headDim · n(n+1)/2 for scores and values. The same prompt runs again with the
// weights streamed (WeightResidency::Streamed: each matrix dequantized from the mapped file
// once per 512-token batch), printed with the ratio streamed / resident.
#include "demo/syntheticcheckpoint.h"
#include "formats/model.h"
#include "infer/transformer.h"
#include "util/blaskernels.h"

#include <algorithm>
#include <cblas.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace bitcliff;

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double best(const std::vector<double> &values) { return *std::max_element(values.begin(), values.end()); }

// GFLOP/s of X[m × k] · Wᵀ (W [n × k]), the engine's GEMM form, repeated for >= 0.3 s.
double sgemmGflops(int m, int n, int k)
{
    std::vector<float> x(size_t(m) * size_t(k), 0.01f), w(size_t(n) * size_t(k), 0.02f), y(size_t(m) * size_t(n));
    auto run = [&] {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1.0f, x.data(), k, w.data(), k, 0.0f, y.data(), n);
    };
    run();
    int repeats = 0;
    const double start = now();
    while (now() - start < 0.3 || repeats < 3) {
        run();
        ++repeats;
    }
    return 2.0 * m * n * k * repeats / (now() - start) / 1e9;
}

} // namespace

int main(int argc, char **argv)
{
    useFastBlasKernels(argv); // as the programs do: the engine and the baseline on the same kernels
    SyntheticModelSpec shape;
    shape.layers = 12;
    shape.hiddenSize = 768;
    shape.intermediateSize = 2048;
    shape.heads = 12;
    shape.kvHeads = 4;
    shape.vocabSize = 32000;
    int tokens = 512, threads = 0, repeats = 5, decode = 32;
    const std::pair<const char *, int *> flags[] = {
        {"--layers", &shape.layers}, {"--hidden", &shape.hiddenSize}, {"--ffn", &shape.intermediateSize},
        {"--heads", &shape.heads},   {"--kv-heads", &shape.kvHeads},  {"--vocab", &shape.vocabSize},
        {"--tokens", &tokens},       {"--threads", &threads},         {"--repeat", &repeats},
        {"--decode", &decode}};
    std::string dir = std::filesystem::temp_directory_path().string();
    for (int i = 1; i + 1 < argc; i += 2) {
        for (const auto &[flag, value] : flags)
            if (std::string(argv[i]) == flag)
                *value = std::atoi(argv[i + 1]);
        if (std::string(argv[i]) == "--dir")
            dir = argv[i + 1];
    }
    repeats = std::max(1, repeats);
    const int cores = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    const std::filesystem::path modelDir = dir + "/bitcliff-bench-infer-" + std::to_string(getpid());
    std::printf("generating a Llama-shaped BF16 checkpoint (%d layers, hidden %d, FFN %d, %d/%d heads, vocab %d) at %s\n",
                shape.layers, shape.hiddenSize, shape.intermediateSize, shape.heads, shape.kvHeads, shape.vocabSize,
                modelDir.c_str());
    writeSyntheticCheckpoint(modelDir, shape);
    const auto fileBytes = std::filesystem::file_size(modelDir / "model.safetensors");

    InferenceOptions options;
    options.threads = threads;
    const double loadStart = now();
    const auto model = openModel(modelDir);
    const auto weights = loadTransformer(model, options);
    const double loadSeconds = now() - loadStart;
    const TransformerConfig &c = configOf(*weights);
    options.residency = WeightResidency::Streamed;
    const double streamedLoadStart = now();
    const auto streamedWeights = loadTransformer(model, options);
    const double streamedLoadSeconds = now() - streamedLoadStart;

    std::mt19937 random(1);
    std::vector<int32_t> prompt(static_cast<size_t>(tokens)), next(static_cast<size_t>(decode));
    for (int32_t &t : prompt)
        t = int32_t(random() % uint32_t(c.vocab));
    for (int32_t &t : next)
        t = int32_t(random() % uint32_t(c.vocab));
    InferenceSession session(weights, tokens + decode);
    std::vector<float> logits(size_t(tokens) * size_t(c.vocab));
    session.evaluate(prompt, 0, logits); // warm-up: pages, BLAS threads
    InferenceSession streamedSession(streamedWeights, tokens + decode);
    streamedSession.evaluate(prompt, 0, logits);

    int64_t matrixParameters = 0; // every 2-D weight but the embedding table
    for (const TensorInfo &t : model->tensors())
        if (t.shape.size() == 2 && t.role != TensorRole::Embed)
            matrixParameters += t.elementCount();
    const double n = tokens;
    const double flops = 2.0 * double(matrixParameters) * n + 4.0 * c.layers * c.heads * c.headDim * n * (n + 1) / 2.0;
    // Engine and baseline alternate, so both see the same load of a shared machine.
    std::vector<double> engine, streamed, baseline;
    for (int r = 0; r < repeats; ++r) {
        session.reset();
        double start = now();
        session.evaluate(prompt, 0, logits);
        engine.push_back(flops / (now() - start) / 1e9);
        streamedSession.reset();
        start = now();
        streamedSession.evaluate(prompt, 0, logits);
        streamed.push_back(flops / (now() - start) / 1e9);
        openblas_set_num_threads(cores);
        baseline.push_back(sgemmGflops(tokens, shape.intermediateSize, shape.hiddenSize));
    }
    double decodeSeconds = 0;
    std::vector<float> one(size_t(c.vocab));
    for (int i = 0; i < decode; ++i) {
        const double start = now();
        session.evaluate(std::span(next).subspan(size_t(i), 1), 0, one);
        decodeSeconds += now() - start;
    }
    // Streamed decoding materializes every matrix for each token: a few tokens tell the rate.
    const int streamedDecode = std::min(decode, 4);
    double streamedDecodeSeconds = 0;
    for (int i = 0; i < streamedDecode; ++i) {
        const double start = now();
        streamedSession.evaluate(std::span(next).subspan(size_t(i), 1), 0, one);
        streamedDecodeSeconds += now() - start;
    }

    std::printf("model: %.1fM parameters (%.1fM in matrices), file %.1f MB, loaded as float32 in %.2f s, %d threads, "
                "OpenBLAS kernels %s\n",
                double(model->parameterCount()) / 1e6, double(matrixParameters) / 1e6, double(fileBytes) / 1e6, loadSeconds,
                cores, blasCoreName().c_str());
    std::printf("prompt processing, %d tokens, all logits, best of %d: %.3f s, %.1f tokens/s, %.1f GFLOP/s"
                " (median %.1f GFLOP/s)\n",
                tokens, repeats, flops / best(engine) / 1e9, n * best(engine) * 1e9 / flops, best(engine), median(engine));
    if (decode > 0)
        std::printf("decode, %d tokens one at a time after the prompt: %.1f tokens/s\n", decode, decode / decodeSeconds);
    std::printf("streamed (loaded in %.3f s), prompt processing, best of %d: %.3f s, %.1f tokens/s, %.1f GFLOP/s"
                " (median %.1f GFLOP/s)\n",
                streamedLoadSeconds, repeats, flops / best(streamed) / 1e9, n * best(streamed) * 1e9 / flops,
                best(streamed), median(streamed));
    if (streamedDecode > 0)
        std::printf("streamed decode, %d tokens one at a time: %.2f tokens/s\n", streamedDecode,
                    streamedDecode / streamedDecodeSeconds);
    std::printf("ratio streamed / resident prompt processing: %.2f (best), %.2f (median)\n",
                best(streamed) / best(engine), median(streamed) / median(engine));
    std::printf("cblas_sgemm %d x %d x %d (baseline), best of %d: %.1f GFLOP/s (median %.1f GFLOP/s)\n", tokens,
                shape.hiddenSize, shape.intermediateSize, repeats, best(baseline), median(baseline));
    std::printf("ratio engine / sgemm: %.2f (best), %.2f (median)\n", best(engine) / best(baseline),
                median(engine) / median(baseline));
    std::filesystem::remove_all(modelDir);
    return 0;
}
