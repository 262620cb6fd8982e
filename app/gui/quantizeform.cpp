#include "gui/quantizeform.h"

#include "analysis/recipepresets.h"
#include "gui/calibrationfield.h"
#include "gui/recipequantization.h"
#include "quant/schemepresets.h"
#include "util/error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace bitcliff::app {

QuantizeForm::QuantizeForm(QWidget *parent)
    : QWidget(parent)
    , m_firstLabel(new QLabel(this))
    , m_first(new QComboBox(this))
    , m_compare(new QCheckBox(this))
    , m_second(new QComboBox(this))
    , m_secondModelLabel(new QLabel(this))
    , m_secondModel(new QLineEdit(this))
    , m_chooseSecondModel(new QPushButton(this))
    , m_selectedOnly(new QCheckBox(this))
    , m_quantize(new QPushButton(this))
    , m_calibration(new CalibrationField(this))
{
    const auto quantizeOnEnter = [this] {
        if (m_quantize->isEnabled())
            emit quantizeRequested();
    };
    for (QComboBox *box : { m_first, m_second }) {
        box->setEditable(true); // presets, or any recipe text (see bitcliff-cli --help)
        box->setInsertPolicy(QComboBox::NoInsert); // Enter quantizes, it does not collect items
        box->addItems(presetSchemes());
        box->setMinimumContentsLength(16);
        // Enter in the scheme field runs Quantize, like the button.
        connect(box->lineEdit(), &QLineEdit::returnPressed, this, quantizeOnEnter);
        connect(box, &QComboBox::currentTextChanged, this, &QuantizeForm::checkSchemeTexts);
    }
    m_first->setCurrentText(QStringLiteral("rtn:b4:g128:sym"));
    m_second->setCurrentText(QStringLiteral("nf4:g64"));
    m_quantize->setEnabled(false);
    m_selectedOnly->setEnabled(false);
    m_secondModel->setClearButtonEnabled(true);

    // Three rows: in one, the controls alone would keep a 1024-pixel window from giving the
    // model tree room.
    auto *schemes = new QHBoxLayout;
    schemes->addWidget(m_firstLabel);
    schemes->addWidget(m_first);
    schemes->addSpacing(12);
    schemes->addWidget(m_compare);
    schemes->addWidget(m_second);
    schemes->addStretch(1);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_secondModelLabel);
    actions->addWidget(m_secondModel, 1);
    actions->addWidget(m_chooseSecondModel);
    actions->addSpacing(12);
    actions->addWidget(m_selectedOnly);
    actions->addWidget(m_quantize);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(schemes);
    layout->addLayout(actions);
    layout->addWidget(m_calibration);

    connect(m_quantize, &QPushButton::clicked, this, &QuantizeForm::quantizeRequested);
    connect(m_chooseSecondModel, &QPushButton::clicked, this, &QuantizeForm::chooseSecondModel);
    connect(m_secondModel, &QLineEdit::returnPressed, this, quantizeOnEnter);
    connect(m_compare, &QCheckBox::toggled, m_second, &QWidget::setEnabled);
    connect(m_compare, &QCheckBox::toggled, this, &QuantizeForm::checkSchemeTexts);
    m_second->setEnabled(false);
    checkSchemeTexts();
    retranslate();
}

QStringList QuantizeForm::presetSchemes()
{
    QStringList schemes;
    for (const SchemePreset &preset : schemePresets())
        schemes << QString::fromUtf8(preset.scheme.data(), qsizetype(preset.scheme.size()));
    // Calibrated ones need the calibration text chosen below (as on the Evaluate page).
    schemes << calibratedRecipePresets() << modifierRecipePresets();
    return schemes;
}

void QuantizeForm::retranslate()
{
    m_firstLabel->setText(tr("Scheme:"));
    m_first->setToolTip(tr("A preset, or any scheme text such as rtn:b3:g128:asym, or a calibrated recipe such as "
                           "gptq:b4:g128 (see bitcliff-cli --help)."));
    m_compare->setText(tr("Compare with:"));
    m_quantize->setText(tr("Quantize"));
    m_secondModelLabel->setText(tr("Second model:"));
    m_secondModel->setPlaceholderText(tr("Optional: e.g. a checkpoint trained from this model"));
    m_secondModel->setToolTip(tr("A model folder (config.json and safetensors) or GGUF file. The scheme (or the "
                                 "Compare-with scheme) also quantizes it, and its maps stand beside this model's: "
                                 "after quantization-aware training its weights lose less."));
    m_chooseSecondModel->setText(tr("Choose…"));
    m_selectedOnly->setText(tr("Selected tensor only"));
    m_selectedOnly->setToolTip(tr("Quantize just the tensor selected in the model tree (quick), "
                                  "instead of every weight matrix of the model."));
    m_calibration->retranslate();
}

void QuantizeForm::setModelPath(const QString &path)
{
    if (!path.isEmpty())
        m_calibration->setModelPath(path);
}

void QuantizeForm::setSecondModel(const QString &path)
{
    m_secondModel->setText(path);
}

void QuantizeForm::setTensorSelected(bool selected)
{
    m_selectedOnly->setEnabled(selected);
}

void QuantizeForm::chooseSecondModel()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Second model to quantize"), m_secondModel->text());
    if (!path.isEmpty())
        setSecondModel(path);
}

std::optional<QuantRecipe> QuantizeForm::recipeIn(const QComboBox *box) const
{
    if (box == m_second && !m_compare->isChecked())
        return std::nullopt;
    try {
        return QuantRecipe::parse(box->currentText().trimmed().toStdString());
    } catch (const Error &) {
        return std::nullopt;
    }
}

// A recipe text that does not parse shows red; the calibration row is enabled while a recipe
// in use needs it.
void QuantizeForm::checkSchemeTexts()
{
    bool allValid = true;
    bool calibrated = false;
    for (QComboBox *box : { m_first, m_second }) {
        const bool used = box == m_first || m_compare->isChecked();
        const std::optional<QuantRecipe> recipe = recipeIn(box);
        const bool valid = !used || recipe.has_value();
        box->lineEdit()->setStyleSheet(valid ? QString() : QStringLiteral("color: #d62728"));
        allValid = allValid && valid;
        calibrated = calibrated || (recipe && recipe->needsCalibration());
    }
    m_calibration->setEnabled(calibrated);
    emit schemeTextsChecked(allValid);
}

QuantizeRequest QuantizeForm::request(int tensor) const
{
    QuantizeRequest request;
    request.first = QuantRecipe::parse(m_first->currentText().trimmed().toStdString());
    if (m_compare->isChecked())
        request.second = QuantRecipe::parse(m_second->currentText().trimmed().toStdString());
    const bool onlyOne = m_selectedOnly->isChecked() && tensor >= 0;
    const std::optional<CalibrationChoice> calibration = m_calibration->choice();
    for (const QuantRecipe *recipe : { &request.first, request.second ? &*request.second : nullptr }) {
        if (!recipe || recipe->isPlainScheme())
            continue;
        const QString text = QString::fromStdString(recipe->toString());
        if (recipe->needsCalibration() && !calibration)
            throw Error(tr("%1 needs calibration text: choose it under Calibration.").arg(text).toStdString());
        if (onlyOne)
            throw Error(tr("%1 quantizes the layers in turn, each on the outputs of those before it: uncheck "
                           "“Selected tensor only”.")
                            .arg(text)
                            .toStdString());
    }
    request.onlyTensor = onlyOne ? tensor : -1;
    request.secondModel = m_secondModel->text().trimmed();
    if (calibration) {
        request.calibration = calibration->reference;
        request.calibrationSequences = calibration->sequences;
        request.calibrationLength = calibration->length;
    }
    return request;
}

} // namespace bitcliff::app
