#pragma once
// The jobs panel: one row per background job with its progress, time left and a Cancel
// button. Finished rows stay, with the time they ended and how long they took, until the
// user clears them (Clear, or Dismiss on one row), so the outcome is never missed.
#include "jobs/jobrunner.h"

#include <QDateTime>
#include <QHash>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace bitcliff::app {

class JobsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit JobsPanel(JobRunner *runner, QWidget *parent = nullptr);
    int visibleJobCount() const { return int(m_rows.size()); }
    int finishedJobCount() const;
    QPushButton *clearButton() const { return m_clear; }
    // Removes every row whose job has ended.
    void clearFinished();
    void retranslate();
    QSize sizeHint() const final { return { 600, 90 }; } // a few rows; the dock grows with jobs
    // "42 s", "3:07", "1:02:03": how long a job took or has left.
    static QString formatSeconds(double seconds);

protected:
    void changeEvent(QEvent *event) final;

private:
    struct Row
    {
        QWidget *widget = nullptr;
        QLabel *title = nullptr;
        QProgressBar *bar = nullptr;
        QLabel *timeLeft = nullptr;
        QToolButton *button = nullptr;
        QDateTime started;
        bool ended = false;
    };

    void addJob(int id, const QString &title);
    void updateJob(int id, double fraction, double secondsLeft);
    void endJob(int id, JobState state, const QString &message);
    void removeRow(int id);
    void updateIdle();

    JobRunner *m_runner;
    QVBoxLayout *m_layout;
    QLabel *m_idleLabel;
    QPushButton *m_clear;
    QHash<int, Row> m_rows;
};

} // namespace bitcliff::app
