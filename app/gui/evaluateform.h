#pragma once
// The inputs of an evaluation: which text (bundled passages or a file/folder), which task
// sets (bundled or .jsonl files), which schemes (calibrated ones with their calibration
// text), and the context length.
#include "gui/evaluatecontroller.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace bitcliff::app {

class CalibrationField;

class EvaluateForm final : public QWidget
{
    Q_OBJECT

public:
    explicit EvaluateForm(QWidget *parent = nullptr);
    void retranslate();
    void setRunEnabled(bool enabled);
    // Throws Error for a bad custom scheme text.
    EvalRequest request() const;

    QComboBox *textChoice() const { return m_text; }
    QListWidget *taskList() const { return m_tasks; }
    QListWidget *schemeList() const { return m_schemes; }
    QSpinBox *contextBox() const { return m_context; }
    QPushButton *runButton() const { return m_run; }
    void addTaskFile(const QString &path);
    void addScheme(const QString &text, bool checked);
    // A trained variant of the model (a checkpoint folder of the same architecture, e.g. from
    // the Train page) to run beside it under every checked scheme; "" for none.
    void setCompareModel(const QString &path);
    QString compareModel() const;
    QLineEdit *compareEdit() const { return m_compareModel; }
    CalibrationField *calibration() const { return m_calibration; }

signals:
    void runRequested();

private:
    void chooseTextPath(bool folder);
    void chooseTaskFile();
    void addCustomScheme();
    void chooseCompareModel();

    QLabel *m_textLabel;
    QComboBox *m_text;
    QPushButton *m_textBrowse;
    QAction *m_textFile = nullptr;
    QAction *m_textFolder = nullptr;
    QLabel *m_tasksLabel;
    QListWidget *m_tasks;
    QPushButton *m_taskBrowse;
    QLabel *m_schemesLabel;
    QListWidget *m_schemes;
    QLineEdit *m_customScheme;
    QLabel *m_contextLabel;
    QSpinBox *m_context;
    QLabel *m_compareLabel;
    QLineEdit *m_compareModel;
    QPushButton *m_compareChoose;
    CalibrationField *m_calibration;
    QPushButton *m_run;
};

} // namespace bitcliff::app
