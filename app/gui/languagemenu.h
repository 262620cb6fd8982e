#pragma once
// Loads the UI translation for the system locale at start and lets the user switch
// language from the View menu; the choice is remembered. Widgets retranslate on
// QEvent::LanguageChange.
#include <QMenu>
#include <QTranslator>

namespace bitcliff::app {

class LanguageMenu final : public QMenu
{
    Q_OBJECT

public:
    explicit LanguageMenu(QWidget *parent = nullptr);
    // Installs the saved (or system) language; call once after QApplication exists.
    static void installInitialTranslation();
    static QStringList availableLanguages(); // "en", "de", "ja", "zh_CN"
    static bool loadLanguage(const QString &code);

protected:
    void changeEvent(QEvent *event) final;

private:
    void retranslate();
};

} // namespace bitcliff::app
