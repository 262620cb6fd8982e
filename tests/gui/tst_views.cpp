// The reusable views, offscreen: item models under QAbstractItemModelTester, the heatmap's
// max-pooling, zoom and tooltips, the charts' series, and a screenshot of every widget
// (into $BITCLIFF_SCREENSHOT_DIR when set, to be looked at).
#include "channelchartview.h"
#include "chartexport.h"
#include "colormap.h"
#include "heatmapdata.h"
#include "heatmappyramid.h"
#include "heatmapwidget.h"
#include "histogramchartview.h"
#include "modeltreefilter.h"
#include "modeltreemodel.h"
#include "statspanel.h"
#include "tensorsnapshot.h"

#include <QAbstractItemModelTester>
#include <QAreaSeries>
#include <QChart>
#include <QDir>
#include <QHeaderView>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <future>
#include <limits>
#include <memory>
#include <random>

using namespace bitcliff;

namespace {

// A Llama-shaped model (8 layers, hidden 4096, FFN 14336, GQA 8 KV heads) whose statistics
// carry three persistent outlier input channels at ~20x the median, as real LLMs do.
constexpr int kLayers = 8;
constexpr int64_t kHidden = 4096;
constexpr int64_t kFfn = 14336;
constexpr int64_t kKv = 1024;
constexpr int64_t kVocab = 32000;
constexpr std::array<int64_t, 3> kOutlierChannels{1112, 2210, 3760};
constexpr int64_t kDownOutlier = 7890; // an FFN channel that lights up in the middle layers

TensorInfo makeTensor(std::string name, std::vector<int64_t> shape, DType type = DType::BF16,
                      std::string label = "BF16")
{
    TensorInfo t;
    t.name = std::move(name);
    t.shape = std::move(shape);
    t.dtype = type;
    t.dtypeLabel = std::move(label);
    t.byteSize = static_cast<uint64_t>(t.elementCount()) * 2;
    return t;
}

TensorStats fakeStats(const TensorInfo &info, std::mt19937 &rng, double k)
{
    TensorStats s;
    s.name = info.name;
    s.count = info.elementCount();
    if (!info.supported()) {
        s.skippedReason = "type " + info.dtypeLabel + " is not supported";
        return s;
    }
    std::normal_distribution<double> gauss;
    std::uniform_real_distribution<double> uniform;
    const bool norm = info.role == TensorRole::Norm;
    const double sigma = norm ? 0.08 : 0.02 / std::sqrt(double(info.cols()) / 4096.0);
    // Heavy-tailed channel absmax: lognormal, plus a Pareto tail on 1% of the channels.
    auto channels = [&](int64_t n) {
        std::vector<float> v(static_cast<size_t>(n));
        for (float &x : v) {
            double a = sigma * (norm ? 12.0 : 4.0) * std::exp(0.18 * gauss(rng));
            if (uniform(rng) < 0.01)
                a *= 1.0 + 0.4 * std::pow(1.0 - uniform(rng), -1.0 / 3.0);
            x = static_cast<float>(a);
        }
        return v;
    };
    s.rows.absmax = channels(info.rows());
    s.cols.absmax = channels(info.cols());
    const double base = sigma * (norm ? 12.0 : 4.0);
    std::vector<std::pair<int64_t, double>> spikes; // channel, absmax
    const bool hiddenInput = info.cols() == kHidden && info.role != TensorRole::AttnO && info.role != TensorRole::Embed
        && info.role != TensorRole::LmHead;
    if (hiddenInput)
        for (size_t i = 0; i < kOutlierChannels.size(); ++i)
            spikes.emplace_back(kOutlierChannels[i], base * (16.0 + 4.0 * double(i)) * std::exp(0.1 * gauss(rng)));
    if (info.role == TensorRole::FfnDown && info.layer >= 1 && info.layer <= 6)
        spikes.emplace_back(kDownOutlier, base * 30.0);
    for (const auto &[c, a] : spikes)
        s.cols.absmax[static_cast<size_t>(c)] = static_cast<float>(a);
    flagOutliers(s.rows, {k});
    flagOutliers(s.cols, {k});

    // The histogram: a Student-t bulk (kurtosis 4.5) plus a few of the outlier channels'
    // wide values, one at the channel's absmax. 60k samples stand for millions of weights,
    // so the moments come from the bulk, with a heavy-tail term per outlier channel.
    std::student_t_distribution<double> studentT(8.0);
    const double tScale = sigma / std::sqrt(8.0 / 6.0);
    std::vector<double> bulk;
    for (int i = 0; i < 60000; ++i)
        bulk.push_back((norm ? 1.0 : 0.0) + tScale * studentT(rng));
    std::vector<double> tail;
    for (const auto &[c, a] : spikes) {
        tail.push_back(uniform(rng) < 0.5 ? -a : a);
        for (int i = 0; i < 4; ++i)
            tail.push_back(std::clamp(a / 6.0 * gauss(rng), -a, a));
    }
    auto counters = std::make_unique<HistogramCounters>();
    for (const auto *values : {&bulk, &tail})
        for (double x : *values)
            counters->add(static_cast<float>(x));
    s.histogram.add(*counters);
    double sum = 0.0;
    for (double x : bulk)
        sum += x;
    s.mean = sum / double(bulk.size());
    double m2 = 0.0;
    double m4 = 0.0;
    for (double x : bulk) {
        const double d = (x - s.mean) * (x - s.mean);
        m2 += d;
        m4 += d * d;
    }
    m2 /= double(bulk.size());
    m4 /= double(bulk.size());
    s.std = std::sqrt(m2);
    s.kurtosis = m4 / (m2 * m2) + 6.0 * double(spikes.size());
    s.absmax = 0.0;
    for (const auto *c : {&s.rows, &s.cols})
        for (float a : c->absmax)
            s.absmax = std::max(s.absmax, double(a));
    for (double x : bulk)
        s.absmax = std::max(s.absmax, std::abs(x));
    s.computed = true;
    return s;
}

struct FakeModel
{
    std::shared_ptr<const Model> model;
    std::shared_ptr<const ModelStats> stats;
    int indexOf(const std::string &name) const
    {
        const auto &t = model->tensors();
        for (size_t i = 0; i < t.size(); ++i)
            if (t[i].name == name)
                return int(i);
        return -1;
    }
};

FakeModel makeFakeModel()
{
    std::vector<TensorInfo> tensors;
    tensors.push_back(makeTensor("model.embed_tokens.weight", {kVocab, kHidden}));
    for (int l = 0; l < kLayers; ++l) {
        const std::string p = "model.layers." + std::to_string(l) + ".";
        tensors.push_back(makeTensor(p + "input_layernorm.weight", {kHidden}));
        tensors.push_back(makeTensor(p + "self_attn.q_proj.weight", {kHidden, kHidden}));
        tensors.push_back(makeTensor(p + "self_attn.k_proj.weight", {kKv, kHidden}));
        tensors.push_back(makeTensor(p + "self_attn.v_proj.weight", {kKv, kHidden}));
        tensors.push_back(makeTensor(p + "self_attn.o_proj.weight", {kHidden, kHidden}));
        tensors.push_back(makeTensor(p + "post_attention_layernorm.weight", {kHidden}));
        tensors.push_back(makeTensor(p + "mlp.gate_proj.weight", {kFfn, kHidden}));
        tensors.push_back(makeTensor(p + "mlp.up_proj.weight", {kFfn, kHidden}));
        tensors.push_back(makeTensor(p + "mlp.down_proj.weight", {kHidden, kFfn}));
        if (l == 0)
            tensors.push_back(makeTensor(p + "self_attn.rotary_emb.inv_freq", {64}, DType::Unsupported, "I64"));
    }
    tensors.push_back(makeTensor("model.norm.weight", {kHidden}));
    tensors.push_back(makeTensor("lm_head.weight", {kVocab, kHidden}));
    ArchitectureSummary arch;
    arch.name = "LlamaForCausalLM";
    arch.layers = kLayers;
    FakeModel fake;
    fake.model = std::make_shared<const Model>(ModelFormat::Safetensors, "fake-llama", arch, std::move(tensors),
                                               std::vector<std::shared_ptr<const MappedFile>>{});
    auto stats = std::make_shared<ModelStats>();
    stats->model = fake.model;
    std::mt19937 rng(42);
    for (const TensorInfo &t : fake.model->tensors())
        stats->tensors.push_back(fakeStats(t, rng, stats->rule.k));
    fake.stats = stats;
    return fake;
}

// Layers x input channels of one role, as the statistics engine's outlier map would be.
OutlierMap outlierMap(const FakeModel &fake, TensorRole role)
{
    OutlierMap map;
    map.role = role;
    const auto &tensors = fake.model->tensors();
    for (size_t i = 0; i < tensors.size(); ++i) {
        if (tensors[i].role != role)
            continue;
        const auto &absmax = fake.stats->tensors[i].cols.absmax;
        map.channels = static_cast<int64_t>(absmax.size());
        map.values.insert(map.values.end(), absmax.begin(), absmax.end());
        map.layerIds.push_back(tensors[i].layer);
        ++map.layers;
    }
    return map;
}

// 32 layers x 14336 channels of lognormal noise with ONE bright cell.
std::shared_ptr<HeatmapData> spikeData(int spikeRow, int spikeCol)
{
    auto data = std::make_shared<HeatmapData>();
    data->rows = 32;
    data->cols = 14336;
    data->rowLabel = QStringLiteral("layer");
    data->colLabel = QStringLiteral("input channel");
    data->valueLabel = QStringLiteral("absmax |w|");
    data->title = QStringLiteral("ffn_down: one outlier cell among 458,752");
    std::mt19937 rng(7);
    std::lognormal_distribution<float> noise(std::log(0.05f), 0.2f);
    data->values.resize(size_t(data->rows) * size_t(data->cols));
    for (float &v : data->values)
        v = noise(rng);
    data->values[size_t(spikeRow) * size_t(data->cols) + size_t(spikeCol)] = 1.0f;
    for (int r = 0; r < data->rows; ++r)
        data->rowNames << QString::number(r);
    return data;
}

// The Y axis a series is drawn against (the charts keep a hidden spare for the other scale).
QAbstractAxis *verticalAxis(QAbstractSeries *series)
{
    for (QAbstractAxis *axis : series->attachedAxes())
        if (axis->orientation() == Qt::Vertical)
            return axis->isVisible() ? axis : nullptr;
    return nullptr;
}

bool isBright(QRgb c) { return qRed(c) > 200 && qGreen(c) > 180 && qBlue(c) < 120; } // viridis' yellow end

} // namespace

class TestViews : public QObject
{
    Q_OBJECT

public:
    static void initMain()
    {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        qputenv("QT_FONT_DPI", "96"); // screenshots and metrics independent of the host
    }

private slots:
    void initTestCase();
    void treeModel();
    void treeSortingIsNumeric();
    void treeFilter_data();
    void treeFilter();
    void colormap();
    void pyramidKeepsSpike();
    void heatmapSpikeVisibleZoomedOut();
    void heatmapToolTip();
    void heatmapZoomAndPan();
    void heatmapLogScale();
    void channelChart();
    void histogramChart();
    void statsPanel();
    void screenshots();
    void exportNeverShownWidgets();

private:
    QString shotPath(const QString &name) const { return QDir(m_shotDir).filePath(name + QStringLiteral(".png")); }
    void grabTo(QWidget *widget, QSize size, const QString &name);

    FakeModel m_fake;
    QTemporaryDir m_tempDir;
    QString m_shotDir;
};

void TestViews::initTestCase()
{
    m_fake = makeFakeModel();
    m_shotDir = qEnvironmentVariable("BITCLIFF_SCREENSHOT_DIR", m_tempDir.path());
    QVERIFY(QDir().mkpath(m_shotDir));
}

void TestViews::grabTo(QWidget *widget, QSize size, const QString &name)
{
    widget->resize(size);
    widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(widget));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    const QPixmap shot = widget->grab();
    QVERIFY(!shot.isNull());
    QVERIFY(shot.save(shotPath(name)));
}

void TestViews::treeModel()
{
    ModelTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ModelTreeFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);

    model.setModel(m_fake.model);
    QCOMPARE(model.rowCount(), 1 + kLayers);
    QCOMPARE(model.index(0, ModelTreeModel::NameColumn).data().toString(), QStringLiteral("Embeddings & head"));
    QCOMPARE(model.index(3, ModelTreeModel::NameColumn).data().toString(), QStringLiteral("Layer 2"));
    QCOMPARE(model.rowCount(model.index(0, 0)), 3);  // embed, final norm, lm_head
    QCOMPARE(model.rowCount(model.index(1, 0)), 10); // layer 0 also holds inv_freq
    QCOMPARE(model.rowCount(model.index(2, 0)), 9);
    QCOMPARE(model.index(1, 0).data(ModelTreeModel::TensorIndexRole).toInt(), -1);

    const int q3 = m_fake.indexOf("model.layers.3.self_attn.q_proj.weight");
    const QModelIndex q3Name = model.indexForTensor(q3);
    QCOMPARE(q3Name.data().toString(), QStringLiteral("model.layers.3.self_attn.q_proj.weight"));
    QCOMPARE(q3Name.data(ModelTreeModel::TensorIndexRole).toInt(), q3);
    QCOMPARE(q3Name.parent().data().toString(), QStringLiteral("Layer 3"));
    QCOMPARE(model.indexForTensor(q3, ModelTreeModel::ShapeColumn).data().toString(), QStringLiteral("4096 \u00d7 4096"));
    QCOMPARE(model.indexForTensor(q3, ModelTreeModel::RoleColumn).data().toString(), QStringLiteral("attn_q"));
    QCOMPARE(model.indexForTensor(q3, ModelTreeModel::DTypeColumn).data().toString(), QStringLiteral("BF16"));
    QCOMPARE(model.indexForTensor(q3, ModelTreeModel::ParametersColumn).data().toString(), QStringLiteral("16.8 M"));
    QVERIFY(model.indexForTensor(q3, ModelTreeModel::ParametersColumn).data(Qt::ToolTipRole).toString().contains(
        QLocale().toString(16777216LL)));

    // Before statistics: a dash, and a tooltip saying why.
    const QModelIndex q3Outliers = model.indexForTensor(q3, ModelTreeModel::OutliersColumn);
    QCOMPARE(q3Outliers.data().toString(), QStringLiteral("\u2014"));
    QVERIFY(q3Outliers.data(Qt::ToolTipRole).toString().contains(QStringLiteral("not been computed")));

    // Statistics refresh the statistics columns only.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setStats(m_fake.stats);
    QCOMPARE(reset.count(), 0);
    QVERIFY(changed.count() >= 1 + kLayers);
    for (const QList<QVariant> &args : changed) {
        QVERIFY(args[0].toModelIndex().column() >= ModelTreeModel::AbsmaxColumn);
        QVERIFY(args[1].toModelIndex().column() <= ModelTreeModel::OutliersColumn);
    }
    QCOMPARE(q3Outliers.data().toString(), QStringLiteral("3"));
    QCOMPARE(q3Outliers.data(ModelTreeModel::SortRole).toLongLong(), 3);
    QVERIFY(q3Outliers.data(Qt::ToolTipRole).toString().contains(QStringLiteral("3 of 4096 input channels")));
    const TensorStats &q3Stats = m_fake.stats->tensors[size_t(q3)];
    QCOMPARE(model.indexForTensor(q3, ModelTreeModel::AbsmaxColumn).data(ModelTreeModel::SortRole).toDouble(),
             q3Stats.absmax);

    // An unsupported tensor keeps its dash, with the reason.
    const int invFreq = m_fake.indexOf("model.layers.0.self_attn.rotary_emb.inv_freq");
    const QModelIndex invAbsmax = model.indexForTensor(invFreq, ModelTreeModel::AbsmaxColumn);
    QCOMPARE(invAbsmax.data().toString(), QStringLiteral("\u2014"));
    QVERIFY(invAbsmax.data(Qt::ToolTipRole).toString().contains(QStringLiteral("not supported")));

    // Group aggregates: parameter sum, max absmax, outlier sum.
    const QModelIndex layer3 = model.index(4, 0);
    int64_t params = 0;
    double absmax = 0.0;
    int64_t outliers = 0;
    for (int r = 0; r < model.rowCount(layer3); ++r) {
        const int t = model.index(r, 0, layer3).data(ModelTreeModel::TensorIndexRole).toInt();
        params += m_fake.model->tensors()[size_t(t)].elementCount();
        absmax = std::max(absmax, m_fake.stats->tensors[size_t(t)].absmax);
        outliers += qint64(m_fake.stats->tensors[size_t(t)].cols.outliers.size());
    }
    QCOMPARE(model.index(4, ModelTreeModel::ParametersColumn).data(ModelTreeModel::SortRole).toLongLong(), params);
    QCOMPARE(model.index(4, ModelTreeModel::AbsmaxColumn).data(ModelTreeModel::SortRole).toDouble(), absmax);
    QCOMPARE(model.index(4, ModelTreeModel::OutliersColumn).data(ModelTreeModel::SortRole).toLongLong(), outliers);
    QVERIFY(outliers >= 5 * 3 + 1); // q, k, v, gate, up share 3 channels; down adds one

    // Filter and sort changes through the proxy, then teardown paths, all under the testers.
    filter.sort(ModelTreeModel::AbsmaxColumn, Qt::DescendingOrder);
    filter.setFilterFixedString(QStringLiteral("proj"));
    filter.setFilterFixedString(QString());
    model.setStats(nullptr);
    QCOMPARE(q3Outliers.data().toString(), QStringLiteral("\u2014"));
    model.setModel(nullptr);
    QCOMPARE(model.rowCount(), 0);
    model.setModel(m_fake.model);
    model.setStats(m_fake.stats);
    QCOMPARE(model.indexForTensor(q3, ModelTreeModel::OutliersColumn).data().toString(), QStringLiteral("3"));
}

void TestViews::treeSortingIsNumeric()
{
    ModelTreeModel model;
    ModelTreeFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setModel(m_fake.model);
    model.setStats(m_fake.stats);

    filter.sort(ModelTreeModel::ParametersColumn, Qt::AscendingOrder);
    const QModelIndexList found = filter.match(filter.index(0, 0), Qt::DisplayRole, QStringLiteral("Layer 1"), 1,
                                               Qt::MatchExactly);
    QCOMPARE(found.size(), 1);
    const QModelIndex layer1 = found.first();
    qlonglong previous = -1;
    QStringList shown;
    for (int r = 0; r < filter.rowCount(layer1); ++r) {
        const QModelIndex cell = filter.index(r, ModelTreeModel::ParametersColumn, layer1);
        const qlonglong value = cell.data(ModelTreeModel::SortRole).toLongLong();
        QVERIFY2(value >= previous, qPrintable(cell.data().toString()));
        previous = value;
        shown << cell.data().toString();
    }
    // As text "4,096" < "16.8 M" < "4.19 M" < "58.7 M" would be out of order.
    QCOMPARE(shown.first(), QLocale().toString(4096));
    QCOMPARE(shown.last(), QStringLiteral("58.7 M"));
    QVERIFY(shown.indexOf(QStringLiteral("4.19 M")) < shown.indexOf(QStringLiteral("16.8 M")));

    // Layer groups sort by number; absmax sorts as a number too.
    filter.sort(ModelTreeModel::NameColumn, Qt::DescendingOrder);
    QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("Layer 7"));
    QCOMPARE(filter.index(kLayers, 0).data().toString(), QStringLiteral("Embeddings & head"));
    filter.sort(ModelTreeModel::AbsmaxColumn, Qt::DescendingOrder);
    const QModelIndex top = filter.index(0, 0);
    double last = 1e300;
    for (int r = 0; r < filter.rowCount(top); ++r) {
        const double v = filter.index(r, ModelTreeModel::AbsmaxColumn, top).data(ModelTreeModel::SortRole).toDouble();
        QVERIFY(v <= last);
        last = v;
    }
}

void TestViews::treeFilter_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("groups");
    QTest::addColumn<int>("childrenPerGroup");
    QTest::addColumn<QString>("role");
    QTest::newRow("name") << QStringLiteral("down_proj") << kLayers << 1 << QStringLiteral("ffn_down");
    QTest::newRow("case-insensitive") << QStringLiteral("DOWN_PROJ") << kLayers << 1 << QStringLiteral("ffn_down");
    QTest::newRow("role") << QStringLiteral("ffn_gate") << kLayers << 1 << QStringLiteral("ffn_gate");
    QTest::newRow("layer group") << QStringLiteral("layer 5") << 1 << 9 << QString();
    QTest::newRow("nothing") << QStringLiteral("no such tensor") << 0 << 0 << QString();
}

void TestViews::treeFilter()
{
    QFETCH(QString, pattern);
    QFETCH(int, groups);
    QFETCH(int, childrenPerGroup);
    QFETCH(QString, role);
    ModelTreeModel model;
    ModelTreeFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setModel(m_fake.model);
    filter.setFilterFixedString(pattern);
    QCOMPARE(filter.rowCount(), groups);
    for (int g = 0; g < filter.rowCount(); ++g) {
        const QModelIndex group = filter.index(g, 0);
        QVERIFY(group.data().toString().startsWith(QStringLiteral("Layer ")));
        QCOMPARE(filter.rowCount(group), childrenPerGroup);
        for (int r = 0; r < filter.rowCount(group) && !role.isEmpty(); ++r)
            QCOMPARE(filter.index(r, ModelTreeModel::RoleColumn, group).data().toString(), role);
    }
    filter.setFilterFixedString(QString());
    QCOMPARE(filter.rowCount(), 1 + kLayers);
}

void TestViews::colormap()
{
    // matplotlib's end points: viridis #440154 -> #fde725, magma #000004 -> #fcfdbf.
    auto near = [](QRgb a, QRgb b) {
        return std::abs(qRed(a) - qRed(b)) <= 5 && std::abs(qGreen(a) - qGreen(b)) <= 5 && std::abs(qBlue(a) - qBlue(b)) <= 5;
    };
    QVERIFY(near(Colormap::viridis().map(0.0), qRgb(0x44, 0x01, 0x54)));
    QVERIFY(near(Colormap::viridis().map(1.0), qRgb(0xfd, 0xe7, 0x25)));
    QVERIFY(near(Colormap::viridis().map(0.5), qRgb(0x21, 0x91, 0x8c)));
    QVERIFY(near(Colormap::magma().map(0.0), qRgb(0x00, 0x00, 0x04)));
    QVERIFY(near(Colormap::magma().map(1.0), qRgb(0xfc, 0xfd, 0xbf)));
    QCOMPARE(Colormap::viridis().map(-1.0), Colormap::viridis().map(0.0));
    QCOMPARE(Colormap::viridis().map(std::nan("")), Colormap::viridis().map(0.0));
    int previous = -1;
    for (QRgb c : Colormap::viridis().table()) { // perceptual: lightness only rises
        const int lightness = QColor(c).lightness();
        QVERIFY(lightness >= previous - 1);
        previous = lightness;
    }
}

void TestViews::pyramidKeepsSpike()
{
    const auto data = spikeData(17, 9001);
    HeatmapPyramid pyramid(data);
    QVERIFY(pyramid.levelCount() > 10);
    QCOMPARE(pyramid.maxValue(), 1.0f);
    // 14336 channels in 800 pixels: the level with 16-channel cells and full rows.
    const HeatmapPyramid::Level &level = pyramid.level(pyramid.levelFor(14336.0 / 800, 32.0 / 300));
    QCOMPARE(level.colFactor, 16);
    QCOMPARE(level.rowFactor, 1);
    QCOMPARE(pyramid.level(pyramid.levelCount() - 1).at(0, 0), 1.0f); // the top cell is the global max
    const std::vector<float> pooled = pyramid.pool(QRectF(0, 0, 14336, 32), QSize(800, 300));
    const auto peak = std::max_element(pooled.begin(), pooled.end()) - pooled.begin();
    QCOMPARE(pooled[size_t(peak)], 1.0f);
    // A coarse cell may straddle two pixels: the spike is at most one pixel wider.
    QVERIFY(std::abs(int(peak % 800) - int(9001.0 * 800 / 14336)) <= 1);

    // A tall matrix (152k x 896 is the shape of an embedding; smaller here): rows halve first.
    auto tall = std::make_shared<HeatmapData>();
    tall->rows = 20000;
    tall->cols = 64;
    tall->values.assign(size_t(tall->rows) * size_t(tall->cols), 0.1f);
    tall->values[12345 * 64 + 40] = 5.0f;
    HeatmapPyramid tallPyramid(tall);
    QCOMPARE(tallPyramid.level(1).rowFactor, 2);
    QCOMPARE(tallPyramid.level(1).colFactor, 1);
    const std::vector<float> tallPooled = tallPyramid.pool(QRectF(0, 0, 64, 20000), QSize(64, 200));
    QCOMPARE(*std::max_element(tallPooled.begin(), tallPooled.end()), 5.0f);
    const auto tallPeak = std::max_element(tallPooled.begin(), tallPooled.end()) - tallPooled.begin();
    QVERIFY(std::abs(int(tallPeak / 64) - 12345 * 200 / 20000) <= 1);
    QCOMPARE(int(tallPeak % 64), 40);
}

void TestViews::heatmapSpikeVisibleZoomedOut()
{
    // The pyramid is immutable: built in a worker, handed to the widget.
    std::shared_ptr<const HeatmapData> data = spikeData(17, 9001);
    auto built = std::async(std::launch::async, [data] { return std::make_shared<const HeatmapPyramid>(data); });
    HeatmapWidget widget;
    widget.setPyramid(built.get());
    QCOMPARE(widget.data(), data);
    grabTo(&widget, QSize(900, 420), QStringLiteral("heatmap-spike"));
    const QImage image = widget.grab().toImage();
    const QRect plot = widget.plotRect();
    QVERIFY(plot.width() < 14336 / 8); // the matrix really is squeezed
    QList<int> brightColumns;
    for (int x = plot.left(); x <= plot.right(); ++x) {
        for (int y = plot.top(); y <= plot.bottom(); ++y) {
            if (isBright(image.pixel(x, y))) {
                brightColumns << x;
                break;
            }
        }
    }
    QVERIFY2(!brightColumns.isEmpty(), "the single outlier cell was pooled away");
    QVERIFY(brightColumns.size() <= 2);
    const double expected = plot.left() + (9001.5 / 14336.0) * plot.width();
    QVERIFY2(std::abs(brightColumns.first() - expected) <= 2.0, qPrintable(QString::number(brightColumns.first())));
}

void TestViews::heatmapToolTip()
{
    auto data = spikeData(17, 9001);
    data->values[size_t(7) * size_t(data->cols) + 1234] = 0.532f;
    HeatmapWidget widget;
    widget.setData(data);
    widget.resize(900, 420);
    const QRect plot = widget.plotRect();

    // Zoomed out, a pixel names the largest of its cells: the spike.
    const QPoint spikePixel(plot.left() + int(9001.5 / 14336.0 * plot.width()),
                            plot.top() + int(17.5 / 32.0 * plot.height()));
    const QString spikeTip = widget.toolTipAt(spikePixel);
    QVERIFY2(spikeTip.startsWith(QStringLiteral("layer 17, input channel 9001: 1")), qPrintable(spikeTip));
    QVERIFY(spikeTip.contains(QStringLiteral("range")));

    // Zoomed in, each cell spans many pixels.
    widget.setVisibleRegion(QRectF(1230, 5, 10, 4));
    QCOMPARE(widget.visibleRegion().left(), 1230.0);
    const QRectF region = widget.visibleRegion();
    const QPoint cell(plot.left() + int((1234.5 - region.left()) / region.width() * plot.width()),
                      plot.top() + int((7.5 - region.top()) / region.height() * plot.height()));
    QCOMPARE(widget.toolTipAt(cell), QStringLiteral("layer 7, input channel 1234: 0.532"));
    QVERIFY(widget.toolTipAt(QPoint(2, 2)).isEmpty());
}

void TestViews::heatmapZoomAndPan()
{
    HeatmapWidget widget;
    widget.setData(spikeData(17, 9001));
    widget.resize(900, 420);
    QSignalSpy changed(&widget, &HeatmapWidget::visibleRegionChanged);
    const QRect plot = widget.plotRect();
    const QRectF full = widget.visibleRegion();
    QCOMPARE(full, QRectF(0, 0, 14336, 32));

    // Wheel zooms around the cursor: the channel under it stays under it.
    const QPointF at(plot.left() + 0.25 * plot.width(), plot.center().y());
    const double channelBefore = full.left() + 0.25 * full.width();
    QWheelEvent wheel(at, widget.mapToGlobal(at), QPoint(), QPoint(0, 3 * 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&widget, &wheel);
    const QRectF zoomed = widget.visibleRegion();
    QVERIFY(zoomed.width() < full.width() / 1.9);
    QVERIFY(zoomed.height() < full.height());
    QVERIFY(std::abs(zoomed.left() + 0.25 * zoomed.width() - channelBefore) < 1.0);
    QCOMPARE(changed.count(), 1);

    // Shift+wheel zooms the channels only.
    QWheelEvent shiftWheel(at, widget.mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::ShiftModifier,
                           Qt::NoScrollPhase, false);
    QApplication::sendEvent(&widget, &shiftWheel);
    QVERIFY(widget.visibleRegion().width() < zoomed.width());
    QCOMPARE(widget.visibleRegion().height(), zoomed.height());

    // Drag pans by the dragged fraction of the view.
    const QRectF before = widget.visibleRegion();
    const QPoint start = plot.center();
    QTest::mousePress(&widget, Qt::LeftButton, Qt::NoModifier, start);
    QMouseEvent move(QEvent::MouseMove, QPointF(start + QPoint(-100, 0)), widget.mapToGlobal(QPointF(start + QPoint(-100, 0))),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&widget, &move);
    QTest::mouseRelease(&widget, Qt::LeftButton, Qt::NoModifier, start + QPoint(-100, 0));
    QVERIFY(std::abs(widget.visibleRegion().left() - (before.left() + 100.0 * before.width() / plot.width())) < 0.5);

    // Keys: + zooms, Home resets; zoom-in stops at a sensible cell size.
    QTest::keyClick(&widget, Qt::Key_Plus);
    QVERIFY(widget.visibleRegion().width() < before.width());
    QTest::keyClick(&widget, Qt::Key_Home);
    QCOMPARE(widget.visibleRegion(), full);
    widget.zoomBy(1e6);
    QVERIFY(widget.visibleRegion().width() >= plot.width() / 32.0 - 1e-9);
    QTest::mouseDClick(&widget, Qt::LeftButton, Qt::NoModifier, plot.center());
    QCOMPARE(widget.visibleRegion(), full);
}

void TestViews::heatmapLogScale()
{
    HeatmapWidget widget;
    widget.setData(std::make_shared<HeatmapData>(HeatmapData::fromOutlierMap(outlierMap(m_fake, TensorRole::AttnQ))));
    widget.resize(900, 360);
    QVERIFY(!widget.logScale());
    const QImage linear = widget.grab().toImage();
    widget.setLogScale(true);
    QVERIFY(widget.logScale());
    const QImage log = widget.grab().toImage();
    QVERIFY(linear != log);
    // Log spreads the bulk of the channels over more of the colormap: the plot gets brighter.
    auto meanLightness = [&](const QImage &image) {
        const QRect plot = widget.plotRect();
        double sum = 0.0;
        for (int y = plot.top(); y <= plot.bottom(); y += 3)
            for (int x = plot.left(); x <= plot.right(); x += 3)
                sum += QColor(image.pixel(x, y)).lightness();
        return sum;
    };
    QVERIFY(meanLightness(log) > 1.2 * meanLightness(linear));
}

void TestViews::channelChart()
{
    const int q3 = m_fake.indexOf("model.layers.3.self_attn.q_proj.weight");
    const TensorStats &stats = m_fake.stats->tensors[size_t(q3)];
    ChannelChartView view;
    view.setStats(tensorStatsSnapshot(m_fake.stats, q3));
    QCOMPARE(view.chart()->series().size(), 4);
    QCOMPARE(view.chart()->title(), QStringLiteral("model.layers.3.self_attn.q_proj.weight"));
    QCOMPARE(view.absmaxSeries()->count(), int(kHidden));
    QCOMPARE(view.outlierSeries()->count(), 3);
    QList<int> outlierChannels;
    for (const QPointF &p : view.outlierSeries()->points())
        outlierChannels << int(p.x());
    std::sort(outlierChannels.begin(), outlierChannels.end());
    QCOMPARE(outlierChannels, QList<int>({1112, 2210, 3760}));
    QCOMPARE(view.thresholdSeries()->at(0).y(), double(stats.cols.threshold));
    QCOMPARE(view.thresholdSeries()->name(), QStringLiteral("outlier threshold (4 \u00d7 median)"));
    QVERIFY(qobject_cast<QLogValueAxis *>(verticalAxis(view.absmaxSeries())));
    QCOMPARE(verticalAxis(view.absmaxSeries())->titleText(), QStringLiteral("absmax |w| (log scale)"));
    QCOMPARE(view.chart()->axes(Qt::Horizontal).value(0)->titleText(), QStringLiteral("input channel"));

    view.setLogScale(false);
    for (QAbstractSeries *series : view.chart()->series())
        QVERIFY(qobject_cast<QValueAxis *>(verticalAxis(series)));
    QCOMPARE(verticalAxis(view.absmaxSeries())->titleText(), QStringLiteral("absmax |w|"));
    view.setOrder(ChannelChartView::Order::Descending);
    QCOMPARE(view.absmaxSeries()->at(0).y(), double(*std::max_element(stats.cols.absmax.begin(), stats.cols.absmax.end())));
    QCOMPARE(view.outlierSeries()->at(2).x(), 2.0);
    view.setAxis(ChannelChartView::Axis::OutputChannels);
    QCOMPARE(view.absmaxSeries()->count(), int(kHidden));
    QCOMPARE(view.outlierSeries()->count(), int(stats.rows.outliers.size()));

    const int down5 = m_fake.indexOf("model.layers.5.mlp.down_proj.weight");
    view.setAxis(ChannelChartView::Axis::InputChannels);
    view.setOrder(ChannelChartView::Order::ByIndex);
    view.setStats(tensorStatsSnapshot(m_fake.stats, down5));
    QCOMPARE(view.absmaxSeries()->count(), int(kFfn));
    QCOMPARE(view.outlierSeries()->at(0).x(), double(kDownOutlier));

    view.setStats(nullptr);
    QCOMPARE(view.absmaxSeries()->count(), 0);
    QCOMPARE(view.outlierSeries()->count(), 0);
}

void TestViews::histogramChart()
{
    const int gate2 = m_fake.indexOf("model.layers.2.mlp.gate_proj.weight");
    const TensorStats &stats = m_fake.stats->tensors[size_t(gate2)];
    HistogramChartView view;
    view.setStats(tensorStatsSnapshot(m_fake.stats, gate2));
    QCOMPARE(view.chart()->series().size(), 2);
    QCOMPARE(view.binCount(), 101);
    QCOMPARE(int(view.binCounts().size()), 101);
    QCOMPARE(view.histogramSeries()->upperSeries()->count(), 2 * 101);
    double total = 0.0;
    for (double c : view.binCounts())
        total += c;
    QVERIFY(std::abs(total - double(stats.histogram.total())) < 1e-6 * total);
    // The centre bin holds the bulk; the Gaussian's peak matches N * binWidth * pdf(mean).
    QVERIFY(view.binCounts()[50] > view.binCounts()[0]);
    QVERIFY(view.gaussianSeries()->count() > 10);
    double peak = 0.0;
    for (const QPointF &p : view.gaussianSeries()->points())
        peak = std::max(peak, p.y());
    const double width = 2.0 * stats.absmax / 101.0;
    const double expected = total * width / (stats.std * std::sqrt(2.0 * M_PI));
    QVERIFY(std::abs(peak - expected) < 0.02 * expected);
    // Empty bins sit on the log axis floor, never at 0.
    for (const QPointF &p : view.histogramSeries()->upperSeries()->points())
        QVERIFY(p.y() >= 0.2);
    QVERIFY(qobject_cast<QLogValueAxis *>(verticalAxis(view.histogramSeries())));
    QCOMPARE(verticalAxis(view.histogramSeries())->titleText(), QStringLiteral("count (log scale)"));
    QCOMPARE(view.chart()->axes(Qt::Horizontal).value(0)->titleText(), QStringLiteral("weight value"));

    view.setBinCount(51);
    QCOMPARE(view.histogramSeries()->upperSeries()->count(), 2 * 51);
    view.setLogScale(false);
    QVERIFY(qobject_cast<QValueAxis *>(verticalAxis(view.histogramSeries())));
    QVERIFY(qobject_cast<QValueAxis *>(verticalAxis(view.gaussianSeries())));
}

void TestViews::statsPanel()
{
    const int up4 = m_fake.indexOf("model.layers.4.mlp.up_proj.weight");
    const TensorStats &stats = m_fake.stats->tensors[size_t(up4)];
    StatsPanel panel;
    panel.setTensor(tensorInfoSnapshot(m_fake.model, up4), nullptr);
    QCOMPARE(panel.fieldText(QStringLiteral("Shape")), QStringLiteral("14336 \u00d7 4096"));
    QCOMPARE(panel.fieldText(QStringLiteral("Kurtosis")), QStringLiteral("\u2014"));
    QCOMPARE(panel.outlierTable()->rowCount(), 0);

    panel.setTensor(tensorInfoSnapshot(m_fake.model, up4), tensorStatsSnapshot(m_fake.stats, up4));
    QVERIFY(panel.fieldText(QStringLiteral("Kurtosis")).endsWith(QStringLiteral("(Gaussian = 3)")));
    const QString inputOutliers = panel.fieldText(QStringLiteral("Outlier input channels"));
    QVERIFY2(inputOutliers.startsWith(QStringLiteral("%1 of ").arg(stats.cols.outliers.size())), qPrintable(inputOutliers));
    for (int64_t c : kOutlierChannels)
        QVERIFY(std::count(stats.cols.outliers.begin(), stats.cols.outliers.end(), c) == 1);
    const int expectedRows = int(std::min<size_t>(20, stats.rows.outliers.size() + stats.cols.outliers.size()));
    QCOMPARE(panel.outlierTable()->rowCount(), expectedRows);
    QCOMPARE(panel.outlierTable()->item(0, StatsPanel::AxisColumn)->text(), QStringLiteral("input"));
    QCOMPARE(panel.outlierTable()->item(0, StatsPanel::ChannelColumn)->data(Qt::UserRole).toLongLong(), 3760);
    const double ratio = panel.outlierTable()->item(0, StatsPanel::RatioColumn)->data(Qt::UserRole).toDouble();
    QVERIFY2(ratio > 15.0 && ratio < 40.0, qPrintable(QString::number(ratio)));

    const int invFreq = m_fake.indexOf("model.layers.0.self_attn.rotary_emb.inv_freq");
    panel.setTensor(tensorInfoSnapshot(m_fake.model, invFreq), tensorStatsSnapshot(m_fake.stats, invFreq));
    QCOMPARE(panel.fieldText(QStringLiteral("Absmax")), QStringLiteral("\u2014"));
}

void TestViews::screenshots()
{
    ModelTreeModel model;
    ModelTreeFilter filter;
    filter.setSourceModel(&model);
    model.setModel(m_fake.model);
    model.setStats(m_fake.stats);
    QTreeView tree;
    tree.setModel(&filter);
    tree.setSortingEnabled(true);
    tree.sortByColumn(ModelTreeModel::NameColumn, Qt::AscendingOrder);
    tree.setUniformRowHeights(true);
    tree.expand(filter.index(0, 0));
    tree.expand(filter.index(4, 0));
    tree.setAlternatingRowColors(true);
    tree.header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    tree.header()->setStretchLastSection(false);
    grabTo(&tree, QSize(1200, 640), QStringLiteral("tree"));
    filter.setFilterFixedString(QStringLiteral("down_proj"));
    tree.expandAll();
    grabTo(&tree, QSize(1200, 420), QStringLiteral("tree-filtered"));

    HeatmapWidget heatmap;
    heatmap.setData(std::make_shared<HeatmapData>(HeatmapData::fromOutlierMap(outlierMap(m_fake, TensorRole::AttnQ))));
    grabTo(&heatmap, QSize(1000, 380), QStringLiteral("heatmap-attn_q"));
    heatmap.setLogScale(true);
    grabTo(&heatmap, QSize(1000, 380), QStringLiteral("heatmap-attn_q-log"));
    // A layer without this tensor (hybrid architectures) is a row of missing cells.
    auto gappy = std::make_shared<HeatmapData>(HeatmapData::fromOutlierMap(outlierMap(m_fake, TensorRole::AttnK)));
    std::fill_n(gappy->values.begin() + 5 * gappy->cols, gappy->cols, std::numeric_limits<float>::quiet_NaN());
    heatmap.setData(gappy);
    grabTo(&heatmap, QSize(1000, 380), QStringLiteral("heatmap-attn_k-missing-layer"));
    heatmap.setData(std::make_shared<HeatmapData>(HeatmapData::fromOutlierMap(outlierMap(m_fake, TensorRole::FfnDown))));
    heatmap.setVisibleRegion(QRectF(7800, 0, 200, 8));
    grabTo(&heatmap, QSize(1000, 380), QStringLiteral("heatmap-ffn_down-zoomed"));

    const int q3 = m_fake.indexOf("model.layers.3.self_attn.q_proj.weight");
    ChannelChartView channels;
    channels.setStats(tensorStatsSnapshot(m_fake.stats, q3));
    grabTo(&channels, QSize(1000, 520), QStringLiteral("channels-q_proj-log"));
    channels.setLogScale(false);
    channels.setOrder(ChannelChartView::Order::Descending);
    grabTo(&channels, QSize(1000, 520), QStringLiteral("channels-q_proj-sorted-linear"));
    channels.setLogScale(true);
    channels.setOrder(ChannelChartView::Order::ByIndex);
    channels.setStats(tensorStatsSnapshot(m_fake.stats, m_fake.indexOf("model.layers.5.mlp.down_proj.weight")));
    grabTo(&channels, QSize(1000, 520), QStringLiteral("channels-down_proj"));

    HistogramChartView histogram;
    histogram.setStats(tensorStatsSnapshot(m_fake.stats, m_fake.indexOf("model.layers.2.mlp.gate_proj.weight")));
    grabTo(&histogram, QSize(1000, 520), QStringLiteral("histogram-gate_proj"));

    StatsPanel panel;
    const int up4 = m_fake.indexOf("model.layers.4.mlp.up_proj.weight");
    panel.setTensor(tensorInfoSnapshot(m_fake.model, up4), tensorStatsSnapshot(m_fake.stats, up4));
    grabTo(&panel, QSize(520, 720), QStringLiteral("statspanel"));
}

void TestViews::exportNeverShownWidgets()
{
    // The headless report path: widgets built and exported without ever being shown.
    ChannelChartView channels;
    channels.setStats(tensorStatsSnapshot(m_fake.stats, m_fake.indexOf("model.layers.1.self_attn.k_proj.weight")));
    const QString png = shotPath(QStringLiteral("export-channels"));
    QVERIFY(saveWidgetPng(&channels, png, QSize(800, 450), 2.0));
    QVERIFY(!channels.isVisible());
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1600, 900));
    // The chart filled the whole figure: the right half has plot content, not blank space.
    int dark = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = image.width() / 2; x < image.width(); x += 4)
            dark += QColor(image.pixel(x, y)).lightness() < 160;
    QVERIFY2(dark > 200, qPrintable(QString::number(dark)));

    HeatmapWidget heatmap;
    heatmap.setData(std::make_shared<HeatmapData>(HeatmapData::fromOutlierMap(outlierMap(m_fake, TensorRole::FfnUp))));
    QVERIFY(saveWidgetPng(&heatmap, shotPath(QStringLiteral("export-heatmap")), QSize(900, 340)));

    HistogramChartView histogram;
    histogram.setStats(tensorStatsSnapshot(m_fake.stats, m_fake.indexOf("model.layers.6.self_attn.v_proj.weight")));
    const QString svg = QDir(m_shotDir).filePath(QStringLiteral("export-histogram.svg"));
    QVERIFY(saveWidgetSvg(&histogram, svg, QSize(800, 450), QStringLiteral("v_proj weight histogram")));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("<svg"));
    QVERIFY(text.contains("v_proj weight histogram"));
    QVERIFY(text.contains("weight value")); // axis titles are text, not pixels
    QVERIFY(text.contains("Gaussian, same mean and std"));
    QVERIFY2(!text.contains("..."), "the first export of a never-shown chart elided its legend");
    QVERIFY(saveWidgetPng(&histogram, shotPath(QStringLiteral("export-histogram")), QSize(800, 450)));
    QVERIFY(!saveWidgetPng(nullptr, png, QSize(10, 10)));
}

QTEST_MAIN(TestViews)
#include "tst_views.moc"
