#include "transform/rotation.h"

#include "infer/linear.h"
#include "infer/tensornames.h"
#include "infer/transformer.h"
#include "transform/hadamard.h"
#include "transform/tensoredits.h"
#include "util/error.h"

#include <cblas.h>
#include <chrono>
#include <cstdio>

namespace bitcliff {

namespace {

using infer::GlobalTensor;
using infer::Linear;
using infer::Norm;

// W [rows × n] ← (W · diag(g)) · Q: a linear reading the rotated, norm-folded residual.
void rotateInputs(std::vector<float> &w, int64_t n, const std::vector<float> *g, const std::vector<float> &q)
{
    const int64_t rows = int64_t(w.size()) / n;
    if (g)
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t j = 0; j < n; ++j)
                w[size_t(r * n + j)] *= (*g)[size_t(j)];
    std::vector<float> out(w.size());
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(rows), int(n), int(n), 1.0f, w.data(), int(n),
                q.data(), int(n), 0.0f, out.data(), int(n));
    w.swap(out);
}

// W [n × cols] ← Qᵀ · W: a linear writing into the rotated residual.
void rotateOutputs(std::vector<float> &w, int64_t n, const std::vector<float> &q)
{
    const int64_t cols = int64_t(w.size()) / n;
    std::vector<float> out(w.size());
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, int(n), int(cols), int(n), 1.0f, q.data(), int(n), w.data(),
                int(cols), 0.0f, out.data(), int(cols));
    w.swap(out);
}

// The norm's weight, then ones in its place.
std::vector<float> takeNorm(TensorEdits &edits, const std::string &name)
{
    std::vector<float> &stored = edits.values(name);
    std::vector<float> weight = stored;
    std::fill(stored.begin(), stored.end(), 1.0f);
    return weight;
}

} // namespace

RotatedModel rotateModel(const std::shared_ptr<const Model> &model, uint64_t seed, int threads,
                         const ProgressCallback &progress)
{
    const auto start = std::chrono::steady_clock::now();
    const TransformerConfig c = transformerConfigFor(*model);
    const ModelFormat f = model->format();
    const int64_t n = c.hidden;
    const Rotation rotation = randomHadamard(n, seed);
    const std::vector<float> &q = rotation.matrix;
    infer::BlasThreadsScope blas(threads);
    TensorEdits edits(model, "rotated");
    int tensors = 0;
    auto advance = [&](double done) {
        if (!reportProgress(progress, done))
            throw Cancelled();
    };

    const std::string embeddingName = infer::globalTensorName(f, GlobalTensor::Embedding);
    const std::string outputName = infer::globalTensorName(f, GlobalTensor::Output);
    const TensorInfo &embedding = *model->find(embeddingName);
    std::vector<float> output = c.tiedOutput ? edits.values(embeddingName) : std::move(edits.values(outputName));
    rotateInputs(edits.values(embeddingName), n, nullptr, q); // E·Q: the rotated residual's first values
    const std::vector<float> outputNorm = takeNorm(edits, infer::globalTensorName(f, GlobalTensor::OutputNorm));
    rotateInputs(output, n, &outputNorm, q);
    if (c.tiedOutput) {
        edits.add(outputName, embedding.shape, std::move(output));
        edits.untie();
    } else {
        edits.values(outputName) = std::move(output);
    }
    tensors += 4;

    for (int layer = 0; layer < c.layers; ++layer) {
        const std::vector<float> attnNorm = takeNorm(edits, infer::normTensorName(f, layer, Norm::Attn));
        const std::vector<float> ffnNorm = takeNorm(edits, infer::normTensorName(f, layer, Norm::Ffn));
        for (Linear linear : {Linear::Q, Linear::K, Linear::V})
            rotateInputs(edits.values(infer::linearTensorName(f, layer, linear)), n, &attnNorm, q);
        for (Linear linear : {Linear::Gate, Linear::Up})
            rotateInputs(edits.values(infer::linearTensorName(f, layer, linear)), n, &ffnNorm, q);
        for (Linear linear : {Linear::O, Linear::Down})
            rotateOutputs(edits.values(infer::linearTensorName(f, layer, linear)), n, q);
        tensors += 9;
        advance(double(layer + 1) / c.layers);
    }

    RotatedModel rotated;
    rotated.model = edits.overlay();
    char note[200];
    std::snprintf(note, sizeof note, "rotated: %s of %lld channels, %d tensors, %.1f s", rotation.kind.c_str(),
                  static_cast<long long>(n), tensors,
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    rotated.note = note;
    return rotated;
}

} // namespace bitcliff
