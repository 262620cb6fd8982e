// The Cliff page's calibration of gptq cells: the scheme grid's GPTQ rows, the form's
// Calibration row (its choice in the spec, through save and load; a preset without it clears
// it), the error before a run when a gptq cell has no calibration text, and a sweep that
// calibrates on the chosen text.
#include "gui/calibrationfield.h"
#include "gui/cliffcontroller.h"
#include "gui/cliffevalset.h"
#include "gui/cliffform.h"
#include "gui/cliffpage.h"
#include "gui/cliffresultsview.h"
#include "gui/cliffschemegrid.h"
#include "gui/languagemenu.h"
#include "gui/mainwindow.h"
#include "gui/modelsession.h"
#include "guitestutils.h"
#include "jobs/jobrunner.h"
#include "support/evalfixtures.h"
#include "util/error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace bitcliff;
using namespace bitcliff::app;

class TestCliffCalibration : public QObject
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

    // gptq cells calibrate on the text of the form's Calibration row: without it the spec is
    // refused with the Evaluate page's words; with it the spec carries it, through save and
    // load too; a preset without it clears it; a loaded spec's file shows by its name.
    void calibrationOfCalibratedCells()
    {
        CliffForm form;
        form.setModelPath(m_model);
        QCheckBox *gptq = form.schemeGrid()->box(QStringLiteral("gptq:b3:g128:sym"));
        QVERIFY(gptq);
        QCOMPARE(gptq->text(), QStringLiteral("b3")); // in the GPTQ row, under "3 bits"
        QVERIFY(form.schemeGrid()->box(QStringLiteral("gptq:b2:g128:asym")));
        form.schemeGrid()->setCheckedSchemes({ "q8_0", "gptq:b3:g128:sym" });
        QVERIFY(!form.calibration()->choice()); // None: nothing beside the tiny model
        QString error;
        try {
            form.spec();
        } catch (const Error &e) {
            error = QString::fromStdString(e.what());
        }
        QCOMPARE(error, QStringLiteral("gptq:b3:g128:sym needs calibration text: choose it under Calibration."));

        form.calibration()->source()->setCurrentIndex(1); // the bundled passages
        form.calibration()->sequencesBox()->setValue(8);
        form.calibration()->lengthBox()->setValue(64);
        QCOMPARE(form.presetChoice()->currentIndex(), 2); // custom
        const SweepSpec spec = form.spec();
        QVERIFY(spec.calibration);
        QCOMPARE(*spec.calibration, (SweepCalibration { "bundled", 8, 64 }));
        const QString file = m_dir.filePath(QStringLiteral("gptq-spec.json"));
        QVERIFY(form.saveSpecTo(file));
        CliffForm other;
        other.setModelPath(m_model);
        QVERIFY(other.loadSpecFrom(file));
        QCOMPARE(other.calibration()->choice()->reference, QStringLiteral("bundled"));
        QCOMPARE(other.calibration()->sequencesBox()->value(), 8);
        QVERIFY(other.spec().calibration == spec.calibration);

        form.setSpec(sweepPreset("quick"));
        QVERIFY(!form.calibration()->choice());
        QVERIFY(!form.spec().calibration);

        SweepSpec withFile = spec;
        withFile.calibration = SweepCalibration { m_text.toStdString(), 16, 32 };
        form.setSpec(withFile);
        QCOMPARE(form.calibration()->source()->currentText(), QStringLiteral("en.txt"));
        QVERIFY(form.spec().calibration == withFile.calibration);
        // The row fits the form as wide as a 1024-pixel window leaves it, in German too.
        for (const QString &language : { QStringLiteral("en"), QStringLiteral("de") }) {
            QVERIFY(LanguageMenu::loadLanguage(language));
            form.retranslate();
            QVERIFY2(form.calibration()->minimumSizeHint().width() <= 740,
                qPrintable(QString::number(form.calibration()->minimumSizeHint().width())));
            m_shots.grab(&form, QSize(740, 620), QStringLiteral("cliff-form-calibration-") + language);
        }
        QVERIFY(LanguageMenu::loadLanguage(QStringLiteral("en")));
    }

    // From the page: Run with a gptq cell and no calibration text is the message, no job;
    // with text chosen the sweep calibrates on it and the gptq cell is measured.
    void calibratedSweepFromThePage()
    {
        MainWindow window;
        window.setConfirmClose(false);
        window.resize(1024, 700);
        window.show();
        QSignalSpy statsReady(window.session(), &ModelSession::analysisReady);
        window.openPath(m_model);
        QVERIFY(statsReady.wait(30000));
        CliffPage *page = window.cliffPage();
        window.pages()->setCurrentWidget(page);
        CliffForm *form = page->form();
        form->schemeGrid()->setCheckedSchemes({ "q8_0", "gptq:b3:g128:sym" });
        form->evalSet()->setTextPath(m_text);
        for (const QString task : { "bundled:knowledge", "bundled:reasoning", "bundled:arithmetic" })
            form->evalSet()->taskBox(task)->setChecked(false);
        form->contextBox()->setValue(64);
        const QString out = m_dir.filePath(QStringLiteral("gptq-sweep"));
        form->setOutputDirectory(out);
        QSignalSpy jobs(window.jobRunner(), &JobRunner::jobStarted);
        QTest::mouseClick(page->runButton(), Qt::LeftButton);
        QVERIFY2(page->statusText().contains(QStringLiteral("needs calibration text: choose it under Calibration")),
            qPrintable(page->statusText()));
        QCOMPARE(jobs.count(), 0);

        form->calibration()->source()->setCurrentIndex(1); // the bundled passages
        form->calibration()->sequencesBox()->setValue(4);
        form->calibration()->lengthBox()->setValue(64);
        QSignalSpy finished(page->controller(), &CliffController::sweepFinished);
        QTest::mouseClick(page->runButton(), Qt::LeftButton);
        QVERIFY2(finished.wait(300000), qPrintable(page->statusText()));
        QCOMPARE(finished.first().first().value<SweepSummary>().failed, 0);
        QVERIFY(loadSweepSpec(QDir(out).filePath(QStringLiteral("sweep.json")).toStdString()).calibration
            == (SweepCalibration { "bundled", 4, 64 }));
        bool measured = false;
        for (const ResultCell &cell : page->controller()->cells())
            if (cell.value("scheme", "") == "gptq:b3:g128:sym")
                measured = cell.value("status", "") == "ok";
        QVERIFY(measured);
        QTRY_VERIFY(!page->results()->building());
        QTest::qWait(150);
        QVERIFY(window.grab().save(m_shots.path(QStringLiteral("cliff-gptq-1024"))));
    }

private:
    test::ShotDir m_shots;
    QTemporaryDir m_dir;
    QString m_model;
    QString m_text;
};

QTEST_MAIN(TestCliffCalibration)
#include "tst_cliffcalibration.moc"
