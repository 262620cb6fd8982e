#include "gui/languagemenu.h"

#include <QActionGroup>
#include <QApplication>
#include <QEvent>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>

namespace bitcliff::app {

namespace {

const auto kKey = QStringLiteral("language");

QTranslator *appTranslator()
{
    static QTranslator *translator = new QTranslator(qApp);
    return translator;
}

QTranslator *qtTranslator()
{
    static QTranslator *translator = new QTranslator(qApp);
    return translator;
}

QString nativeName(const QString &code)
{
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    return QLocale(code).nativeLanguageName();
}

} // namespace

QStringList LanguageMenu::availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("ja"), QStringLiteral("zh_CN")};
}

bool LanguageMenu::loadLanguage(const QString &code)
{
    QCoreApplication::removeTranslator(appTranslator());
    QCoreApplication::removeTranslator(qtTranslator());
    QSettings().setValue(kKey, code);
    if (code == QLatin1String("en"))
        return true; // removing the translators already sent QEvent::LanguageChange
    // Our .qm files are compiled into the binary under :/i18n (see translations/).
    const bool loaded = appTranslator()->load(QStringLiteral(":/i18n/bitcliff_") + code);
    if (loaded)
        QCoreApplication::installTranslator(appTranslator());
    if (qtTranslator()->load(QStringLiteral("qtbase_") + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator());
    return loaded;
}

void LanguageMenu::installInitialTranslation()
{
    QString code = QSettings().value(kKey).toString();
    if (code.isEmpty()) {
        const QLocale system;
        code = QStringLiteral("en");
        for (const QString &candidate : availableLanguages())
            if (system.name().startsWith(candidate) || system.name().startsWith(candidate.left(2)))
                code = candidate;
    }
    loadLanguage(code);
}

LanguageMenu::LanguageMenu(QWidget *parent)
    : QMenu(parent)
{
    auto *group = new QActionGroup(this);
    const QString current = QSettings().value(kKey, QStringLiteral("en")).toString();
    for (const QString &code : availableLanguages()) {
        QAction *action = addAction(nativeName(code));
        action->setCheckable(true);
        action->setChecked(code == current);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [code] { loadLanguage(code); });
    }
    retranslate();
}

void LanguageMenu::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMenu::changeEvent(event);
}

void LanguageMenu::retranslate() { setTitle(tr("&Language")); }

} // namespace bitcliff::app
