// The quantization views, offscreen: the SQNR overview (shape, role columns, layer rows,
// missing kept tensors, the tensor index behind each cell), the error grid and difference
// heatmaps (labels, sign, regrouping), named columns and the diverging legend in the heatmap
// widget, and the per-channel error scatter; screenshots go to $BITCLIFF_SCREENSHOT_DIR.
#include "channelerrorscatter.h"
#include "chartexport.h"
#include "colormap.h"
#include "guitestutils.h"
#include "heatmappyramid.h"
#include "heatmapwidget.h"
#include "quantheatmaps.h"
#include "support/fakemodel.h"
#include "tensorsnapshot.h"

#include <QChart>
#include <QElapsedTimer>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <random>
#include <set>

using namespace bitcliff;
using namespace bitcliff::test;

namespace {

// A tensor's error from a per-element squared error e2(row, col), as TensorErrorBuilder
// would report it (the SQNR is set by the caller).
using SquaredError = std::function<double(int64_t row, int64_t col)>;

TensorError makeError(int64_t rows, int64_t cols, int64_t groupLength, const SquaredError &e2)
{
    TensorError e;
    e.count = rows * cols;
    e.groupLength = groupLength;
    const int64_t groups = (cols + groupLength - 1) / groupLength;
    e.groupMse = { rows, groups, std::vector<float>(size_t(rows * groups)) };
    e.rowMse.assign(size_t(rows), 0.0f);
    std::vector<double> colSum(size_t(cols), 0.0);
    double total = 0.0;
    for (int64_t r = 0; r < rows; ++r) {
        double rowSum = 0.0;
        for (int64_t g = 0; g < groups; ++g) {
            const int64_t begin = g * groupLength, end = std::min(cols, begin + groupLength);
            double sum = 0.0;
            for (int64_t c = begin; c < end; ++c) {
                const double v = e2(r, c);
                sum += v;
                colSum[size_t(c)] += v;
            }
            e.groupMse.values[size_t(r * groups + g)] = float(sum / double(end - begin));
            rowSum += sum;
        }
        e.rowMse[size_t(r)] = float(rowSum / double(cols));
        total += rowSum;
    }
    for (double s : colSum)
        e.colMse.push_back(float(s / double(rows)));
    e.mse = total / double(e.count);
    e.sqnrDb = 30.0;
    return e;
}

// A report over the fake Llama: every linear weight quantized with SQNR 20 + layer + role/10,
// except layer 2's k_proj (kept) and layer 5's v_proj (exact: infinite SQNR).
QuantReport makeReport(const FakeModel &fake)
{
    QuantReport report;
    report.model = fake.model;
    report.scheme = QuantScheme::parse("q4_k");
    for (const TensorInfo &t : fake.model->tensors()) {
        TensorQuantResult r;
        r.name = t.name;
        r.quantized = t.shape.size() == 2;
        r.error.sqnrDb = 20.0 + t.layer + 0.1 * int(t.role);
        if (t.layer == 2 && t.role == TensorRole::AttnK) {
            r.quantized = false;
            r.keptReason = "kept for the test";
        }
        if (t.layer == 5 && t.role == TensorRole::AttnV)
            r.error.sqnrDb = std::numeric_limits<double>::infinity();
        report.tensors.push_back(r);
    }
    return report;
}

// RTN-like per-channel error of one tensor: each channel loses (group absmax / 7)^2 / 12,
// so the outlier channels spoil their whole 128-channel group.
TensorError scatterError(const TensorStats &stats, int64_t rows)
{
    const auto &absmax = stats.cols.absmax;
    const int64_t cols = int64_t(absmax.size());
    std::vector<double> groupMax(size_t((cols + 127) / 128), 0.0);
    for (int64_t c = 0; c < cols; ++c)
        groupMax[size_t(c / 128)] = std::max(groupMax[size_t(c / 128)], double(absmax[size_t(c)]));
    std::mt19937 rng(3);
    std::lognormal_distribution<double> noise(0.0, 0.25);
    std::vector<double> colNoise(static_cast<size_t>(cols));
    for (double &v : colNoise)
        v = noise(rng);
    return makeError(rows, cols, 128, [&](int64_t, int64_t c) {
        const double scale = groupMax[size_t(c / 128)] / 7.0;
        return scale * scale / 12.0 * colNoise[size_t(c)];
    });
}

int countPixels(const QImage &image, const QRect &area, const std::function<bool(QRgb)> &test)
{
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            n += test(image.pixel(x, y)) ? 1 : 0;
    return n;
}

} // namespace

class TestQuantViews : public QObject
{
    Q_OBJECT

public:
    static void initMain() { initGuiTestMain(); }

private slots:
    void initTestCase();
    void divergingColormap();
    void overview();
    void errorGrid();
    void difference();
    void differenceRegroups();
    void namedColumnsPaint();
    void divergingLegend();
    void scatter();
    void scatterZeros();

private:
    FakeModel m_fake;
    ShotDir m_shots;
};

void TestQuantViews::initTestCase()
{
    m_fake = makeFakeModel();
    QVERIFY(m_shots.init());
}

void TestQuantViews::divergingColormap()
{
    const Colormap &map = Colormap::diverging();
    QCOMPARE(&Colormap::get(Colormap::Kind::Diverging), &map);
    QCOMPARE(map.map(0.0), qRgb(0x05, 0x30, 0x61)); // RdBu_r: dark blue ...
    QCOMPARE(map.map(1.0), qRgb(0x67, 0x00, 0x1f)); // ... to dark red
    const QColor middle = map.color(0.5);
    QVERIFY(middle.lightness() > 235); // white in the middle
    // Lightness rises to the centre and falls after it, about equally on both sides.
    for (int i = 1; i < Colormap::kSize; ++i) {
        const int a = QColor(map.table()[size_t(i - 1)]).lightness();
        const int b = QColor(map.table()[size_t(i)]).lightness();
        QVERIFY2(i <= 128 ? b >= a - 1 : b <= a + 1, qPrintable(QString::number(i)));
    }
    for (double t : { 0.1, 0.25, 0.4 })
        QVERIFY(std::abs(map.color(t).lightness() - map.color(1.0 - t).lightness()) < 25);
    QVERIFY(qBlue(map.map(0.2)) > qRed(map.map(0.2)));
    QVERIFY(qRed(map.map(0.8)) > qBlue(map.map(0.8)));
}

void TestQuantViews::overview()
{
    const QuantReport report = makeReport(m_fake);
    const OverviewHeatmap overview = sqnrOverviewHeatmap(report);
    const HeatmapData &d = overview.data;
    QVERIFY(d.isValid());
    QCOMPARE(d.rows, kLayers);
    QCOMPARE(d.cols, 7);
    QCOMPARE(d.colNames, (QStringList { "attn_q", "attn_k", "attn_v", "attn_o", "ffn_gate", "ffn_up", "ffn_down" }));
    QCOMPARE(d.rowNames, (QStringList { "0", "1", "2", "3", "4", "5", "6", "7" }));
    QCOMPARE(d.title, QStringLiteral("SQNR by layer and role \u2014 q4_k"));
    QCOMPARE(d.valueLabel, QStringLiteral("SQNR (dB)"));
    QCOMPARE(overview.tensorIndex.size(), size_t(d.rows * d.cols));

    // Every cell points at its tensor; the values are the tensors' SQNR.
    QCOMPARE(overview.tensorAt(3, 6), m_fake.indexOf("model.layers.3.mlp.down_proj.weight"));
    QCOMPARE(overview.tensorAt(0, 0), m_fake.indexOf("model.layers.0.self_attn.q_proj.weight"));
    QCOMPARE(d.at(3, 6), float(20.0 + 3 + 0.1 * int(TensorRole::FfnDown)));
    QCOMPARE(d.at(7, 3), float(20.0 + 7 + 0.1 * int(TensorRole::AttnO)));
    // Kept: missing but still clickable through the index; exact: missing, and said so.
    QVERIFY(std::isnan(d.at(2, 1)));
    QCOMPARE(overview.tensorAt(2, 1), m_fake.indexOf("model.layers.2.self_attn.k_proj.weight"));
    QVERIFY(std::isnan(d.at(5, 2)));
    QCOMPARE(overview.tensorAt(5, 2), m_fake.indexOf("model.layers.5.self_attn.v_proj.weight"));
    QVERIFY(d.missingLabel.contains(QStringLiteral("\u221e")));
    int missing = 0;
    for (float v : d.values)
        missing += std::isnan(v) ? 1 : 0;
    QCOMPARE(missing, 2);
    QCOMPARE(overview.tensorAt(-1, 0), -1);
    QCOMPARE(overview.tensorAt(0, 7), -1);

    // A layer without some roles (a hybrid model's attention-free block): -1 behind the cell.
    QuantReport partial = report;
    for (size_t i = 0; i < partial.tensors.size(); ++i)
        if (m_fake.model->tensors()[i].layer == 4 && m_fake.model->tensors()[i].role == TensorRole::AttnQ)
            partial.tensors[i].quantized = false;
    QVERIFY(std::isnan(sqnrOverviewHeatmap(partial).data.at(4, 0)));
    QuantReport none;
    none.scheme = report.scheme;
    QVERIFY(!sqnrOverviewHeatmap(none).data.isValid());
    // A report of a recipe (gptq on the scheme's grid) is titled by the recipe.
    QuantReport recipe = report;
    recipe.label = "gptq:b4:g128:sym";
    QCOMPARE(sqnrOverviewHeatmap(recipe).data.title, QStringLiteral("SQNR by layer and role \u2014 gptq:b4:g128:sym"));

    HeatmapWidget widget;
    widget.setData(std::make_shared<HeatmapData>(d));
    m_shots.grab(&widget, QSize(640, 420), QStringLiteral("quant-overview"));
    const QRect plot = widget.plotRect();
    // Clicking a cell names the role and the layer.
    const QPoint cell(plot.left() + int(6.5 / 7 * plot.width()), plot.top() + int(3.5 / 8 * plot.height()));
    QVERIFY2(widget.toolTipAt(cell).startsWith(QStringLiteral("layer 3, role ffn_down: 23.6")),
        qPrintable(widget.toolTipAt(cell)));
    const QPoint kept(plot.left() + int(1.5 / 7 * plot.width()), plot.top() + int(2.5 / 8 * plot.height()));
    QVERIFY2(widget.toolTipAt(kept).contains(d.missingLabel), qPrintable(widget.toolTipAt(kept)));
}

void TestQuantViews::errorGrid()
{
    const TensorError e = makeError(64, 512, 128, [](int64_t r, int64_t c) { return 1e-6 * double(1 + r + c / 128); });
    const HeatmapData d = errorGridHeatmap(e, QStringLiteral("blk.0.attn_q.weight"), QStringLiteral("rtn:b4:g128"));
    QVERIFY(d.isValid());
    QCOMPARE(d.rows, 64);
    QCOMPARE(d.cols, 4);
    QCOMPARE(d.rowLabel, QStringLiteral("output channel"));
    QCOMPARE(d.colLabel, QStringLiteral("group of 128 input channels"));
    QCOMPARE(d.valueLabel, QStringLiteral("MSE"));
    QCOMPARE(d.title, QStringLiteral("blk.0.attn_q.weight \u2014 rtn:b4:g128"));
    QCOMPARE(d.colNames, (QStringList { "0\u2013127", "128\u2013255", "256\u2013383", "384\u2013511" }));
    QCOMPARE(d.at(10, 2), float(1e-6 * 13));
    QVERIFY(!d.diverging);

    const TensorError perChannel = makeError(8, 16, 1, [](int64_t, int64_t) { return 1.0; });
    const HeatmapData p = errorGridHeatmap(perChannel, QStringLiteral("t"), QStringLiteral("fp8"));
    QCOMPARE(p.colLabel, QStringLiteral("input channel"));
    QVERIFY(p.colNames.isEmpty());
    QCOMPARE(p.cols, 16);
    QVERIFY(!errorGridHeatmap(TensorError {}, QStringLiteral("t"), QStringLiteral("fp8")).isValid());

    // A tall grid (14336 output channels x 32 groups) with one bad group.
    const TensorError tall = makeError(14336, 4096, 128, [](int64_t r, int64_t c) {
        return (r == 9000 && c / 128 == 17) ? 4e-4 : 1e-6 * (1.0 + 0.3 * std::sin(double(r) * 0.01 + double(c)));
    });
    HeatmapWidget widget;
    const QString name = QStringLiteral("model.layers.3.mlp.gate_proj.weight");
    widget.setData(std::make_shared<HeatmapData>(errorGridHeatmap(tall, name, QStringLiteral("rtn:b4:g128"))));
    m_shots.grab(&widget, QSize(900, 420), QStringLiteral("quant-error-grid"));
}

void TestQuantViews::difference()
{
    // B has 10x the error of A in the top half, a tenth of it in the bottom half.
    const TensorError a = makeError(32, 256, 64, [](int64_t, int64_t) { return 1e-4; });
    const TensorError b = makeError(32, 256, 64, [](int64_t r, int64_t) { return r < 16 ? 1e-3 : 1e-5; });
    const HeatmapData d
        = errorDifferenceHeatmap(a, b, QStringLiteral("q4_0"), QStringLiteral("q3_k"), QStringLiteral("w"));
    QVERIFY(d.isValid());
    QVERIFY(d.diverging);
    QCOMPARE(d.center, 0.0f);
    QCOMPARE(d.rows, 32);
    QCOMPARE(d.cols, 4);
    QCOMPARE(d.valueLabel, QStringLiteral("log10(MSE q3_k / MSE q4_0)"));
    QVERIFY(std::abs(d.at(0, 0) - 1.0f) < 1e-5f); // B worse: positive
    QVERIFY(std::abs(d.at(31, 3) + 1.0f) < 1e-5f); // B better: negative

    // Zero MSE counts as 1e-30: both exact gives 0, only A exact a large finite value.
    TensorError za = a;
    TensorError zb = b;
    za.groupMse.values[0] = 0.0f;
    zb.groupMse.values[0] = 0.0f;
    za.groupMse.values[1] = 0.0f;
    const HeatmapData z = errorDifferenceHeatmap(za, zb, QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("w"));
    QCOMPARE(z.at(0, 0), 0.0f);
    QVERIFY(std::isfinite(z.at(0, 1)) && z.at(0, 1) > 20.0f);

    // Other shapes cannot be compared.
    const TensorError other = makeError(16, 256, 64, [](int64_t, int64_t) { return 1.0; });
    QVERIFY(!errorDifferenceHeatmap(a, other, QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("w")).isValid());
}

void TestQuantViews::differenceRegroups()
{
    // A per 32 channels, B per 128: A is regrouped to 128 by the element-weighted mean.
    const TensorError a = makeError(4, 256, 32, [](int64_t, int64_t c) { return c < 32 ? 8e-4 : 1e-4; });
    const TensorError b = makeError(4, 256, 128, [](int64_t, int64_t) { return 2e-4; });
    const HeatmapData d
        = errorDifferenceHeatmap(a, b, QStringLiteral("rtn:g32"), QStringLiteral("rtn:g128"), QStringLiteral("w"));
    QCOMPARE(d.cols, 2);
    QCOMPARE(d.rows, 4);
    QCOMPARE(d.colLabel, QStringLiteral("group of 128 input channels"));
    QCOMPARE(d.colNames, (QStringList { "0\u2013127", "128\u2013255" }));
    // Group 0 of A: (32 * 8e-4 + 96 * 1e-4) / 128 = 2.75e-4; group 1: 1e-4.
    QVERIFY(std::abs(d.at(0, 0) - float(std::log10(2e-4 / 2.75e-4))) < 1e-4f);
    QVERIFY(std::abs(d.at(2, 1) - float(std::log10(2.0))) < 1e-4f);
    // The same with the roles swapped: the sign flips.
    const HeatmapData r
        = errorDifferenceHeatmap(b, a, QStringLiteral("rtn:g128"), QStringLiteral("rtn:g32"), QStringLiteral("w"));
    QVERIFY(std::abs(r.at(0, 0) + d.at(0, 0)) < 1e-6f);

    // Lengths that do not divide each other (96 vs 128 over 384 channels): overlap-weighted.
    const TensorError c96 = makeError(2, 384, 96, [](int64_t, int64_t c) { return c < 96 ? 4e-4 : 1e-4; });
    const TensorError c128 = makeError(2, 384, 128, [](int64_t, int64_t) { return 1e-4; });
    const HeatmapData o
        = errorDifferenceHeatmap(c96, c128, QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("w"));
    QCOMPARE(o.cols, 3);
    QVERIFY(std::abs(o.at(0, 0) - float(std::log10(1e-4 / ((96 * 4e-4 + 32 * 1e-4) / 128)))) < 1e-4f);
    QVERIFY(std::abs(o.at(1, 2)) < 1e-5f);
}

void TestQuantViews::namedColumnsPaint()
{
    const OverviewHeatmap overview = sqnrOverviewHeatmap(makeReport(m_fake));
    HeatmapWidget widget;
    widget.setData(std::make_shared<HeatmapData>(overview.data));
    m_shots.grab(&widget, QSize(560, 360), QStringLiteral("quant-overview-small"));
    const QImage image = widget.grab().toImage();
    const QRect plot = widget.plotRect();
    // Every role is written under its own column (on two alternating lines when the names
    // are wider than the cells): ink in the label band under each column's centre.
    const QFontMetrics fm = widget.fontMetrics();
    const double perCell = plot.width() / 7.0;
    const bool twoLines = fm.horizontalAdvance(QStringLiteral("ffn_down")) + 8 > perCell;
    const QRgb background = image.pixel(2, image.height() - 2);
    for (int c = 0; c < 7; ++c) {
        const int centre = plot.left() + int((c + 0.5) * perCell);
        const int line = twoLines && c % 2 ? fm.height() : 0;
        const QRect label(centre - int(perCell / 2) + 2, plot.bottom() + 8 + line, int(perCell) - 4, fm.height());
        const int ink = countPixels(image, label, [&](QRgb p) { return p != background; });
        QVERIFY2(ink > 20, qPrintable(QStringLiteral("no label under column %1").arg(c)));
    }
    // The axis title sits below the labels.
    const QRect title(plot.left(), plot.bottom() + 8 + fm.height() * (twoLines ? 2 : 1) + 4, plot.width(), fm.height());
    QVERIFY(countPixels(image, title, [&](QRgb p) { return p != background; }) > 20);
    QVERIFY(title.bottom() < image.height());
    // Nothing drawn at the right edge (the legend and its title fit inside).
    const QRect edge(image.width() - 2, 0, 2, image.height());
    QCOMPARE(countPixels(image, edge, [&](QRgb p) { return p != background; }), 0);
}

void TestQuantViews::divergingLegend()
{
    // log10 ratios: down to -0.8 on the left half, up to +0.5 on the right, one cell at +1;
    // the legend spans [-1, 1], white at 0.
    const TensorError a = makeError(64, 1024, 128, [](int64_t, int64_t) { return 1e-4; });
    const TensorError b = makeError(64, 1024, 128, [](int64_t r, int64_t c) {
        if (r == 40 && c / 128 == 5)
            return 1e-3;
        const double exponent = c / 128 < 4 ? -0.8 * double(r) / 63.0 : 0.5 * double(r) / 63.0;
        return 1e-4 * std::pow(10.0, exponent);
    });
    const QString tensor = QStringLiteral("blk.0.ffn_down.weight");
    auto data = std::make_shared<HeatmapData>(
        errorDifferenceHeatmap(a, b, QStringLiteral("q4_k"), QStringLiteral("q3_k"), tensor));
    HeatmapWidget widget;
    widget.setData(data);
    widget.setLogScale(true); // ignored for a difference
    widget.resize(900, 420);
    const std::optional<ColorLegend> legend = widget.colorLegend();
    QVERIFY(legend);
    QVERIFY(legend->isDiverging());
    QVERIFY(!legend->isLog());
    QVERIFY(std::abs(legend->high() - 1.0) < 1e-4);
    QCOMPARE(legend->low(), -legend->high());
    QCOMPARE(legend->position(0.0), 0.5);
    QCOMPARE(legend->position(legend->low()), 0.0);

    // In the picture: the centre of the color bar is white, its top red, its bottom blue;
    // the left half of the plot is blue, the right half red.
    const QImage image = widget.grab().toImage();
    const QRect plot = widget.plotRect();
    const int barX = plot.right() + 16 + 7;
    const QColor top = image.pixelColor(barX, plot.top() + 2);
    const QColor middle = image.pixelColor(barX, plot.center().y());
    const QColor bottom = image.pixelColor(barX, plot.bottom() - 2);
    QVERIFY2(top.red() > 80 && top.blue() < 60, qPrintable(top.name()));
    QVERIFY2(middle.lightness() > 230, qPrintable(middle.name()));
    QVERIFY2(bottom.blue() > 80 && bottom.red() < 30, qPrintable(bottom.name()));
    const QImage plotImage = image.copy(plot);
    const QRect left = plotImage.rect().adjusted(0, 0, -plotImage.width() / 2, 0);
    const QRect right = plotImage.rect().adjusted(plotImage.width() / 2, 0, 0, 0);
    const auto bluish = [](QRgb p) {
        return qBlue(p) > qRed(p) + 40;
    };
    const auto reddish = [](QRgb p) {
        return qRed(p) > qBlue(p) + 40;
    };
    QVERIFY(countPixels(plotImage, left, bluish) > left.width() * left.height() / 4);
    QVERIFY(countPixels(plotImage, right, reddish) > right.width() * right.height() / 8);
    const QPoint spike(plot.left() + int(5.5 / 8 * plot.width()), plot.top() + int(40.5 / 64 * plot.height()));
    const QString spikeTip = widget.toolTipAt(spike);
    QVERIFY2(spikeTip.startsWith(QStringLiteral("output channel 40, group of 128 input channels 640\u2013767: 1")),
        qPrintable(spikeTip));
    m_shots.grab(&widget, QSize(900, 420), QStringLiteral("quant-difference"));

    // Zoomed out, a diverging map keeps the cell farthest from the centre, of either sign.
    auto pairs = std::make_shared<HeatmapData>();
    pairs->rows = 2;
    pairs->cols = 4;
    pairs->values = { -3.0f, 1.0f, 0.5f, 0.2f, 1.0f, 0.5f, -0.1f, 2.0f };
    pairs->diverging = true;
    HeatmapPyramid pyramid(pairs);
    QCOMPARE(pyramid.pool(QRectF(0, 0, 4, 2), QSize(1, 1)).front(), -3.0f);
    QCOMPARE(pyramid.pool(QRectF(2, 0, 2, 2), QSize(1, 1)).front(), 2.0f);
    QCOMPARE(pyramid.level(pyramid.levelCount() - 1).at(0, 0), -3.0f);
    QCOMPARE(pyramid.maxCell(0, 2, 0, 4).value, -3.0f);
    pairs->center = 1.0f; // now -0.1 is the farthest of 0.5, 0.2, -0.1 and 2.0
    QCOMPARE(HeatmapPyramid(pairs).pool(QRectF(2, 0, 2, 2), QSize(1, 1)).front(), -0.1f);
}

void TestQuantViews::scatter()
{
    const int down = m_fake.indexOf("model.layers.3.mlp.down_proj.weight");
    const std::shared_ptr<const TensorStats> stats = tensorStatsSnapshot(m_fake.stats, down);
    QVERIFY(stats && stats->computed);
    const int64_t cols = int64_t(stats->cols.absmax.size());
    QCOMPARE(cols, kFfn);
    auto error = std::make_shared<const TensorError>(scatterError(*stats, 64));

    ChannelErrorScatterView view;
    QElapsedTimer timer;
    timer.start();
    view.setData(error, stats, QStringLiteral("model.layers.3.mlp.down_proj.weight \u2014 rtn:b4:g128"));
    const qint64 setMs = timer.restart();
    view.resize(900, 520);
    const QImage image = view.grab().toImage();
    const qint64 firstPaintMs = timer.restart();
    view.grab();
    const qint64 repaintMs = timer.elapsed();
    qInfo("14336-point scatter: setData %lld ms, first paint %lld ms, repaint %lld ms", static_cast<long long>(setMs),
        static_cast<long long>(firstPaintMs), static_cast<long long>(repaintMs));
    QVERIFY(setMs + firstPaintMs < 3000);
    QVERIFY(!image.isNull());

    const auto &outliers = stats->cols.outliers;
    QVERIFY(!outliers.empty());
    QCOMPARE(view.titleText(), QStringLiteral("model.layers.3.mlp.down_proj.weight \u2014 rtn:b4:g128"));
    // The caption says what is plotted, under the title.
    QVERIFY(view.chart()->title().startsWith(view.titleText()));
    QVERIFY(view.chart()->title().contains(QStringLiteral("quantization MSE against weight absmax")));
    QCOMPARE(qsizetype(view.outlierSeries()->count()), qsizetype(outliers.size()));
    QCOMPARE(qsizetype(view.channelSeries()->count() + view.outlierSeries()->count()), qsizetype(cols));
    QCOMPARE(view.zeroChannelCount(), 0);
    QCOMPARE(view.zeroSeries()->count(), 0);
    // The outlier series holds exactly the outlier channels: their (absmax, MSE) points.
    std::set<std::pair<double, double>> expected;
    for (int64_t c : outliers)
        expected.insert({ stats->cols.absmax[size_t(c)], error->colMse[size_t(c)] });
    std::set<std::pair<double, double>> shown;
    for (const QPointF &p : view.outlierSeries()->points())
        shown.insert({ p.x(), p.y() });
    QVERIFY(shown == expected);
    QVERIFY(view.outlierSeries()->name().contains(QString::number(kDownOutlier)));

    // Log axes on both sides, covering every point, with their titles.
    const auto axes = view.chart()->axes();
    QCOMPARE(axes.size(), 2);
    for (QAbstractAxis *axis : axes)
        QVERIFY(qobject_cast<QLogValueAxis *>(axis));
    QCOMPARE(view.xAxis()->titleText(), QStringLiteral("input-channel absmax |w|"));
    QCOMPARE(view.yAxis()->titleText(), QStringLiteral("per-channel MSE"));
    for (const QPointF &p : view.channelSeries()->points()) {
        QVERIFY(p.x() >= view.xAxis()->min() && p.x() <= view.xAxis()->max());
        QVERIFY(p.y() >= view.yAxis()->min() && p.y() <= view.yAxis()->max());
    }
    QCOMPARE(view.meanSeries()->count(), 2);
    QVERIFY(std::abs(view.meanSeries()->at(0).y() - error->mse) < 1e-6 * error->mse);
    m_shots.grab(&view, QSize(900, 520), QStringLiteral("quant-channel-scatter"));
    // Exported without ever being shown, at print resolution: the dots are drawn too.
    ChannelErrorScatterView exported;
    exported.setData(error, stats, QStringLiteral("model.layers.3.mlp.down_proj.weight \u2014 rtn:b4:g128"));
    const QString png = m_shots.path(QStringLiteral("quant-channel-scatter-export"));
    QVERIFY(saveWidgetPng(&exported, png, QSize(800, 480), 2.0));
    const QImage printed(png);
    QCOMPARE(printed.size(), QSize(1600, 960));
    QVERIFY(countPixels(printed, printed.rect(), [](QRgb p) { return qBlue(p) > 150 && qRed(p) < 120; }) > 2000);

    // Empty states: no tensor, and no statistics to plot against.
    view.setData(nullptr, nullptr, QString());
    QCOMPARE(view.channelSeries()->count(), 0);
    QCOMPARE(view.chart()->title(), QStringLiteral("No tensor selected"));
    view.setData(error, nullptr, QStringLiteral("w"));
    QCOMPARE(view.channelSeries()->count(), 0);
    QVERIFY(view.chart()->title().contains(QStringLiteral("statistics")));
}

void TestQuantViews::scatterZeros()
{
    // A small tensor with a dead channel (absmax 0, error 0) and an exact one (error 0).
    auto stats = std::make_shared<TensorStats>();
    stats->name = "w";
    stats->computed = true;
    stats->cols.absmax = { 0.1f, 0.2f, 0.0f, 0.05f, 2.0f, 0.15f };
    stats->cols.outliers = { 4 };
    auto error = std::make_shared<TensorError>();
    error->colMse = { 1e-5f, 3e-5f, 0.0f, 0.0f, 2e-3f, 2e-5f };
    error->mse = 0.0;
    for (float v : error->colMse)
        error->mse += v / 6.0;
    ChannelErrorScatterView view;
    view.setData(error, stats, QStringLiteral("w \u2014 fp8"));
    QCOMPARE(view.zeroChannelCount(), 2);
    QCOMPARE(view.zeroSeries()->count(), 2);
    QCOMPARE(view.channelSeries()->count(), 3);
    QCOMPARE(view.outlierSeries()->count(), 1);
    // Zeros sit below every other point, inside the axes.
    for (const QPointF &p : view.zeroSeries()->points()) {
        QVERIFY(p.x() > 0.0 && p.y() > 0.0);
        QVERIFY(p.x() >= view.xAxis()->min() && p.y() >= view.yAxis()->min());
        QVERIFY(p.x() < 0.05 || p.y() < 1e-5);
    }
    QVERIFY(view.zeroSeries()->name().contains(QStringLiteral("floor")));
    m_shots.grab(&view, QSize(700, 460), QStringLiteral("quant-channel-scatter-zeros"));
    const auto markers = view.chart()->legend()->markers(view.zeroSeries());
    QCOMPARE(markers.size(), 1);
    QVERIFY(markers.front()->isVisible()); // hidden while there are no such channels
}

QTEST_MAIN(TestQuantViews)
#include "tst_quantviews.moc"
