#pragma once
// Runs core jobs on a thread pool and adapts their plain progress/cancel callback to Qt:
// QtConcurrent::run with a QPromise, promise.isCanceled() feeding the callback, a
// QFutureWatcher per job for progress, time left and the result. Every job has an id;
// results are delivered on the GUI thread to a context object and dropped when that object
// is gone. Workers only see copies of their inputs, never `this`.
#include "util/error.h"
#include "util/progress.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace bitcliff::app {

enum class JobState { Running, Finished, Failed, Cancelled };

// What a worker hands back: a value, or the one-line error that stopped it.
template<typename T> struct JobOutcome
{
    std::optional<T> value;
    QString error;
    bool cancelled = false;
};

class JobRunner : public QObject
{
    Q_OBJECT

public:
    explicit JobRunner(QObject *parent = nullptr);
    ~JobRunner() override;

    // Starts `work` in the background. `onDone` runs on the GUI thread with the value, unless
    // the job failed, was cancelled or `context` was destroyed meanwhile. `onFailed` (optional)
    // gets the error message. Returns the job id.
    template<typename T>
    int start(const QString &title, std::function<T(const ProgressCallback &)> work, QObject *context,
        std::function<void(T)> onDone, std::function<void(const QString &)> onFailed = {});

    // Like start(), and the worker may hand over intermediate values while it runs:
    // `emitPartial(P)` (callable from the worker thread, any number of times) queues a value
    // and `onPartial` runs on the GUI thread with each, in order, before onDone/onFailed. Values
    // emitted before a cancel or a failure are still delivered; none is delivered once
    // `context` is gone.
    template<typename T, typename P>
    int startStreaming(const QString &title,
        std::function<T(const ProgressCallback &, const std::function<void(P)> &)> work, QObject *context,
        std::function<void(P)> onPartial, std::function<void(T)> onDone,
        std::function<void(const QString &)> onFailed = {});

    void cancel(int id);
    void cancelAll();
    // Blocks until every job has ended (used on quit and by tests).
    void waitForAll();
    int runningCount() const { return int(m_timers.size()); }

signals:
    void jobStarted(int id, const QString &title);
    // fraction in [0, 1]; secondsLeft < 0 while unknown.
    void jobProgress(int id, double fraction, double secondsLeft);
    void jobEnded(int id, bitcliff::app::JobState state, const QString &message);

private:
    // `flush` (optional) runs on the GUI thread when the job ends, before anything else.
    template<typename T>
    int launch(const QString &title, std::function<T(const ProgressCallback &)> work, QObject *context,
        std::function<void(T)> onDone, std::function<void(const QString &)> onFailed, std::function<void()> flush);
    int registerJob(const QString &title, QFutureWatcherBase *watcher, std::function<void()> cancel);
    void reportProgress(int id, int permille);
    void endJob(int id, JobState state, const QString &message);

    QThreadPool m_pool;
    int m_nextId = 1;
    QHash<int, QElapsedTimer> m_timers;
    QHash<int, std::function<void()>> m_cancellers;
    QList<QFutureWatcherBase *> m_watchers;
};

// The partials of one streaming job. The worker appends under the lock and posts a drain to
// `relay`, a QObject of the runner that lives until the job's end handler has run (so never
// after the worker returned); drains deliver only while `context` lives. The end handler
// drains once more, so the last partials come before onDone even when their posted drain is
// still queued (a drain that finds nothing does nothing).
template<typename P> struct PartialQueue
{
    std::mutex mutex;
    std::deque<P> values;
    QPointer<QObject> context; // read on the GUI thread only
    std::function<void(P)> deliver; // runs on the GUI thread only

    void push(P value)
    {
        std::lock_guard lock(mutex);
        values.push_back(std::move(value));
    }

    void drain()
    {
        while (context) {
            std::optional<P> next;
            {
                std::lock_guard lock(mutex);
                if (values.empty())
                    return;
                next = std::move(values.front());
                values.pop_front();
            }
            deliver(std::move(*next));
        }
    }
};

template<typename T, typename P>
int JobRunner::startStreaming(const QString &title,
    std::function<T(const ProgressCallback &, const std::function<void(P)> &)> work, QObject *context,
    std::function<void(P)> onPartial, std::function<void(T)> onDone, std::function<void(const QString &)> onFailed)
{
    auto queue = std::make_shared<PartialQueue<P>>();
    queue->context = context;
    queue->deliver = std::move(onPartial);
    auto *relay = new QObject(this);
    std::function<T(const ProgressCallback &)> wrapped
        = [queue, relay, work = std::move(work)](const ProgressCallback &progress) {
              const std::function<void(P)> emitPartial = [queue, relay](P value) {
                  queue->push(std::move(value));
                  QMetaObject::invokeMethod(
                      relay, [queue] { queue->drain(); }, Qt::QueuedConnection);
              };
              return work(progress, emitPartial);
          };
    return launch<T>(title, std::move(wrapped), context, std::move(onDone), std::move(onFailed), [queue, relay] {
        queue->drain();
        relay->deleteLater(); // the worker has returned: nothing posts to it any more
    });
}

template<typename T>
int JobRunner::start(const QString &title, std::function<T(const ProgressCallback &)> work, QObject *context,
    std::function<void(T)> onDone, std::function<void(const QString &)> onFailed)
{
    return launch<T>(title, std::move(work), context, std::move(onDone), std::move(onFailed), {});
}

template<typename T>
int JobRunner::launch(const QString &title, std::function<T(const ProgressCallback &)> work, QObject *context,
    std::function<void(T)> onDone, std::function<void(const QString &)> onFailed, std::function<void()> flush)
{
    using Outcome = JobOutcome<T>;
    auto *watcher = new QFutureWatcher<Outcome>(this);
    QFuture<Outcome> future = QtConcurrent::run(&m_pool, [work = std::move(work)](QPromise<Outcome> &promise) {
        promise.setProgressRange(0, 1000);
        Outcome outcome;
        try {
            outcome.value = work([&promise](double fraction) {
                promise.setProgressValue(int(std::clamp(fraction, 0.0, 1.0) * 1000.0));
                return !promise.isCanceled();
            });
        } catch (const Cancelled &) {
            outcome.cancelled = true;
        } catch (const std::exception &e) {
            outcome.error = QString::fromStdString(e.what());
        }
        if (promise.isCanceled())
            outcome.cancelled = true;
        // A cancelled promise drops added results, so the outcome travels through the watcher's
        // future only when not cancelled; the finished handler treats "no result" as cancelled.
        promise.addResult(std::move(outcome));
    });
    const int id = registerJob(title, watcher, [future]() mutable { future.cancel(); });
    connect(
        watcher, &QFutureWatcherBase::progressValueChanged, this, [this, id](int value) { reportProgress(id, value); });
    QPointer<QObject> guard(context);
    connect(watcher, &QFutureWatcherBase::finished, this,
        [this, id, watcher, guard, onDone = std::move(onDone), onFailed = std::move(onFailed),
            flush = std::move(flush)]() {
            if (flush)
                flush();
            QFuture<Outcome> done = watcher->future();
            std::optional<Outcome> outcome;
            if (done.resultCount() > 0)
                outcome = done.result();
            if (!outcome || outcome->cancelled) {
                endJob(id, JobState::Cancelled, tr("cancelled"));
            } else if (!outcome->value) {
                endJob(id, JobState::Failed, outcome->error);
                if (guard && onFailed)
                    onFailed(outcome->error);
            } else {
                endJob(id, JobState::Finished, QString());
                if (guard && onDone)
                    onDone(std::move(*outcome->value));
            }
            m_watchers.removeOne(watcher);
            watcher->deleteLater();
        });
    watcher->setFuture(future);
    return id;
}

} // namespace bitcliff::app

Q_DECLARE_METATYPE(bitcliff::app::JobState)
