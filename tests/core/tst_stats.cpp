// The statistics pass against a plain double-precision reference computed here.
#include "demo/syntheticcheckpoint.h"
#include "formats/ggmltypes.h"
#include "formats/ggufwriter.h"
#include "formats/model.h"
#include "stats/modelstats.h"
#include "stats/moments.h"
#include "stats/statsengine.h"
#include "support/fixtures.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>

using namespace bitcliff;

namespace {

struct Reference
{
    double absmax = 0, mean = 0, std = 0, kurtosis = 0;
};

Reference reference(const std::vector<float> &v)
{
    Reference r;
    double sum = 0;
    for (float x : v) {
        sum += x;
        r.absmax = std::max(r.absmax, std::fabs(double(x)));
    }
    r.mean = sum / double(v.size());
    double m2 = 0, m4 = 0;
    for (float x : v) {
        const double d = x - r.mean;
        m2 += d * d;
        m4 += d * d * d * d;
    }
    r.std = std::sqrt(m2 / double(v.size()));
    r.kurtosis = double(v.size()) * m4 / (m2 * m2);
    return r;
}

std::shared_ptr<const Model> singleTensorModel(const std::string &name, std::vector<int64_t> shape,
                                               const std::vector<float> &values)
{
    const std::vector<std::byte> bytes = test::f32Bytes(values);
    auto file = MappedFile::fromBuffer(bytes, "memory");
    TensorInfo info;
    info.name = name;
    info.shape = std::move(shape);
    info.dtype = DType::F32;
    info.dtypeLabel = "F32";
    info.byteSize = bytes.size();
    return std::make_shared<Model>(ModelFormat::Safetensors, "memory", ArchitectureSummary{},
                                   std::vector<TensorInfo>{info}, std::vector<std::shared_ptr<const MappedFile>>{file});
}

} // namespace

class TestStats : public QObject
{
    Q_OBJECT

private slots:
    void momentsMergeMatchesDirect()
    {
        const std::vector<float> values = test::randomValues(1000, 7, 3.0f);
        Moments all, left, right;
        auto fold = [](Moments &m, const float *x, size_t n) {
            for (size_t i = 0; i < n; ++i) {
                Moments one;
                one.n = 1;
                one.mean = x[i];
                m.merge(one);
            }
        };
        fold(all, values.data(), values.size());
        fold(left, values.data(), 333);
        fold(right, values.data() + 333, values.size() - 333);
        left.merge(right);
        const Reference ref = reference(values);
        QCOMPARE_LT(std::fabs(all.mean - ref.mean), 1e-9);
        QCOMPARE_LT(std::fabs(std::sqrt(left.variance()) - ref.std), 1e-9);
        QCOMPARE_LT(std::fabs(left.kurtosis() - ref.kurtosis), 1e-9);
    }

    void tensorStatsMatchReference_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<int>("threads");
        QTest::newRow("matrix 1 thread") << 300 << 70 << 1;
        QTest::newRow("matrix 2 threads") << 300 << 70 << 2;
        QTest::newRow("long rows") << 3 << 40000 << 2;
        QTest::newRow("vector") << 1 << 17 << 2;
    }

    void tensorStatsMatchReference()
    {
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(int, threads);
        std::vector<float> values = test::randomValues(size_t(rows) * size_t(cols), 11, 0.5f);
        // Heavy tail: a few large values, and an outlier input column.
        for (int r = 0; r < rows; ++r)
            values[size_t(r) * size_t(cols) + size_t(cols / 2)] *= 25.0f;
        auto model = singleTensorModel("w", {rows, cols}, values);
        StatsOptions options;
        options.threads = threads;
        const auto stats = computeModelStats(model, options);
        const TensorStats &s = stats->tensors.front();
        const Reference ref = reference(values);
        QVERIFY(s.computed);
        QCOMPARE(s.count, int64_t(rows) * cols);
        QCOMPARE(s.absmax, ref.absmax);
        QCOMPARE_LT(std::fabs(s.mean - ref.mean), 1e-6);
        QCOMPARE_LT(std::fabs(s.std - ref.std) / ref.std, 1e-5);
        QCOMPARE_LT(std::fabs(s.kurtosis - ref.kurtosis) / ref.kurtosis, 1e-4);
        QCOMPARE(s.histogram.total(), uint64_t(rows) * uint64_t(cols));
        QCOMPARE(s.rows.absmax.size(), size_t(rows));
        QCOMPARE(s.cols.absmax.size(), size_t(cols));
        // Per-column absmax and RMS against the reference.
        for (int c = 0; c < cols; c += std::max(1, cols / 13)) {
            double absmax = 0, sq = 0;
            for (int r = 0; r < rows; ++r) {
                const double x = values[size_t(r) * size_t(cols) + size_t(c)];
                absmax = std::max(absmax, std::fabs(x));
                sq += x * x;
            }
            QCOMPARE(double(s.cols.absmax[size_t(c)]), absmax);
            QCOMPARE_LT(std::fabs(s.cols.rms[size_t(c)] - std::sqrt(sq / rows)), 1e-5 * (1 + std::sqrt(sq / rows)));
        }
        if (rows > 1) {
            QVERIFY(!s.cols.outliers.empty());
            QCOMPARE(s.cols.outliers.front(), int64_t(cols / 2));
            QCOMPARE(s.cols.outliers.size(), size_t(1));
        }
    }

    void nonFiniteValuesAreCountedAndSkipped()
    {
        std::vector<float> values{1.0f, -2.0f, std::numeric_limits<float>::quiet_NaN(), 3.0f,
                                  std::numeric_limits<float>::infinity(), -1.0f};
        const auto stats = computeModelStats(singleTensorModel("w", {2, 3}, values), {});
        const TensorStats &s = stats->tensors.front();
        QCOMPARE(s.nonFinite, int64_t(2));
        QCOMPARE(s.count, int64_t(4));
        QCOMPARE(s.absmax, 3.0);
        QCOMPARE(s.mean, 0.25);
    }

    void histogramRebinsToLinearBins()
    {
        HistogramCounters counters;
        for (float x : {-0.75f, -0.25f, 0.0f, 0.26f, 0.9f, 0.95f})
            counters.add(x);
        ValueHistogram h;
        h.add(counters);
        h.compact();
        QCOMPARE(h.total(), uint64_t(6));
        // [-1,-.5) [-.5,0) [0,.5) [.5,1]: every bucket lies inside one bin
        QCOMPARE(h.linearBins(-1.0, 1.0, 4), (std::vector<double>{1, 1, 2, 2}));
        // A bucket straddling a bin edge is split in proportion: [0.5, 0.53125) over 0.51.
        HistogramCounters one;
        one.add(0.5f);
        ValueHistogram split;
        split.add(one);
        const std::vector<double> bins = split.linearBins(0.0, 1.02, 100); // bin width 0.0102
        double total = 0;
        for (double b : bins)
            total += b;
        QCOMPARE(total, 1.0);
        QVERIFY(bins[49] > 0.0 && bins[50] > 0.0 && bins[51] > 0.0); // [0.4998,0.51) [0.51,0.5202) [0.5202,...)
    }

    void progressAndCancel()
    {
        auto model = singleTensorModel("w", {4096, 512}, test::randomValues(4096 * 512, 3));
        std::vector<double> seen;
        computeModelStats(model, {}, [&](double f) {
            seen.push_back(f);
            return true;
        });
        QVERIFY(!seen.empty());
        QCOMPARE(seen.back(), 1.0);
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QVERIFY_THROWS_EXCEPTION(Cancelled, computeModelStats(model, {}, [](double) { return false; }));
    }

    void syntheticCheckpointShowsPersistentOutliers()
    {
        QTemporaryDir dir;
        SyntheticModelSpec spec;
        spec.layers = 3;
        spec.hiddenSize = 256;
        spec.intermediateSize = 512;
        spec.vocabSize = 512;
        spec.outlierChannels = {5, 77, 200};
        writeSyntheticCheckpoint(dir.path().toStdString(), spec);
        const auto model = openModel(dir.path().toStdString());
        QCOMPARE(model->architecture().layers, 3);
        const auto stats = computeModelStats(model, {});
        const TensorStats *q = stats->find("model.layers.1.self_attn.q_proj.weight");
        QVERIFY(q);
        std::vector<int64_t> flagged = q->cols.outliers;
        std::sort(flagged.begin(), flagged.end());
        QCOMPARE(flagged, (std::vector<int64_t>{5, 77, 200}));
        QVERIFY(q->kurtosis > 3.0); // heavy tails
        const auto maps = buildOutlierMaps(*stats);
        const auto attnQ = std::find_if(maps.begin(), maps.end(), [](const OutlierMap &m) { return m.role == TensorRole::AttnQ; });
        QVERIFY(attnQ != maps.end());
        QCOMPARE(attnQ->layers, 3);
        QCOMPARE(attnQ->channels, int64_t(256));
        for (int layer = 0; layer < 3; ++layer)
            QVERIFY(attnQ->at(layer, 77) > 8 * attnQ->at(layer, 76));
    }

    // Matrices of a type BitCliff cannot read (MXFP4 here) get no statistics but stay on the
    // outlier map as rows of NaN, listed by the map; a role with no readable matrix still has
    // a map. The one-line text for them groups the types.
    void unreadableTensorsStayOnTheMap()
    {
        QTemporaryDir dir;
        const auto mxfp4 = [](int64_t rows, int64_t cols) {
            return std::vector<std::byte>(size_t(rows * cols / 32 * 17), std::byte{0x42});
        };
        const uint32_t kMxfp4 = ggmlTypeCode(GgmlType::MXFP4);
        const std::filesystem::path path = std::filesystem::path(dir.path().toStdString()) / "mixed.gguf";
        writeGguf(path, {{"general.architecture", ggufString("llama")}, {"llama.block_count", ggufU32(2)}},
                  {{"blk.0.attn_q.weight", {64, 64}, 0, test::f32Bytes(test::randomValues(64 * 64, 1))},
                   {"blk.1.attn_q.weight", {64, 64}, kMxfp4, mxfp4(64, 64)},
                   {"blk.0.ffn_down.weight", {64, 96}, kMxfp4, mxfp4(64, 96)},
                   {"blk.1.ffn_down.weight", {64, 96}, kMxfp4, mxfp4(64, 96)}});
        const auto model = openModel(path);
        const auto stats = computeModelStats(model, {});
        QVERIFY(stats->tensors[0].computed);
        QVERIFY(!stats->tensors[1].computed);
        QCOMPARE(stats->tensors[1].skippedReason, std::string("MXFP4: not readable yet"));

        const auto maps = buildOutlierMaps(*stats);
        const auto role = [&maps](TensorRole r) {
            return std::find_if(maps.begin(), maps.end(), [r](const OutlierMap &m) { return m.role == r; });
        };
        const auto q = role(TensorRole::AttnQ);
        QVERIFY(q != maps.end());
        QCOMPARE(q->layers, 2);
        QCOMPARE(q->layerIds, (std::vector<int>{0, 1}));
        QVERIFY(!std::isnan(q->at(0, 5)));
        QVERIFY(std::isnan(q->at(1, 5)));
        QCOMPARE(q->unreadableTensors, (std::vector<size_t>{1}));
        const auto down = role(TensorRole::FfnDown);
        QVERIFY(down != maps.end());
        QCOMPARE(down->layers, 2);
        QCOMPARE(down->channels, int64_t(96));
        QVERIFY(std::all_of(down->values.begin(), down->values.end(), [](float v) { return std::isnan(v); }));
        QCOMPARE(down->unreadableTensors, (std::vector<size_t>{2, 3}));

        const auto &t = model->tensors();
        QCOMPARE(unreadableTensorsText({&t[1]}),
                 std::string("1 tensor has type MXFP4, which BitCliff cannot read yet (blk.1.attn_q.weight)"));
        TensorInfo other = t[0];
        other.dtypeLabel = "IQ2_XXS";
        QCOMPARE(unreadableTensorsText({&t[1], &other, &t[2], &t[3]}),
                 std::string("4 tensors have types MXFP4 (3), IQ2_XXS (1), which BitCliff cannot read yet "
                             "(blk.1.attn_q.weight, blk.0.attn_q.weight, blk.0.ffn_down.weight, \u2026)"));
    }

    // The GUI and `demo` reuse a cached demo checkpoint only when it is complete and of this
    // version; an older one (no tokenizer, other shapes) or an interrupted one is made again.
    void syntheticCheckpointVersionDecidesReuse()
    {
        QTemporaryDir dir;
        const std::filesystem::path path = dir.path().toStdString();
        QVERIFY(!isCurrentSyntheticCheckpoint(path));
        SyntheticModelSpec spec;
        spec.layers = 1;
        spec.hiddenSize = 64;
        spec.intermediateSize = 128;
        spec.heads = 4;
        spec.kvHeads = 2;
        spec.vocabSize = 300;
        spec.outlierChannels = {3};
        writeSyntheticCheckpoint(path, spec);
        QVERIFY(isCurrentSyntheticCheckpoint(path));

        nlohmann::json config = nlohmann::json::parse(std::ifstream(path / "config.json"));
        QCOMPARE(config.value("bitcliff_demo_version", 0), kSyntheticDemoVersion);
        config.erase("bitcliff_demo_version"); // as written before versions existed
        std::ofstream(path / "config.json") << config.dump();
        QVERIFY(!isCurrentSyntheticCheckpoint(path));

        writeSyntheticCheckpoint(path, spec);
        std::filesystem::remove(path / "tokenizer.json");
        QVERIFY(!isCurrentSyntheticCheckpoint(path));
        std::ofstream(path / "tokenizer.json") << "{}";
        std::ofstream(path / "config.json") << "{ truncated";
        QVERIFY(!isCurrentSyntheticCheckpoint(path));
    }
};

QTEST_GUILESS_MAIN(TestStats)
#include "tst_stats.moc"
