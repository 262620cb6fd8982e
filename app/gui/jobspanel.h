#pragma once
// The jobs panel: one row per background job with its progress, time left and a Cancel
// button. Finished rows stay briefly (failed ones until dismissed) so the outcome is seen.
#include "jobs/jobrunner.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;
class QVBoxLayout;

namespace bitcliff::app {

class JobsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit JobsPanel(JobRunner *runner, QWidget *parent = nullptr);
    int visibleJobCount() const { return int(m_rows.size()); }
    QSize sizeHint() const final { return {600, 90}; } // a few rows; the dock grows with jobs

private:
    struct Row
    {
        QWidget *widget = nullptr;
        QLabel *title = nullptr;
        QProgressBar *bar = nullptr;
        QLabel *timeLeft = nullptr;
        QToolButton *button = nullptr;
    };

    void addJob(int id, const QString &title);
    void updateJob(int id, double fraction, double secondsLeft);
    void endJob(int id, JobState state, const QString &message);
    void removeRow(int id);
    static QString formatSeconds(double seconds);

    JobRunner *m_runner;
    QVBoxLayout *m_layout;
    QLabel *m_idleLabel;
    QHash<int, Row> m_rows;
};

} // namespace bitcliff::app
