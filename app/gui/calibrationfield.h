#pragma once
// Where calibrated schemes (gptq) take their calibration text: none, a calibration/ folder
// next to the model (the demo model has one), the bundled passages or a chosen file, cut
// into N sequences of L tokens.
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace bitcliff::app {

struct CalibrationChoice
{
    QString reference; // a file, folder, .jsonl task file or "bundled"
    int sequences = 64;
    int length = 256;
};

class CalibrationField final : public QWidget
{
    Q_OBJECT

public:
    explicit CalibrationField(QWidget *parent = nullptr);
    void retranslate();
    // Offers <model folder>/calibration when it exists, and selects it when `select`.
    void setModelPath(const QString &modelPath, bool select = true);
    std::optional<CalibrationChoice> choice() const; // nothing: no calibration text
    // Selects `choice` (a reference not offered yet is added, named by its file name), or None.
    void setChoice(const std::optional<CalibrationChoice> &choice);

    QComboBox *source() const { return m_source; }
    QSpinBox *sequencesBox() const { return m_sequences; }
    QSpinBox *lengthBox() const { return m_length; }

signals:
    void changed(); // the source, the sequences or the length

private:
    void chooseFile();
    int addSource(const QString &label, const QString &reference);

    QLabel *m_label;
    QComboBox *m_source;
    QPushButton *m_choose;
    QSpinBox *m_sequences;
    QLabel *m_times;
    QSpinBox *m_length;
};

} // namespace bitcliff::app
