// The sweep views, offscreen: the results model while rows arrive live (checked by
// QAbstractItemModelTester), the accuracy-cliff chart (series per method, error bars, guides,
// log axis and its fallback, legend toggling, tooltips, clicks), the small multiples (shared
// ranges, one legend for all), the metric disagreement table, figure export (PNG at a DPI,
// SVG, PDF) and screenshots (into $BITCLIFF_SCREENSHOT_DIR when set, to be looked at).
#include "chartstyle.h"
#include "cliffchartview.h"
#include "cliffexport.h"
#include "clifflegend.h"
#include "cliffmultiplesview.h"
#include "guitestutils.h"
#include "metricdisagreementview.h"
#include "sweepresultsmodel.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QHelpEvent>
#include <QImage>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSvgRenderer>
#include <QTableView>
#include <QTest>
#include <QToolTip>
#include <QValueAxis>
#include <QXmlStreamReader>

#include <cmath>

using namespace bitcliff;
using namespace bitcliff::test;

namespace {

const QStringList kMethods = { QStringLiteral("rtn:g128:sym"), QStringLiteral("hqq:g64"), QStringLiteral("gguf-k") };
const int kBits[] = { 2, 3, 4, 5, 6, 8 };

QString schemeName(int method, int bits)
{
    static const char *const gguf[] = { "q2_k", "q3_k", "q4_k", "q5_k", "q6_k", "q8_0" };
    if (method == 2)
        return QString::fromLatin1(gguf[bits == 8 ? 5 : bits - 2]);
    return method == 0 ? QStringLiteral("rtn:b%1:g128:sym").arg(bits) : QStringLiteral("hqq:b%1:g64").arg(bits);
}

// Mean KLD falling off a cliff below 4 bits, a little worse per panel; 3 methods x 6 widths.
CliffPanel panel(const QString &title, double scale)
{
    CliffPanel p;
    p.title = title;
    const double methodScale[] = { 1.0, 0.7, 0.5 };
    const double overhead[] = { 0.125, 0.5, 0.55 };
    int cell = 1;
    for (int m = 0; m < 3; ++m) {
        CliffSeries series;
        series.method = kMethods[m];
        for (int bits : kBits) {
            CliffPoint point;
            point.x = bits + overhead[m];
            point.y = 1.5 * scale * methodScale[m] * std::pow(2.0, -2.0 * (bits - 2));
            point.lo = point.y * 0.88;
            point.hi = point.y * 1.12;
            point.scheme = schemeName(m, bits);
            point.cell = cell++;
            series.points << point;
        }
        p.series << series;
    }
    p.baseline = 0.0;
    return p;
}

CliffChartData kldChart(bool logY = true)
{
    CliffChartData data;
    data.title = QStringLiteral("Mean KLD against the unquantized model");
    data.xTitle = QStringLiteral("bits per weight (stored)");
    data.yTitle = QStringLiteral("mean KLD (nats)");
    data.yName = QStringLiteral("KLD");
    data.logY = logY;
    data.panels << panel(QStringLiteral("overall"), 1.0);
    data.panels[0].baseline.reset(); // KLD of the unquantized model is 0: no line on a log axis
    return data;
}

CliffChartData accuracyMultiples()
{
    CliffChartData data = kldChart(false);
    data.title = QStringLiteral("Task accuracy by difficulty and language");
    data.yTitle = QStringLiteral("accuracy (%)");
    data.yName = QStringLiteral("accuracy");
    data.panels.clear();
    const QStringList titles
        = { QStringLiteral("easy"), QStringLiteral("hard"), QStringLiteral("en"), QStringLiteral("ru") };
    for (int i = 0; i < titles.size(); ++i) {
        CliffPanel p = panel(titles[i], 1.0 + i);
        for (CliffSeries &s : p.series)
            for (CliffPoint &point : s.points) {
                point.y = std::max(0.0, 80.0 - 10.0 * i - 60.0 * point.y);
                point.lo = point.y - 4.0;
                point.hi = point.y + 4.0;
            }
        p.baseline = 80.0 - 10.0 * i;
        data.panels << p;
    }
    return data;
}

// The Y axis a series is drawn against (the chart keeps a hidden spare for the other scale).
QAbstractAxis *verticalAxis(QAbstractSeries *series)
{
    for (QAbstractAxis *axis : series->attachedAxes())
        if (axis->orientation() == Qt::Vertical && axis->isVisible())
            return axis;
    return nullptr;
}

QValueAxis *horizontalAxis(QAbstractSeries *series)
{
    for (QAbstractAxis *axis : series->attachedAxes())
        if (axis->orientation() == Qt::Horizontal)
            return qobject_cast<QValueAxis *>(axis);
    return nullptr;
}

QPair<double, double> axisRange(QAbstractAxis *axis)
{
    if (auto *log = qobject_cast<QLogValueAxis *>(axis))
        return { log->min(), log->max() };
    auto *linear = qobject_cast<QValueAxis *>(axis);
    return linear ? qMakePair(linear->min(), linear->max()) : qMakePair(qQNaN(), qQNaN());
}

SweepResultRow row(int cell, const QString &scheme, int bits, std::optional<double> kld)
{
    SweepResultRow r;
    r.cell = cell;
    r.scheme = scheme;
    r.method = QStringLiteral("gguf-k");
    r.bits = bits;
    r.status = QStringLiteral("ok");
    r.bpw = bits + 0.5;
    r.ppl = 20.0 + 1.0 / bits;
    r.kld = kld;
    r.sameTop = 0.9512;
    r.accuracy = 0.6;
    r.seconds = 12.34;
    return r;
}

QImage renderSvg(const QByteArray &svg, QSize size)
{
    QSvgRenderer renderer(svg);
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::white);
    if (renderer.isValid()) {
        QPainter painter(&image);
        renderer.render(&painter);
    }
    return image;
}

// Pixels within `tolerance` of `colour` in every channel.
int countColour(const QImage &image, const QColor &colour, int tolerance)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c(image.pixel(x, y));
            n += std::abs(c.red() - colour.red()) <= tolerance && std::abs(c.green() - colour.green()) <= tolerance
                && std::abs(c.blue() - colour.blue()) <= tolerance;
        }
    return n;
}

MetricDisagreementData disagreement()
{
    MetricDisagreementData data;
    data.title = QStringLiteral("Automatic metrics against task accuracy, by language");
    data.languages = { QStringLiteral("en"), QStringLiteral("ru"), QStringLiteral("hi") };
    data.schemes = { QStringLiteral("q8_0"), QStringLiteral("q4_k"), QStringLiteral("q3_k"), QStringLiteral("q2_k") };
    for (int l = 0; l < 3; ++l) {
        QVector<MetricDisagreementCell> row;
        for (int s = 0; s < 4; ++s) {
            MetricDisagreementCell cell;
            cell.lnPplRatio = 0.01 * (1 << (2 * s)) * (l == 0 ? 1.0 : 0.8);
            cell.kld = 0.005 * (1 << (2 * s)) * (l == 0 ? 1.0 : 0.9);
            cell.deltaAccuracy = l == 0 ? -0.5 * s : -6.0 * s * l; // non-Latin scripts lose far more
            row << cell;
        }
        data.cells << row;
    }
    data.cells[2][0].deltaAccuracy = qQNaN(); // hi has no tasks at q8_0
    data.cells[2].resize(3); // and no q2_k cell at all
    return data;
}

} // namespace

class TestCliffViews : public QObject
{
    Q_OBJECT

public:
    static void initMain() { initGuiTestMain(); }

private slots:
    void initTestCase();
    void resultsModelLive();
    void resultsModelSortsNumerically();
    void cliffChartSeries();
    void cliffChartLogFallback();
    void cliffChartToggleAndClick();
    void multiplesShareRangesAndLegend();
    void metricDisagreement();
    void exports();
    void screenshots();

private:
    ShotDir m_shots;
};

void TestCliffViews::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_shots.init());
}

void TestCliffViews::resultsModelLive()
{
    SweepResultsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.columnCount(), int(SweepResultsModel::ColumnCount));
    model.setRows({ row(0, QStringLiteral("unquantized"), 16, std::nullopt), row(2, QStringLiteral("q4_k"), 4, 0.05) });
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // Cells finish out of order: cell 1 lands between 0 and 2, cell 5 at the end.
    model.appendOrReplaceRow(row(1, QStringLiteral("q8_0"), 8, 0.001));
    model.appendOrReplaceRow(row(5, QStringLiteral("q2_k"), 2, 0.9));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted[0][1].toInt(), 1);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.data(model.index(1, SweepResultsModel::Scheme)).toString(), QStringLiteral("q8_0"));
    QCOMPARE(model.data(model.index(3, 0), SweepResultsModel::CellRole).toInt(), 5);
    // A cell's result arrives again (a retry that failed): replaced in place.
    SweepResultRow failed = row(2, QStringLiteral("q4_k"), 4, std::nullopt);
    failed.status = QStringLiteral("failed");
    failed.error = QStringLiteral("out of memory");
    failed.ppl.reset();
    model.appendOrReplaceRow(failed);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed[0][0].toModelIndex().row(), 2);
    QCOMPARE(changed[0][1].toModelIndex().column(), SweepResultsModel::ColumnCount - 1);
    const QModelIndex status = model.index(2, SweepResultsModel::Status);
    QCOMPARE(model.data(status).toString(), QStringLiteral("failed"));
    QCOMPARE(model.data(status, Qt::ToolTipRole).toString(), QStringLiteral("Failed: out of memory"));
    QVERIFY(model.data(model.index(2, SweepResultsModel::Ppl), Qt::ForegroundRole).value<QBrush>().color().lightness()
        > 100);
    QVERIFY(!model.data(model.index(1, SweepResultsModel::Ppl), Qt::ForegroundRole).isValid());
    QCOMPARE(model.data(model.index(2, SweepResultsModel::Ppl)).toString(), QStringLiteral("\u2014"));
    // Formatting and alignment.
    QCOMPARE(model.data(model.index(1, SweepResultsModel::Bpw)).toString(), QStringLiteral("8.50"));
    QCOMPARE(model.data(model.index(1, SweepResultsModel::Ppl)).toString(), QStringLiteral("20.13"));
    QCOMPARE(model.data(model.index(1, SweepResultsModel::Kld)).toString(), QStringLiteral("0.001"));
    QCOMPARE(model.data(model.index(1, SweepResultsModel::SameTop)).toString(), QStringLiteral("95.1"));
    QCOMPARE(model.data(model.index(1, SweepResultsModel::Accuracy)).toString(), QStringLiteral("60.0"));
    QCOMPARE(model.data(model.index(1, SweepResultsModel::Seconds)).toString(), QStringLiteral("12.3"));
    QCOMPARE(model.data(model.index(1, SweepResultsModel::Kld), Qt::TextAlignmentRole).value<Qt::Alignment>(),
        Qt::AlignRight | Qt::AlignVCenter);
    QCOMPARE(model.data(model.index(1, SweepResultsModel::Scheme), Qt::TextAlignmentRole).value<Qt::Alignment>(),
        Qt::AlignLeft | Qt::AlignVCenter);
    QCOMPARE(model.headerData(SweepResultsModel::Kld, Qt::Horizontal).toString(), QStringLiteral("KLD (nats)"));
    model.setRows({});
    QCOMPARE(model.rowCount(), 0);
}

void TestCliffViews::resultsModelSortsNumerically()
{
    SweepResultsModel model;
    // As text, "0.9" < "1e-05" < "0.05" would not hold; as numbers 1e-05 < 0.05 < 0.9.
    model.setRows({ row(1, QStringLiteral("a"), 8, 1e-5), row(2, QStringLiteral("b"), 4, 0.9),
        row(3, QStringLiteral("c"), 16, std::nullopt), row(4, QStringLiteral("d"), 3, 0.05) });
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(SweepResultsModel::SortRole);
    proxy.sort(SweepResultsModel::Kld, Qt::AscendingOrder);
    QStringList order;
    for (int r = 0; r < proxy.rowCount(); ++r)
        order << proxy.index(r, SweepResultsModel::Scheme).data().toString();
    QCOMPARE(order, QStringList({ "a", "d", "b", "c" })); // missing last
    proxy.sort(SweepResultsModel::Bits, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, SweepResultsModel::Bits).data().toString(), QStringLiteral("16"));
    QCOMPARE(proxy.index(3, SweepResultsModel::Bits).data().toString(), QStringLiteral("3"));
}

void TestCliffViews::cliffChartSeries()
{
    CliffChartData data = kldChart();
    CliffPoint &q4 = data.panels[0].series[2].points[2];
    q4.x = 4.53;
    q4.y = 0.0123;
    q4.lo = 0.011;
    q4.hi = 0.0137;
    q4.tooltip = QStringLiteral("tensors: 12 quantized, 2 fell back");
    CliffChartView view;
    view.setData(data);
    QCOMPARE(view.methods(), kMethods);
    QCOMPARE(view.chart()->title(), QStringLiteral("Mean KLD against the unquantized model \u2014 overall"));
    for (int m = 0; m < 3; ++m) {
        QLineSeries *line = view.lineSeries(kMethods[m]);
        QScatterSeries *points = view.pointSeries(kMethods[m]);
        QVERIFY(line && points);
        QCOMPARE(line->count(), 6);
        QCOMPARE(points->count(), 6);
        QCOMPARE(line->name(), kMethods[m]);
        for (int i = 0; i < 6; ++i)
            QCOMPARE(
                points->at(i), QPointF(data.panels[0].series[m].points[i].x, data.panels[0].series[m].points[i].y));
        QCOMPARE(line->pen().color(), ChartStyle::seriesColor(kMethods[m]));
        QCOMPARE(points->color(), ChartStyle::seriesColor(kMethods[m]));
        QVERIFY(line->isVisible());
    }
    QVERIFY(ChartStyle::seriesColor(kMethods[0]) != ChartStyle::seriesColor(kMethods[1]));
    QVERIFY(ChartStyle::seriesColor(kMethods[1]) != ChartStyle::seriesColor(kMethods[2]));
    // Only the methods' lines are in the legend: no markers for points and guides.
    view.resize(800, 500);
    view.show(); // legend markers are visible only in a shown chart
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    int legendEntries = 0;
    for (QLegendMarker *marker : view.chart()->legend()->markers())
        legendEntries += marker->isVisible();
    QCOMPARE(legendEntries, 3);
    QCOMPARE(view.visibleErrorBars(), 18);

    QVERIFY(view.logScale());
    auto *log = qobject_cast<QLogValueAxis *>(verticalAxis(view.lineSeries(kMethods[0])));
    QVERIFY(log);
    QCOMPARE(log->titleText(), QStringLiteral("mean KLD (nats), log scale"));
    QVERIFY(log->min() <= 0.88 * 1.5 * 0.5 * std::pow(2.0, -12.0) && log->max() >= 1.5 * 1.12);
    QValueAxis *x = horizontalAxis(view.lineSeries(kMethods[0]));
    QCOMPARE(x->titleText(), QStringLiteral("bits per weight (stored)"));
    QCOMPARE(x->min(), 1.0); // 2.125 - 0.25, floored
    QCOMPARE(x->max(), 9.0); // 8.55 + 0.25, ceiled
    QCOMPARE(x->tickInterval(), 1.0);
    QCOMPARE(x->tickAnchor(), 0.0);

    // The 4-bit floor; no baseline when the snapshot has none.
    QCOMPARE(view.floorSeries()->count(), 2);
    QCOMPARE(view.floorSeries()->at(0).x(), 4.0);
    QCOMPARE(view.floorSeries()->at(1).x(), 4.0);
    QCOMPARE(view.floorSeries()->name(), QStringLiteral("4-bit"));
    QCOMPARE(view.floorSeries()->pen().style(), Qt::DashLine);
    QCOMPARE(view.baselineSeries()->count(), 0);

    QCOMPARE(view.pointToolTip(kMethods[2], 2),
        QStringLiteral("q4_k: 4.53 bpw, KLD 0.0123 [0.011, 0.0137]\ntensors: 12 quantized, 2 fell back"));
    QCOMPARE(view.pointToolTip(kMethods[0], 0), QStringLiteral("rtn:b2:g128:sym: 2.13 bpw, KLD 1.5 [1.32, 1.68]"));
    QVERIFY(view.pointToolTip(kMethods[0], 6).isEmpty());

    // A baseline > 0 on a linear chart: a dashed horizontal line across the X range.
    CliffChartData accuracy = accuracyMultiples();
    view.setData(accuracy, 1);
    QCOMPARE(view.chart()->title(), QStringLiteral("Task accuracy by difficulty and language \u2014 hard"));
    QVERIFY(!view.logScale());
    QCOMPARE(view.baselineSeries()->count(), 2);
    QCOMPARE(view.baselineSeries()->at(0), QPointF(view.range().xMin, 70.0));
    QCOMPARE(view.baselineSeries()->at(1), QPointF(view.range().xMax, 70.0));
    QCOMPARE(view.baselineSeries()->name(), QStringLiteral("unquantized"));
    QCOMPARE(view.pointToolTip(kMethods[2], 5), QStringLiteral("q8_0: 8.55 bpw, accuracy 70 [66, 74]"));
}

void TestCliffViews::cliffChartLogFallback()
{
    CliffChartData data = kldChart(true);
    data.panels[0].series[1].points[5].y = 0.0; // a scheme that changed nothing
    data.panels[0].series[1].points[5].lo = 0.0;
    CliffChartView view;
    view.setData(data);
    QVERIFY(!view.logScale());
    for (const QString &method : kMethods)
        QVERIFY(qobject_cast<QValueAxis *>(verticalAxis(view.lineSeries(method))));
    QCOMPARE(view.pointSeries(kMethods[1])->at(5).y(), 0.0);
    QCOMPARE(verticalAxis(view.lineSeries(kMethods[0]))->titleText(), QStringLiteral("mean KLD (nats)"));
    QCOMPARE(axisRange(verticalAxis(view.lineSeries(kMethods[0]))).first, 0.0);
    // A baseline of 0 also forbids the log axis; without both it comes back.
    data.panels[0].series[1].points[5].y = 1e-4;
    view.setData(data);
    QVERIFY(view.logScale());
    QVERIFY(qobject_cast<QLogValueAxis *>(verticalAxis(view.lineSeries(kMethods[1]))));
    data.panels[0].baseline = 0.0;
    view.setData(data);
    QVERIFY(!view.logScale());
}

void TestCliffViews::cliffChartToggleAndClick()
{
    CliffChartView view;
    view.setData(kldChart());
    view.resize(1024, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy toggled(&view, &CliffChartView::methodVisibilityChanged);
    QLegendMarker *marker = view.chart()->legend()->markers(view.lineSeries(kMethods[1])).value(0);
    QVERIFY(marker);
    emit marker->clicked();
    QCOMPARE(toggled.size(), 1);
    QCOMPARE(toggled[0][0].toString(), kMethods[1]);
    QCOMPARE(toggled[0][1].toBool(), false);
    QVERIFY(!view.lineSeries(kMethods[1])->isVisible());
    QVERIFY(!view.pointSeries(kMethods[1])->isVisible());
    QVERIFY(view.lineSeries(kMethods[0])->isVisible());
    QCOMPARE(view.visibleErrorBars(), 12);
    QVERIFY(marker->isVisible()); // greyed, still there to be clicked again
    QCOMPARE(marker->labelBrush().color(), QColor(0xa0, 0xa0, 0xa0));
    // Hidden across a new snapshot (a live sweep adds cells).
    view.setData(kldChart());
    QVERIFY(!view.lineSeries(kMethods[1])->isVisible());
    emit marker->clicked();
    QVERIFY(view.lineSeries(kMethods[1])->isVisible());
    QCOMPARE(view.visibleErrorBars(), 18);
    QCOMPARE(marker->labelBrush().color(), view.chart()->legend()->labelColor());

    // A real click on a point says which cell it is.
    QSignalSpy clicked(&view, &CliffChartView::pointClicked);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    const CliffPoint &target = kldChart().panels[0].series[2].points[3]; // q5_k
    const QPoint at
        = view.mapFromScene(view.chart()->mapToPosition(QPointF(target.x, target.y), view.pointSeries(kMethods[2])));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, at);
    // Hovering the point shows its tooltip.
    emit view.pointSeries(kMethods[2])->hovered(QPointF(target.x, target.y), true);
    QCOMPARE(QToolTip::text(), QStringLiteral("q5_k: 5.55 bpw, KLD 0.0117 [0.0103, 0.0131]"));
    emit view.pointSeries(kMethods[2])->hovered(QPointF(target.x, target.y), false);
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(clicked[0][0].toInt(), target.cell);
    QCOMPARE(clicked[0][1].toString(), QStringLiteral("q5_k"));
}

void TestCliffViews::multiplesShareRangesAndLegend()
{
    const CliffChartData data = accuracyMultiples();
    CliffMultiplesView view;
    view.resize(1024, 700);
    view.setData(data);
    QCOMPARE(view.panels().size(), 4);
    QCOMPARE(view.titleLabel()->text(), data.title);
    QCOMPARE(view.columns(), 2);
    QCOMPARE(CliffMultiplesView::columnsFor(QSize(1600, 1000), 4), 2); // 2 x 2, not 3 + 1
    QCOMPARE(CliffMultiplesView::columnsFor(QSize(1600, 1000), 5), 3);
    QCOMPARE(CliffMultiplesView::columnsFor(QSize(1600, 1000), 7), 3);
    QCOMPARE(CliffMultiplesView::columnsFor(QSize(2400, 1000), 6), 3);
    QCOMPARE(CliffMultiplesView::columnsFor(QSize(2400, 1000), 8), 4);
    QCOMPARE(CliffMultiplesView::columnsFor(QSize(1024, 700), 4), 2);
    QCOMPARE(CliffMultiplesView::columnsFor(QSize(1024, 700), 7), 3); // 4 rows would be too low
    QCOMPARE(CliffMultiplesView::columnsFor(QSize(1600, 1000), 1), 1);
    QCOMPARE(view.legend()->methods(), kMethods);
    const CliffRange shared = cliffRange(data);
    QVERIFY(shared.yMax >= 84.0 && shared.yMin <= 0.0);
    QPair<double, double> firstY;
    for (int i = 0; i < 4; ++i) {
        CliffChartView *panel = view.panels()[i];
        QCOMPARE(panel->chart()->title(), data.panels[i].title);
        QVERIFY(!panel->chart()->legend()->isVisible());
        QLineSeries *line = panel->lineSeries(kMethods[0]);
        QCOMPARE(horizontalAxis(line)->min(), shared.xMin);
        QCOMPARE(horizontalAxis(line)->max(), shared.xMax);
        const QPair<double, double> y = axisRange(verticalAxis(line));
        QCOMPARE(y.first, shared.yMin);
        QCOMPARE(y.second, shared.yMax);
        if (i == 0)
            firstY = y;
        QCOMPARE(y, firstY);
    }
    // Each panel alone would have had a narrower range: the sharing is real.
    QVERIFY(cliffRange(data, 3).yMax < shared.yMax - 20.0);

    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QRect entry = view.legend()->entryRect(kMethods[2]);
    QVERIFY(!entry.isEmpty());
    QTest::mouseClick(view.legend(), Qt::LeftButton, {}, entry.center());
    QVERIFY(!view.isMethodVisible(kMethods[2]));
    for (CliffChartView *panel : view.panels()) {
        QVERIFY(!panel->lineSeries(kMethods[2])->isVisible());
        QVERIFY(panel->lineSeries(kMethods[0])->isVisible());
        QCOMPARE(panel->visibleErrorBars(), 12);
    }
    view.setData(data); // still hidden in the new snapshot's panels
    for (CliffChartView *panel : view.panels())
        QVERIFY(!panel->lineSeries(kMethods[2])->isVisible());
    QTest::mouseClick(view.legend(), Qt::LeftButton, {}, entry.center());
    for (CliffChartView *panel : view.panels())
        QVERIFY(panel->lineSeries(kMethods[2])->isVisible());
    CliffChartData six = data;
    six.panels << data.panels[0] << data.panels[1];
    view.setData(six);
    view.resize(1600, 1000);
    QCOMPARE(view.columns(), 3);
    // Fewer panels: the extra views go.
    CliffChartData two = data;
    two.panels.resize(2);
    view.setData(two);
    QCOMPARE(view.panels().size(), 2);
    QCOMPARE(view.columns(), 2);
    QCOMPARE(view.panels()[1]->chart()->title(), QStringLiteral("hard"));
}

void TestCliffViews::metricDisagreement()
{
    MetricDisagreementView view;
    view.setData(disagreement());
    using Metric = MetricDisagreementView::Metric;
    QCOMPARE(view.cellText(0, 1, Metric::Kld), QStringLiteral("0.02"));
    QCOMPARE(view.cellText(0, 1, Metric::LnPplRatio), QStringLiteral("+0.040"));
    QCOMPARE(view.cellText(1, 3, Metric::DeltaAccuracy), QStringLiteral("-18.0"));
    QCOMPARE(view.cellText(2, 0, Metric::DeltaAccuracy), QStringLiteral("n/a")); // NaN: n/a, not 0
    QCOMPARE(view.cellText(2, 3, Metric::Kld), QStringLiteral("n/a")); // no cell at all
    QVERIFY(std::isnan(view.damageShare(2, 3, Metric::Kld)));
    QCOMPARE(view.damageShare(0, 0, Metric::DeltaAccuracy), 0.0); // no loss
    // The disagreement: hi's KLD at q3_k is below en's, its accuracy loss is the worst.
    QVERIFY(view.damageShare(2, 2, Metric::Kld) < view.damageShare(0, 2, Metric::Kld));
    QCOMPARE(view.damageShare(2, 2, Metric::DeltaAccuracy), 1.0);
    QCOMPARE(view.damageShare(0, 3, Metric::Kld), 1.0);
    QCOMPARE(MetricDisagreementView::metricLabel(Metric::DeltaAccuracy), QStringLiteral("\u0394 accuracy (pp)"));
    view.resize(1024, 700);
    const QRect a = view.cellRect(0, 0, Metric::LnPplRatio);
    const QRect b = view.cellRect(0, 0, Metric::Kld);
    const QRect c = view.cellRect(1, 0, Metric::LnPplRatio);
    QVERIFY(a.isValid() && b.top() > a.bottom() && c.top() > view.cellRect(0, 0, Metric::DeltaAccuracy).bottom());
    QVERIFY(view.cellRect(0, 3, Metric::Kld).right() < 1024);
    QVERIFY(view.cellRect(2, 0, Metric::DeltaAccuracy).bottom() < 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QPoint at = view.cellRect(2, 2, Metric::DeltaAccuracy).center();
    QHelpEvent help(QEvent::ToolTip, at, view.mapToGlobal(at));
    QCoreApplication::sendEvent(&view, &help);
    QCOMPARE(QToolTip::text(),
        QStringLiteral("hi, q3_k\n\u0394 accuracy (pp): -24.0\n100% of the worst damage by this metric in the table"));
}

void TestCliffViews::exports()
{
    const CliffChartData multiples = accuracyMultiples();
    const QString svg = m_shots.path(QStringLiteral("cliff-export"), QStringLiteral(".svg"));
    const QString pdf = m_shots.path(QStringLiteral("cliff-export"), QStringLiteral(".pdf"));
    const QString png = m_shots.path(QStringLiteral("cliff-export"), QStringLiteral(".png"));
    QVERIFY(saveCliffFigure(multiples, svg, QSize(1000, 700)));
    QVERIFY(saveCliffFigure(multiples, pdf, QSize(1000, 700)));
    QVERIFY(saveCliffFigure(kldChart(), png, QSize(800, 500), 144));

    QFile svgFile(svg);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    const QByteArray svgText = svgFile.readAll();
    QXmlStreamReader xml(svgText);
    while (!xml.atEnd())
        xml.readNext();
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(svgText.contains("<svg"));
    QVERIFY(svgText.contains("Task accuracy by difficulty and language")); // title and axis titles as text
    QVERIFY(svgText.contains("bits per weight (stored)"));
    QVERIFY(svgText.contains("hqq:g64")); // the shared legend
    QVERIFY(svgText.contains("unquantized"));
    // Drawn as it looks: the methods' lines and the error bars (painted over the plot) are in it.
    const QImage rendered = renderSvg(svgText, QSize(1000, 700));
    QVERIFY(rendered.save(m_shots.path(QStringLiteral("cliff-export-svg-rendered"))));
    const QColor hqq = ChartStyle::seriesColor(kMethods[1]);
    QVERIFY(countColour(rendered, hqq, 0) > 200);
    CliffChartData noBars = multiples;
    for (CliffPanel &p : noBars.panels)
        for (CliffSeries &series : p.series)
            for (CliffPoint &point : series.points)
                point.lo = point.hi = qQNaN();
    const QString plain = m_shots.path(QStringLiteral("cliff-export-no-bars"), QStringLiteral(".svg"));
    QVERIFY(saveCliffFigure(noBars, plain, QSize(1000, 700)));
    QFile plainFile(plain);
    QVERIFY(plainFile.open(QIODevice::ReadOnly));
    const int withBars = countColour(rendered, hqq.darker(115), 16);
    const int withoutBars = countColour(renderSvg(plainFile.readAll(), QSize(1000, 700)), hqq.darker(115), 16);
    QVERIFY2(withBars > withoutBars + 200, qPrintable(QStringLiteral("%1 %2").arg(withBars).arg(withoutBars)));

    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    const QByteArray pdfBytes = pdfFile.readAll();
    QVERIFY(pdfBytes.startsWith("%PDF-"));
    QVERIFY(pdfBytes.trimmed().endsWith("%%EOF"));
    QVERIFY(pdfBytes.size() > 5000);

    const QImage image(png);
    QCOMPARE(image.size(), QSize(1200, 750)); // 800 x 500 at 144 / 96
    QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 144);
    QVERIFY(countColour(image, ChartStyle::seriesColor(kMethods[2]), 0) > 200);

    const QString table = m_shots.path(QStringLiteral("disagreement-export"), QStringLiteral(".pdf"));
    QVERIFY(saveMetricDisagreementFigure(disagreement(), table, QSize(1000, 600)));
    QVERIFY(QFileInfo(table).size() > 1000);
    // A bad suffix or DPI: false, and no file.
    const QString bad = m_shots.path(QStringLiteral("cliff-export"), QStringLiteral(".bmp"));
    QVERIFY(!saveCliffFigure(multiples, bad, QSize(100, 100)));
    QVERIFY(!QFileInfo::exists(bad));
    QVERIFY(!saveCliffFigure(multiples, png, QSize(100, 100), 0));
}

void TestCliffViews::screenshots()
{
    for (const QSize size : { QSize(1024, 700), QSize(1600, 1000) }) {
        const QString suffix = QStringLiteral("-%1x%2").arg(size.width()).arg(size.height());
        CliffChartView single;
        single.setData(kldChart());
        m_shots.grab(&single, size, QStringLiteral("cliff-kld") + suffix);
        CliffMultiplesView multiples;
        multiples.setData(accuracyMultiples());
        m_shots.grab(&multiples, size, QStringLiteral("cliff-multiples") + suffix);
        CliffChartData seven = accuracyMultiples(); // a language each: the densest grid
        for (const char *language : { "zh", "ja", "hi" }) {
            seven.panels << seven.panels[3];
            seven.panels.last().title = QString::fromLatin1(language);
        }
        multiples.setData(seven);
        m_shots.grab(&multiples, size, QStringLiteral("cliff-multiples7") + suffix);
        MetricDisagreementView table;
        table.setData(disagreement());
        m_shots.grab(&table, size, QStringLiteral("metric-disagreement") + suffix);
    }
    SweepResultsModel model;
    QVector<SweepResultRow> rows;
    const char *const schemes[] = { "unquantized", "q8_0", "q6_k", "q5_k", "q4_k", "q3_k", "q2_k" };
    const int bits[] = { 16, 8, 6, 5, 4, 3, 2 };
    for (int i = 0; i < 7; ++i)
        rows << row(i, QString::fromLatin1(schemes[i]), bits[i], i == 0 ? std::nullopt : std::optional(0.4 / bits[i]));
    rows[5].status = QStringLiteral("failed");
    rows[5].error = QStringLiteral("out of memory");
    model.setRows(rows);
    QTableView table;
    table.setModel(&model);
    table.horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_shots.grab(&table, QSize(1024, 700), QStringLiteral("sweep-results-table"));
}

QTEST_MAIN(TestCliffViews)
#include "tst_cliffviews.moc"
