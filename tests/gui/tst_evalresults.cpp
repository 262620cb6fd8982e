// The evaluation results view on a hand-built report: which metrics it offers, what the bar
// chart and tables show, and the export of chart and data.
#include "groupedbarchartview.h"
#include "gui/evaluateresults.h"
#include "guitestutils.h"
#include "report/evalcharts.h"
#include "report/evaljson.h"

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLegend>
#include <QLogValueAxis>
#include <QTableWidget>
#include <QTest>
#include <QValueAxis>

using namespace bitcliff;
using namespace bitcliff::app;

namespace {

TextEvaluation text(const std::string &language, double ppl, int64_t tokens, int64_t characters)
{
    TextEvaluation t;
    t.name = language + ".txt";
    t.language = language;
    t.fertility.tokens = tokens;
    t.fertility.characters = characters;
    t.perplexity.ppl = ppl;
    t.perplexity.pplError = ppl / 20;
    t.perplexity.tokensScored = 255;
    return t;
}

std::shared_ptr<const EvalReport> sampleReport()
{
    auto report = std::make_shared<EvalReport>();
    report->modelPath = "model";
    report->nCtx = 512;
    report->tasks = { { "a", TaskKind::Choice, "", { "x", "y" }, 0, "", "easy", "en", "t.jsonl" },
        { "b", TaskKind::Choice, "", { "x", "y" }, 0, "", "hard", "ja", "t.jsonl" },
        { "c", TaskKind::Generate, "", {}, 0, "4", "hard", "en", "t.jsonl" } };
    EvalRun base;
    base.label = "unquantized";
    base.texts = { text("en", 8.0, 1000, 4500), text("ja", 12.0, 1800, 1500) };
    base.perplexity.ppl = 9.5;
    base.outcomes = { { 0, true, true, "x" }, { 1, true, false, "x" }, { 2, true, true, "4" } };
    base.accuracy = groupAccuracy(report->tasks, base.outcomes);
    EvalRun quantized;
    quantized.label = "q2_k";
    quantized.scheme = QuantScheme::parse("q2_k");
    PlanSummary plan; // 14 of 16 matrices fell back (rows of 192), as on a narrow model
    plan.scheme = "q2_k";
    plan.quantized = 2;
    plan.fellBack = 14;
    plan.kept = 5;
    plan.fallbacks = {{"q4_0", "rows of 192 are not a multiple of the q2_k block (256)", 14, 700000}};
    plan.keptReasons = {{"", "not a matrix", 5, 960}};
    plan.bitsPerWeight = 4.09;
    plan.modelBitsPerWeight = 4.1;
    plan.quantizedParameters = 900000;
    plan.parameters = 900960;
    quantized.plan = plan;
    quantized.texts = {text("en", 11.0, 1000, 4500), text("ja", 25.0, 1800, 1500)};
    for (TextEvaluation &t : quantized.texts) {
        LogitComparison c;
        c.count = 255;
        c.kld = { t.language == "ja" ? 0.4 : 0.1, 0.01 };
        c.sameTop = { t.language == "ja" ? 0.7 : 0.9, 0.02 };
        t.comparison = c;
    }
    quantized.comparison = quantized.texts[1].comparison;
    quantized.perplexity.ppl = 16;
    quantized.outcomes = { { 0, true, true, "x" }, { 1, false, false, "y" }, { 2, false, false, "5" } };
    quantized.accuracy = groupAccuracy(report->tasks, quantized.outcomes);
    report->runs = {base, quantized};
    report->storedBitsPerWeight = 16;
    return report;
}

} // namespace

class TestEvalResults : public QObject
{
    Q_OBJECT

public:
    static void initMain() { test::initGuiTestMain(); }

private slots:
    void initTestCase() { QVERIFY(m_shots.init()); }

    void chartsPerLanguageAndDifficulty()
    {
        const auto report = sampleReport();
        QVERIFY(EvalCharts::available(*report, EvalMetric::KldByText));
        const BarChartData ppl = EvalCharts::chart(*report, EvalMetric::PerplexityByText);
        QCOMPARE(ppl.categories, QStringList({ "en", "ja" }));
        QCOMPARE(ppl.series.size(), 2);
        QCOMPARE(ppl.series[1].values, QVector<double>({ 11.0, 25.0 }));
        QVERIFY(ppl.logScale);
        QVERIFY(!ppl.valueTitle.isEmpty());
        const BarChartData kld = EvalCharts::chart(*report, EvalMetric::KldByText);
        QCOMPARE(kld.series.size(), 1); // the unquantized run has no KLD
        const BarChartData difficulty = EvalCharts::chart(*report, EvalMetric::AccuracyByDifficulty);
        QCOMPARE(difficulty.categories, QStringList({ "easy", "hard" }));
        QCOMPARE(difficulty.series[0].values, QVector<double>({ 100.0, 100.0 }));
        QCOMPARE(difficulty.series[1].values, QVector<double>({ 100.0, 0.0 }));
        const BarChartData fertility = EvalCharts::chart(*report, EvalMetric::TokensPerCharacter);
        QCOMPARE(fertility.series[0].values[1], 1.2);
    }

    void resultsViewShowsAndExports()
    {
        EvaluateResults view;
        view.setReport(sampleReport());
        QCOMPARE(view.metricChoice()->count(), 7);
        QCOMPARE(view.textTable()->rowCount(), 4); // 2 runs x 2 texts
        QCOMPARE(view.accuracyTable()->rowCount(), 2);
        view.metricChoice()->setCurrentIndex(view.metricChoice()->findData(int(EvalMetric::AccuracyByDifficulty)));
        auto *series = qobject_cast<QBarSeries *>(view.chart()->chart()->series().first());
        QVERIFY(series);
        QCOMPARE(series->count(), 2);
        QCOMPARE(series->barSets()[1]->at(1), 0.0);
        m_shots.grab(&view, QSize(1000, 600), QStringLiteral("evalresults-difficulty"));
        view.metricChoice()->setCurrentIndex(view.metricChoice()->findData(int(EvalMetric::PerplexityByText)));
        m_shots.grab(&view, QSize(1000, 600), QStringLiteral("evalresults-ppl"));

        const QString base = m_shots.path(QStringLiteral("evaluation-export"), QString());
        QVERIFY(view.exportTo(base));
        for (const char *suffix : { ".png", ".svg", ".csv", ".json" })
            QVERIFY2(QFileInfo(base + suffix).size() > 100, suffix);
        QFile csv(base + ".csv");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray csvText = csv.readAll();
        QVERIFY(csvText.contains("q2_k,4.09,ja.txt,ja,1800")); // bits per weight next to every run
        QVERIFY2(csvText.contains("q2_k,4.09,4.10,2,14,5,"), csvText.constData());
    }

    // What each run really quantized: the runs table and every legend carry bits per weight.
    void runsSayWhatWasQuantized()
    {
        const auto report = sampleReport();
        const EvalTable runs = EvalTables::runs(*report);
        QCOMPARE(runs.rows.size(), 2);
        QCOMPARE(runs.rows[0][1], QStringLiteral("16.00"));
        QCOMPARE(runs.rows[1][4], QStringLiteral("14"));
        QVERIFY2(runs.rows[1][6].contains(QStringLiteral("fell back to q4_0: 14 (rows of 192")), qPrintable(runs.rows[1][6]));
        const BarChartData ppl = EvalCharts::chart(*report, EvalMetric::PerplexityByText);
        QCOMPARE(ppl.series[0].name, QStringLiteral("unquantized · 16.00 bpw"));
        QCOMPARE(ppl.series[1].name, QStringLiteral("q2_k · 4.09 bpw"));
        EvaluateResults view;
        view.setReport(report);
        QCOMPARE(view.runsTable()->rowCount(), 2);
    }

    void exportLeavesTheChartOnScreenAlone()
    {
        EvaluateResults view;
        view.setReport(sampleReport());
        m_shots.grab(&view, QSize(1200, 760), QStringLiteral("evalresults-before-export"));
        const QSize chartSize = view.chart()->size();
        const QRectF plot = view.chart()->chart()->plotArea();
        QVERIFY(chartSize.width() > 1000);
        QVERIFY(view.exportTo(m_shots.path(QStringLiteral("evaluation-export-2"), QString())));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        // Same size, same plot: not the export's 1000 x 600, cropped, without axes or legend.
        QCOMPARE(view.chart()->size(), chartSize);
        QCOMPARE(view.chart()->chart()->plotArea(), plot);
        QVERIFY(view.chart()->chart()->legend()->isVisible());
        m_shots.grab(&view, QSize(1200, 760), QStringLiteral("evalresults-after-export"));
    }

    void oneColorPerSchemeInEveryChart()
    {
        EvaluateResults view;
        view.setReport(sampleReport());
        const auto colorOf = [&view](EvalMetric metric, const QString &name) {
            view.metricChoice()->setCurrentIndex(view.metricChoice()->findData(int(metric)));
            auto *series = qobject_cast<QBarSeries *>(view.chart()->chart()->series().first());
            for (QBarSet *set : series->barSets())
                if (set->label().section(QStringLiteral(" \u00b7 "), 0, 0) == name) // "q2_k · 4.09 bpw"
                    return set->color();
            return QColor();
        };
        // q2_k is the second series of the perplexity chart and the only one of the KLD chart.
        const QColor ppl = colorOf(EvalMetric::PerplexityByText, QStringLiteral("q2_k"));
        QVERIFY(ppl.isValid());
        QCOMPARE(colorOf(EvalMetric::KldByText, QStringLiteral("q2_k")), ppl);
        QCOMPARE(colorOf(EvalMetric::AccuracyByLanguage, QStringLiteral("q2_k")), ppl);
        QVERIFY(colorOf(EvalMetric::PerplexityByText, QStringLiteral("unquantized")) != ppl);
    }

    void axesSayWhatTheyShow()
    {
        const auto report = sampleReport();
        // Accuracy in percent on a 0-100 axis, and the title says so.
        const BarChartData accuracy = EvalCharts::chart(*report, EvalMetric::AccuracyByDifficulty);
        QVERIFY(accuracy.valueTitle.contains(QStringLiteral("%")));
        QCOMPARE(accuracy.valueMax, 100.0);
        GroupedBarChartView chart;
        chart.setData(accuracy);
        QValueAxis *value = nullptr;
        QLogValueAxis *log = nullptr;
        for (QAbstractAxis *axis : chart.chart()->axes()) {
            if (axis->isVisible() && qobject_cast<QValueAxis *>(axis))
                value = qobject_cast<QValueAxis *>(axis);
            if (qobject_cast<QLogValueAxis *>(axis))
                log = qobject_cast<QLogValueAxis *>(axis);
        }
        QVERIFY(value);
        QVERIFY(value->max() >= 100.0 && value->max() < 111.0);
        // Perplexity 8-25 on a log axis: at least three labelled powers, not just 1, 10, 100.
        chart.setData(EvalCharts::chart(*report, EvalMetric::PerplexityByText));
        QVERIFY(log && log->isVisible());
        int labels = 0;
        for (double p = 1.0; p <= log->max() * 1.0001; p *= log->base())
            labels += p >= log->min() * 0.9999 ? 1 : 0;
        QVERIFY2(labels >= 3, qPrintable(QString::number(labels)));
        QVERIFY(log->max() / log->min() <= 16.0 + 1e-9); // and the bars fill the plot
    }

    void difficultiesInReadingOrderAndEmptyTabsSayWhy()
    {
        auto report = std::make_shared<EvalReport>(*sampleReport());
        report->tasks.push_back({ "d", TaskKind::Choice, "", { "x", "y" }, 0, "", "medium", "en", "t.jsonl" });
        for (EvalRun &run : report->runs) {
            run.outcomes.push_back({ 3, true, true, "x" });
            run.accuracy = groupAccuracy(report->tasks, run.outcomes);
        }
        const EvalTable table = EvalTables::accuracy(*report);
        const qsizetype easy = table.header.indexOf(QStringLiteral("acc % easy"));
        QVERIFY(easy > 0);
        QCOMPARE(table.header.mid(easy, 3),
            QStringList(
                { QStringLiteral("acc % easy"), QStringLiteral("acc % medium"), QStringLiteral("acc % hard") }));
        QCOMPARE(EvalCharts::chart(*report, EvalMetric::AccuracyByDifficulty).categories,
            QStringList({ QStringLiteral("easy"), QStringLiteral("medium"), QStringLiteral("hard") }));

        EvaluateResults view;
        QVERIFY(!view.emptyReason(1).isEmpty()); // before any evaluation
        view.setReport(report);
        QVERIFY(view.emptyReason(1).isEmpty());
        QVERIFY(view.emptyReason(2).isEmpty());
        // Texts only: the accuracy tab says that no task set was evaluated.
        auto textsOnly = std::make_shared<EvalReport>(*sampleReport());
        textsOnly->tasks.clear();
        for (EvalRun &run : textsOnly->runs) {
            run.outcomes.clear();
            run.accuracy = {};
        }
        view.setReport(textsOnly);
        QVERIFY(view.emptyReason(2).contains(QStringLiteral("task")));
    }

    void jsonCarriesTheIssueKeys()
    {
        const auto json = evalReportJson(*sampleReport());
        for (const char *key : { "ppl", "ppl_err", "tokens_scored", "kld", "same_top", "accuracy", "runs" })
            QVERIFY2(json.contains(key), key);
        QCOMPARE(json["runs"].size(), size_t(2));
        QCOMPARE(json["accuracy"]["by_language"]["ja"]["acc"].get<double>(), 0.0);
        QCOMPARE(json["runs"][0]["label"].get<std::string>(), std::string("unquantized"));
    }

private:
    test::ShotDir m_shots;
};

QTEST_MAIN(TestEvalResults)
#include "tst_evalresults.moc"
