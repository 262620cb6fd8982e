// The Evaluate page and the activation view as a user drives them: open a model, pick the
// bundled passages and a task set and two schemes, evaluate in the background, read the
// chart and tables; capture activations and switch the outlier map to them.
#include "groupedbarchartview.h"
#include "gui/calibrationfield.h"
#include "gui/evaluatecontroller.h"
#include "gui/evaluateform.h"
#include "gui/evaluatepage.h"
#include "gui/evaluateresults.h"
#include "gui/mainwindow.h"
#include "gui/modelpage.h"
#include "gui/modelsession.h"
#include "guitestutils.h"
#include "heatmapwidget.h"
#include "support/evalfixtures.h"

#include <QComboBox>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleOptionViewItem>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace bitcliff;
using namespace bitcliff::app;

namespace {

void check(QListWidget *list, const QString &text, bool on)
{
    const auto items = list->findItems(text, Qt::MatchExactly);
    QVERIFY2(!items.isEmpty(), qPrintable(text));
    items.first()->setCheckState(on ? Qt::Checked : Qt::Unchecked);
}

} // namespace

class TestEvaluatePage : public QObject
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
    }

    void evaluateSchemesOnBundledData()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QSignalSpy statsReady(window.session(), &ModelSession::analysisReady);
        window.openPath(m_model);
        QVERIFY(statsReady.wait(30000));

        EvaluatePage *page = window.evaluatePage();
        EvaluateForm *form = page->form();
        QVERIFY(form->runButton()->isEnabled());
        QCOMPARE(form->textChoice()->currentData().toString(), QString("bundled"));
        form->contextBox()->setValue(64);
        for (int i = 0; i < form->schemeList()->count(); ++i)
            form->schemeList()->item(i)->setCheckState(Qt::Unchecked);
        check(form->schemeList(), "q8_0", true);
        check(form->schemeList(), "rtn:b2:g64:asym", true);
        check(form->taskList(), "Knowledge", true);

        auto *tabs = window.findChild<QTabWidget *>();
        tabs->setCurrentWidget(page);
        auto *controller = window.findChild<EvaluateController *>();
        QSignalSpy ready(controller, &EvaluateController::reportReady);
        QTest::mouseClick(form->runButton(), Qt::LeftButton);
        QVERIFY(!form->runButton()->isEnabled()); // one evaluation at a time
        QVERIFY(ready.wait(240000));
        QVERIFY(form->runButton()->isEnabled());

        const auto report = controller->report();
        QCOMPARE(report->runs.size(), size_t(3));
        QCOMPARE(report->runs[0].texts.size(), size_t(7)); // every bundled language
        QCOMPARE(report->runs[0].outcomes.size(), size_t(210));
        QVERIFY(report->runs[1].comparison->kld.mean < report->runs[2].comparison->kld.mean);
        QVERIFY(page->summaryText().contains("q8_0"));
        QCOMPARE(page->results()->textTable()->rowCount(), 21);
        QCOMPARE(page->results()->accuracyTable()->rowCount(), 3);
        QComboBox *metric = page->results()->metricChoice();
        metric->setCurrentIndex(metric->findText(QStringLiteral("KL divergence per language")));
        QCOMPARE(page->results()->chart()->data().categories.size(), 7);
        QTest::qWait(100);
        window.grab().save(m_shots.path(QStringLiteral("evaluate-page")));
    }

    // gptq asks for calibration text, then runs on the chosen text like any scheme.
    void calibratedSchemeNeedsAndUsesCalibrationText()
    {
        MainWindow window;
        window.resize(1024, 700);
        window.show();
        QSignalSpy statsReady(window.session(), &ModelSession::analysisReady);
        window.openPath(m_model);
        QVERIFY(statsReady.wait(30000));
        EvaluateForm *form = window.evaluatePage()->form();
        form->contextBox()->setValue(64);
        for (int i = 0; i < form->schemeList()->count(); ++i)
            form->schemeList()->item(i)->setCheckState(Qt::Unchecked);
        check(form->schemeList(), "gptq:b3:g128:sym", true);
        QCOMPARE(form->calibration()->source()->currentIndex(), 0); // no calibration/ beside the tiny model
        QVERIFY_THROWS_EXCEPTION(Error, form->request());
        form->calibration()->source()->setCurrentIndex(1); // the bundled passages
        form->calibration()->findChildren<QSpinBox *>().at(0)->setValue(4);
        form->calibration()->findChildren<QSpinBox *>().at(1)->setValue(64);
        const EvalRequest request = form->request();
        QCOMPARE(request.calibration, QString("bundled"));
        QCOMPARE(request.calibrationSequences, 4);

        window.findChild<QTabWidget *>()->setCurrentWidget(window.evaluatePage());
        auto *controller = window.findChild<EvaluateController *>();
        QSignalSpy ready(controller, &EvaluateController::reportReady);
        QTest::mouseClick(form->runButton(), Qt::LeftButton);
        QVERIFY(ready.wait(240000));
        const auto report = controller->report();
        QCOMPARE(report->runs.size(), size_t(2));
        QCOMPARE(report->runs[1].label, std::string("gptq:b3:g128:sym"));
        QVERIFY(report->runs[1].calibration.find("from 4 × 64 tokens") != std::string::npos);
        QTest::qWait(200);
        window.grab().save(m_shots.path(QStringLiteral("evaluate-page-gptq")));
    }

    void activationsOnTheOutlierMap()
    {
        MainWindow window;
        window.resize(1200, 800);
        window.show();
        QSignalSpy statsReady(window.session(), &ModelSession::analysisReady);
        window.openPath(m_model);
        QVERIFY(statsReady.wait(30000));
        ModelPage *page = window.modelPage();
        QVERIFY(page->captureButton()->isEnabled());
        QTest::mouseClick(page->captureButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page->sourceBox()->currentIndex() == 1, 120000);
        QVERIFY(page->captureButton()->isEnabled());
        QCOMPARE(page->roleBox()->count(), 4);
        const auto data = page->heatmap()->data();
        QVERIFY(data);
        QCOMPARE(data->rows, 2); // layers
        QCOMPARE(data->cols, 64); // hidden channels
        page->roleBox()->setCurrentIndex(3);
        QCOMPARE(page->heatmap()->data()->cols, 96); // intermediate channels
        page->sourceBox()->setCurrentIndex(0);
        QVERIFY(page->roleBox()->count() > 4); // weight roles again
        page->sourceBox()->setCurrentIndex(1);
        QTest::qWait(100);
        window.grab().save(m_shots.path(QStringLiteral("activation-map")));
    }

    void clickingALabelTogglesItsBox()
    {
        EvaluateForm form;
        form.resize(900, 260);
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        for (QListWidget *list : { form.schemeList(), form.taskList() }) {
            QListWidgetItem *item = list->item(list->count() - 1);
            const Qt::CheckState before = item->checkState();
            const QRect rect = list->visualItemRect(item);
            // On the text, well right of the box: toggles, like a QCheckBox's label.
            const QPoint onText(rect.left() + rect.width() / 2, rect.center().y());
            QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, onText);
            QVERIFY(item->checkState() != before);
            QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, onText);
            QCOMPARE(item->checkState(), before);
            // On the box itself: toggles once, not twice.
            QStyleOptionViewItem option;
            option.initFrom(list->viewport());
            option.rect = rect;
            option.features = QStyleOptionViewItem::HasCheckIndicator | QStyleOptionViewItem::HasDisplay;
            option.text = item->text();
            const QRect box = list->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, list);
            QVERIFY(box.isValid());
            QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, box.center());
            QVERIFY(item->checkState() != before);
            QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, box.center());
            QCOMPARE(item->checkState(), before);
        }
    }

private:
    test::ShotDir m_shots;
    QTemporaryDir m_dir;
    QString m_model;
};

QTEST_MAIN(TestEvaluatePage)
#include "tst_evaluatepage.moc"
