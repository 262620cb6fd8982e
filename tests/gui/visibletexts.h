#pragma once
// Every text a user reads in a window (labels, buttons, group boxes, tabs, combo items,
// placeholders, table headers, list items, menus, dock titles, chart titles, axis titles and
// legends, heatmap titles and axis labels), keyed by where it shows, so that two windows
// built the same way (one per language) can be compared string by string. Header-only: the
// test support library does not link QtWidgets.
#include "heatmapwidget.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QMap>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTabBar>
#include <QTableWidget>
#include <QTextDocumentFragment>

namespace bitcliff::test {

// where -> text
using TextMap = QMap<QString, QString>;

inline QString plainText(const QString &text)
{
    QString plain = Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text;
    plain.remove(QLatin1Char('&')); // mnemonics
    return plain.simplified();
}

// The widget's place: class and index among same-class siblings, from the window down.
inline QString widgetPath(const QWidget *widget, const QWidget *window)
{
    QStringList parts;
    for (const QObject *o = widget; o && o != window; o = o->parent()) {
        int index = 0;
        if (o->parent())
            for (const QObject *sibling : o->parent()->children()) {
                if (sibling == o)
                    break;
                index += sibling->metaObject() == o->metaObject() ? 1 : 0;
            }
        parts.prepend(QStringLiteral("%1[%2]").arg(QString::fromLatin1(o->metaObject()->className())).arg(index));
    }
    return parts.join(QLatin1Char('/'));
}

inline void addMenuTexts(const QMenu *menu, const QString &where, TextMap &out)
{
    out.insert(where, plainText(menu->title()));
    const QList<QAction *> actions = menu->actions();
    for (qsizetype i = 0; i < actions.size(); ++i) {
        if (actions[i]->isSeparator())
            continue;
        if (actions[i]->menu())
            addMenuTexts(actions[i]->menu(), where + QStringLiteral("/%1").arg(i), out);
        else
            out.insert(where + QStringLiteral("/%1").arg(i), plainText(actions[i]->text()));
    }
}

inline void addChartTexts(const QChart *chart, const QString &where, TextMap &out)
{
    out.insert(where + QStringLiteral(":title"), plainText(chart->title()));
    const QList<QAbstractAxis *> axes = chart->axes();
    for (qsizetype i = 0; i < axes.size(); ++i)
        if (axes[i]->isVisible())
            out.insert(where + QStringLiteral(":axis%1").arg(i), plainText(axes[i]->titleText()));
    const QList<QLegendMarker *> markers = chart->legend()->markers();
    for (qsizetype i = 0; i < markers.size(); ++i)
        if (markers[i]->isVisible() && chart->legend()->isVisible())
            out.insert(where + QStringLiteral(":legend%1").arg(i), plainText(markers[i]->label()));
}

// The texts of every widget of `window` now visible on screen.
inline void collectVisibleTexts(QWidget *window, TextMap &out)
{
    if (auto *main = qobject_cast<QMainWindow *>(window)) {
        const QList<QAction *> menus = main->menuBar()->actions();
        for (qsizetype i = 0; i < menus.size(); ++i)
            if (menus[i]->menu())
                addMenuTexts(menus[i]->menu(), QStringLiteral("menu%1").arg(i), out);
    }
    for (QWidget *w : window->findChildren<QWidget *>()) {
        if (!w->isVisible())
            continue;
        const QString where = widgetPath(w, window);
        if (auto *label = qobject_cast<QLabel *>(w)) {
            out.insert(where, plainText(label->text()));
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            out.insert(where, plainText(button->text()));
        } else if (auto *box = qobject_cast<QGroupBox *>(w)) {
            out.insert(where, plainText(box->title()));
        } else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                out.insert(where + QStringLiteral(":tab%1").arg(i), plainText(tabs->tabText(i)));
        } else if (auto *dock = qobject_cast<QDockWidget *>(w)) {
            out.insert(where + QStringLiteral(":title"), plainText(dock->windowTitle()));
        } else if (auto *combo = qobject_cast<QComboBox *>(w)) {
            if (!combo->isEditable()) // editable ones hold scheme texts, names not words
                for (int i = 0; i < combo->count(); ++i)
                    out.insert(where + QStringLiteral(":item%1").arg(i), plainText(combo->itemText(i)));
            else if (combo->lineEdit())
                out.insert(where + QStringLiteral(":placeholder"), plainText(combo->lineEdit()->placeholderText()));
        } else if (auto *edit = qobject_cast<QLineEdit *>(w)) {
            if (!qobject_cast<QComboBox *>(edit->parentWidget()))
                out.insert(where + QStringLiteral(":placeholder"), plainText(edit->placeholderText()));
        } else if (auto *header = qobject_cast<QHeaderView *>(w)) {
            if (header->orientation() == Qt::Horizontal && header->model())
                for (int s = 0; s < header->count(); ++s)
                    if (!header->isSectionHidden(s))
                        out.insert(where + QStringLiteral(":section%1").arg(s),
                                   plainText(header->model()->headerData(s, Qt::Horizontal).toString()));
        } else if (auto *chart = qobject_cast<QChartView *>(w)) {
            addChartTexts(chart->chart(), where, out);
        } else if (auto *heatmap = qobject_cast<HeatmapWidget *>(w)) {
            if (const auto &data = heatmap->data()) {
                out.insert(where + QStringLiteral(":title"), plainText(data->title));
                out.insert(where + QStringLiteral(":rows"), plainText(data->rowLabel));
                out.insert(where + QStringLiteral(":cols"), plainText(data->colLabel));
                out.insert(where + QStringLiteral(":values"), plainText(data->valueLabel));
            } else {
                out.insert(where + QStringLiteral(":empty"), plainText(heatmap->emptyText()));
            }
        }
        if (auto *list = qobject_cast<QListWidget *>(w))
            for (int i = 0; i < list->count(); ++i)
                out.insert(where + QStringLiteral(":row%1").arg(i), plainText(list->item(i)->text()));
        if (auto *table = qobject_cast<QTableWidget *>(w))
            for (int r = 0; r < table->rowCount(); ++r)
                for (int c = 0; c < table->columnCount(); ++c)
                    if (table->item(r, c))
                        out.insert(where + QStringLiteral(":cell%1,%2").arg(r).arg(c), plainText(table->item(r, c)->text()));
    }
}

// Names, numbers and units, which stay the same in every language: no letters at all, or
// one token that is an identifier (a tensor or scheme name, a path, a code: digits, '_',
// '.', ':' or '/'), or a language code (the Cliff page's passage check boxes: "de", "ja"),
// or an entry of the allow-list.
inline bool isLanguageNeutral(const QString &text)
{
    static const QRegularExpression letter(QStringLiteral("\\p{L}"));
    static const QRegularExpression identifier(QStringLiteral("^[^\\s]*[0-9_.:/][^\\s]*$"));
    static const QRegularExpression languageCode(QStringLiteral("^[a-z]{2}$"));
    // Words German shares with English, and abbreviations of units and figures.
    static const QStringList allowed{QStringLiteral("BitCliff"), QStringLiteral("KLD"), QStringLiteral("PPL"),
                                     QStringLiteral("MSE"),      QStringLiteral("Name"), QStringLiteral("Text"),
                                     QStringLiteral("Absmax"),   QStringLiteral("Kurtosis"), QStringLiteral("Tokens"),
                                     QStringLiteral("DType"),    QStringLiteral("Tensor"), QStringLiteral("—"),
                                     QStringLiteral("KLD (nats)"), QStringLiteral("HQQ g64"), // unit; method name
                                     // the language menu names each language in itself
                                     QStringLiteral("English"), QStringLiteral("Deutsch"), QStringLiteral("日本語"),
                                     QStringLiteral("简体中文")};
    return text.isEmpty() || !text.contains(letter) || identifier.match(text).hasMatch()
        || languageCode.match(text).hasMatch() || allowed.contains(text);
}

} // namespace bitcliff::test
