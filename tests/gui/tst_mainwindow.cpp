// The main window offscreen: open a checkpoint, see the tree, pages and jobs; cancel a job;
// the GUI thread stays responsive while the statistics run.
#include "channelchartview.h"
#include "gui/jobspanel.h"
#include "gui/languagemenu.h"
#include "gui/mainwindow.h"
#include "gui/modelpage.h"
#include "gui/modelsession.h"
#include "gui/modeltreepanel.h"
#include "gui/tensorpage.h"
#include "heatmapwidget.h"
#include "jobs/jobrunner.h"
#include "support/fixtures.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

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
