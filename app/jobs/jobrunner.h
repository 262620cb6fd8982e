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

#include <functional>
#include <optional>

namespace bitcliff::app {

enum class JobState { Running, Finished, Failed, Cancelled };

// What a worker hands back: a value, or the one-line error that stopped it.
template<typename T>
struct JobOutcome
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
    int registerJob(const QString &title, QFutureWatcherBase *watcher, std::function<void()> cancel);
    void reportProgress(int id, int permille);
    void endJob(int id, JobState state, const QString &message);

    QThreadPool m_pool;
    int m_nextId = 1;
    QHash<int, QElapsedTimer> m_timers;
    QHash<int, std::function<void()>> m_cancellers;
    QList<QFutureWatcherBase *> m_watchers;
};

template<typename T>
int JobRunner::start(const QString &title, std::function<T(const ProgressCallback &)> work, QObject *context,
                     std::function<void(T)> onDone, std::function<void(const QString &)> onFailed)
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
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this, id](int value) { reportProgress(id, value); });
    QPointer<QObject> guard(context);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, id, watcher, guard, onDone = std::move(onDone), onFailed = std::move(onFailed)]() {
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
