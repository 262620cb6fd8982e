// Translations stay complete as the UI grows: every tr() string in views/ and app/ (as
// lupdate finds it now) has a finished German, Japanese and Chinese translation with the
// same placeholders, the compiled .qm files load, and switching language retranslates.
#include "gui/languagemenu.h"
#include "gui/mainwindow.h"

#include <QDir>
#include <QFile>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

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
            current = Message{context, {}, {}, false};
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

QString sourceDir() { return QStringLiteral(BITCLIFF_SOURCE_DIR); }

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
                      {sourceDir() + QStringLiteral("/views"), sourceDir() + QStringLiteral("/app/gui"),
                       sourceDir() + QStringLiteral("/app/jobs"), sourceDir() + QStringLiteral("/app/report"),
                       QStringLiteral("-I"), sourceDir() + QStringLiteral("/app"),
                       QStringLiteral("-I"), sourceDir() + QStringLiteral("/views"), QStringLiteral("-I"),
                       sourceDir() + QStringLiteral("/core"), QStringLiteral("-silent"), QStringLiteral("-ts"), fresh});
        QVERIFY(lupdate.waitForFinished(60000));
        QCOMPARE(lupdate.exitCode(), 0);
        const QList<Message> wanted = readTs(fresh);
        QVERIFY(wanted.size() > 100);

        const QList<Message> have =
            readTs(sourceDir() + QStringLiteral("/translations/bitcliff_") + language + QStringLiteral(".ts"));
        QHash<QString, Message> byKey;
        for (const Message &m : have)
            byKey.insert(m.context + QLatin1Char('|') + m.source, m);
        for (const Message &m : wanted) {
            const auto it = byKey.constFind(m.context + QLatin1Char('|') + m.source);
            QVERIFY2(it != byKey.constEnd(), qPrintable(QStringLiteral("missing (run the update_translations target): ")
                                                        + m.context + QStringLiteral(": ") + m.source));
            QVERIFY2(!it->unfinished && !it->translation.trimmed().isEmpty(),
                     qPrintable(QStringLiteral("untranslated: ") + m.source));
            QVERIFY2(placeholders(it->translation) == placeholders(m.source),
                     qPrintable(QStringLiteral("placeholders differ: ") + m.source + QStringLiteral(" -> ") + it->translation));
        }
    }

    void compiledTranslationsLoadAndApply()
    {
        for (const QString &code : {QStringLiteral("de"), QStringLiteral("ja"), QStringLiteral("zh_CN")}) {
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
