#pragma once
// The set-up of a sweep on the Cliff page: a preset (quick, full, custom) that fills the form,
// the schemes (CliffSchemeGrid), the evaluation set (CliffEvalSet), the calibration text of
// calibrated cells (gptq), the context and answer lengths and the output directory; the same
// JSON as `bitcliff-cli sweep --spec` is saved and loaded here (SweepSpec::toJson/fromJson).
#include "sweep/sweepspec.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace bitcliff::app {

class CalibrationField;
class CliffEvalSet;
class CliffSchemeGrid;

class CliffForm final : public QWidget
{
    Q_OBJECT

public:
    explicit CliffForm(QWidget *parent = nullptr);
    void retranslate();

    // The model the sweep runs on; the default output directory follows it.
    void setModelPath(const QString &path);
    // The spec the form describes. Throws Error (one line) when it cannot run: no model, no
    // scheme, neither text nor tasks, a calibrated scheme without calibration text.
    SweepSpec spec() const;
    // Fills the form from `spec` (the model path is the page's, not the spec's).
    void setSpec(const SweepSpec &spec);
    QString outputDirectory() const;
    void setOutputDirectory(const QString &directory);
    // "<data location>/sweeps/<model name>-<date>".
    static QString defaultOutputDirectory(const QString &modelPath);

    // Save spec… / Load spec… without a dialog; false with the one-line error shown.
    bool saveSpecTo(const QString &file);
    bool loadSpecFrom(const QString &file);

    CliffSchemeGrid *schemeGrid() const { return m_schemes; }
    CliffEvalSet *evalSet() const { return m_evalSet; }
    CalibrationField *calibration() const { return m_calibration; }
    QComboBox *presetChoice() const { return m_preset; }
    QSpinBox *contextBox() const { return m_context; }
    QLineEdit *outputEdit() const { return m_output; }
    QLabel *messageLabel() const { return m_message; }

signals:
    void outputDirectoryChanged(const QString &directory);

private:
    void applyPreset();
    void markCustom();
    void chooseOutputDirectory();
    void saveSpec();
    void loadSpec();
    void showMessage(const QString &text, bool error);

    QString m_modelPath;
    bool m_outputChosen = false; // chosen by the user: no longer follows the model
    bool m_filling = false; // the form is being filled: changes are not the user's
    QLabel *m_presetLabel;
    QComboBox *m_preset;
    QPushButton *m_saveSpec;
    QPushButton *m_loadSpec;
    CliffSchemeGrid *m_schemes;
    CliffEvalSet *m_evalSet;
    CalibrationField *m_calibration;
    QLabel *m_contextLabel;
    QSpinBox *m_context;
    QLabel *m_answerLabel;
    QSpinBox *m_answer;
    QLabel *m_outputLabel;
    QLineEdit *m_output;
    QPushButton *m_outputChoose;
    QLabel *m_message;
    uint64_t m_seed = 0;
    std::vector<SweepVariant> m_variants;
    int m_threads = 0;
};

} // namespace bitcliff::app
