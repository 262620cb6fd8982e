#include "jobs/jobrunner.h"

namespace bitcliff::app {

JobRunner::JobRunner(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<JobState>();
    // Leave a core for the GUI: the core jobs spawn their own worker threads.
    m_pool.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
}

JobRunner::~JobRunner()
{
    cancelAll();
    m_pool.waitForDone();
}

int JobRunner::registerJob(const QString &title, QFutureWatcherBase *watcher, std::function<void()> cancel)
{
    const int id = m_nextId++;
    QElapsedTimer timer;
    timer.start();
    m_timers.insert(id, timer);
    m_cancellers.insert(id, std::move(cancel));
    m_watchers.append(watcher);
    emit jobStarted(id, title);
    return id;
}

void JobRunner::reportProgress(int id, int permille)
{
    const auto it = m_timers.constFind(id);
    if (it == m_timers.constEnd())
        return;
    const double fraction = permille / 1000.0;
    const double elapsed = it->elapsed() / 1000.0;
    // Time left is a straight-line estimate; too early it is noise, so it stays unknown.
    const double secondsLeft = (fraction > 0.02 && elapsed > 0.5) ? elapsed * (1.0 - fraction) / fraction : -1.0;
    emit jobProgress(id, fraction, secondsLeft);
}

void JobRunner::endJob(int id, JobState state, const QString &message)
{
    m_timers.remove(id);
    m_cancellers.remove(id);
    emit jobEnded(id, state, message);
}

void JobRunner::cancel(int id)
{
    const auto it = m_cancellers.constFind(id);
    if (it != m_cancellers.constEnd())
        (*it)();
}

void JobRunner::cancelAll()
{
    for (const auto &cancel : std::as_const(m_cancellers))
        cancel();
}

void JobRunner::waitForAll()
{
    m_pool.waitForDone();
}

} // namespace bitcliff::app
