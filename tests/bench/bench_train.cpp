// Training throughput of core/train on the demo model's shape (DemoTrainingOptions defaults:
// llama, hidden 128, 4 layers, 4 heads, intermediate 384, vocab 512, tied output, context
// 256, 16 sequences a step) on random token batches, as Trainer::run steps: the forward and
// backward pass (ModelGraph::run with gradients), gradient clipping and AdamW; then the same
// with QAT (fakeQuantizeParameters at rtn:b2:g32:asym before the forward). Against
// cblas_sgemm on a square size with the same thread count, measured in the same run,
// alternating with the training steps so both see the same load. FLOPs of a step:
//   6 · (matrix parameters) · tokens   (forward 2, backward 4; the tied head counts once)
// + 6 · layers · sequences · T² · heads · headDim   (QKᵀ and PV, 2 FLOPs each over the causal
//   half T²/2 of the scores, ×3 for forward and backward)
// The breakdown splits the step into forward (a separate forward-only run of the same batch),
// backward (forward+backward minus forward), clip+AdamW and fake-quantization; then the main
// nn/ ops timed apart at the step's shapes (trainopcosts.h): the linear GEMMs, attention and
// cross-entropy, the rest of forward+backward being norms, RoPE, SwiGLU, embedding, zeroing.
#include "demo/demotraining.h"
#include "infer/linear.h"
#include "quant/scheme.h"
#include "train/adamw.h"
#include "train/gradientclip.h"
#include "train/modelgraph.h"
#include "train/parameters.h"
#include "train/qat.h"
#include "trainopcosts.h"
#include "util/blaskernels.h"

#include <algorithm>
#include <cblas.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace bitcliff;

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double smallest(const std::vector<double> &values) { return *std::min_element(values.begin(), values.end()); }

// Square C = A · B of `size`, repeated for >= 0.3 s; GFLOP/s.
double sgemmGflops(int size)
{
    const size_t n = size_t(size) * size_t(size);
    std::vector<float> a(n, 0.01f), b(n, 0.02f), c(n);
    auto run = [&] {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, size, size, size, 1.0f, a.data(), size, b.data(), size,
                    0.0f, c.data(), size);
    };
    run();
    int repeats = 0;
    const double start = now();
    while (now() - start < 0.3 || repeats < 3) {
        run();
        ++repeats;
    }
    return 2.0 * double(size) * size * size * repeats / (now() - start) / 1e9;
}

// The process's peak resident memory (VmHWM), MB; 0 when /proc is not there.
double peakResidentMb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::atof(line.c_str() + 6) / 1024.0; // kB
    return 0.0;
}

// Uniform random tokens; each target is the next token (the last one a fresh draw), all counted.
train::Batch randomBatch(std::mt19937 &random, int64_t sequences, int64_t length, int vocab)
{
    train::Batch batch;
    batch.sequences = sequences;
    batch.length = length;
    const auto n = size_t(sequences * length);
    batch.tokens.resize(n);
    batch.targets.resize(n);
    for (int32_t &t : batch.tokens)
        t = int32_t(random() % uint32_t(vocab));
    for (int64_t s = 0; s < sequences; ++s)
        for (int64_t i = 0; i < length; ++i) {
            const auto at = size_t(s * length + i);
            batch.targets[at] = i + 1 < length ? batch.tokens[at + 1] : int32_t(random() % uint32_t(vocab));
        }
    return batch;
}

// Seconds of each phase, one entry per timed step.
struct PhaseTimes
{
    std::vector<double> fakeQuant, forward, forwardBackward, optimizer, step;
};

// Trainer::run's step on its own: (QAT: fake-quantize) → zero gradients → forward+backward →
// clip → AdamW, plus a forward-only run of the same batch (timed apart, not part of the step).
class StepRunner
{
public:
    StepRunner(const TransformerConfig &config, std::optional<QuantScheme> qat, int threads)
        : m_weights(train::initialParameters<float>(config, 1))
        , m_gradients(m_weights.zerosLike())
        , m_optimizer(m_weights, train::AdamWOptions{})
        , m_graph(config, threads)
        , m_qat(std::move(qat))
        , m_threads(threads)
    {
    }

    double step(const train::Batch &batch, PhaseTimes *times)
    {
        const double start = now();
        const train::Parameters<float> *forward = &m_weights;
        if (m_qat) {
            train::fakeQuantizeParameters(*m_qat, m_weights, m_working, m_threads);
            forward = &m_working;
        }
        const double quantized = now();
        m_graph.run(*forward, batch, 1.0f, nullptr);
        const double forwardOnly = now() - quantized;
        const double passStart = now();
        m_gradients.setZero();
        const auto counted = double(batch.counted());
        const double loss = m_graph.run(*forward, batch, float(1.0 / counted), &m_gradients);
        const double passed = now();
        train::clipGradients(m_gradients, 1.0, m_threads);
        m_optimizer.step(m_weights, m_gradients, 1e-3, m_threads);
        const double end = now();
        if (times) {
            times->fakeQuant.push_back(quantized - start);
            times->forward.push_back(forwardOnly);
            times->forwardBackward.push_back(passed - passStart);
            times->optimizer.push_back(end - passed);
            times->step.push_back(end - passStart + (quantized - start));
        }
        return loss / counted;
    }

    const train::Parameters<float> &weights() const { return m_weights; }
    int64_t bufferBytes() const { return m_graph.bufferBytes(); }

private:
    train::Parameters<float> m_weights, m_gradients, m_working;
    train::AdamW m_optimizer;
    train::ModelGraph<float> m_graph;
    std::optional<QuantScheme> m_qat;
    int m_threads;
};

// Step rates against the sgemm baseline: best step against the best baseline, medians against medians.
void printRun(const char *label, const PhaseTimes &t, double flops, double tokens, const std::vector<double> &sgemm,
              bool qat)
{
    const double bestStep = smallest(t.step), medianStep = median(t.step);
    const double bestSgemm = *std::max_element(sgemm.begin(), sgemm.end()), medianSgemm = median(sgemm);
    std::printf("%s, best of %zu steps: %.3f s/step, %.0f tokens/s, %.2f GFLOP/s, %.2f of sgemm; median %.3f s/step, "
                "%.0f tokens/s, %.2f GFLOP/s, %.2f of sgemm\n",
                label, t.step.size(), bestStep, tokens / bestStep, flops / bestStep / 1e9,
                flops / bestStep / 1e9 / bestSgemm, medianStep, tokens / medianStep, flops / medianStep / 1e9,
                flops / medianStep / 1e9 / medianSgemm);
    const double forward = median(t.forward), pass = median(t.forwardBackward), optimizer = median(t.optimizer);
    const double quant = qat ? median(t.fakeQuant) : 0.0, total = quant + pass + optimizer;
    std::printf("  breakdown (medians): ");
    if (qat)
        std::printf("fake-quant %.1f ms (%.0f%%), ", quant * 1e3, 100 * quant / total);
    std::printf("forward+backward %.1f ms (%.0f%%) [forward alone %.1f ms, backward ~%.1f ms], "
                "clip+AdamW %.1f ms (%.0f%%)\n",
                pass * 1e3, 100 * pass / total, forward * 1e3, (pass - forward) * 1e3, optimizer * 1e3,
                100 * optimizer / total);
}

// `forwardBackward[i]`: the step measured just before costs[i].
void printOpCosts(const std::vector<TrainOpCosts> &costs, const std::vector<double> &forwardBackward)
{
    std::vector<double> rest;
    for (size_t i = 0; i < costs.size(); ++i) {
        const TrainOpCosts &c = costs[i];
        rest.push_back(forwardBackward[i] - c.linearForward - c.linearBackward - c.attentionForward
                       - c.attentionBackward - c.crossEntropy);
    }
    auto medianOf = [&costs](double TrainOpCosts::*field) {
        std::vector<double> values;
        for (const TrainOpCosts &c : costs)
            values.push_back(c.*field);
        return median(values);
    };
    const double linearForward = medianOf(&TrainOpCosts::linearForward);
    const double linearBackward = medianOf(&TrainOpCosts::linearBackward);
    const double attentionForward = medianOf(&TrainOpCosts::attentionForward);
    const double attentionBackward = medianOf(&TrainOpCosts::attentionBackward);
    const double crossEntropy = medianOf(&TrainOpCosts::crossEntropy);
    const double attentionInTurn = medianOf(&TrainOpCosts::attentionInTurn);
    const double linear = linearForward + linearBackward, attention = attentionForward + attentionBackward;
    std::printf("  ops timed apart at the step's shapes (medians): linear GEMMs %.1f ms (forward %.1f, backward %.1f; "
                "%.1f GFLOP/s), attention %.1f ms (forward %.1f, backward %.1f; the sequences in turn instead, "
                "BLAS threaded: %.1f ms), cross-entropy %.1f ms; "
                "the rest of forward+backward (norms, RoPE, SwiGLU, embedding, zeroing) ~%.1f ms (median of each "
                "step less its ops)\n",
                linear * 1e3, linearForward * 1e3, linearBackward * 1e3, costs.front().linearFlops / linear / 1e9,
                attention * 1e3, attentionForward * 1e3, attentionBackward * 1e3, attentionInTurn * 1e3,
                crossEntropy * 1e3,
                median(rest) * 1e3);
}

} // namespace

int main(int argc, char **argv)
{
    useFastBlasKernels(argv); // the training and the baseline on the same kernels
    const DemoTrainingOptions demo;
    int hidden = demo.hidden, layers = demo.layers, heads = demo.heads, ffn = demo.intermediate, vocab = 512;
    int ctx = demo.context, batchSequences = int(demo.batchSequences), threads = 2, repeats = 3, steps = 4;
    int sgemmSize = 1024;
    const std::pair<const char *, int *> flags[] = {
        {"--hidden", &hidden}, {"--layers", &layers}, {"--heads", &heads},   {"--ffn", &ffn},
        {"--vocab", &vocab},   {"--ctx", &ctx},       {"--batch", &batchSequences},
        {"--threads", &threads}, {"--repeat", &repeats}, {"--steps", &steps}, {"--sgemm", &sgemmSize}};
    for (int i = 1; i + 1 < argc; i += 2)
        for (const auto &[flag, value] : flags)
            if (std::string(argv[i]) == flag)
                *value = std::atoi(argv[i + 1]);
    threads = std::max(1, threads);
    repeats = std::max(1, repeats);
    steps = std::max(1, steps);

    TransformerConfig c; // as demoRecipe() builds it
    c.family = "llama";
    c.layers = layers;
    c.hidden = hidden;
    c.intermediate = ffn;
    c.heads = heads;
    c.kvHeads = heads;
    c.headDim = hidden / heads;
    c.vocab = vocab;
    c.contextLength = ctx;
    c.rmsEps = 1e-5f;
    c.ropeTheta = 10000.0;
    c.tiedOutput = true;
    infer::useBlasThreads(threads);

    const QuantScheme scheme = QuantScheme::parse("rtn:b2:g32:asym");
    StepRunner plain(c, std::nullopt, threads);
    int64_t matrixParameters = 0; // every 2-D tensor: the embedding is the tied head's matrix
    for (const auto &t : plain.weights().tensors)
        if (t.shape.size() == 2)
            matrixParameters += int64_t(t.values.size());
    const double tokens = double(batchSequences) * ctx;
    const double linearFlops = 6.0 * double(matrixParameters) * tokens;
    const double attentionFlops = 6.0 * layers * batchSequences * double(ctx) * ctx * heads * c.headDim;
    const double flops = linearFlops + attentionFlops;
    std::printf("model: llama, hidden %d, %d layers, %d heads of %d, intermediate %d, vocab %d, tied output: "
                "%.3fM parameters (%.3fM in matrices); batch %d × %d = %.0f tokens a step; %d threads, "
                "OpenBLAS kernels %s\n",
                hidden, layers, heads, c.headDim, ffn, vocab, double(plain.weights().count()) / 1e6,
                double(matrixParameters) / 1e6, batchSequences, ctx, tokens, threads, blasCoreName().c_str());
    std::printf("FLOPs a step = 6·N·tokens + 6·layers·sequences·T²·heads·headDim "
                "(N = matrix parameters; attention: QKᵀ and PV, 2·T²/2·d each forward, ×3 with backward) "
                "= %.2f + %.2f = %.2f GFLOP\n",
                linearFlops / 1e9, attentionFlops / 1e9, flops / 1e9);

    std::mt19937 random(1);
    const double firstLoss = plain.step(randomBatch(random, batchSequences, ctx, vocab), nullptr); // warm-up
    const double plainPeakMb = peakResidentMb(); // before the QAT runner's buffers exist
    StepRunner qat(c, scheme, threads);
    qat.step(randomBatch(random, batchSequences, ctx, vocab), nullptr);
    PhaseTimes plainTimes, qatTimes;
    std::vector<double> baseline;
    std::vector<TrainOpCosts> opCosts;
    double lastLoss = firstLoss;
    for (int r = 0; r < repeats; ++r) {
        for (int s = 0; s < steps; ++s) { // each step paired with its ops timed apart, under the same load
            lastLoss = plain.step(randomBatch(random, batchSequences, ctx, vocab), &plainTimes);
            opCosts.push_back(measureTrainOpCosts(c, batchSequences, ctx, threads));
        }
        for (int s = 0; s < steps; ++s)
            qat.step(randomBatch(random, batchSequences, ctx, vocab), &qatTimes);
        baseline.push_back(sgemmGflops(sgemmSize)); // BLAS threads as set above
    }
    std::printf("loss (nats a token, random data): %.3f after the warm-up step, %.3f after the last\n", firstLoss,
                lastLoss);
    printRun("train step (float32)", plainTimes, flops, tokens, baseline, false);
    printOpCosts(opCosts, plainTimes.forwardBackward);
    printRun("QAT step (rtn:b2:g32:asym)", qatTimes, flops, tokens, baseline, true);
    std::printf("cblas_sgemm %d³ (baseline, alternating with the steps), %d threads: best %.1f GFLOP/s, median %.1f\n",
                sgemmSize, threads, *std::max_element(baseline.begin(), baseline.end()), median(baseline));
    const double parameterMb = double(plain.weights().count()) * 4 * 4 / 1e6; // weights, gradients, 2 moments
    std::printf("peak memory (VmHWM): %.1f MB training (after the first step), %.1f MB at the end (both runners and "
                "the baseline); of that the graph's activations %.1f MB, weights+gradients+moments %.1f MB\n",
                plainPeakMb, peakResidentMb(), double(plain.bufferBytes()) / 1e6, parameterMb);
    return 0;
}
