// The cost of evaluating schemes in lockstep (evaluation's compareText: each perplexity chunk
// runs the unquantized model once, then every quantized model, and compares their logits over
// the whole vocabulary: KLD, same top token, Δp, NLL) against the unquantized forward pass
// alone over the same chunks (evaluateText), measured in the same run, alternating. Default
// shape: a 14.6M-parameter Llama (hidden 192, 6 layers, FFN 512, 6/2 heads, untied 32k vocab:
// the output layer is most of the arithmetic, as in small real models) on 62k tokens of
// generated text, n_ctx 512, schemes q8_0,q5_0,q4_1,q4_0. The ratio says how many unquantized
// passes the comparison costs: at best 1 + (number of schemes), every pass as cheap as the
// unquantized one. --keep DIR leaves the model and text.txt there (for timing `bitcliff-cli eval`).
#include "demo/syntheticcheckpoint.h"
#include "eval/evalworkload.h"
#include "eval/textevaluation.h"
#include "formats/model.h"
#include "infer/transformer.h"
#include "tokenize/tokenizer.h"
#include "util/blaskernels.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <time.h>
#include <unistd.h>
#include <vector>

using namespace bitcliff;

namespace {

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// CPU seconds of the whole process (every thread): the work done, whatever else the machine runs.
double cpuSeconds()
{
    timespec t {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

double best(const std::vector<double> &values)
{
    return *std::min_element(values.begin(), values.end());
}

// Words drawn from a fixed list: `bytes` of ASCII text (the demo tokenizer gives one token a byte).
std::string generatedText(size_t bytes)
{
    static const char *const words[] = { "the", "model", "weights", "are", "quantized", "to", "four", "bits", "and",
        "perplexity", "rises", "a", "little", "while", "the", "output", "layer", "keeps", "its", "float", "activations",
        "of", "every", "token", "in", "text" };
    std::mt19937 random(7);
    std::string text;
    while (text.size() < bytes) {
        text += words[random() % std::size(words)];
        text += random() % 11 == 0 ? ".\n" : " ";
    }
    text.resize(bytes);
    return text;
}

std::vector<std::string> commaList(const std::string &text)
{
    std::vector<std::string> items;
    size_t begin = 0;
    while (begin <= text.size()) {
        const size_t end = std::min(text.find(',', begin), text.size());
        items.push_back(text.substr(begin, end - begin));
        begin = end + 1;
    }
    return items;
}

} // namespace

int main(int argc, char **argv)
{
    useFastBlasKernels(argv);
    SyntheticModelSpec shape;
    shape.layers = 6;
    shape.hiddenSize = 192;
    shape.intermediateSize = 512;
    shape.heads = 6;
    shape.kvHeads = 2;
    shape.vocabSize = 32000;
    shape.outlierChannels = { 37, 101, 150 };
    int tokens = 62000, nCtx = 512, threads = 2, repeats = 1;
    const std::pair<const char *, int *> flags[]
        = { { "--layers", &shape.layers }, { "--hidden", &shape.hiddenSize }, { "--ffn", &shape.intermediateSize },
              { "--heads", &shape.heads }, { "--kv-heads", &shape.kvHeads }, { "--vocab", &shape.vocabSize },
              { "--tokens", &tokens }, { "--ctx", &nCtx }, { "--threads", &threads }, { "--repeat", &repeats } };
    std::string schemeList = "q8_0,q5_0,q4_1,q4_0", keep;
    for (int i = 1; i + 1 < argc; i += 2) {
        for (const auto &[flag, value] : flags)
            if (std::string(argv[i]) == flag)
                *value = std::atoi(argv[i + 1]);
        if (std::string(argv[i]) == "--schemes")
            schemeList = argv[i + 1];
        if (std::string(argv[i]) == "--keep")
            keep = argv[i + 1];
    }
    repeats = std::max(1, repeats);
    std::erase_if(shape.outlierChannels, [&](int channel) { return channel >= shape.hiddenSize; });
    const std::filesystem::path modelDir = keep.empty()
        ? std::filesystem::temp_directory_path() / ("bitcliff-bench-evalcompare-" + std::to_string(getpid()))
        : std::filesystem::path(keep);
    std::printf("generating a Llama-shaped checkpoint (%d layers, hidden %d, FFN %d, %d/%d heads, vocab %d) at %s\n",
        shape.layers, shape.hiddenSize, shape.intermediateSize, shape.heads, shape.kvHeads, shape.vocabSize,
        modelDir.c_str());
    writeSyntheticCheckpoint(modelDir, shape);

    EvalSpec spec;
    spec.model = openModel(modelDir);
    spec.tokenizer = tokenizerForModel(*spec.model);
    spec.nCtx = nCtx;
    spec.threads = threads;
    spec.texts.push_back(corpusText("generated", "en", generatedText(size_t(tokens))));
    if (!keep.empty())
        std::ofstream(modelDir / "text.txt", std::ios::binary) << spec.texts.front().text;
    const EvalWorkload workload = prepareWorkload(spec);
    const PreparedText &text = workload.texts.front();

    InferenceOptions options;
    options.threads = threads;
    CachedSequence base(loadTransformer(spec.model, options), workload.maxContext);
    std::vector<std::unique_ptr<CachedSequence>> models;
    std::vector<CachedSequence *> quantized;
    const double loadStart = now();
    for (const std::string &name : commaList(schemeList)) {
        options.scheme = QuantScheme::parse(name);
        models.push_back(std::make_unique<CachedSequence>(loadTransformer(spec.model, options), workload.maxContext));
        quantized.push_back(models.back().get());
    }
    const double loadSeconds = now() - loadStart;

    // Alternating, so both see the same load of a shared machine.
    std::vector<double> alone, lockstep, aloneCpu, lockstepCpu;
    double kld = 0, ppl = 0;
    const ProgressCallback noProgress;
    for (int r = 0; r < repeats; ++r) {
        WorkMeter meter(noProgress, 1);
        NllAccumulator nll;
        double start = now(), startCpu = cpuSeconds();
        ppl = evaluateText(base, text, nll, meter).perplexity.ppl;
        alone.push_back(now() - start);
        aloneCpu.push_back(cpuSeconds() - startCpu);
        std::vector<LogitComparisonAccumulator> totals(quantized.size());
        start = now();
        startCpu = cpuSeconds();
        const std::vector<TextEvaluation> results = compareText(base, quantized, text, totals, meter);
        lockstep.push_back(now() - start);
        lockstepCpu.push_back(cpuSeconds() - startCpu);
        kld = results.back().comparison->kld.mean;
    }
    std::printf("model: %.1fM parameters, %d threads, OpenBLAS kernels %s; %zu tokens, %d chunks of %d, "
                "%d scored each; %zu schemes (%s) loaded in %.2f s\n",
        double(spec.model->parameterCount()) / 1e6, threads, blasCoreName().c_str(), text.tokens.size(),
        text.plan.chunks, nCtx, text.plan.scoredPerChunk(), quantized.size(), schemeList.c_str(), loadSeconds);
    std::printf("unquantized forward pass alone (PPL %.4f), best of %d: %.2f s (%.2f s CPU)\n", ppl, repeats,
        best(alone), best(aloneCpu));
    std::printf("lockstep comparison of %zu schemes (last KLD %.6f), best of %d: %.2f s (%.2f s CPU)\n",
        quantized.size(), kld, repeats, best(lockstep), best(lockstepCpu));
    std::printf("ratio lockstep / unquantized pass: %.2f (ideal %zu: every pass as cheap as the unquantized one, "
                "comparisons free)\n",
        best(lockstep) / best(alone), quantized.size() + 1);
    std::printf("ratio in CPU time: %.2f\n", best(lockstepCpu) / best(aloneCpu));
    if (keep.empty())
        std::filesystem::remove_all(modelDir);
    return 0;
}
