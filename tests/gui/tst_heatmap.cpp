// The heatmap, offscreen: the colormaps, the max-pooling pyramid keeping a single outlier
// cell visible, the widget's zoom, pan, tooltips and log scale, and screenshots
// (into $BITCLIFF_SCREENSHOT_DIR when set, to be looked at).
#include "colormap.h"
#include "guitestutils.h"
#include "heatmapdata.h"
#include "heatmappyramid.h"
#include "heatmapwidget.h"
#include "report/modelanalysis.h"
#include "support/fakemodel.h"

#include <QApplication>
#include <QColor>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <future>
#include <limits>
#include <memory>
#include <random>

using namespace bitcliff;
using namespace bitcliff::test;

namespace {

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

bool isBright(QRgb c)
{
    return qRed(c) > 200 && qGreen(c) > 180 && qBlue(c) < 120;
} // viridis' yellow end

} // namespace

class TestHeatmap : public QObject
{
    Q_OBJECT

public:
    static void initMain() { initGuiTestMain(); }

private slots:
    void initTestCase();
    void colormap();
    void pyramidKeepsSpike();
    void heatmapSpikeVisibleZoomedOut();
    void heatmapToolTip();
    void heatmapZoomAndPan();
    void heatmapLogScale();
    void legendLabelsTellValuesApart();
    void sharedColorScale();
    void outlierMapRelativeToMedian();
    void screenshots();

private:
    FakeModel m_fake;
    ShotDir m_shots;
};

void TestHeatmap::initTestCase()
{
    m_fake = makeFakeModel();
    QVERIFY(m_shots.init());
}

void TestHeatmap::colormap()
{
    // matplotlib's end points: viridis #440154 -> #fde725, magma #000004 -> #fcfdbf.
    auto near = [](QRgb a, QRgb b) {
        return std::abs(qRed(a) - qRed(b)) <= 5 && std::abs(qGreen(a) - qGreen(b)) <= 5
            && std::abs(qBlue(a) - qBlue(b)) <= 5;
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

void TestHeatmap::pyramidKeepsSpike()
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

void TestHeatmap::heatmapSpikeVisibleZoomedOut()
{
    // The pyramid is immutable: built in a worker, handed to the widget.
    std::shared_ptr<const HeatmapData> data = spikeData(17, 9001);
    auto built = std::async(std::launch::async, [data] { return std::make_shared<const HeatmapPyramid>(data); });
    HeatmapWidget widget;
    widget.setPyramid(built.get());
    QCOMPARE(widget.data(), data);
    m_shots.grab(&widget, QSize(900, 420), QStringLiteral("heatmap-spike"));
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

void TestHeatmap::heatmapToolTip()
{
    auto data = spikeData(17, 9001);
    data->values[size_t(7) * size_t(data->cols) + 1234] = 0.532f;
    HeatmapWidget widget;
    widget.setData(data);
    widget.resize(900, 420);
    const QRect plot = widget.plotRect();

    // Zoomed out, a pixel names the largest of its cells: the spike.
    const QPoint spikePixel(
        plot.left() + int(9001.5 / 14336.0 * plot.width()), plot.top() + int(17.5 / 32.0 * plot.height()));
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

void TestHeatmap::heatmapZoomAndPan()
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
    QMouseEvent move(QEvent::MouseMove, QPointF(start + QPoint(-100, 0)),
        widget.mapToGlobal(QPointF(start + QPoint(-100, 0))), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
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

void TestHeatmap::heatmapLogScale()
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

void TestHeatmap::screenshots()
{
    HeatmapWidget heatmap;
    heatmap.setData(std::make_shared<HeatmapData>(HeatmapData::fromOutlierMap(outlierMap(m_fake, TensorRole::AttnQ))));
    m_shots.grab(&heatmap, QSize(1000, 380), QStringLiteral("heatmap-attn_q"));
    heatmap.setLogScale(true);
    m_shots.grab(&heatmap, QSize(1000, 380), QStringLiteral("heatmap-attn_q-log"));
    // A layer without this tensor (hybrid architectures) is a row of missing cells.
    auto gappy = std::make_shared<HeatmapData>(HeatmapData::fromOutlierMap(outlierMap(m_fake, TensorRole::AttnK)));
    std::fill_n(gappy->values.begin() + 5 * gappy->cols, gappy->cols, std::numeric_limits<float>::quiet_NaN());
    heatmap.setData(gappy);
    m_shots.grab(&heatmap, QSize(1000, 380), QStringLiteral("heatmap-attn_k-missing-layer"));
    heatmap.setData(
        std::make_shared<HeatmapData>(HeatmapData::fromOutlierMap(outlierMap(m_fake, TensorRole::FfnDown))));
    heatmap.setVisibleRegion(QRectF(7800, 0, 200, 8));
    m_shots.grab(&heatmap, QSize(1000, 380), QStringLiteral("heatmap-ffn_down-zoomed"));
}

QTEST_MAIN(TestHeatmap)
#include "tst_heatmap.moc"

void TestHeatmap::legendLabelsTellValuesApart()
{
    // A 0.05 dB range: more digits, not "23.1 / 23.1 / 23.1".
    const ColorLegend narrow(Colormap::Kind::Viridis, 23.10, 23.10, 23.15, false, QStringLiteral("SQNR (dB)"));
    const QStringList labels = narrow.tickLabels();
    QCOMPARE(labels.size(), 3);
    QVERIFY2(labels[0] != labels[1] && labels[1] != labels[2], qPrintable(labels.join(QStringLiteral(" / "))));
    QVERIFY(!narrow.isFlat());
    // A wide range keeps three significant digits.
    QCOMPARE(ColorLegend(Colormap::Kind::Viridis, 0.0, 1.0, 20.0, false, QString()).tickLabels(),
        QStringList({ QStringLiteral("0"), QStringLiteral("10"), QStringLiteral("20") }));
    // A flat range has one tick and says so.
    const ColorLegend flat(Colormap::Kind::Viridis, 23.1, 23.1, 23.1 + 1e-9, false, QStringLiteral("SQNR (dB)"));
    QVERIFY(flat.isFlat());
    QCOMPARE(flat.tickLabels().size(), 1);
    QVERIFY(flat.title().contains(QStringLiteral("flat")));
    QCOMPARE(flat.position(23.1), 0.5);
}

void TestHeatmap::sharedColorScale()
{
    HeatmapData a;
    a.rows = 1;
    a.cols = 2;
    a.values = { 1.0f, 2.0f };
    HeatmapData b = a;
    b.values = { 0.5f, 8.0f };
    HeatmapData::shareColorScale(a, b);
    HeatmapWidget left;
    HeatmapWidget right;
    left.setData(std::make_shared<const HeatmapData>(a));
    right.setData(std::make_shared<const HeatmapData>(b));
    for (const HeatmapWidget *map : { &left, &right }) {
        QCOMPARE(map->colorLegend()->low(), 0.5);
        QCOMPARE(map->colorLegend()->high(), 8.0);
    }
}

void TestHeatmap::outlierMapRelativeToMedian()
{
    const auto stats = m_fake.stats;
    const OutlierMap map = outlierMap(m_fake, TensorRole::AttnQ);
    const HeatmapData data = app::relativeOutlierHeatmap(map, *stats);
    // Every layer's channels in units of its median channel; the rule's k marked on the bar.
    QCOMPARE(data.marker, stats->rule.k);
    QVERIFY(data.markerLabel.contains(QStringLiteral("k")));
    QVERIFY(data.scaleMax >= stats->rule.k);
    const int q3 = m_fake.indexOf("model.layers.3.self_attn.q_proj.weight");
    const TensorStats &t = stats->tensors[size_t(q3)];
    const int row = int(std::find(map.layerIds.begin(), map.layerIds.end(), 3) - map.layerIds.begin());
    const int64_t channel = kOutlierChannels[0];
    QVERIFY(std::abs(data.at(row, int(channel)) - t.cols.absmax[size_t(channel)] / t.cols.medianAbsmax) < 1e-4);
    QVERIFY(data.at(row, int(channel)) > float(stats->rule.k));
    QVERIFY(!data.title.contains(QStringLiteral("no outlier")));
    HeatmapWidget widget;
    widget.setData(std::make_shared<const HeatmapData>(data));
    QCOMPARE(widget.colorLegend()->high(), data.scaleMax);
    m_shots.grab(&widget, QSize(1000, 380), QStringLiteral("heatmap-relative-attn_q"));

    // With k so high that no channel reaches it, the map says so, and nothing reaches the
    // top of the scale.
    const auto strict = withOutlierRule(*stats, OutlierRule { 200.0 });
    const HeatmapData none
        = app::relativeOutlierHeatmap(outlierMap(FakeModel { m_fake.model, strict }, TensorRole::AttnQ), *strict);
    QVERIFY2(none.title.contains(QStringLiteral("no outlier channels at k = 200")), qPrintable(none.title));
    for (float v : none.values)
        QVERIFY(!(v > 0.8f * float(none.scaleMax)));
    widget.setData(std::make_shared<const HeatmapData>(none));
    m_shots.grab(&widget, QSize(1000, 380), QStringLiteral("heatmap-relative-no-outliers"));
}
