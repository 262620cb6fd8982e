#pragma once
// The evaluation set of a sweep, as the spec names it: the text ("bundled", "bundled:en+ru",
// a file or a folder, or none) with a checkbox per bundled language, and the tasks (bundled
// task sets by checkbox, .jsonl files added by a chooser; "bundled", "bundled:NAME,/a.jsonl").
#include <QStringList>
#include <QWidget>

#include <optional>
#include <string>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace bitcliff::app {

class CliffEvalSet final : public QWidget
{
    Q_OBJECT

public:
    explicit CliffEvalSet(QWidget *parent = nullptr);
    void retranslate();

    std::optional<std::string> textReference() const;
    std::optional<std::string> tasksReference() const;
    // Shows the references of a spec (a path is added as the text file or a task file).
    void setReferences(const std::optional<std::string> &text, const std::optional<std::string> &tasks);

    QComboBox *textSource() const { return m_source; }
    QCheckBox *languageBox(const QString &language) const;
    QCheckBox *taskBox(const QString &reference) const; // "bundled:arithmetic" or a path
    void setTextPath(const QString &path);
    void addTaskFile(const QString &path);

signals:
    void changed();

private:
    void chooseTextPath(bool folder);
    void chooseTaskFile();
    void updateEnabled();
    QCheckBox *addTaskBox(const QString &reference, const QString &label);

    QLabel *m_textLabel;
    QComboBox *m_source; // bundled, file or folder, none
    QWidget *m_languages;
    QList<QCheckBox *> m_languageBoxes; // objectName: the language
    QPushButton *m_textFile;
    QPushButton *m_textFolder;
    QString m_textPath;
    QLabel *m_tasksLabel;
    QWidget *m_tasks;
    QList<QCheckBox *> m_taskBoxes; // objectName: the reference
    QPushButton *m_taskFile;
};

} // namespace bitcliff::app
