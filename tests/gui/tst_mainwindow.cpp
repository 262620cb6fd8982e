// The main window offscreen: open a checkpoint, see the tree, pages and jobs; cancel a job;
// the GUI thread stays responsive while the statistics run.
#include "channelchartview.h"
#include "groupedbarchartview.h"
#include "gui/evaluatepage.h"
#include "gui/evaluateresults.h"
#include "gui/jobspanel.h"
#include "gui/languagemenu.h"
#include "gui/mainwindow.h"
#include "gui/modelpage.h"
#include "gui/modelsession.h"
#include "gui/modeltreepanel.h"
#include "gui/tensorpage.h"
#include "heatmapwidget.h"
#include "jobs/jobrunner.h"
#include "modeltreemodel.h"
#include "statspanel.h"
#include "support/fixtures.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <algorithm>

using namespace bitcliff;
using namespace bitcliff::app;

namespace {

QString screenshotDir()
{
    const QByteArray dir = qgetenv("BITCLIFF_SCREENSHOT_DIR");
    return dir.isEmpty() ? QString() : QString::fromLocal8Bit(dir);
}

void saveScreenshot(QWidget *widget, const QString &name)
{
    if (screenshotDir().isEmpty())
        return;
    widget->grab().save(screenshotDir() + QLatin1Char('/') + name);
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath(QStringLiteral("tiny"));
        test::writeTinyLlama(m_model.toStdString(), 3, 32, 5);
    }

    void opensModelAndShowsEverything()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QSignalSpy ready(window.session(), &ModelSession::analysisReady);
        window.openPath(m_model);
        QVERIFY(ready.wait(30000));

        // Tree: embeddings group + 3 layers, tensors below.
        QTreeView *tree = window.treePanel()->view();
        QCOMPARE(tree->model()->rowCount(), 4);
        QVERIFY(tree->model()->rowCount(tree->model()->index(1, 0)) >= 9);

        // The model page shows an outlier map per linear role, the tensor page the worst tensor.
        QVERIFY(window.modelPage()->roleBox()->count() >= 7);
        QVERIFY(window.modelPage()->heatmap()->visibleRegion().width() > 0);
        QVERIFY(window.tensorPage()->tensorIndex() >= 0);
        saveScreenshot(&window, QStringLiteral("mainwindow-model.png"));

        // Selecting a tensor in the tree opens it on the tensor page.
        window.treePanel()->selectTensor(2);
        QCOMPARE(window.tensorPage()->tensorIndex(), 2);
        saveScreenshot(&window, QStringLiteral("mainwindow-tensor.png"));
    }

    void badFileReportsErrorWithoutCrash()
    {
        MainWindow window;
        QSignalSpy failed(window.session(), &ModelSession::failed);
        window.openPath(m_dir.filePath(QStringLiteral("does-not-exist.gguf")));
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("does-not-exist.gguf")));
        QVERIFY(!window.session()->model());
    }

    void jobsCanBeCancelledAndGuiStaysResponsive()
    {
        JobRunner runner;
        JobsPanel panel(&runner);
        QSignalSpy ended(&runner, &JobRunner::jobEnded);
        QSignalSpy progress(&runner, &JobRunner::jobProgress);
        bool delivered = false;
        const int id = runner.start<int>(
            QStringLiteral("long job"),
            [](const ProgressCallback &report) {
                for (int i = 0; i < 1000; ++i) {
                    QThread::msleep(5);
                    if (!report(i / 1000.0))
                        throw Cancelled();
                }
                return 42;
            },
            &panel, [&delivered](int) { delivered = true; });
        QCOMPARE(panel.visibleJobCount(), 1);
        // The event loop keeps running while the worker works.
        QElapsedTimer clock;
        clock.start();
        int ticks = 0;
        QTimer timer;
        connect(&timer, &QTimer::timeout, [&ticks] { ++ticks; });
        timer.start(20);
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > 2, 5000);
        QVERIFY(ticks > 0);
        runner.cancel(id);
        QVERIFY(ended.wait(5000));
        QCOMPARE(ended.first().at(1).value<JobState>(), JobState::Cancelled);
        QVERIFY(!delivered);
        QVERIFY(clock.elapsed() < 4000); // cancelled long before its 5 s of work
    }

    void failedJobKeepsItsMessage()
    {
        JobRunner runner;
        QSignalSpy ended(&runner, &JobRunner::jobEnded);
        QString error;
        runner.start<int>(
            QStringLiteral("failing"), [](const ProgressCallback &) -> int { throw Error("x.gguf: bad magic"); }, this,
            [](int) {}, [&error](const QString &message) { error = message; });
        QVERIFY(ended.wait(5000));
        QCOMPARE(ended.first().at(1).value<JobState>(), JobState::Failed);
        QCOMPARE(error, QStringLiteral("x.gguf: bad magic"));
    }

    void finishedJobsStayUntilCleared()
    {
        JobRunner runner;
        JobsPanel panel(&runner);
        QSignalSpy ended(&runner, &JobRunner::jobEnded);
        runner.start<int>(
            QStringLiteral("quick"), [](const ProgressCallback &) { return 1; }, &panel, [](int) {});
        QVERIFY(ended.wait(5000));
        QTest::qWait(3000); // longer than the old 2.5 s auto-removal
        QCOMPARE(panel.visibleJobCount(), 1);
        QCOMPARE(panel.finishedJobCount(), 1);
        QVERIFY(panel.clearButton()->isEnabled());
        const auto labels = panel.findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.begin(), labels.end(),
            [](const QLabel *l) { return l->text().startsWith(QStringLiteral("done at ")); }));
        QTest::mouseClick(panel.clearButton(), Qt::LeftButton);
        QCOMPARE(panel.visibleJobCount(), 0);
        QVERIFY(!panel.clearButton()->isEnabled());
    }

    void statusBarForgetsAnOldErrorAndQuitAsksFirst()
    {
        MainWindow window;
        QSignalSpy failed(window.session(), &ModelSession::failed);
        window.openPath(m_dir.filePath(QStringLiteral("missing.gguf")));
        QVERIFY(failed.wait(10000));
        QVERIFY(window.statusText().contains(QStringLiteral("missing.gguf")));
        for (QMessageBox *box : window.findChildren<QMessageBox *>())
            box->close();
        // A newer action that succeeds replaces the error.
        QSignalSpy ready(window.session(), &ModelSession::analysisReady);
        window.openPath(m_model);
        QVERIFY(ready.wait(30000));
        QVERIFY(!window.statusText().contains(QStringLiteral("missing.gguf")));
        // And a job that finishes while an error shows replaces it too.
        QSignalSpy ended(window.jobRunner(), &JobRunner::jobEnded);
        window.jobRunner()->start<int>(
            QStringLiteral("slow"),
            [](const ProgressCallback &report) {
                for (int i = 0; i < 20; ++i) {
                    QThread::msleep(25);
                    if (!report(i / 20.0))
                        throw Cancelled();
                }
                return 1;
            },
            &window, [](int) {});
        // Quitting with a job running asks first.
        QVERIFY(window.closeNeedsConfirmation());
        window.setConfirmClose(false);
        QVERIFY(!window.closeNeedsConfirmation());
        window.setConfirmClose(true);
        QVERIFY(ended.wait(5000));
        QVERIFY(!window.closeNeedsConfirmation());
    }

    void smallWindowKeepsEverythingUsable()
    {
        MainWindow window;
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy ready(window.session(), &ModelSession::analysisReady);
        window.openPath(m_model);
        QVERIFY(ready.wait(30000));
        auto *tabs = qobject_cast<QTabWidget *>(window.centralWidget());
        QVERIFY(tabs);

        // The tree dock leaves the pages room, and its statistics columns are in view.
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("modelTreeDock"));
        QVERIFY(dock->width() <= 400);
        QTreeView *tree = window.treePanel()->view();
        const int viewport = tree->viewport()->width();
        saveScreenshot(&window, QStringLiteral("mainwindow-1024-model.png"));
        for (int column :
            { ModelTreeModel::AbsmaxColumn, ModelTreeModel::KurtosisColumn, ModelTreeModel::OutliersColumn })
            QVERIFY2(tree->header()->sectionViewportPosition(column) < viewport,
                qPrintable(QStringLiteral("column %1 at %2, viewport %3, dock %4")
                               .arg(column)
                               .arg(tree->header()->sectionViewportPosition(column))
                               .arg(viewport)
                               .arg(dock->width())));

        // The tensor page's statistics rows never overlap.
        tabs->setCurrentWidget(window.tensorPage());
        QTest::qWait(50);
        QFormLayout *form = window.tensorPage()->statsPanel()->findChild<QFormLayout *>();
        QVERIFY(form);
        int previousBottom = -1;
        for (int row = 0; row < form->rowCount(); ++row) {
            const QRect field = form->itemAt(row, QFormLayout::FieldRole)->geometry();
            QVERIFY2(field.top() >= previousBottom, qPrintable(QString::number(row)));
            previousBottom = field.bottom();
        }
        saveScreenshot(&window, QStringLiteral("mainwindow-1024-tensor.png"));

        // The Evaluate chart keeps a usable height.
        tabs->setCurrentWidget(window.evaluatePage());
        QTest::qWait(50);
        QVERIFY2(window.evaluatePage()->results()->chart()->height() >= 200,
            qPrintable(QString::number(window.evaluatePage()->results()->chart()->height())));
        saveScreenshot(&window, QStringLiteral("mainwindow-1024-evaluate.png"));

        // Widths come back when the window grows.
        window.resize(1600, 1000);
        QTest::qWait(50);
        QVERIFY2(dock->width() >= 500, qPrintable(QString::number(dock->width())));
    }

    void staleResultsAreDropped()
    {
        MainWindow window;
        QSignalSpy opened(window.session(), &ModelSession::modelOpened);
        QSignalSpy ready(window.session(), &ModelSession::analysisReady);
        window.openPath(m_model);
        window.openPath(m_model); // the second request supersedes the first
        QVERIFY(ready.wait(30000));
        QTest::qWait(300);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(ready.count(), 1);
    }

private:
    QTemporaryDir m_dir;
    QString m_model;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
