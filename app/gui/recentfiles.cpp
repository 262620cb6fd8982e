#include "gui/recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace bitcliff::app {

namespace {
const auto kKey = QStringLiteral("recentFiles");
}

RecentFilesMenu::RecentFilesMenu(QWidget *parent)
    : QMenu(tr("Open &Recent"), parent)
{
    rebuild();
}

QStringList RecentFilesMenu::paths() const { return QSettings().value(kKey).toStringList(); }

void RecentFilesMenu::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = paths();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxEntries)
        list.removeLast();
    QSettings().setValue(kKey, list);
    rebuild();
}

void RecentFilesMenu::rebuild()
{
    clear();
    const QStringList list = paths();
    for (const QString &path : list) {
        QAction *action = addAction(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { emit openRequested(path); });
    }
    if (list.isEmpty()) {
        addAction(tr("(none)"))->setEnabled(false);
        return;
    }
    addSeparator();
    connect(addAction(tr("Clear List")), &QAction::triggered, this, [this] {
        QSettings().remove(kKey);
        rebuild();
    });
}

} // namespace bitcliff::app
