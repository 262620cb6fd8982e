#include "trainopcosts.h"

#include "nn/attention.h"
#include "nn/crossentropy.h"
#include "infer/linear.h"
#include "nn/linear.h"
#include "util/parallelfor.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <vector>

namespace bitcliff {

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

std::vector<float> randomValues(std::mt19937 &random, int64_t count, float scale)
{
    std::normal_distribution<float> normal(0.0f, scale);
    std::vector<float> values(size_t(std::max<int64_t>(count, 1)));
    for (float &v : values)
        v = normal(random);
    return values;
}

struct LinearShape
{
    int64_t in, out;
};

} // namespace

TrainOpCosts measureTrainOpCosts(const TransformerConfig &c, int64_t sequences, int64_t length, int threads)
{
    TrainOpCosts costs;
    std::mt19937 random(2);
    const int64_t rows = sequences * length, qWidth = int64_t(c.heads) * c.headDim;
    const int64_t kvWidth = int64_t(c.kvHeads) * c.headDim;
    // ModelGraph's GEMMs: per layer q, k, v, o, gate, up, down; then the head.
    std::vector<LinearShape> linears;
    for (int layer = 0; layer < c.layers; ++layer)
        for (const LinearShape shape : {LinearShape{c.hidden, qWidth}, LinearShape{c.hidden, kvWidth},
                                        LinearShape{c.hidden, kvWidth}, LinearShape{qWidth, c.hidden},
                                        LinearShape{c.hidden, c.intermediate}, LinearShape{c.hidden, c.intermediate},
                                        LinearShape{c.intermediate, c.hidden}})
            linears.push_back(shape);
    linears.push_back({c.hidden, c.vocab});
    int64_t widest = 0;
    for (const LinearShape &l : linears)
        widest = std::max({widest, l.in, l.out});
    const std::vector<float> x = randomValues(random, rows * widest, 1.0f), w = randomValues(random, widest * widest, 0.02f);
    std::vector<float> y(size_t(rows * widest)), dx(y.size()), dW(size_t(widest * widest));
    double start = now();
    for (const LinearShape &l : linears)
        nn::linearForward<float>(x.data(), w.data(), nullptr, rows, l.in, l.out, y.data());
    costs.linearForward = now() - start;
    start = now();
    for (const LinearShape &l : linears)
        nn::linearBackward<float>(x.data(), w.data(), x.data(), rows, l.in, l.out, dx.data(), dW.data(), nullptr);
    costs.linearBackward = now() - start;
    for (const LinearShape &l : linears)
        costs.linearFlops += 6.0 * double(l.in) * double(l.out) * double(rows);

    // One layer's attention buffers for every sequence (as large as the graph's, so as little in
    // cache), reused for every layer.
    const nn::AttentionShape shape{length, c.heads, c.kvHeads, c.headDim};
    const int64_t qSize = length * qWidth, kvSize = length * kvWidth, probsSize = int64_t(c.heads) * length * length;
    const std::vector<float> q = randomValues(random, rows * qWidth, 1.0f), k = randomValues(random, rows * kvWidth, 1.0f);
    const std::vector<float> v = randomValues(random, rows * kvWidth, 1.0f), dOut = randomValues(random, rows * qWidth, 1.0f);
    std::vector<float> out(q.size()), probs(size_t(sequences * probsSize)), scratch(size_t(sequences * length * length));
    std::vector<float> dq(q.size()), dk(k.size()), dv(v.size());
    const auto forward = [&](size_t s, int) {
        nn::causalAttentionForward<float>(q.data() + s * qSize, k.data() + s * kvSize, v.data() + s * kvSize, shape,
                                          out.data() + s * qSize, probs.data() + s * probsSize);
    };
    const auto backward = [&](size_t s, int) {
        nn::causalAttentionBackward<float>(q.data() + s * qSize, k.data() + s * kvSize, v.data() + s * kvSize,
                                           probs.data() + s * probsSize, dOut.data() + s * qSize, shape,
                                           dq.data() + s * qSize, dk.data() + s * kvSize, dv.data() + s * kvSize,
                                           scratch.data() + s * length * length);
    };
    const auto one = [](size_t) { return uint64_t(1); };
    for (int layer = 0; layer < c.layers; ++layer) {
        { // as ModelGraph runs it
            const infer::BlasThreadsScope singleThreaded(parallelWorkerCount(size_t(sequences), threads) > 1 ? 1 : threads);
            start = now();
            parallelForEach(size_t(sequences), threads, one, forward, {});
            costs.attentionForward += now() - start;
            start = now();
            parallelForEach(size_t(sequences), threads, one, backward, {});
            costs.attentionBackward += now() - start;
        }
        start = now(); // the alternative: sequence after sequence, BLAS threaded
        for (int64_t s = 0; s < sequences; ++s)
            forward(size_t(s), 0);
        for (int64_t s = 0; s < sequences; ++s)
            backward(size_t(s), 0);
        costs.attentionInTurn += now() - start;
    }

    const std::vector<float> logits = randomValues(random, rows * c.vocab, 1.0f);
    std::vector<float> dLogits(logits.size());
    std::vector<int32_t> targets(static_cast<size_t>(rows));
    for (int32_t &t : targets)
        t = int32_t(random() % uint32_t(c.vocab));
    start = now();
    nn::crossEntropy<float>(logits.data(), targets.data(), rows, c.vocab, 1.0f / float(rows), dLogits.data());
    costs.crossEntropy = now() - start;
    return costs;
}

} // namespace bitcliff
