// Translations stay complete as the UI grows: every tr() string in views/ and app/ (as
// lupdate finds it now) has a finished German, Japanese and Chinese translation with the
// same placeholders, the compiled .qm files load, and switching language retranslates; and
// what a user sees: with the German translation loaded, no visible text of any page is still
// its English source (names, numbers and units aside), and no German label is cut.
#include "gui/languagemenu.h"
#include "gui/mainwindow.h"
#include "gui/modelsession.h"
#include "gui/modeltreepanel.h"
#include "gui/quantizecontroller.h"
#include "gui/quantizepage.h"
#include "report/modelanalysis.h"
#include "visibletexts.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTranslator>
#include <QXmlStreamReader>

#include <functional>

namespace {

struct Message
{
    QString context;
    QString source;
    QString translation;
    bool unfinished = false;
};

QList<Message> readTs(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("message"))
            current = Message { context, {}, {}, false };
        else if (xml.name() == QLatin1String("source"))
            current.source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            current.unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            messages << current;
        }
    }
    return messages;
}

QSet<QString> placeholders(const QString &text)
{
    QSet<QString> found;
    static const QRegularExpression pattern(QStringLiteral("%(\\d+|n)"));
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured());
    return found;
}

QString sourceDir()
{
    return QStringLiteral(BITCLIFF_SOURCE_DIR);
}

using bitcliff::app::MainWindow;

// Opens the demo model, quantizes its strongest-outlier tensor, and calls `visit` on every
// page and every tab inside a page (so that each shows its texts). False when a step fails.
// Saves a picture of the window into $BITCLIFF_SCREENSHOT_DIR, when set (to be looked at).
void saveShot(QWidget *window, const QString &name)
{
    const QString dir = qEnvironmentVariable("BITCLIFF_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        window->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

bool visitEveryPage(MainWindow &window, QSize size, const std::function<void(const QString &page)> &visit)
{
    window.setConfirmClose(false);
    window.resize(size);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    QSignalSpy ready(window.session(), &bitcliff::app::ModelSession::analysisReady);
    window.openDemo();
    if (!ready.wait(180000))
        return false;
    auto *quantizer = window.findChild<bitcliff::app::QuantizeController *>();
    QSignalSpy quantized(quantizer, &bitcliff::app::QuantizeController::analysisReady);
    QSignalSpy views(quantizer, &bitcliff::app::QuantizeController::tensorViewsReady);
    window.treePanel()->selectTensor(window.session()->analysis()->mostOutlierTensor);
    window.quantizePage()->selectedOnlyBox()->setChecked(true);
    window.quantizePage()->firstScheme()->setCurrentText(QStringLiteral("q4_0"));
    window.quantizePage()->quantizeButton()->click();
    if (!quantized.wait(60000) || !(views.count() > 0 || views.wait(20000)))
        return false;
    auto *tabs = qobject_cast<QTabWidget *>(window.centralWidget());
    for (int t = 0; t < tabs->count(); ++t) {
        tabs->setCurrentIndex(t);
        QTest::qWait(30);
        visit(QStringLiteral("page%1").arg(t));
        const auto inner = tabs->widget(t)->findChildren<QTabWidget *>();
        for (qsizetype n = 0; n < inner.size(); ++n)
            for (int i = 1; i < inner[n]->count(); ++i) {
                inner[n]->setCurrentIndex(i);
                QTest::qWait(30);
                visit(QStringLiteral("page%1-%2-%3").arg(t).arg(n).arg(i));
            }
    }
    return true;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QCoreApplication::setOrganizationName(QStringLiteral("BitCliff-tests")); }

    void everySourceStringIsTranslated_data()
    {
        QTest::addColumn<QString>("language");
        for (const QString &code : bitcliff::app::LanguageMenu::availableLanguages())
            if (code != QLatin1String("en"))
                QTest::newRow(qPrintable(code)) << code;
    }

    void everySourceStringIsTranslated()
    {
        QFETCH(QString, language);
        // What lupdate finds in the sources today.
        QTemporaryDir dir;
        const QString fresh = dir.filePath(QStringLiteral("fresh.ts"));
        QProcess lupdate;
        lupdate.start(QStringLiteral(BITCLIFF_LUPDATE),
            { sourceDir() + QStringLiteral("/views"), sourceDir() + QStringLiteral("/app/gui"),
                sourceDir() + QStringLiteral("/app/jobs"), sourceDir() + QStringLiteral("/app/report"),
                QStringLiteral("-I"), sourceDir() + QStringLiteral("/app"), QStringLiteral("-I"),
                sourceDir() + QStringLiteral("/views"), QStringLiteral("-I"), sourceDir() + QStringLiteral("/core"),
                QStringLiteral("-silent"), QStringLiteral("-ts"), fresh });
        QVERIFY(lupdate.waitForFinished(60000));
        QCOMPARE(lupdate.exitCode(), 0);
        const QList<Message> wanted = readTs(fresh);
        QVERIFY(wanted.size() > 100);

        const QList<Message> have
            = readTs(sourceDir() + QStringLiteral("/translations/bitcliff_") + language + QStringLiteral(".ts"));
        QHash<QString, Message> byKey;
        for (const Message &m : have)
            byKey.insert(m.context + QLatin1Char('|') + m.source, m);
        for (const Message &m : wanted) {
            const auto it = byKey.constFind(m.context + QLatin1Char('|') + m.source);
            QVERIFY2(it != byKey.constEnd(),
                qPrintable(QStringLiteral("missing (run the update_translations target): ") + m.context
                    + QStringLiteral(": ") + m.source));
            QVERIFY2(!it->unfinished && !it->translation.trimmed().isEmpty(),
                qPrintable(QStringLiteral("untranslated: ") + m.source));
            QVERIFY2(placeholders(it->translation) == placeholders(m.source),
                qPrintable(
                    QStringLiteral("placeholders differ: ") + m.source + QStringLiteral(" -> ") + it->translation));
        }
    }

    // Fails until the translation pass fills the .ts files for new strings: it then lists them.
    // A string listed here that IS in the .ts files bypasses tr() (or is set once and never
    // retranslated): wrap it, or add it to isLanguageNeutral()'s allow-list when it is a name.
    void visibleTextsAreTranslated()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(bitcliff::app::LanguageMenu::loadLanguage(QStringLiteral("en")));
        bitcliff::test::TextMap english;
        {
            MainWindow window;
            QVERIFY(visitEveryPage(window, QSize(1600, 1000), [&](const QString &page) {
                bitcliff::test::collectVisibleTexts(&window, english);
                saveShot(&window, QStringLiteral("en-1600-") + page);
            }));
        }
        QVERIFY(english.size() > 100);
        QVERIFY(bitcliff::app::LanguageMenu::loadLanguage(QStringLiteral("de")));
        bitcliff::test::TextMap german;
        {
            MainWindow window;
            QVERIFY(visitEveryPage(window, QSize(1600, 1000), [&](const QString &page) {
                bitcliff::test::collectVisibleTexts(&window, german);
                saveShot(&window, QStringLiteral("de-1600-") + page);
            }));
        }
        QVERIFY(bitcliff::app::LanguageMenu::loadLanguage(QStringLiteral("en")));
        QStringList stillEnglish;
        for (auto it = english.cbegin(); it != english.cend(); ++it) {
            const auto de = german.constFind(it.key());
            if (de == german.cend() || *de != *it || bitcliff::test::isLanguageNeutral(*it))
                continue;
            const QString line = QStringLiteral("  \"%1\"   (at %2)").arg(*it, it.key());
            if (!stillEnglish.contains(line))
                stillEnglish << line;
        }
        // One line per string, so the list can be worked through.
        QSet<QString> seen;
        QStringList report;
        for (const QString &line : stillEnglish) {
            const QString text = line.section(QLatin1Char('"'), 1, 1);
            if (!seen.contains(text)) {
                seen.insert(text);
                report << line;
            }
        }
        if (!report.isEmpty())
            QFAIL(qPrintable(QStringLiteral("%1 visible text(s) still English with the German translation loaded:\n%2")
                                 .arg(report.size())
                                 .arg(report.join(QLatin1Char('\n')))));
    }

    // German is longer: at 1024 x 700 no label or button shows less than its text.
    void germanTextsAreNotCut()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(bitcliff::app::LanguageMenu::loadLanguage(QStringLiteral("de")));
        QStringList cut;
        {
            MainWindow window;
            const auto check = [&](const QString &page) {
                saveShot(&window, QStringLiteral("de-1024-") + page);
                for (QWidget *w : window.findChildren<QWidget *>()) {
                    if (!w->isVisible())
                        continue;
                    auto *label = qobject_cast<QLabel *>(w);
                    auto *button = qobject_cast<QAbstractButton *>(w);
                    const bool text
                        = (label && !label->wordWrap() && !label->text().isEmpty() && label->pixmap().isNull())
                        || (button && !button->text().isEmpty() && !qobject_cast<QToolButton *>(w));
                    if (text && w->width() + 1 < w->sizeHint().width()) {
                        const QString line = QStringLiteral("  \"%1\" %2 < %3 px")
                                                 .arg(label ? label->text() : button->text())
                                                 .arg(w->width())
                                                 .arg(w->sizeHint().width());
                        if (!cut.contains(line))
                            cut << line;
                    }
                }
            };
            QVERIFY(visitEveryPage(window, QSize(1024, 700), check));
        }
        QVERIFY(bitcliff::app::LanguageMenu::loadLanguage(QStringLiteral("en")));
        QVERIFY2(
            cut.isEmpty(), qPrintable(QStringLiteral("cut at 1024 x 700 in German:\n") + cut.join(QLatin1Char('\n'))));
    }

    void compiledTranslationsLoadAndApply()
    {
        for (const QString &code : { QStringLiteral("de"), QStringLiteral("ja"), QStringLiteral("zh_CN") }) {
            QTranslator translator;
            QVERIFY2(translator.load(QStringLiteral(":/i18n/bitcliff_") + code), qPrintable(code));
            const QString file = translator.translate("bitcliff::app::MainWindow", "&File");
            QVERIFY(!file.isEmpty());
            QVERIFY(file != QLatin1String("&File"));
        }
        bitcliff::app::MainWindow window;
        const QString english = window.menuBar()->actions().first()->text();
        QVERIFY(bitcliff::app::LanguageMenu::loadLanguage(QStringLiteral("de")));
        QTRY_COMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&Datei")); // LanguageChange is posted
        QVERIFY(bitcliff::app::LanguageMenu::loadLanguage(QStringLiteral("en")));
        QTRY_COMPARE(window.menuBar()->actions().first()->text(), english);
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
