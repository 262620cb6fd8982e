#pragma once
// The set-up of a training run on the Train page: the model (the open one), the training
// data (a .txt/.jsonl file or a folder), steps, learning rate, batch, context, an optional
// QAT scheme, the output folder and the threads; and, as they change, the memory the run
// needs against what is available.
#include "gui/trainrequest.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace bitcliff::app {

class TrainForm final : public QWidget
{
    Q_OBJECT

public:
    explicit TrainForm(QWidget *parent = nullptr);
    void retranslate();

    void setModel(std::shared_ptr<const Model> model);
    // The run the form describes. Throws Error (one line) for a learning rate or QAT scheme
    // that does not parse; the other checks are TrainChecks::check's.
    TrainRequest request() const;
    // Remembers the thread count for the next session.
    void saveSettings() const;
    // The output folder follows the model until the user chooses one; after a run the next
    // default is a new folder, so that running again never replaces the last checkpoint.
    void refreshDefaultOutput();
    // "<data location>/training/<model name>-<date>", "-2", "-3"... when that exists.
    static QString defaultOutputDirectory(const QString &modelPath);
    static QStringList qatPresets();

    QLineEdit *dataEdit() const { return m_data; }
    QSpinBox *stepsBox() const { return m_steps; }
    QLineEdit *learningRateEdit() const { return m_lr; }
    QSpinBox *batchBox() const { return m_batch; }
    QSpinBox *contextBox() const { return m_context; }
    QCheckBox *qatBox() const { return m_qat; }
    QComboBox *qatScheme() const { return m_qatScheme; }
    QLineEdit *outputEdit() const { return m_output; }
    QSpinBox *threadsBox() const { return m_threads; }
    QLabel *modelNote() const { return m_modelNote; }
    QLabel *memoryLabel() const { return m_memory; }

private:
    void showModel(); // its path, why it cannot be trained, the memory line
    void chooseData(bool folder);
    void chooseOutput();
    void updateMemory();

    std::shared_ptr<const Model> m_model;
    bool m_outputChosen = false;
    QLabel *m_modelLabel;
    QLabel *m_modelPath;
    QLabel *m_modelNote;
    QLabel *m_dataLabel;
    QLineEdit *m_data;
    QPushButton *m_dataChoose;
    QLabel *m_stepsLabel;
    QSpinBox *m_steps;
    QLabel *m_lrLabel;
    QLineEdit *m_lr;
    QLabel *m_batchLabel;
    QSpinBox *m_batch;
    QLabel *m_contextLabel;
    QSpinBox *m_context;
    QCheckBox *m_qat;
    QComboBox *m_qatScheme;
    QLabel *m_outputLabel;
    QLineEdit *m_output;
    QPushButton *m_outputChoose;
    QLabel *m_threadsLabel;
    QSpinBox *m_threads;
    QLabel *m_memory;
    QAction *m_dataFile = nullptr;
    QAction *m_dataFolder = nullptr;
};

} // namespace bitcliff::app
