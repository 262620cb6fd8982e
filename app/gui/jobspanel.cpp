#include "gui/jobspanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace bitcliff::app {

JobsPanel::JobsPanel(JobRunner *runner, QWidget *parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_layout(new QVBoxLayout(this))
    , m_idleLabel(new QLabel(tr("No background jobs."), this))
{
    m_idleLabel->setEnabled(false);
    m_layout->addWidget(m_idleLabel);
    m_layout->addStretch(1);
    connect(runner, &JobRunner::jobStarted, this, &JobsPanel::addJob);
    connect(runner, &JobRunner::jobProgress, this, &JobsPanel::updateJob);
    connect(runner, &JobRunner::jobEnded, this, &JobsPanel::endJob);
}

void JobsPanel::addJob(int id, const QString &title)
{
    Row row;
    row.widget = new QWidget(this);
    auto *layout = new QHBoxLayout(row.widget);
    layout->setContentsMargins(0, 0, 0, 0);
    row.title = new QLabel(title, row.widget);
    row.bar = new QProgressBar(row.widget);
    row.bar->setRange(0, 1000);
    row.bar->setFormat(QStringLiteral("%p%"));
    row.timeLeft = new QLabel(tr("estimating…"), row.widget);
    row.timeLeft->setMinimumWidth(row.timeLeft->fontMetrics().horizontalAdvance(tr("about 00:00:00 left")));
    row.button = new QToolButton(row.widget);
    row.button->setText(tr("Cancel"));
    connect(row.button, &QToolButton::clicked, this, [this, id] { m_runner->cancel(id); });
    layout->addWidget(row.title, 2);
    layout->addWidget(row.bar, 3);
    layout->addWidget(row.timeLeft);
    layout->addWidget(row.button);
    m_layout->insertWidget(m_layout->count() - 1, row.widget);
    m_rows.insert(id, row);
    m_idleLabel->hide();
}

void JobsPanel::updateJob(int id, double fraction, double secondsLeft)
{
    const auto it = m_rows.constFind(id);
    if (it == m_rows.constEnd())
        return;
    it->bar->setValue(int(fraction * 1000));
    it->timeLeft->setText(secondsLeft < 0 ? tr("estimating…") : tr("about %1 left").arg(formatSeconds(secondsLeft)));
}

void JobsPanel::endJob(int id, JobState state, const QString &message)
{
    const auto it = m_rows.constFind(id);
    if (it == m_rows.constEnd())
        return;
    switch (state) {
    case JobState::Finished:
        it->bar->setValue(1000);
        it->timeLeft->setText(tr("done"));
        break;
    case JobState::Cancelled:
        it->timeLeft->setText(tr("cancelled"));
        break;
    case JobState::Failed:
        it->timeLeft->setText(tr("failed"));
        it->title->setToolTip(message);
        break;
    case JobState::Running:
        break;
    }
    // A failed job stays until dismissed; the others leave after a moment.
    it->button->setText(tr("Dismiss"));
    it->button->disconnect(this);
    connect(it->button, &QToolButton::clicked, this, [this, id] { removeRow(id); });
    if (state != JobState::Failed)
        QTimer::singleShot(2500, this, [this, id] { removeRow(id); });
}

void JobsPanel::removeRow(int id)
{
    const auto it = m_rows.find(id);
    if (it == m_rows.end())
        return;
    it->widget->deleteLater();
    m_rows.erase(it);
    m_idleLabel->setVisible(m_rows.isEmpty());
}

QString JobsPanel::formatSeconds(double seconds)
{
    const int total = int(seconds + 0.5);
    if (total < 60)
        return tr("%n s", nullptr, total);
    if (total < 3600)
        return QStringLiteral("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2:%3")
        .arg(total / 3600)
        .arg(total / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(total % 60, 2, 10, QLatin1Char('0'));
}

} // namespace bitcliff::app
