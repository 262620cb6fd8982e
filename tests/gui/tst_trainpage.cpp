// The Train page as a user drives it: fine-tune a tiny checkpoint on a small text file and
// watch the loss curve fill, then compare the checkpoint with the original on the Evaluate
// page; cancel a long run and keep the checkpoint of its completed steps (or, cancelled while
// loading, write nothing). Bad inputs: tst_trainchecks. Screenshots in English and German at 1024 x 700 and 1600 x 1000.
#include "gui/evaluatecontroller.h"
#include "gui/evaluateform.h"
#include "gui/evaluatepage.h"
#include "gui/languagemenu.h"
#include "gui/mainwindow.h"
#include "gui/modelsession.h"
#include "gui/quantizepage.h"
#include "gui/traincontroller.h"
#include "gui/trainform.h"
#include "gui/trainpage.h"
#include "guitestutils.h"
#include "jobs/jobrunner.h"
#include "losscurveview.h"
#include "support/evalfixtures.h"
#include "support/trainerfixtures.h"
#include "train/checkpoint.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QProgressBar>
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

namespace {

// The form set up for a short run on the tiny model (two threads: the machine is shared).
void fillForm(TrainForm *form, const QString &data, const QString &output, int steps)
{
    form->dataEdit()->setText(data);
    form->stepsBox()->setValue(steps);
    form->learningRateEdit()->setText(QStringLiteral("3e-3"));
    form->batchBox()->setValue(4);
    form->contextBox()->setValue(64);
    form->threadsBox()->setValue(2);
    form->outputEdit()->setText(output);
}

int64_t checkpointStep(const QString &dir)
{
    return train::readTrainerState(dir.toStdString())["step"].get<int64_t>();
}

} // namespace

class TestTrainPage : public QObject
{
    Q_OBJECT

public:
    static void initMain() { test::initGuiTestMain(); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("BitCliff-tests"));
        QVERIFY(m_shots.init());
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath(QStringLiteral("tiny"));
        test::writeEvaluableModel(m_model.toStdString());
        // Short sentences, one paragraph each: documents the tiny model learns within steps.
        m_data = m_dir.filePath(QStringLiteral("sentences.txt"));
        std::ofstream data(m_data.toStdString());
        for (const auto &document : test::sentenceDocuments(80, 7))
            data << document.text << "\n\n";
        data.close();
        m_text = m_dir.filePath(QStringLiteral("eval.txt"));
        std::ofstream(m_text.toStdString()) << test::sampleText(300);
    }

    // Train, watch, compare with the original, screenshots.
    void trainAndCompare()
    {
        MainWindow window;
        window.setConfirmClose(false);
        window.resize(1400, 900);
        window.show();
        QSignalSpy opened(window.session(), &ModelSession::modelOpened);
        window.openPath(m_model);
        QVERIFY(opened.wait(30000));
        TrainPage *page = window.trainPage();
        window.pages()->setCurrentWidget(page);
        TrainForm *form = page->form();
        QVERIFY(form->outputEdit()->text().contains(QStringLiteral("/training/tiny-")));
        QVERIFY2(form->memoryLabel()->text().contains(QStringLiteral("Training needs")),
            qPrintable(form->memoryLabel()->text()));
        QVERIFY(!page->compareButton()->isEnabled());

        const QString out = m_dir.filePath(QStringLiteral("trained"));
        fillForm(form, m_data, out, 15);
        TrainController *controller = page->controller();
        QSignalSpy finished(controller, &TrainController::finished);
        QSignalSpy stepped(controller, &TrainController::stepped);
        QTest::mouseClick(page->trainButton(), Qt::LeftButton);
        QVERIFY2(controller->busy(), qPrintable(page->statusText()));
        QVERIFY(!page->trainButton()->isEnabled());
        QVERIFY(page->cancelButton()->isEnabled());
        QVERIFY(!form->isEnabled());
        QVERIFY(finished.wait(120000));
        QCOMPARE(stepped.count(), 15);

        // The curve: a loss per step, held-out points, and the loss fell on this easy text.
        LossCurveView *view = page->lossView();
        QCOMPARE(view->trainSeries()->count(), 15);
        QVERIFY(view->heldOutSeries()->count() >= 1);
        QCOMPARE(view->data()->trainLoss.size(), size_t(15));
        QVERIFY2(view->data()->trainLoss.back() < view->data()->trainLoss.front() - 0.1,
            qPrintable(QStringLiteral("%1 -> %2").arg(view->data()->trainLoss.front()).arg(view->data()->trainLoss.back())));
        QCOMPARE(page->progressBar()->value(), 15);
        QVERIFY2(page->progressText().startsWith(QStringLiteral("Step 15 of 15")), qPrintable(page->progressText()));
        QVERIFY(page->progressText().contains(QStringLiteral("held-out loss")));
        QVERIFY2(page->statusText() == QStringLiteral("Finished 15 step(s); checkpoint in %1.").arg(out),
            qPrintable(page->statusText()));
        // The checkpoint is there and opens as a model of the same architecture.
        QCOMPARE(checkpointStep(out), int64_t(15));
        const auto trained = openModel(out.toStdString());
        QCOMPARE(transformerConfigFor(*trained).hidden, 64);
        QCOMPARE(trained->tensors().size(), window.session()->model()->tensors().size()); // no optimizer state
        QVERIFY(QFile::exists(out + QStringLiteral("/tokenizer.json")));
        // The next run's default folder is a new one.
        QVERIFY(form->outputEdit()->text() != out);

        // Screenshots with the curve, in both languages at both sizes.
        for (const QString &language : { QStringLiteral("en"), QStringLiteral("de") }) {
            QVERIFY(LanguageMenu::loadLanguage(language));
            for (const QSize size : { QSize(1024, 700), QSize(1600, 1000) }) {
                window.resize(size);
                QTest::qWait(150);
                QVERIFY(window.grab().save(
                    m_shots.path(QStringLiteral("train-page-%1-%2").arg(language).arg(size.width()))));
            }
        }
        QVERIFY(LanguageMenu::loadLanguage(QStringLiteral("en")));
        window.resize(1400, 900);

        // Compare: the Evaluate page runs f16 on the original and on the checkpoint.
        QVERIFY(page->compareButton()->isEnabled());
        QTest::mouseClick(page->compareButton(), Qt::LeftButton);
        QCOMPARE(window.pages()->currentWidget(), window.evaluatePage());
        EvaluateForm *evalForm = window.evaluatePage()->form();
        QCOMPARE(evalForm->compareModel(), out);
        QCOMPARE(window.quantizePage()->secondModelEdit()->text(), out); // and the Quantize page's second model
        const auto f16 = evalForm->schemeList()->findItems(QStringLiteral("f16"), Qt::MatchExactly);
        QCOMPARE(f16.size(), 1);
        QCOMPARE(f16.first()->checkState(), Qt::Checked); // no QAT: the trained weights at 16 bits
        for (int i = 0; i < evalForm->schemeList()->count(); ++i)
            evalForm->schemeList()->item(i)->setCheckState(
                evalForm->schemeList()->item(i)->text() == QLatin1String("f16") ? Qt::Checked : Qt::Unchecked);
        evalForm->textChoice()->addItem(QStringLiteral("eval.txt"), m_text);
        evalForm->textChoice()->setCurrentIndex(evalForm->textChoice()->count() - 1);
        evalForm->contextBox()->setValue(64);
        auto *evaluator = window.findChild<EvaluateController *>();
        QSignalSpy ready(evaluator, &EvaluateController::reportReady);
        QTest::mouseClick(evalForm->runButton(), Qt::LeftButton);
        QVERIFY2(ready.wait(120000), qPrintable(window.evaluatePage()->summaryText()));
        const auto report = evaluator->report();
        QCOMPARE(report->runs.size(), size_t(3));
        QCOMPARE(QString::fromStdString(report->runs[1].label), QStringLiteral("f16"));
        QCOMPARE(QString::fromStdString(report->runs[2].label), QStringLiteral("f16@trained"));
        // The trained weights moved: far more divergence from the original than f16 rounding.
        QVERIFY(report->runs[2].comparison->kld.mean > 10 * report->runs[1].comparison->kld.mean);
        QVERIFY(window.evaluatePage()->summaryText().contains(QStringLiteral("f16@trained")));
        m_trained = out;
    }

    // Cancel mid-run: the checkpoint holds the completed steps and opens; compare is offered.
    void cancelKeepsCheckpoint()
    {
        JobRunner runner;
        TrainController controller(&runner);
        TrainPage page(&controller);
        page.setModel(openModel(m_model.toStdString()));
        const QString out = m_dir.filePath(QStringLiteral("stopped"));
        fillForm(page.form(), m_data, out, 5000);
        page.form()->qatBox()->setChecked(true);
        page.form()->qatScheme()->setCurrentText(QStringLiteral("rtn:b2:g32:asym"));
        QSignalSpy stepped(&controller, &TrainController::stepped);
        QSignalSpy stopped(&controller, &TrainController::stopped);
        QSignalSpy compare(&page, &TrainPage::compareRequested);
        page.startTraining();
        QVERIFY2(controller.busy(), qPrintable(page.statusText()));
        QTRY_VERIFY_WITH_TIMEOUT(stepped.count() >= 30, 60000);
        // While it runs: the progress with time left, the curve (smoothed: a long run).
        QVERIFY2(page.progressText().contains(QStringLiteral(" left")), qPrintable(page.progressText()));
        m_shots.grab(&page, QSize(1024, 700), QStringLiteral("train-page-running"));
        QTest::mouseClick(page.cancelButton(), Qt::LeftButton);
        QVERIFY(stopped.wait(60000));
        const int64_t k = controller.checkpointStep();
        QVERIFY(k >= 30 && k < 5000);
        QCOMPARE(page.statusText(), QStringLiteral("Stopped at step %1; checkpoint in %2.").arg(k).arg(out));
        QCOMPARE(checkpointStep(out), k);
        QCOMPARE(int64_t(page.lossView()->data()->trainLoss.size()), k);
        QCOMPARE(page.lossView()->data()->steps, int64_t(5000));
        QCOMPARE(train::readCheckpointWeights(out.toStdString()).config.layers, 2);
        QVERIFY(page.trainButton()->isEnabled());
        QVERIFY(!page.cancelButton()->isEnabled());
        QVERIFY(page.compareButton()->isEnabled());
        page.compareButton()->click();
        QCOMPARE(compare.count(), 1);
        QCOMPARE(compare.first().at(0).toString(), out);
        QCOMPARE(compare.first().at(1).toString(), QStringLiteral("rtn:b2:g32:asym"));
        // Another model open (here the checkpoint itself): nothing to compare it with.
        page.setModel(openModel(out.toStdString()));
        QVERIFY(!page.compareButton()->isEnabled());
        QVERIFY(page.openButton()->isEnabled());
    }

    // Cancel at once: the run almost always stops while loading (nothing written); should the
    // first step beat the cancel, it stops there with its checkpoint. Either way, one clear line.
    void cancelWhileLoading()
    {
        JobRunner runner;
        TrainController controller(&runner);
        TrainPage page(&controller);
        page.setModel(openModel(m_model.toStdString()));
        const QString out = m_dir.filePath(QStringLiteral("cancelled-early"));
        fillForm(page.form(), m_data, out, 100);
        page.startTraining();
        page.cancelButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!controller.busy(), 60000);
        if (controller.checkpointStep() < 0) {
            QCOMPARE(page.statusText(), QStringLiteral("Cancelled before the first step: nothing was written."));
            QVERIFY(!QFileInfo::exists(out));
            QVERIFY(!page.compareButton()->isEnabled());
        } else {
            QCOMPARE(page.statusText(),
                QStringLiteral("Stopped at step %1; checkpoint in %2.").arg(controller.checkpointStep()).arg(out));
            QCOMPARE(checkpointStep(out), controller.checkpointStep());
        }
        QVERIFY(page.trainButton()->isEnabled());
    }

private:
    test::ShotDir m_shots;
    QTemporaryDir m_dir;
    QString m_model;
    QString m_data;
    QString m_text;
    QString m_trained;
};

QTEST_MAIN(TestTrainPage)
#include "tst_trainpage.moc"
