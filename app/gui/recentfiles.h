#pragma once
// The File ▸ Open Recent menu, kept in QSettings.
#include <QMenu>
#include <QStringList>

namespace bitcliff::app {

class RecentFilesMenu final : public QMenu
{
    Q_OBJECT

public:
    explicit RecentFilesMenu(QWidget *parent = nullptr);
    void add(const QString &path);
    QStringList paths() const;

signals:
    void openRequested(const QString &path);

private:
    void rebuild();
    static constexpr int kMaxEntries = 10;
};

} // namespace bitcliff::app
