// JobRunner's streaming jobs: partial values reach the GUI thread in order and before the
// result, survive a cancel that comes after them, and are never delivered to a context that
// is gone.
#include "jobs/jobrunner.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace bitcliff;
using namespace bitcliff::app;

class TestJobRunner : public QObject
{
    Q_OBJECT

private slots:
    void partialsArriveInOrderBeforeTheResult()
    {
        JobRunner runner;
        QObject context;
        QSignalSpy ended(&runner, &JobRunner::jobEnded);
        QList<int> seen;
        QList<QString> events;
        QThread *const guiThread = QThread::currentThread();
        bool allOnGuiThread = true;
        runner.startStreaming<int, int>(
            QStringLiteral("stream"),
            [](const ProgressCallback &progress, const std::function<void(int)> &emitPartial) {
                for (int i = 0; i < 200; ++i) {
                    emitPartial(i);
                    if (i % 50 == 0)
                        QThread::msleep(5);
                    progress(i / 200.0);
                }
                return 200;
            },
            &context,
            [&](int value) {
                allOnGuiThread = allOnGuiThread && QThread::currentThread() == guiThread;
                seen << value;
                events << QStringLiteral("partial");
            },
            [&](int total) { events << QStringLiteral("done %1").arg(total); });
        QVERIFY(ended.wait(10000));
        QCOMPARE(ended.first().at(1).value<JobState>(), JobState::Finished);
        QCOMPARE(seen.size(), 200);
        for (int i = 0; i < 200; ++i)
            QCOMPARE(seen[i], i);
        QVERIFY(allOnGuiThread);
        QCOMPARE(events.size(), 201);
        QCOMPARE(events.last(), QStringLiteral("done 200"));
        // Stale posted drains find nothing more to deliver.
        QTest::qWait(50);
        QCOMPARE(seen.size(), 200);
    }

    void partialsArriveWhileTheWorkerStillRuns()
    {
        JobRunner runner;
        QObject context;
        std::atomic<bool> release = false;
        QList<int> seen;
        bool done = false;
        runner.startStreaming<int, int>(
            QStringLiteral("waits"),
            [&release](const ProgressCallback &, const std::function<void(int)> &emitPartial) {
                emitPartial(7);
                while (!release)
                    QThread::msleep(2);
                return 1;
            },
            &context, [&seen](int value) { seen << value; }, [&done](int) { done = true; });
        QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 1, 5000);
        QVERIFY(!done);
        release = true;
        QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
        QCOMPARE(seen, QList<int>({ 7 }));
    }

    void cancelKeepsTheEarlierPartials()
    {
        JobRunner runner;
        QObject context;
        QSignalSpy ended(&runner, &JobRunner::jobEnded);
        std::atomic<int> emitted = 0;
        QList<int> seen;
        bool done = false;
        const int id = runner.startStreaming<int, int>(
            QStringLiteral("cancelled"),
            [&emitted](const ProgressCallback &progress, const std::function<void(int)> &emitPartial) {
                for (int i = 0; i < 100000; ++i) {
                    emitPartial(i);
                    ++emitted;
                    QThread::msleep(2);
                    if (!progress(i / 100000.0))
                        throw Cancelled();
                }
                return 0;
            },
            &context, [&seen](int value) { seen << value; }, [&done](int) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(emitted >= 5, 5000);
        runner.cancel(id);
        QVERIFY(ended.wait(5000));
        QCOMPARE(ended.first().at(1).value<JobState>(), JobState::Cancelled);
        QVERIFY(!done);
        // Every value the worker emitted, none lost to the cancel, in order.
        QCOMPARE(seen.size(), emitted.load());
        QVERIFY(seen.size() >= 5);
        for (int i = 0; i < seen.size(); ++i)
            QCOMPARE(seen[i], i);
    }

    void failureComesAfterThePartials()
    {
        JobRunner runner;
        QObject context;
        QStringList events;
        QSignalSpy ended(&runner, &JobRunner::jobEnded);
        runner.startStreaming<int, int>(
            QStringLiteral("fails"),
            [](const ProgressCallback &, const std::function<void(int)> &emitPartial) -> int {
                emitPartial(1);
                emitPartial(2);
                throw Error("cell 3: out of memory");
            },
            &context, [&events](int value) { events << QString::number(value); }, [](int) {},
            [&events](const QString &message) { events << message; });
        QVERIFY(ended.wait(5000));
        QCOMPARE(events, QStringList({ "1", "2", "cell 3: out of memory" }));
    }

    void nothingReachesADestroyedContext()
    {
        JobRunner runner;
        auto context = std::make_unique<QObject>();
        QSignalSpy ended(&runner, &JobRunner::jobEnded);
        std::atomic<bool> contextGone = false;
        std::atomic<bool> emittedFirst = false;
        int delivered = 0;
        bool done = false;
        runner.startStreaming<int, int>(
            QStringLiteral("orphan"),
            [&](const ProgressCallback &, const std::function<void(int)> &emitPartial) {
                emitPartial(1); // queued, not yet delivered when the context goes
                emittedFirst = true;
                while (!contextGone)
                    QThread::msleep(2);
                emitPartial(2);
                return 1;
            },
            context.get(), [&delivered](int) { ++delivered; }, [&done](int) { done = true; });
        while (!emittedFirst)
            QThread::msleep(1); // no event loop yet: the first drain stays queued
        context.reset();
        contextGone = true;
        QVERIFY(ended.wait(5000));
        QTest::qWait(50);
        QCOMPARE(delivered, 0);
        QVERIFY(!done);
    }
};

QTEST_GUILESS_MAIN(TestJobRunner)
#include "tst_jobrunner.moc"
