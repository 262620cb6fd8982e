#include "stats/statsengine.h"

#include "stats/rowkernel.h"
#include "util/error.h"
#include "util/parallelfor.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>

namespace bitcliff {

namespace {

constexpr uint64_t kTargetItemBytes = 4u << 20; // rows per work item: ~4 MB of file
constexpr int64_t kChunkValues = 8192;           // floats dequantized at a time (32 KB)

struct WorkItem
{
    size_t tensor;
    int64_t rowBegin;
    int64_t rowEnd;
    uint64_t bytes;
};

// Running totals of one tensor, filled by whichever threads worked on it.
struct TensorTotals
{
    std::mutex mutex;
    Moments moments;
    double absmax = 0.0;
    int64_t nonFinite = 0;
    ColumnAccumulator columns;
    ValueHistogram histogram;
    size_t itemsPlanned = 0;
    size_t itemsMerged = 0;
};

// One thread's partial result for the tensor it is working on.
struct ThreadPartial
{
    size_t tensor = SIZE_MAX;
    Moments moments;
    double absmax = 0.0;
    int64_t nonFinite = 0;
    ColumnAccumulator columns;
    ValueHistogram histogram;
    HistogramCounters counters; // the hot-loop table, emptied into `histogram` per item
    size_t items = 0;
};

class StatsPass
{
public:
    StatsPass(std::shared_ptr<const Model> model, const StatsOptions &options)
        : m_model(std::move(model))
        , m_options(options)
        , m_result(std::make_shared<ModelStats>())
    {
        m_result->model = m_model;
        m_result->rule = options.rule;
        planWork();
    }

    std::shared_ptr<const ModelStats> run(const ProgressCallback &progress)
    {
        // Each worker keeps a partial result for the tensor it is on and flushes it into the
        // tensor's totals when it moves to another tensor (items come in tensor order).
        std::vector<std::unique_ptr<ThreadPartial>> partials; // big: keep them off the stack
        std::vector<std::vector<float>> buffers(size_t(parallelWorkerCount(m_items.size(), m_options.threads)));
        for (size_t w = 0; w < buffers.size(); ++w)
            partials.push_back(std::make_unique<ThreadPartial>());
        parallelForEach(
            m_items.size(), m_options.threads, [this](size_t i) { return m_items[i].bytes; },
            [&](size_t index, int worker) {
                const WorkItem &item = m_items[index];
                ThreadPartial &partial = *partials[size_t(worker)];
                if (partial.tensor != item.tensor) {
                    flush(partial);
                    partial.tensor = item.tensor;
                    partial.columns.reset(m_model->tensors()[item.tensor].cols());
                }
                processItem(item, partial, buffers[size_t(worker)]);
                ++partial.items;
            },
            progress);
        for (auto &partial : partials)
            flush(*partial);
        finalize();
        return m_result;
    }

private:
    void planWork()
    {
        const auto &infos = m_model->tensors();
        m_result->tensors.resize(infos.size());
        m_totals = std::vector<TensorTotals>(infos.size());
        for (size_t i = 0; i < infos.size(); ++i) {
            const TensorInfo &info = infos[i];
            TensorStats &stats = m_result->tensors[i];
            stats.name = info.name;
            if (!m_options.onlyTensors.empty()
                && std::find(m_options.onlyTensors.begin(), m_options.onlyTensors.end(), info.name)
                       == m_options.onlyTensors.end()) {
                stats.skippedReason = "not selected";
                continue;
            }
            if (!info.supported()) {
                stats.skippedReason = info.dtypeLabel + ": not readable yet";
                continue;
            }
            stats.computed = true;
            const int64_t rows = info.rows(), cols = info.cols();
            stats.rows.absmax.assign(static_cast<size_t>(rows), 0.0f);
            stats.rows.rms.assign(static_cast<size_t>(rows), 0.0f);
            m_totals[i].columns.reset(cols);
            if (rows == 0 || cols == 0)
                continue;
            const uint64_t rowBytes = std::max<uint64_t>(1, m_model->rowBytes(info));
            const int64_t rowsPerItem = std::max<int64_t>(1, static_cast<int64_t>(kTargetItemBytes / rowBytes));
            for (int64_t begin = 0; begin < rows; begin += rowsPerItem) {
                const int64_t end = std::min(rows, begin + rowsPerItem);
                m_items.push_back({i, begin, end, static_cast<uint64_t>(end - begin) * rowBytes});
                ++m_totals[i].itemsPlanned;
            }
        }
    }

    void processItem(const WorkItem &item, ThreadPartial &partial, std::vector<float> &buffer)
    {
        const TensorInfo &info = m_model->tensors()[item.tensor];
        const int64_t cols = info.cols();
        // Dequantize a few rows at a time so the floats are still in L1/L2 when the kernel
        // reads them (a whole 4 MB item of floats would spill to memory first).
        const int64_t rowsPerChunk = std::max<int64_t>(1, kChunkValues / std::max<int64_t>(1, cols));
        buffer.resize(static_cast<size_t>(std::min(rowsPerChunk, item.rowEnd - item.rowBegin) * cols));
        TensorStats &stats = m_result->tensors[item.tensor];
        for (int64_t chunk = item.rowBegin; chunk < item.rowEnd; chunk += rowsPerChunk) {
            const int64_t chunkEnd = std::min(item.rowEnd, chunk + rowsPerChunk);
            m_model->readRows(info, chunk, chunkEnd, buffer.data());
            for (int64_t r = chunk; r < chunkEnd; ++r) {
                const float *row = buffer.data() + (r - chunk) * cols;
                const RowResult result = accumulateRow(row, cols, partial.columns, partial.counters);
                stats.rows.absmax[static_cast<size_t>(r)] = result.absmax; // rows are disjoint per item
                stats.rows.rms[static_cast<size_t>(r)] = result.rms;
                partial.absmax = std::max(partial.absmax, static_cast<double>(result.absmax));
                partial.nonFinite += result.nonFinite;
                partial.moments.merge(result.moments);
            }
        }
        if (m_options.releasePages)
            m_model->releaseRows(info, item.rowBegin, item.rowEnd);
        partial.columns.foldItem();
        partial.histogram.add(partial.counters);
        std::memset(partial.counters.counts, 0, sizeof partial.counters.counts);
    }

    void flush(ThreadPartial &partial)
    {
        if (partial.tensor == SIZE_MAX)
            return;
        TensorTotals &totals = m_totals[partial.tensor];
        {
            std::lock_guard lock(totals.mutex);
            totals.moments.merge(partial.moments);
            totals.absmax = std::max(totals.absmax, partial.absmax);
            totals.nonFinite += partial.nonFinite;
            totals.columns.merge(partial.columns);
            totals.histogram.merge(partial.histogram);
            totals.itemsMerged += partial.items;
            // The tensor is complete: keep only its non-empty buckets from now on.
            if (totals.itemsMerged == totals.itemsPlanned)
                totals.histogram.compact();
        }
        partial.items = 0;
        partial.moments = {};
        partial.absmax = 0.0;
        partial.nonFinite = 0;
        partial.histogram = {};
        partial.tensor = SIZE_MAX;
    }

    void finalize()
    {
        const auto &infos = m_model->tensors();
        for (size_t i = 0; i < infos.size(); ++i) {
            TensorStats &stats = m_result->tensors[i];
            if (!stats.computed)
                continue;
            TensorTotals &totals = m_totals[i];
            const Moments &m = totals.moments;
            stats.count = static_cast<int64_t>(m.n);
            stats.nonFinite = totals.nonFinite;
            stats.absmax = totals.absmax;
            stats.mean = m.mean;
            stats.std = std::sqrt(m.variance());
            stats.kurtosis = m.kurtosis();
            stats.histogram = std::move(totals.histogram);
            const double rows = static_cast<double>(std::max<int64_t>(1, infos[i].rows()));
            stats.cols.absmax = std::move(totals.columns.absmax);
            stats.cols.rms.resize(stats.cols.absmax.size());
            for (size_t j = 0; j < stats.cols.rms.size(); ++j)
                stats.cols.rms[j] = static_cast<float>(std::sqrt(totals.columns.sumSquares[j] / rows));
            flagOutliers(stats.rows, m_options.rule);
            flagOutliers(stats.cols, m_options.rule);
        }
        m_totals.clear();
    }

    std::shared_ptr<const Model> m_model;
    StatsOptions m_options;
    std::shared_ptr<ModelStats> m_result;
    std::vector<TensorTotals> m_totals;
    std::vector<WorkItem> m_items;
};

} // namespace

std::shared_ptr<const ModelStats> computeModelStats(std::shared_ptr<const Model> model, const StatsOptions &options,
                                                    const ProgressCallback &progress)
{
    if (!model)
        throw Error("no model to analyse");
    StatsPass pass(std::move(model), options);
    return pass.run(progress);
}

} // namespace bitcliff
