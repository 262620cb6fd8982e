#pragma once
// Shared by the view tests (header-only: needs QtWidgets, which the support library does
// not link): the offscreen test environment and the screenshots, which go to
// $BITCLIFF_SCREENSHOT_DIR when set (to be looked at), else to a temporary directory.
#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QPixmap>
#include <QSize>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

namespace bitcliff::test {

// For each test class's static initMain(): offscreen unless the caller chose a platform,
// and a fixed font DPI, so that screenshots and metrics do not depend on the host.
inline void initGuiTestMain()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_FONT_DPI", "96");
}

// Where a test writes its screenshots and exports; QVERIFY(init()) in initTestCase().
class ShotDir
{
public:
    bool init()
    {
        m_dir = qEnvironmentVariable("BITCLIFF_SCREENSHOT_DIR", m_tempDir.path());
        return QDir().mkpath(m_dir);
    }
    // `name` plus `suffix` inside the directory.
    QString path(const QString &name, const QString &suffix = QStringLiteral(".png")) const
    {
        return QDir(m_dir).filePath(name + suffix);
    }
    // Shows `widget` at `size`, waits for it to be exposed and laid out, and saves a grab
    // as path(name); fails the calling test when any step does.
    void grab(QWidget *widget, QSize size, const QString &name) const
    {
        widget->resize(size);
        widget->show();
        QVERIFY(QTest::qWaitForWindowExposed(widget));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        const QPixmap shot = widget->grab();
        QVERIFY(!shot.isNull());
        QVERIFY(shot.save(path(name)));
    }

private:
    QTemporaryDir m_tempDir;
    QString m_dir;
};

} // namespace bitcliff::test
