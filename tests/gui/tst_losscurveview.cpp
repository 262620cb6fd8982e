// The loss curve of a training run on its own: the smoothing, the three series and their
// colours and legend entries, the axes (the whole run on X from the start, every loss inside
// Y), a short run without smoothing. Screenshot loss-curve.png.
#include "guitestutils.h"
#include "losscurveview.h"

#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QTest>
#include <QValueAxis>

#include <cmath>

using namespace bitcliff;

class TestLossCurveView : public QObject
{
    Q_OBJECT

public:
    static void initMain() { test::initGuiTestMain(); }

private slots:
    void initTestCase() { QVERIFY(m_shots.init()); }

    void smoothing()
    {
        const std::vector<double> s = smoothedLoss({ 1.0, 2.0, 3.0 }, 3); // weight 1/2, bias-corrected
        QCOMPARE(s.size(), size_t(3));
        QCOMPARE(s[0], 1.0);
        QVERIFY(std::abs(s[1] - 1.25 / 0.75) < 1e-12);
        QVERIFY(std::abs(s[2] - 2.125 / 0.875) < 1e-12);
        QVERIFY(smoothedLoss({ 4.0, 5.0 }, 1) == std::vector<double>({ 4.0, 5.0 }));
        QCOMPARE(lossSmoothingSpan(15), 1);
        QCOMPARE(lossSmoothingSpan(250), 12);
        QCOMPARE(lossSmoothingSpan(100000), 100);
    }

    void seriesAndAxes()
    {
        LossCurveView view;
        QCOMPARE(view.trainSeries()->count(), 0);
        QVERIFY(!view.chart()->legend()->isVisible());
        auto data = std::make_shared<LossCurveData>();
        data->steps = 400;
        for (int i = 0; i < 250; ++i)
            data->trainLoss.push_back(5.0 * std::exp(-i / 80.0) + 1.0 + 0.2 * ((i * 7) % 5 - 2) / 2.0);
        data->heldOut = { { 20, 4.6 }, { 40, 4.1 }, { 60, 3.7 } };
        view.setData(data);
        QCOMPARE(view.trainSeries()->count(), 250);
        QCOMPARE(view.smoothedSeries()->count(), 250);
        QCOMPARE(view.heldOutSeries()->count(), 3);
        QCOMPARE(view.heldOutSeries()->at(1), QPointF(40, 4.1));
        // The steps done so far on the X axis; every loss inside the Y axis.
        QCOMPARE(view.stepAxis()->min(), 0.0);
        QCOMPARE(view.stepAxis()->max(), 250.0);
        QVERIFY(view.lossAxis()->min() <= 1.0 - 0.2 && view.lossAxis()->max() >= 6.0);
        QCOMPARE(view.stepAxis()->titleText(), QStringLiteral("step"));
        QCOMPARE(view.lossAxis()->titleText(), QStringLiteral("loss (nats/token)"));
        QVERIFY(view.smoothedSeries()->name().contains(QStringLiteral("over 12 step"))); // 250 / 20
        // Three series, three colours, all in the legend.
        QCOMPARE(view.chart()->legend()->markers().size(), 3);
        for (QLegendMarker *marker : view.chart()->legend()->markers())
            QVERIFY(marker->isVisible());
        QVERIFY(view.trainSeries()->pen().color().rgb() == view.smoothedSeries()->pen().color().rgb());
        QVERIFY(view.trainSeries()->pen().color().alpha() < view.smoothedSeries()->pen().color().alpha());
        QVERIFY(view.heldOutSeries()->pen().color().rgb() != view.smoothedSeries()->pen().color().rgb());
        m_shots.grab(&view, QSize(800, 450), QStringLiteral("loss-curve"));
        // The start of a run: no smoothing yet, the smoothed line leaves the legend; the axis
        // shows ten steps (a short run: all of it).
        data = std::make_shared<LossCurveData>(LossCurveData { 5000, { 3.0, 2.5, 2.4 }, {} });
        view.setData(data);
        QCOMPARE(view.stepAxis()->max(), 10.0);
        QCOMPARE(view.trainSeries()->count(), 3);
        QCOMPARE(view.smoothedSeries()->count(), 0);
        QVERIFY(!view.chart()->legend()->markers(view.smoothedSeries()).first()->isVisible());
        QVERIFY(!view.chart()->legend()->markers(view.heldOutSeries()).first()->isVisible());
        view.setData(std::make_shared<LossCurveData>(LossCurveData { 4, { 3.0, 2.5 }, {} }));
        QCOMPARE(view.stepAxis()->max(), 4.0);
    }

private:
    test::ShotDir m_shots;
};

QTEST_MAIN(TestLossCurveView)
#include "tst_losscurveview.moc"
