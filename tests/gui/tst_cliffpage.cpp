// The Cliff page as a user drives it: set up a small sweep of a tiny model, run it and watch
// the cells arrive in the table and the chart, run again into the same folder (resumes), open
// the results without running, save and load the spec, get an inline error for a bad scheme,
// and click a point to see its scheme on the Quantize page. Screenshots in English and German
// at 1024 x 700 and 1600 x 1000.
#include "cliffchartview.h"
#include "cliffmultiplesview.h"
#include "gui/cliffcontroller.h"
#include "gui/cliffevalset.h"
#include "gui/cliffform.h"
#include "gui/cliffpage.h"
#include "gui/cliffresultsview.h"
#include "gui/cliffschemegrid.h"
#include "gui/evaluateform.h"
#include "gui/evaluatepage.h"
#include "gui/languagemenu.h"
#include "gui/mainwindow.h"
#include "gui/modelsession.h"
#include "gui/quantizepage.h"
#include "guitestutils.h"
#include "jobs/jobrunner.h"
#include "support/evalfixtures.h"
#include "sweepresultsmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace bitcliff;
using namespace bitcliff::app;

namespace {

// The tiny model's rows are 64 and 96 wide: schemes whose blocks fit them, one of each kind.
const QStringList kSchemes = { "q8_0", "q4_0" };
const QString kOtherScheme = QStringLiteral("rtn:b2:g32:asym");

struct Observed
{
    QList<int> rowsWhileRunning; // the table's rows after each partial that came before the end
    int partialsWhileRunning = 0;
    int chartsWhileRunning = 0; // snapshots shown before the end
};

} // namespace

class TestCliffPage : public QObject
{
    Q_OBJECT

public:
    static void initMain() { test::initGuiTestMain(); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_shots.init());
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath(QStringLiteral("tiny"));
        test::writeEvaluableModel(m_model.toStdString());
        m_text = m_dir.filePath(QStringLiteral("en.txt"));
        std::ofstream(m_text.toStdString()) << test::sampleText(600);
    }

    // Set up, run, watch, resume, click a point, screenshots.
    void sweepFromThePage()
    {
        MainWindow window;
        window.setConfirmClose(false);
        window.resize(1400, 900);
        window.show();
        QSignalSpy statsReady(window.session(), &ModelSession::analysisReady);
        window.openPath(m_model);
        QVERIFY(statsReady.wait(30000));
        CliffPage *page = window.cliffPage();
        window.pages()->setCurrentWidget(page);
        CliffForm *form = page->form();
        // The default output folder is named after the model, in the data location.
        QVERIFY2(
            form->outputDirectory().contains(QStringLiteral("/sweeps/tiny-")), qPrintable(form->outputDirectory()));
        QCOMPARE(form->presetChoice()->currentIndex(), 0); // quick

        form->schemeGrid()->setCheckedSchemes(kSchemes);
        QCOMPARE(form->presetChoice()->currentIndex(), 2); // custom once changed
        form->schemeGrid()->otherSchemeEdit()->setText(kOtherScheme); // taken in when Run is clicked
        form->evalSet()->setTextPath(m_text);
        for (const QString task : { "bundled:knowledge", "bundled:reasoning", "bundled:arithmetic" })
            form->evalSet()->taskBox(task)->setChecked(task == QLatin1String("bundled:arithmetic"));
        form->contextBox()->setValue(64);
        const QString out = m_dir.filePath(QStringLiteral("sweep"));
        form->setOutputDirectory(out);

        CliffController *controller = page->controller();
        Observed seen;
        connect(controller, &CliffController::cellsChanged, this, [&](const ResultCells &, bool reset) {
            if (!reset && controller->busy()) {
                ++seen.partialsWhileRunning;
                seen.rowsWhileRunning << page->results()->model()->rowCount();
            }
        });
        connect(page->results(), &CliffResultsView::snapshotShown, this, [&] {
            if (controller->busy() && !page->results()->chart()->methods().isEmpty())
                ++seen.chartsWhileRunning;
        });
        QSignalSpy finished(controller, &CliffController::sweepFinished);
        QVERIFY(page->runButton()->isEnabled());
        QTest::mouseClick(page->runButton(), Qt::LeftButton);
        QVERIFY2(!page->runButton()->isEnabled(), qPrintable(page->statusText())); // one sweep at a time
        QVERIFY(page->cancelButton()->isEnabled());
        QVERIFY(form->schemeGrid()->box(kOtherScheme)->isChecked());
        QVERIFY(finished.wait(300000));
        QTRY_VERIFY(!page->results()->building());

        // Every cell arrived while the sweep ran, one row at a time, in the table and the chart.
        QCOMPARE(seen.partialsWhileRunning, 5);
        QCOMPARE(seen.rowsWhileRunning.first(), 0); // the first partial: nothing was there to resume
        QCOMPARE(seen.rowsWhileRunning.mid(1), QList<int>({ 1, 2, 3, 4 }));
        QCOMPARE(page->results()->model()->rowCount(), 4);
        QVERIFY(page->statusText().contains(out));
        QVERIFY(QFile::exists(out + QStringLiteral("/results.jsonl")));
        QVERIFY(QFile::exists(out + QStringLiteral("/sweep.json")));
        CliffChartView *chart = page->results()->chart();
        QCOMPARE(page->results()->currentView(), chart);
        int points = 0;
        for (const QString &method : chart->methods())
            points += int(chart->pointSeries(method)->count());
        QCOMPARE(points, 3);
        // The metrics offered are those the cells have: text and task metrics (accuracy and
        // the answers' loss).
        QComboBox *metric = page->results()->metricChoice();
        QCOMPARE(metric->count(), 6);
        QVERIFY(metric->findData(int(CliffChartMetric::AnswerLoss)) >= 0);

        // Run again into the same folder with one more scheme: the four cells are kept.
        QSignalSpy started(controller, &CliffController::sweepStarted);
        QStringList more = kSchemes;
        more << kOtherScheme << QStringLiteral("q5_0");
        form->schemeGrid()->setCheckedSchemes(more);
        QTest::mouseClick(page->runButton(), Qt::LeftButton);
        QVERIFY(started.wait(60000));
        QCOMPARE(started.first().at(1).toInt(), 4);
        QCOMPARE(started.first().at(2).toInt(), 5);
        QVERIFY2(
            page->statusText().contains(QStringLiteral("4 of 5 cell(s) already finished in %1: resuming").arg(out)),
            qPrintable(page->statusText()));
        QCOMPARE(page->results()->model()->rowCount(), 4); // shown at once
        QVERIFY(finished.wait(300000));
        QCOMPARE(finished.last().first().value<SweepSummary>().ran, 1);
        QCOMPARE(page->results()->model()->rowCount(), 5);
        QTRY_VERIFY(!page->results()->building());

        // Screenshots with results, in both languages at both sizes.
        for (const QString &language : { QStringLiteral("en"), QStringLiteral("de") }) {
            QVERIFY(LanguageMenu::loadLanguage(language));
            for (const QSize size : { QSize(1024, 700), QSize(1600, 1000) }) {
                window.resize(size);
                QTRY_VERIFY(!page->results()->building());
                QTest::qWait(150);
                QVERIFY(window.grab().save(
                    m_shots.path(QStringLiteral("cliff-page-%1-%2").arg(language).arg(size.width()))));
            }
            // Small multiples of task accuracy by difficulty tier.
            QComboBox *metricBox = page->results()->metricChoice();
            metricBox->setCurrentIndex(metricBox->findData(int(CliffChartMetric::Accuracy)));
            page->results()->viewChoice()->setCurrentIndex(1);
            emit page->results()->viewChoice()->activated(1);
            QTRY_VERIFY(!page->results()->building());
            QTest::qWait(150);
            QVERIFY(window.grab().save(m_shots.path(QStringLiteral("cliff-multiples-%1").arg(language))));
            QCOMPARE(page->results()->currentView(), page->results()->multiples());
            metricBox->setCurrentIndex(0);
            page->results()->viewChoice()->setCurrentIndex(0);
            emit page->results()->viewChoice()->activated(0);
            QTRY_VERIFY(!page->results()->building());
        }
        QVERIFY(LanguageMenu::loadLanguage(QStringLiteral("en")));
        window.resize(1400, 900);
        QTRY_VERIFY(!page->results()->building());

        // A real click on a point opens its scheme on the Quantize page and checks it on the
        // Evaluate page.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QTest::qWait(100);
        const CliffSeries *target = nullptr;
        for (const CliffSeries &series : chart->data().panels[0].series)
            if (!series.points.isEmpty() && series.points.first().scheme == QLatin1String("q4_0"))
                target = &series;
        QVERIFY2(target, qPrintable(chart->methods().join(QLatin1Char(','))));
        const CliffPoint point = target->points.first();
        const QPoint at = chart->mapFromScene(
            chart->chart()->mapToPosition(QPointF(point.x, point.y), chart->pointSeries(target->method)));
        QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(window.pages()->currentWidget(), window.quantizePage());
        QCOMPARE(window.quantizePage()->firstScheme()->currentText(), point.scheme);
        const auto items = window.evaluatePage()->form()->schemeList()->findItems(point.scheme, Qt::MatchExactly);
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first()->checkState(), Qt::Checked);
        m_sweepDir = out;
    }

    // The results of an earlier sweep, shown without running (and without a model open).
    void openResults()
    {
        QVERIFY(!m_sweepDir.isEmpty());
        MainWindow window;
        window.resize(1024, 700);
        window.show();
        CliffPage *page = window.cliffPage();
        window.pages()->setCurrentWidget(page);
        QVERIFY(!page->runButton()->isEnabled()); // no model
        QVERIFY(!page->exportButton()->isEnabled()); // nothing to report
        QSignalSpy opened(page->controller(), &CliffController::resultsOpened);
        page->openResultsFrom(m_sweepDir);
        QVERIFY(opened.wait(30000));
        QCOMPARE(page->results()->model()->rowCount(), 5);
        QVERIFY2(page->statusText().contains(QStringLiteral("Opened 5 cell(s)")), qPrintable(page->statusText()));
        // The form shows the spec that ran, the folder it is in.
        QVERIFY(page->form()->schemeGrid()->box(QStringLiteral("q5_0"))->isChecked());
        QCOMPARE(page->form()->outputDirectory(), m_sweepDir);
        QCOMPARE(page->form()->contextBox()->value(), 64);
        QTRY_VERIFY(!page->results()->building());
        QVERIFY(!page->results()->chart()->methods().isEmpty());

        // The report of what is shown, written in the background.
        QVERIFY(page->exportButton()->isVisible());
        QVERIFY(page->exportButton()->isEnabled());
        QSignalSpy written(page->controller(), &CliffController::reportWritten);
        const QString report = m_dir.filePath(QStringLiteral("report"));
        page->exportReportTo(report);
        QVERIFY(!page->exportButton()->isEnabled()); // busy
        QVERIFY2(written.wait(120000), qPrintable(page->statusText()));
        const QStringList files = written.first().at(1).toStringList();
        QVERIFY(!files.isEmpty());
        QVERIFY2(files.first().endsWith(QStringLiteral("report.html")), qPrintable(files.first()));
        for (const QString &file : files)
            QVERIFY2(QFileInfo::exists(file) || QFileInfo::exists(QDir(report).filePath(file)), qPrintable(file));
        QVERIFY2(page->statusText().contains(report), qPrintable(page->statusText()));

        // A folder without results: one line, nothing shown changes.
        QSignalSpy failed(page->controller(), &CliffController::failed);
        page->openResultsFrom(m_dir.filePath(QStringLiteral("nothing-here")));
        QVERIFY(failed.wait(10000));
        QVERIFY2(page->statusText().contains(QStringLiteral("results.jsonl")), qPrintable(page->statusText()));
        QVERIFY(!page->statusText().contains(QLatin1Char('\n')));
        QCOMPARE(page->results()->model()->rowCount(), 5);
    }

    void specRoundTrip()
    {
        CliffForm form;
        form.setModelPath(m_model);
        form.schemeGrid()->setCheckedSchemes({ "q3_k", "hqq:b3:g64", "nf4:g128:dq" }); // the last one is extra
        QVERIFY(form.schemeGrid()->box(QStringLiteral("nf4:g128:dq")));
        form.evalSet()->languageBox(QStringLiteral("en"))->setChecked(false);
        form.evalSet()->addTaskFile(m_dir.filePath(QStringLiteral("my-tasks.jsonl")));
        form.contextBox()->setValue(192);
        const SweepSpec saved = form.spec();
        QCOMPARE(saved.schemes.size(), size_t(3));
        QVERIFY(saved.text->starts_with("bundled:") && saved.text->find("en") == std::string::npos);
        const QString file = m_dir.filePath(QStringLiteral("spec.json"));
        QVERIFY(form.saveSpecTo(file));

        CliffForm other;
        other.setModelPath(m_model);
        QVERIFY(other.loadSpecFrom(file));
        QCOMPARE(QString::fromStdString(other.spec().toJson().dump()), QString::fromStdString(saved.toJson().dump()));
        QVERIFY(other.schemeGrid()->box(QStringLiteral("nf4:g128:dq"))->isChecked());
        QVERIFY(!other.evalSet()->languageBox(QStringLiteral("en"))->isChecked());

        // A spec that is not one: one line under the form, the form unchanged.
        const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
        QFile badFile(bad);
        QVERIFY(badFile.open(QIODevice::WriteOnly));
        badFile.write(R"({"model": "x", "schemes": ["q9_k"], "text": "bundled"})");
        badFile.close();
        QVERIFY(!other.loadSpecFrom(bad));
        QVERIFY2(
            other.messageLabel()->text().contains(QStringLiteral("q9_k")), qPrintable(other.messageLabel()->text()));
        QVERIFY(!other.messageLabel()->text().contains(QLatin1Char('\n')));
        QCOMPARE(QString::fromStdString(other.spec().toJson().dump()), QString::fromStdString(saved.toJson().dump()));
    }

    void badSchemeTextStopsTheRun()
    {
        MainWindow window;
        window.setConfirmClose(false);
        QSignalSpy statsReady(window.session(), &ModelSession::analysisReady);
        window.openPath(m_model);
        QVERIFY(statsReady.wait(30000));
        CliffPage *page = window.cliffPage();
        QSignalSpy jobs(window.jobRunner(), &JobRunner::jobStarted);
        CliffSchemeGrid *grid = page->form()->schemeGrid();
        grid->otherSchemeEdit()->setText(QStringLiteral("rtn:b9:g128"));
        QTest::mouseClick(page->runButton(), Qt::LeftButton);
        QVERIFY(grid->otherSchemeError()->isVisibleTo(page));
        QVERIFY2(grid->otherSchemeError()->text().contains(QStringLiteral("bad scheme")),
            qPrintable(grid->otherSchemeError()->text()));
        QCOMPARE(grid->otherSchemeEdit()->text(), QStringLiteral("rtn:b9:g128")); // kept to be fixed
        QVERIFY(!page->controller()->busy());
        QCOMPARE(jobs.count(), 0);
        // Pressing Enter on a good one adds it and clears the error.
        grid->otherSchemeEdit()->setText(QStringLiteral("rtn:b3:g32:sym"));
        QTest::keyClick(grid->otherSchemeEdit(), Qt::Key_Return);
        QVERIFY(!grid->otherSchemeError()->isVisibleTo(page));
        QVERIFY(grid->checkedSchemes().contains(QStringLiteral("rtn:b3:g32:sym")));
    }

private:
    test::ShotDir m_shots;
    QTemporaryDir m_dir;
    QString m_model;
    QString m_text;
    QString m_sweepDir;
};

QTEST_MAIN(TestCliffPage)
#include "tst_cliffpage.moc"
