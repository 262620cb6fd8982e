// The Quantize page as a user drives it: pick schemes, quantize in the background, see the
// overview, open a tensor's error maps, compare two schemes; a calibrated recipe (gptq) on
// the demo model's calibration text; bad scheme text or missing calibration text is an
// error message, not a crash.
#include "channelerrorscatter.h"
#include "gui/calibrationfield.h"
#include "gui/languagemenu.h"
#include "gui/mainwindow.h"
#include "gui/modelsession.h"
#include "gui/modeltreepanel.h"
#include "gui/quantizecontroller.h"
#include "gui/quantizepage.h"
#include "heatmapwidget.h"
#include "jobs/jobrunner.h"
#include "support/fixtures.h"
#include "support/tinytransformer.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace bitcliff;
using namespace bitcliff::app;

class TestQuantizePage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath(QStringLiteral("tiny"));
        test::writeTinyLlama(m_model.toStdString(), 3, 64, 5);
    }

    void quantizeCompareAndInspect()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QSignalSpy statsReady(window.session(), &ModelSession::analysisReady);
        window.openPath(m_model);
        QVERIFY(statsReady.wait(30000));

        QuantizePage *page = window.quantizePage();
        QVERIFY(page->quantizeButton()->isEnabled());
        page->firstScheme()->setCurrentText(QStringLiteral("rtn:b3:g32:asym"));
        page->compareBox()->setChecked(true);
        page->secondScheme()->setCurrentText(QStringLiteral("nf4:g32"));
        auto *controller = window.findChild<QuantizeController *>();
        QVERIFY(controller);
        QSignalSpy quantized(controller, &QuantizeController::analysisReady);
        QTest::mouseClick(page->quantizeButton(), Qt::LeftButton);
        QVERIFY(quantized.wait(30000));
        QVERIFY(page->summaryText().contains(QStringLiteral("rtn:b3:g32:asym")));
        QVERIFY(page->summaryText().contains(QStringLiteral("nf4:g32")));
        QVERIFY(page->overview()->visibleRegion().width() > 0);

        // Selecting a tensor builds its error maps, the difference and the scatter.
        // Stay on the Quantize page, on its "Selected tensor" tab, as a user comparing would.
        auto *mainTabs = qobject_cast<QTabWidget *>(page->parentWidget()->parentWidget());
        QVERIFY(mainTabs);
        mainTabs->setCurrentWidget(page);
        page->findChild<QTabWidget *>()->setCurrentIndex(1);
        QSignalSpy views(controller, &QuantizeController::tensorViewsReady);
        window.treePanel()->selectTensor(2); // layer 0 q_proj
        QVERIFY(views.wait(10000));
        QVERIFY(page->errorMap()->visibleRegion().width() > 0);
        QVERIFY(!page->differenceMap()->isHidden()); // shown when comparing
        QVERIFY(page->differenceMap()->visibleRegion().width() > 0);
        QCOMPARE(mainTabs->currentWidget(), page); // selecting a tensor does not leave the page
        // Side by side, both schemes' maps share one color scale.
        for (auto [a, b] : { std::pair { page->overview(), page->secondOverview() },
                 std::pair { page->errorMap(), page->secondErrorMap() } }) {
            QVERIFY(a->colorLegend() && b->colorLegend());
            QCOMPARE(a->colorLegend()->low(), b->colorLegend()->low());
            QCOMPARE(a->colorLegend()->high(), b->colorLegend()->high());
        }
        QTest::qWait(100); // let the charts lay out their legends before the picture
        if (!qEnvironmentVariableIsEmpty("BITCLIFF_SCREENSHOT_DIR"))
            window.grab().save(qEnvironmentVariable("BITCLIFF_SCREENSHOT_DIR") + QStringLiteral("/quantize-page.png"));
    }

    void selectedTensorOnly()
    {
        MainWindow window;
        QSignalSpy statsReady(window.session(), &ModelSession::analysisReady);
        window.openPath(m_model);
        QVERIFY(statsReady.wait(30000));
        QuantizePage *page = window.quantizePage();
        QVERIFY(!page->selectedOnlyBox()->isEnabled()); // nothing selected yet
        window.treePanel()->selectTensor(4); // layer 0 v_proj
        QVERIFY(page->selectedOnlyBox()->isEnabled());
        page->selectedOnlyBox()->setChecked(true);
        page->firstScheme()->setCurrentText(QStringLiteral("q8_0"));
        auto *controller = window.findChild<QuantizeController *>();
        QSignalSpy quantized(controller, &QuantizeController::analysisReady);
        QSignalSpy views(controller, &QuantizeController::tensorViewsReady);
        QTest::mouseClick(page->quantizeButton(), Qt::LeftButton);
        QVERIFY(quantized.wait(30000));
        const auto analysis = controller->analysis();
        QCOMPARE(analysis->first.report->quantizedParameters, window.session()->model()->tensors()[4].elementCount());
        QVERIFY(views.count() > 0 || views.wait(10000)); // its error maps follow by themselves
        QVERIFY(page->errorMap()->visibleRegion().width() > 0);
    }

    // A model of hidden size 192: q4_k fits only ffn_down (rows of 512). The summary says what
    // fell back to what and why, with bits per weight, and a cell's tooltip names its tensor's
    // treatment — in English and in German, at 1024 × 700 and 1600 × 1000.
    void narrowModelSaysWhatFellBack_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("size");
        QTest::newRow("en 1024") << QStringLiteral("en") << QSize(1024, 700);
        QTest::newRow("de 1024") << QStringLiteral("de") << QSize(1024, 700);
        QTest::newRow("de 1600") << QStringLiteral("de") << QSize(1600, 1000);
    }

    void narrowModelSaysWhatFellBack()
    {
        QFETCH(QString, language);
        QFETCH(QSize, size);
        QVERIFY(LanguageMenu::loadLanguage(language));
        const QString model = m_dir.filePath(QStringLiteral("hidden192"));
        if (!QFileInfo::exists(model)) {
            test::TinyTransformerSpec spec = test::narrowSpec(192);
            spec.layers = 4;
            test::writeTinyTransformer(model.toStdString(), spec);
        }
        MainWindow window;
        window.resize(size);
        window.show();
        QSignalSpy statsReady(window.session(), &ModelSession::analysisReady);
        window.openPath(model);
        QVERIFY(statsReady.wait(30000));
        QuantizePage *page = window.quantizePage();
        auto *mainTabs = qobject_cast<QTabWidget *>(page->parentWidget()->parentWidget());
        mainTabs->setCurrentWidget(page);
        page->firstScheme()->setCurrentText(QStringLiteral("q4_k"));
        auto *controller = window.findChild<QuantizeController *>();
        QSignalSpy quantized(controller, &QuantizeController::analysisReady);
        QTest::mouseClick(page->quantizeButton(), Qt::LeftButton);
        QVERIFY(quantized.wait(30000));
        const QString summary = page->summaryText();
        QVERIFY2(summary.contains(QStringLiteral("q5_0")) && summary.contains(QStringLiteral(": 26 (rows of 192")),
                 qPrintable(summary));
        QVERIFY2(summary.contains(language == QLatin1String("de") ? QStringLiteral("Bit/Gewicht") : QStringLiteral("bits/weight")),
                 qPrintable(summary));
        // The overview's cells: layer 0's q column fell back, its ffn_down is q4_k.
        HeatmapWidget *overview = page->overview();
        QTest::qWait(100);
        QStringList tips;
        for (int x = 0; x < overview->width(); x += 4)
            tips << overview->toolTipAt(QPoint(x, overview->height() / 2));
        const QString all = tips.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("q_proj.weight")) && all.contains(QStringLiteral("q5_0")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("down_proj.weight")), qPrintable(all));
        if (!qEnvironmentVariableIsEmpty("BITCLIFF_SCREENSHOT_DIR"))
            window.grab().save(qEnvironmentVariable("BITCLIFF_SCREENSHOT_DIR")
                               + QStringLiteral("/quantize-hidden192-%1-%2.png").arg(language).arg(size.width()));
        QVERIFY(LanguageMenu::loadLanguage(QStringLiteral("en")));
    }

    // A second model (as the Train page hands over a trained checkpoint): the scheme quantizes
    // both, each map is titled with its model, the difference compares the same tensor of
    // both; another shape shows its maps without a difference, and a bad path is a message.
    void secondModelQuantizedBeside()
    {
        const QString other = m_dir.filePath(QStringLiteral("trained"));
        test::writeTinyLlama(other.toStdString(), 3, 64, 9); // same shapes, other weights
        MainWindow window;
        window.resize(1024, 700);
        window.show();
        QSignalSpy statsReady(window.session(), &ModelSession::analysisReady);
        window.openPath(m_model);
        QVERIFY(statsReady.wait(30000));
        QuantizePage *page = window.quantizePage();
        auto *mainTabs = qobject_cast<QTabWidget *>(page->parentWidget()->parentWidget());
        mainTabs->setCurrentWidget(page);
        page->firstScheme()->setCurrentText(QStringLiteral("rtn:b3:g32:asym"));
        page->secondModelEdit()->setText(other);
        auto *controller = window.findChild<QuantizeController *>();
        QSignalSpy quantized(controller, &QuantizeController::analysisReady);
        QTest::mouseClick(page->quantizeButton(), Qt::LeftButton);
        QVERIFY(quantized.wait(30000));
        const auto analysis = controller->analysis();
        QVERIFY(analysis->second.report);
        QCOMPARE(analysis->second.report->scheme.toString(), std::string("rtn:b3:g32:asym"));
        QCOMPARE(analysis->second.report->model->sourcePath(), QDir::cleanPath(other).toStdString());
        const QString summary = page->summaryText();
        QVERIFY2(summary.startsWith(QStringLiteral("tiny: rtn:b3:g32:asym")) && summary.contains(QStringLiteral("\ntrained: rtn:b3:g32:asym")),
                 qPrintable(summary));
        QVERIFY(page->secondOverview()->isVisibleTo(page));
        QVERIFY(page->secondOverview()->data()->title.endsWith(QStringLiteral("rtn:b3:g32:asym \u00b7 trained")));
        // The outlier channel differs (3 vs 9): so do the two models' errors.
        QVERIFY(analysis->first.report->quantizedMse != analysis->second.report->quantizedMse);

        page->findChild<QTabWidget *>()->setCurrentIndex(1);
        QSignalSpy views(controller, &QuantizeController::tensorViewsReady);
        window.treePanel()->selectTensor(2);
        QVERIFY(views.wait(10000));
        QVERIFY(page->differenceMap()->data() && page->differenceMap()->data()->rows > 0);
        QVERIFY(page->secondErrorMap()->data()->title.contains(QStringLiteral("trained")));
        if (!qEnvironmentVariableIsEmpty("BITCLIFF_SCREENSHOT_DIR"))
            window.grab().save(qEnvironmentVariable("BITCLIFF_SCREENSHOT_DIR") + QStringLiteral("/quantize-two-models.png"));

        // Another shape: both maps, no difference.
        const QString narrow = m_dir.filePath(QStringLiteral("narrow"));
        test::writeTinyLlama(narrow.toStdString(), 3, 32, 5);
        page->secondModelEdit()->setText(narrow);
        QTest::mouseClick(page->quantizeButton(), Qt::LeftButton);
        QVERIFY(quantized.wait(30000));
        QVERIFY(views.count() > 1 || views.wait(10000));
        QVERIFY(page->secondErrorMap()->data());
        QVERIFY(!page->differenceMap()->data() || page->differenceMap()->data()->rows == 0);

        // A path that is no model: one line in the summary, the page stays usable.
        page->secondModelEdit()->setText(m_dir.filePath(QStringLiteral("missing")));
        QSignalSpy failed(controller, &QuantizeController::failed);
        QTest::mouseClick(page->quantizeButton(), Qt::LeftButton);
        QVERIFY(failed.wait(30000));
        QVERIFY2(page->summaryText().contains(QStringLiteral("missing")), qPrintable(page->summaryText()));
        QVERIFY(page->quantizeButton()->isEnabled());
    }

    // gptq on the demo model: the calibration row (off for rtn) turns on and has the model's
    // calibration/ folder; the recipe calibrates and is measured in the background job, with
    // progress; the overview is titled by the recipe, the summary says how it calibrated, and
    // rtn on the same grid beside it has other errors.
    void calibratedRecipeOnTheDemoModel()
    {
        MainWindow window;
        window.setConfirmClose(false);
        window.resize(1024, 700);
        window.show();
        QSignalSpy statsReady(window.session(), &ModelSession::analysisReady);
        window.openDemo();
        QVERIFY(statsReady.wait(180000));
        QuantizePage *page = window.quantizePage();
        window.pages()->setCurrentWidget(page);
        CalibrationField *calibration = page->calibration();
        QVERIFY(!calibration->isEnabled()); // rtn:b4:g128:sym needs no text
        QVERIFY(QuantizePage::presetSchemes().contains(QStringLiteral("gptq:b4:g128:sym")));
        page->firstScheme()->setCurrentText(QStringLiteral("gptq:b4:g128"));
        QVERIFY(calibration->isEnabled());
        QVERIFY(calibration->choice());
        QVERIFY2(calibration->choice()->reference.endsWith(QStringLiteral("/calibration")),
                 qPrintable(calibration->choice()->reference));
        calibration->sequencesBox()->setValue(8);
        calibration->lengthBox()->setValue(64);
        page->compareBox()->setChecked(true);
        page->secondScheme()->setCurrentText(QStringLiteral("rtn:b4:g128:sym"));

        auto *controller = window.findChild<QuantizeController *>();
        QSignalSpy quantized(controller, &QuantizeController::analysisReady);
        QSignalSpy started(window.jobRunner(), &JobRunner::jobStarted);
        QSignalSpy progress(window.jobRunner(), &JobRunner::jobProgress);
        QTest::mouseClick(page->quantizeButton(), Qt::LeftButton);
        // In the background: the click returns before anything is calibrated.
        QCOMPARE(started.count(), 1);
        QCOMPARE(quantized.count(), 0);
        QVERIFY(!page->quantizeButton()->isEnabled());
        QVERIFY(quantized.wait(180000));
        QVERIFY(page->quantizeButton()->isEnabled());
        QVERIFY(progress.count() > 0);

        const auto analysis = controller->analysis();
        QCOMPARE(analysis->first.label, QStringLiteral("gptq:b4:g128:sym"));
        QCOMPARE(analysis->first.report->recipe(), std::string("gptq:b4:g128:sym"));
        QCOMPARE(analysis->second.report->recipe(), std::string("rtn:b4:g128:sym"));
        QVERIFY(analysis->first.report->quantizedParameters > 0);
        QVERIFY(analysis->first.report->quantizedMse != analysis->second.report->quantizedMse);
        QVERIFY2(page->overview()->data()->title.contains(QStringLiteral("\u2014 gptq:b4:g128:sym")),
                 qPrintable(page->overview()->data()->title + page->summaryText()));
        QVERIFY2(controller->calibrationNote(0).contains(QStringLiteral("from 8 \u00d7 64 tokens")),
                 qPrintable(controller->calibrationNote(0)));
        QVERIFY(controller->calibrationNote(1).isEmpty());
        const QString summary = page->summaryText();
        QVERIFY2(summary.contains(QStringLiteral("Calibration: ") + controller->calibrationNote(0)),
                 qPrintable(summary));
        QVERIFY(summary.contains(QStringLiteral("rtn:b4:g128:sym")));
        QTest::qWait(100);
        if (!qEnvironmentVariableIsEmpty("BITCLIFF_SCREENSHOT_DIR"))
            window.grab().save(qEnvironmentVariable("BITCLIFF_SCREENSHOT_DIR") + QStringLiteral("/quantize-gptq.png"));

        // Cancel stops the calibration: the page is ready again, the previous charts stay.
        calibration->sequencesBox()->setValue(64);
        calibration->lengthBox()->setValue(256);
        QSignalSpy ended(window.jobRunner(), &JobRunner::jobEnded);
        QTest::mouseClick(page->quantizeButton(), Qt::LeftButton);
        QCOMPARE(started.count(), 2);
        const int job = started.last().at(0).toInt();
        window.jobRunner()->cancel(job);
        const auto endedAs = [&]() -> std::optional<JobState> {
            for (const QList<QVariant> &end : std::as_const(ended))
                if (end.at(0).toInt() == job)
                    return end.at(1).value<JobState>();
            return std::nullopt;
        };
        QTRY_VERIFY_WITH_TIMEOUT(endedAs().has_value(), 60000);
        QCOMPARE(*endedAs(), JobState::Cancelled);
        QTRY_VERIFY(page->quantizeButton()->isEnabled());
        QCOMPARE(quantized.count(), 1);
        QCOMPARE(controller->analysis(), analysis);
    }

    // A rotated recipe beside the plain one: no calibration, its report has the untied head
    // (one tensor more than the tied demo model), measured against the rotated weights, and
    // the page shows both without trouble.
    void rotatedRecipeBesidePlain()
    {
        MainWindow window;
        window.setConfirmClose(false);
        window.resize(1024, 700);
        window.show();
        QSignalSpy statsReady(window.session(), &ModelSession::analysisReady);
        window.openDemo();
        QVERIFY(statsReady.wait(180000));
        QuantizePage *page = window.quantizePage();
        window.pages()->setCurrentWidget(page);
        page->firstScheme()->setCurrentText(QStringLiteral("rtn:b4:g128:sym+rot"));
        QVERIFY(!page->calibration()->isEnabled()); // rotation calibrates on nothing
        page->compareBox()->setChecked(true);
        page->secondScheme()->setCurrentText(QStringLiteral("rtn:b4:g128:sym"));
        auto *controller = window.findChild<QuantizeController *>();
        QSignalSpy quantized(controller, &QuantizeController::analysisReady);
        QTest::mouseClick(page->quantizeButton(), Qt::LeftButton);
        QVERIFY(quantized.wait(180000));
        const auto analysis = controller->analysis();
        QCOMPARE(analysis->first.report->recipe(), std::string("rtn:b4:g128:sym+rot"));
        QCOMPARE(analysis->first.report->tensors.size(), analysis->second.report->tensors.size() + 1);
        QVERIFY2(controller->calibrationNote(0).startsWith(QStringLiteral("rotated: Hadamard 2^7")),
                 qPrintable(controller->calibrationNote(0)));
        QVERIFY(page->overview()->data()->title.contains(QStringLiteral("rtn:b4:g128:sym+rot")));
        QTest::qWait(100);
        if (!qEnvironmentVariableIsEmpty("BITCLIFF_SCREENSHOT_DIR"))
            window.grab().save(qEnvironmentVariable("BITCLIFF_SCREENSHOT_DIR") + QStringLiteral("/quantize-rot.png"));
    }

    // Without calibration text, or on the selected tensor only, a calibrated recipe is a
    // message before any job (the Evaluate page's words for the first).
    void calibratedRecipeNeedsCalibrationText()
    {
        MainWindow window;
        QSignalSpy statsReady(window.session(), &ModelSession::analysisReady);
        window.openPath(m_model);
        QVERIFY(statsReady.wait(30000));
        QuantizePage *page = window.quantizePage();
        QCOMPARE(page->calibration()->source()->currentIndex(), 0); // no calibration/ beside the tiny model
        page->firstScheme()->setCurrentText(QStringLiteral("gptq:b3:g32"));
        QVERIFY(page->calibration()->isEnabled());
        QSignalSpy started(window.jobRunner(), &JobRunner::jobStarted);
        QTest::mouseClick(page->quantizeButton(), Qt::LeftButton);
        QVERIFY2(page->summaryText().contains(
                     QStringLiteral("gptq:b3:g32:sym needs calibration text: choose it under Calibration.")),
                 qPrintable(page->summaryText()));
        page->calibration()->source()->setCurrentIndex(1); // the bundled passages
        window.treePanel()->selectTensor(2);
        page->selectedOnlyBox()->setChecked(true);
        QTest::mouseClick(page->quantizeButton(), Qt::LeftButton);
        QVERIFY2(page->summaryText().contains(QStringLiteral("quantizes the layers in turn")),
                 qPrintable(page->summaryText()));
        QCOMPARE(started.count(), 0);
        // A plain scheme leaves the row off again.
        page->firstScheme()->setCurrentText(QStringLiteral("q8_0"));
        QVERIFY(!page->calibration()->isEnabled());
    }

    void badSchemeTextIsAMessage()
    {
        MainWindow window;
        QSignalSpy statsReady(window.session(), &ModelSession::analysisReady);
        window.openPath(m_model);
        QVERIFY(statsReady.wait(30000));
        QuantizePage *page = window.quantizePage();
        page->firstScheme()->setCurrentText(QStringLiteral("rtn:b11"));
        QTest::mouseClick(page->quantizeButton(), Qt::LeftButton);
        QVERIFY(page->summaryText().contains(QStringLiteral("bad scheme")));
    }

    void enterQuantizesAndABadSchemeClearsTheCharts()
    {
        MainWindow window;
        window.show();
        QSignalSpy statsReady(window.session(), &ModelSession::analysisReady);
        window.openPath(m_model);
        QVERIFY(statsReady.wait(30000));
        QuantizePage *page = window.quantizePage();
        auto *controller = window.findChild<QuantizeController *>();
        QSignalSpy quantized(controller, &QuantizeController::analysisReady);
        // Enter in the scheme field runs Quantize.
        page->firstScheme()->setCurrentText(QStringLiteral("q8_0"));
        QTest::keyClick(page->firstScheme()->lineEdit(), Qt::Key_Return);
        QVERIFY(quantized.wait(30000));
        QVERIFY(page->overview()->data());
        QCOMPARE(page->firstScheme()->count(), QuantizePage::presetSchemes().size()); // Enter added no item

        // Exports copy the charts: the map on screen keeps its size.
        const QSize before = page->overview()->size();
        QTemporaryDir out;
        const QStringList files = page->exportCharts(out.path());
        QVERIFY(files.contains(out.filePath(QStringLiteral("quantize-overview-q8_0.png"))));
        QCOMPARE(page->overview()->size(), before);

        // A scheme text that does not parse greys the old charts out at once...
        page->firstScheme()->setCurrentText(QStringLiteral("rtn:b11"));
        QVERIFY(!page->resultTabs()->isEnabled());
        // ...and Quantize with it clears them: they belong to another scheme.
        QTest::mouseClick(page->quantizeButton(), Qt::LeftButton);
        QVERIFY(page->summaryText().contains(QStringLiteral("bad scheme")));
        QVERIFY(!page->overview()->data());
        page->firstScheme()->setCurrentText(QStringLiteral("q4_0"));
        QVERIFY(page->resultTabs()->isEnabled());
    }

private:
    QTemporaryDir m_dir;
    QString m_model;
};

QTEST_MAIN(TestQuantizePage)
#include "tst_quantizepage.moc"
