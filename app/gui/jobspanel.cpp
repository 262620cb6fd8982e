#include "gui/jobspanel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

namespace bitcliff::app {

JobsPanel::JobsPanel(JobRunner *runner, QWidget *parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_layout(nullptr)
    , m_idleLabel(new QLabel(this))
    , m_clear(new QPushButton(this))
{
    m_idleLabel->setEnabled(false);
    m_clear->setEnabled(false);
    auto *top = new QHBoxLayout;
    top->addWidget(m_idleLabel);
    top->addStretch(1);
    top->addWidget(m_clear);
    // The rows scroll: finished jobs stay listed, and must not push the pages off the window.
    auto *rows = new QWidget(this);
    m_layout = new QVBoxLayout(rows);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(rows);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(scroll, 1);
    connect(m_clear, &QPushButton::clicked, this, &JobsPanel::clearFinished);
    connect(runner, &JobRunner::jobStarted, this, &JobsPanel::addJob);
    connect(runner, &JobRunner::jobProgress, this, &JobsPanel::updateJob);
    connect(runner, &JobRunner::jobEnded, this, &JobsPanel::endJob);
    retranslate();
}

void JobsPanel::retranslate()
{
    m_idleLabel->setText(tr("No background jobs."));
    m_clear->setText(tr("Clear finished"));
    m_clear->setToolTip(tr("Remove the jobs that have ended from this list."));
}

void JobsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

int JobsPanel::finishedJobCount() const
{
    int count = 0;
    for (const Row &row : m_rows)
        count += row.ended ? 1 : 0;
    return count;
}

void JobsPanel::addJob(int id, const QString &title)
{
    Row row;
    row.started = QDateTime::currentDateTime();
    row.widget = new QWidget(m_layout->parentWidget());
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
    updateIdle();
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
    const auto it = m_rows.find(id);
    if (it == m_rows.end())
        return;
    // When it ended and how long it took: the row stays until cleared.
    const QDateTime now = QDateTime::currentDateTime();
    const QString when = QLocale().toString(now.time(), QLocale::ShortFormat);
    const QString took = formatSeconds(double(it->started.msecsTo(now)) / 1000.0);
    switch (state) {
    case JobState::Finished:
        it->bar->setValue(1000);
        it->timeLeft->setText(tr("done at %1 (took %2)").arg(when, took));
        break;
    case JobState::Cancelled:
        it->timeLeft->setText(tr("cancelled at %1").arg(when));
        break;
    case JobState::Failed:
        it->timeLeft->setText(tr("failed at %1").arg(when));
        it->title->setToolTip(message);
        break;
    case JobState::Running:
        return;
    }
    it->timeLeft->setMinimumWidth(it->timeLeft->sizeHint().width()); // the whole outcome, never cut
    it->ended = true;
    it->button->setText(tr("Dismiss"));
    it->button->disconnect(this);
    connect(it->button, &QToolButton::clicked, this, [this, id] { removeRow(id); });
    updateIdle();
}

void JobsPanel::clearFinished()
{
    QList<int> ended;
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it)
        if (it->ended)
            ended << it.key();
    for (int id : ended)
        removeRow(id);
}

void JobsPanel::removeRow(int id)
{
    const auto it = m_rows.find(id);
    if (it == m_rows.end())
        return;
    it->widget->deleteLater();
    m_rows.erase(it);
    updateIdle();
}

void JobsPanel::updateIdle()
{
    m_idleLabel->setVisible(m_rows.isEmpty());
    m_clear->setEnabled(finishedJobCount() > 0);
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
