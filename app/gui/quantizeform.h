#pragma once
// The inputs of the Quantize page: a recipe (a preset or any text, calibrated ones such as
// gptq:b4:g128 included), optionally a second recipe or a second model to compare with, the
// calibration text of calibrated recipes (enabled only when one needs it), quantizing just
// the selected tensor, and the Quantize button.
#include "gui/quantizecontroller.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace bitcliff::app {

class CalibrationField;

class QuantizeForm final : public QWidget
{
    Q_OBJECT

public:
    explicit QuantizeForm(QWidget *parent = nullptr);
    void retranslate();
    // Offers the model's calibration/ folder (and selects it) when there is one.
    void setModelPath(const QString &path);
    void setSecondModel(const QString &path);
    void setTensorSelected(bool selected); // "Selected tensor only" needs a selected tensor
    // The request the form describes; `tensor` is the selected one (-1: none). Throws Error
    // (one line) for recipe text that does not parse, and for a calibrated recipe without
    // calibration text or with "Selected tensor only".
    QuantizeRequest request(int tensor) const;
    static QStringList presetSchemes();

    QComboBox *firstScheme() const { return m_first; }
    QComboBox *secondScheme() const { return m_second; }
    QCheckBox *compareBox() const { return m_compare; }
    QLineEdit *secondModelEdit() const { return m_secondModel; }
    QCheckBox *selectedOnlyBox() const { return m_selectedOnly; }
    QPushButton *quantizeButton() const { return m_quantize; }
    CalibrationField *calibration() const { return m_calibration; }

signals:
    void quantizeRequested(); // the button, or Enter in a text field while it is enabled
    // Whether the recipe texts in use parse (red when not).
    void schemeTextsChecked(bool valid);

private:
    void chooseSecondModel();
    void checkSchemeTexts();
    std::optional<QuantRecipe> recipeIn(const QComboBox *box) const; // nothing: unused or unparsable

    QLabel *m_firstLabel;
    QComboBox *m_first;
    QCheckBox *m_compare;
    QComboBox *m_second;
    QLabel *m_secondModelLabel;
    QLineEdit *m_secondModel;
    QPushButton *m_chooseSecondModel;
    QCheckBox *m_selectedOnly;
    QPushButton *m_quantize;
    CalibrationField *m_calibration;
};

} // namespace bitcliff::app
