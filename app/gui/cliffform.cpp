#include "gui/cliffform.h"

#include "gui/calibrationfield.h"
#include "gui/cliffevalset.h"
#include "gui/cliffschemegrid.h"
#include "plan/recipe.h"
#include "util/error.h"

#include <QComboBox>
#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>

#include <filesystem>

namespace bitcliff::app {
namespace {

const char *const kPresets[] = { "quick", "full" };
constexpr int kCustom = 2;

std::filesystem::path toPath(const QString &file)
{
    return std::filesystem::path(file.toStdU16String());
}

} // namespace

CliffForm::CliffForm(QWidget *parent)
    : QWidget(parent)
    , m_presetLabel(new QLabel(this))
    , m_preset(new QComboBox(this))
    , m_saveSpec(new QPushButton(this))
    , m_loadSpec(new QPushButton(this))
    , m_schemes(new CliffSchemeGrid(this))
    , m_evalSet(new CliffEvalSet(this))
    , m_calibration(new CalibrationField(this))
    , m_contextLabel(new QLabel(this))
    , m_context(new QSpinBox(this))
    , m_answerLabel(new QLabel(this))
    , m_answer(new QSpinBox(this))
    , m_outputLabel(new QLabel(this))
    , m_output(new QLineEdit(this))
    , m_outputChoose(new QPushButton(this))
    , m_message(new QLabel(this))
{
    for (int i = 0; i < 3; ++i)
        m_preset->addItem(QString());
    m_preset->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_context->setRange(8, 131072);
    m_context->setSingleStep(64);
    m_answer->setRange(1, 4096);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(m_presetLabel);
    top->addWidget(m_preset);
    top->addStretch(1);
    top->addWidget(m_loadSpec);
    top->addWidget(m_saveSpec);
    auto *lengths = new QHBoxLayout;
    lengths->addWidget(m_context);
    lengths->addSpacing(16);
    lengths->addWidget(m_answerLabel);
    lengths->addWidget(m_answer);
    lengths->addStretch(1);
    auto *output = new QHBoxLayout;
    output->addWidget(m_output, 1);
    output->addWidget(m_outputChoose);

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addLayout(top, 0, 0, 1, 2);
    grid->addWidget(m_schemes, 1, 0, 1, 2); // the grid is wide: it titles itself
    grid->addWidget(m_evalSet, 2, 0, 1, 2);
    grid->addWidget(m_calibration, 3, 0, 1, 2); // its own label: it must not widen column 0
    grid->addWidget(m_contextLabel, 4, 0);
    grid->addLayout(lengths, 4, 1);
    grid->addWidget(m_outputLabel, 5, 0);
    grid->addLayout(output, 5, 1);
    grid->addWidget(m_message, 6, 0, 1, 2);
    grid->setColumnStretch(1, 1);

    connect(m_preset, &QComboBox::activated, this, &CliffForm::applyPreset);
    connect(m_schemes, &CliffSchemeGrid::schemesChanged, this, &CliffForm::markCustom);
    connect(m_evalSet, &CliffEvalSet::changed, this, &CliffForm::markCustom);
    connect(m_calibration, &CalibrationField::changed, this, &CliffForm::markCustom);
    connect(m_context, &QSpinBox::valueChanged, this, &CliffForm::markCustom);
    connect(m_answer, &QSpinBox::valueChanged, this, &CliffForm::markCustom);
    connect(m_outputChoose, &QPushButton::clicked, this, &CliffForm::chooseOutputDirectory);
    connect(m_output, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_outputChosen = true;
        emit outputDirectoryChanged(text);
    });
    connect(m_saveSpec, &QPushButton::clicked, this, &CliffForm::saveSpec);
    connect(m_loadSpec, &QPushButton::clicked, this, &CliffForm::loadSpec);
    m_preset->setCurrentIndex(0);
    applyPreset();
    retranslate();
}

void CliffForm::retranslate()
{
    m_presetLabel->setText(tr("Preset:"));
    m_preset->setItemText(0, tr("Quick (a few minutes)"));
    m_preset->setItemText(1, tr("Full (every method)"));
    m_preset->setItemText(kCustom, tr("Custom"));
    m_saveSpec->setText(tr("Save spec…"));
    m_saveSpec->setToolTip(tr("The same JSON as bitcliff-cli sweep --spec FILE."));
    m_loadSpec->setText(tr("Load spec…"));
    m_contextLabel->setText(tr("Context:"));
    m_context->setSuffix(tr(" tokens"));
    m_context->setToolTip(tr("n_ctx of llama.cpp's perplexity: the text is cut into chunks of this many tokens "
                             "and the second half of each chunk is scored."));
    m_answerLabel->setText(tr("Answer length:"));
    m_answer->setSuffix(tr(" tokens"));
    m_answer->setToolTip(tr("The most tokens generated for a generation task's answer."));
    m_outputLabel->setText(tr("Output folder:"));
    m_output->setToolTip(tr("sweep.json and results.jsonl go here; running again with the same folder resumes."));
    m_outputChoose->setText(tr("Choose…"));
    m_schemes->retranslate();
    m_evalSet->retranslate();
    m_calibration->retranslate();
    m_calibration->setToolTip(tr("The text gptq cells calibrate on, cut into sequences × tokens; part of the "
                                 "sweep's measurement, like the evaluation set."));
}

void CliffForm::setModelPath(const QString &path)
{
    m_modelPath = path;
    // Offered, not chosen: a sweep without calibrated cells measures without calibration text.
    m_calibration->setModelPath(path, false);
    if (!m_outputChosen)
        setOutputDirectory(defaultOutputDirectory(path));
}

QString CliffForm::defaultOutputDirectory(const QString &modelPath)
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QString name = QFileInfo(modelPath).completeBaseName();
    if (name.isEmpty())
        name = QStringLiteral("model");
    return QDir(base).filePath(QStringLiteral("sweeps/%1-%2").arg(name, QDate::currentDate().toString(Qt::ISODate)));
}

QString CliffForm::outputDirectory() const
{
    return m_output->text().trimmed();
}

void CliffForm::setOutputDirectory(const QString &directory)
{
    m_output->setText(directory);
    emit outputDirectoryChanged(directory);
}

SweepSpec CliffForm::spec() const
{
    SweepSpec spec;
    if (m_modelPath.isEmpty())
        throw Error(tr("Open a model first.").toStdString());
    spec.model = m_modelPath.toStdString();
    for (const QString &scheme : m_schemes->checkedSchemes())
        spec.schemes.push_back(scheme.toStdString());
    if (spec.schemes.empty())
        throw Error(tr("Check at least one scheme.").toStdString());
    spec.text = m_evalSet->textReference();
    spec.tasks = m_evalSet->tasksReference();
    if (!spec.text && !spec.tasks)
        throw Error(tr("Choose a text or at least one task set.").toStdString());
    spec.nCtx = m_context->value();
    spec.maxNewTokens = m_answer->value();
    spec.seed = m_seed;
    spec.threads = m_threads;
    const int preset = m_preset->currentIndex();
    spec.preset = preset < kCustom ? kPresets[preset] : "";
    spec.schemes = canonicalSchemes(spec.schemes);
    spec.variants = m_variants; // the derived checkpoints a loaded spec or the demo named
    // Kept even when no checked cell calibrates: resuming a sweep brings its earlier cells back.
    if (const std::optional<CalibrationChoice> calibration = m_calibration->choice())
        spec.calibration
            = SweepCalibration { calibration->reference.toStdString(), calibration->sequences, calibration->length };
    for (const std::string &scheme : spec.schemes)
        if (!spec.calibration && QuantRecipe::parse(scheme.substr(0, scheme.find('@'))).needsCalibration())
            throw Error(tr("%1 needs calibration text: choose it under Calibration.")
                            .arg(QString::fromStdString(scheme))
                            .toStdString());
    spec.checkCalibration();
    return spec;
}

void CliffForm::setSpec(const SweepSpec &spec)
{
    QStringList schemes;
    for (const std::string &scheme : spec.schemes)
        schemes << QString::fromStdString(scheme);
    m_filling = true;
    m_variants = spec.variants;
    std::optional<CalibrationChoice> calibration;
    if (spec.calibration)
        calibration = CalibrationChoice { QString::fromStdString(spec.calibration->text), spec.calibration->sequences,
            spec.calibration->length };
    m_calibration->setChoice(calibration);
    m_schemes->setCheckedSchemes(schemes);
    m_evalSet->setReferences(spec.text, spec.tasks);
    m_context->setValue(spec.nCtx);
    m_answer->setValue(spec.maxNewTokens);
    m_seed = spec.seed;
    m_threads = spec.threads;
    int preset = kCustom;
    for (int i = 0; i < kCustom; ++i)
        if (spec.preset == kPresets[i])
            preset = i;
    m_preset->setCurrentIndex(preset);
    m_filling = false;
}

void CliffForm::applyPreset()
{
    const int index = m_preset->currentIndex();
    if (index >= kCustom)
        return;
    setSpec(sweepPreset(kPresets[index]));
}

void CliffForm::markCustom()
{
    if (!m_filling)
        m_preset->setCurrentIndex(kCustom);
}

void CliffForm::chooseOutputDirectory()
{
    const QString directory = QFileDialog::getExistingDirectory(this, tr("Sweep output folder"), outputDirectory());
    if (directory.isEmpty())
        return;
    m_outputChosen = true;
    setOutputDirectory(directory);
}

bool CliffForm::saveSpecTo(const QString &file)
{
    try {
        saveSweepSpec(toPath(file), spec());
        showMessage(tr("Saved the spec to %1.").arg(file), false);
        return true;
    } catch (const std::exception &e) {
        showMessage(QString::fromStdString(e.what()), true);
        return false;
    }
}

bool CliffForm::loadSpecFrom(const QString &file)
{
    try {
        const SweepSpec spec = loadSweepSpec(toPath(file));
        setSpec(spec);
        QString text = tr("Loaded the spec from %1.").arg(file);
        if (!spec.model.empty() && QString::fromStdString(spec.model) != m_modelPath)
            text += QLatin1Char(' ')
                + tr("It names the model %1; the sweep runs on the open model.")
                      .arg(QString::fromStdString(spec.model));
        showMessage(text, false);
        return true;
    } catch (const std::exception &e) {
        showMessage(QString::fromStdString(e.what()), true);
        return false;
    }
}

void CliffForm::saveSpec()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Save sweep spec"),
        QDir(outputDirectory()).filePath(QStringLiteral("sweep.json")), tr("JSON (*.json);;All files (*)"));
    if (!file.isEmpty())
        saveSpecTo(file);
}

void CliffForm::loadSpec()
{
    const QString file
        = QFileDialog::getOpenFileName(this, tr("Load sweep spec"), QString(), tr("JSON (*.json);;All files (*)"));
    if (!file.isEmpty())
        loadSpecFrom(file);
}

void CliffForm::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #d62728") : QString());
    m_message->setVisible(!text.isEmpty());
}

} // namespace bitcliff::app
