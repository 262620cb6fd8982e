#include "infer/weightstream.h"

#include "quant/quantizer.h"
#include "util/error.h"
#include "util/parallelfor.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace bitcliff::infer {

namespace {

// Rows per work item: about 256 KiB of floats, so a chunk is still in cache when it is
// fake-quantized in place right after being dequantized.
constexpr int64_t kChunkFloats = int64_t(1) << 16;

void forEachChunk(size_t chunks, int threads, const std::function<void(size_t)> &work)
{
    if (chunks == 1) { // a small matrix: no thread to start
        work(0);
        return;
    }
    parallelForEach(
        chunks, threads, [](size_t) { return uint64_t(1); }, [&](size_t chunk, int) { work(chunk); }, {});
}

} // namespace

bool quantizesRowByRow(const QuantScheme &scheme, int64_t cols)
{
    return !needsWholeTensorRange(scheme) && rowAlignment(scheme, cols) == 1;
}

void materializeMatrix(const Model &model, const TensorInfo &tensor, const QuantScheme *scheme, int threads, float *out)
{
    const int64_t rows = tensor.rows(), cols = std::max<int64_t>(1, tensor.cols());
    const int64_t alignment = scheme ? std::max<int64_t>(1, rowAlignment(*scheme, cols)) : 1;
    const int64_t step = std::max<int64_t>(1, kChunkFloats / cols / alignment) * alignment;
    const auto chunks = size_t(std::max<int64_t>(1, (rows + step - 1) / step));
    // The mapped pages are kept (no Model::releaseRows): the next batch reads them again, and
    // the kernel reclaims clean file pages by itself when the file does not fit in memory.
    auto read = [&](int64_t begin, int64_t end) {
        model.readRows(tensor, begin, end, out + begin * cols);
    };
    auto quantize = [&](int64_t begin, int64_t end, const TensorRange *range) {
        fakeQuantizeRows(*scheme, out + begin * cols, end - begin, cols, out + begin * cols, range);
    };
    auto forRows = [&](const std::function<void(int64_t, int64_t)> &work) {
        forEachChunk(chunks, threads, [&](size_t chunk) {
            const int64_t begin = int64_t(chunk) * step;
            work(begin, std::min(rows, begin + step));
        });
    };

    if (!scheme) {
        forRows(read);
    } else if (!needsWholeTensorRange(*scheme)) {
        forRows([&](int64_t begin, int64_t end) {
            read(begin, end);
            quantize(begin, end, nullptr);
        });
    } else { // every chunk needs the range of the whole tensor first
        forRows(read);
        const TensorRange range = quantizationRange(*scheme, out, rows, cols);
        forRows([&](int64_t begin, int64_t end) { quantize(begin, end, &range); });
    }
}

WeightStream::WeightStream(const TransformerWeights &weights)
    : m_weights(weights)
{
    if (weights.scratchFloats > 0)
        m_scratch = std::make_unique_for_overwrite<float[]>(size_t(weights.scratchFloats));
}

const float *WeightStream::values(const WeightMatrix &matrix)
{
    if (!matrix.lazy)
        return matrix.values.data();
    if (m_held != matrix.lazy) {
        if (!m_scratch || matrix.rows * matrix.cols > m_weights.scratchFloats)
            throw Error("internal: no buffer for streamed matrix " + matrix.lazy->name);
        const QuantScheme *scheme = matrix.scheme ? &*matrix.scheme : nullptr;
        m_held = nullptr; // a failed materialization leaves the buffer undefined
        materializeMatrix(*m_weights.model, *matrix.lazy, scheme, m_weights.threads, m_scratch.get());
        m_held = matrix.lazy;
    }
    return m_scratch.get();
}

void WeightStream::lookup(const WeightMatrix &table, std::span<const int32_t> rows, float *out)
{
    const int64_t cols = table.cols;
    const bool byRow = table.lazy && (!table.scheme || quantizesRowByRow(*table.scheme, cols));
    const float *whole = byRow ? nullptr : values(table);
    for (size_t t = 0; t < rows.size(); ++t) {
        float *row = out + int64_t(t) * cols;
        const int64_t r = rows[t];
        if (whole) {
            std::memcpy(row, whole + r * cols, size_t(cols) * sizeof(float));
            continue;
        }
        m_weights.model->readRows(*table.lazy, r, r + 1, row);
        if (table.scheme)
            fakeQuantizeRows(*table.scheme, row, 1, cols, row);
    }
}

} // namespace bitcliff::infer
