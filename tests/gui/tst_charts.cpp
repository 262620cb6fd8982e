// The charts and the statistics panel, offscreen: the channel and histogram charts' series
// and axes, the panel's fields and outlier table, screenshots, and export (PNG, SVG) of
// widgets never shown (into $BITCLIFF_SCREENSHOT_DIR when set, to be looked at).
#include "channelchartview.h"
#include "chartexport.h"
#include "guitestutils.h"
#include "heatmapdata.h"
#include "heatmapwidget.h"
#include "histogramchartview.h"
#include "statspanel.h"
#include "support/fakemodel.h"
#include "tensorsnapshot.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QColor>
#include <QFile>
#include <QImage>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QTableWidget>
#include <QTest>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace bitcliff;
using namespace bitcliff::test;

namespace {

// The Y axis a series is drawn against (the charts keep a hidden spare for the other scale).
QAbstractAxis *verticalAxis(QAbstractSeries *series)
{
    for (QAbstractAxis *axis : series->attachedAxes())
        if (axis->orientation() == Qt::Vertical)
            return axis->isVisible() ? axis : nullptr;
    return nullptr;
}

} // namespace

class TestCharts : public QObject
{
    Q_OBJECT

public:
    static void initMain() { initGuiTestMain(); }

private slots:
    void initTestCase();
    void channelChart();
    void histogramChart();
    void statsPanel();
    void screenshots();
    void exportNeverShownWidgets();

private:
    FakeModel m_fake;
    ShotDir m_shots;
};

void TestCharts::initTestCase()
{
    m_fake = makeFakeModel();
    QVERIFY(m_shots.init());
}

void TestCharts::channelChart()
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
    QCOMPARE(outlierChannels, QList<int>({ 1112, 2210, 3760 }));
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
    QCOMPARE(
        view.absmaxSeries()->at(0).y(), double(*std::max_element(stats.cols.absmax.begin(), stats.cols.absmax.end())));
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

void TestCharts::histogramChart()
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
    // The zero tick reads "0": not "0.000", "-0" or "-2.78e-17" (Qt sums the tick interval).
    auto *x = qobject_cast<QCategoryAxis *>(view.chart()->axes(Qt::Horizontal).value(0));
    QVERIFY(x);
    const QStringList ticks = x->categoriesLabels();
    QVERIFY2(ticks.contains(QStringLiteral("0")), qPrintable(ticks.join(QStringLiteral(" | "))));
    QCOMPARE(x->endValue(QStringLiteral("0")), 0.0);
    QVERIFY(ticks.size() >= 5);
    for (const QString &tick : ticks)
        QVERIFY2(!tick.contains(QLatin1Char('e')) && tick != QStringLiteral("-0"), qPrintable(tick));

    view.setBinCount(51);
    QCOMPARE(view.histogramSeries()->upperSeries()->count(), 2 * 51);
    view.setLogScale(false);
    QVERIFY(qobject_cast<QValueAxis *>(verticalAxis(view.histogramSeries())));
    QVERIFY(qobject_cast<QValueAxis *>(verticalAxis(view.gaussianSeries())));
}

void TestCharts::statsPanel()
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
    QVERIFY2(
        inputOutliers.startsWith(QStringLiteral("%1 of ").arg(stats.cols.outliers.size())), qPrintable(inputOutliers));
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

void TestCharts::screenshots()
{
    const int q3 = m_fake.indexOf("model.layers.3.self_attn.q_proj.weight");
    ChannelChartView channels;
    channels.setStats(tensorStatsSnapshot(m_fake.stats, q3));
    m_shots.grab(&channels, QSize(1000, 520), QStringLiteral("channels-q_proj-log"));
    channels.setLogScale(false);
    channels.setOrder(ChannelChartView::Order::Descending);
    m_shots.grab(&channels, QSize(1000, 520), QStringLiteral("channels-q_proj-sorted-linear"));
    channels.setLogScale(true);
    channels.setOrder(ChannelChartView::Order::ByIndex);
    channels.setStats(tensorStatsSnapshot(m_fake.stats, m_fake.indexOf("model.layers.5.mlp.down_proj.weight")));
    m_shots.grab(&channels, QSize(1000, 520), QStringLiteral("channels-down_proj"));

    HistogramChartView histogram;
    histogram.setStats(tensorStatsSnapshot(m_fake.stats, m_fake.indexOf("model.layers.2.mlp.gate_proj.weight")));
    m_shots.grab(&histogram, QSize(1000, 520), QStringLiteral("histogram-gate_proj"));

    StatsPanel panel;
    const int up4 = m_fake.indexOf("model.layers.4.mlp.up_proj.weight");
    panel.setTensor(tensorInfoSnapshot(m_fake.model, up4), tensorStatsSnapshot(m_fake.stats, up4));
    m_shots.grab(&panel, QSize(520, 720), QStringLiteral("statspanel"));
}

void TestCharts::exportNeverShownWidgets()
{
    // The headless report path: widgets built and exported without ever being shown.
    ChannelChartView channels;
    channels.setStats(tensorStatsSnapshot(m_fake.stats, m_fake.indexOf("model.layers.1.self_attn.k_proj.weight")));
    const QString png = m_shots.path(QStringLiteral("export-channels"));
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
    QVERIFY(saveWidgetPng(&heatmap, m_shots.path(QStringLiteral("export-heatmap")), QSize(900, 340)));

    HistogramChartView histogram;
    histogram.setStats(tensorStatsSnapshot(m_fake.stats, m_fake.indexOf("model.layers.6.self_attn.v_proj.weight")));
    const QString svg = m_shots.path(QStringLiteral("export-histogram"), QStringLiteral(".svg"));
    QVERIFY(saveWidgetSvg(&histogram, svg, QSize(800, 450), QStringLiteral("v_proj weight histogram")));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("<svg"));
    QVERIFY(text.contains("v_proj weight histogram"));
    QVERIFY(text.contains("weight value")); // axis titles are text, not pixels
    QVERIFY(text.contains("Gaussian, same mean and std"));
    QVERIFY2(!text.contains("..."), "the first export of a never-shown chart elided its legend");
    QVERIFY(saveWidgetPng(&histogram, m_shots.path(QStringLiteral("export-histogram")), QSize(800, 450)));
    QVERIFY(!saveWidgetPng(nullptr, png, QSize(10, 10)));
}

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
