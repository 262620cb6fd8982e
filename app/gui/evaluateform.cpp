#include "gui/evaluateform.h"

#include "analysis/recipepresets.h"
#include "gui/calibrationfield.h"
#include "quant/schemepresets.h"
#include "report/bundledeval.h"
#include "util/error.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>

#include <memory>
#include <utility>

namespace bitcliff::app {
namespace {

constexpr int referenceRole = Qt::UserRole;

QList<QString> checkedReferences(const QListWidget *list)
{
    QList<QString> references;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->checkState() == Qt::Checked)
            references << list->item(i)->data(referenceRole).toString();
    return references;
}

// A click on an item's text toggles its checkbox, as a click on a QCheckBox's label does. A
// click on the box itself is toggled by the view already: the state seen at the press tells
// the two apart.
void toggleOnLabelClick(QListWidget *list)
{
    auto pressed = std::make_shared<std::pair<QListWidgetItem *, Qt::CheckState>>(nullptr, Qt::Unchecked);
    QObject::connect(list, &QListWidget::itemPressed, list, [pressed](QListWidgetItem *item) {
        *pressed = { item, item->checkState() };
    });
    QObject::connect(list, &QListWidget::itemClicked, list, [pressed](QListWidgetItem *item) {
        if (pressed->first == item && item->checkState() == pressed->second)
            item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
        pressed->first = nullptr;
    });
}

} // namespace

EvaluateForm::EvaluateForm(QWidget *parent)
    : QWidget(parent)
    , m_textLabel(new QLabel(this))
    , m_text(new QComboBox(this))
    , m_textBrowse(new QPushButton(this))
    , m_tasksLabel(new QLabel(this))
    , m_tasks(new QListWidget(this))
    , m_taskBrowse(new QPushButton(this))
    , m_schemesLabel(new QLabel(this))
    , m_schemes(new QListWidget(this))
    , m_customScheme(new QLineEdit(this))
    , m_contextLabel(new QLabel(this))
    , m_context(new QSpinBox(this))
    , m_compareLabel(new QLabel(this))
    , m_compareModel(new QLineEdit(this))
    , m_compareChoose(new QPushButton(this))
    , m_calibration(new CalibrationField(this))
    , m_run(new QPushButton(this))
{
    m_text->addItem(QString(), QStringLiteral("bundled"));
    m_text->addItem(QString(), QString());
    for (const QString &name : bundledTaskNames()) {
        auto *item = new QListWidgetItem(name, m_tasks);
        item->setData(referenceRole, QStringLiteral("bundled:") + name);
        item->setCheckState(Qt::Unchecked);
    }
    for (const SchemePreset &preset : schemePresets())
        addScheme(QString::fromUtf8(preset.scheme.data(), qsizetype(preset.scheme.size())), preset.evaluateByDefault);
    for (const QString &recipe : calibratedRecipePresets() + modifierRecipePresets())
        addScheme(recipe, false);
    // The bundled passages' label is long in German: never cut it.
    m_text->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_context->setRange(16, 8192);
    m_context->setSingleStep(64);
    m_context->setValue(256);
    for (QListWidget *list : { m_tasks, m_schemes }) {
        list->setMaximumHeight(150);
        toggleOnLabelClick(list);
    }

    auto *grid = new QGridLayout(this);
    grid->addWidget(m_textLabel, 0, 0);
    grid->addWidget(m_text, 0, 1);
    grid->addWidget(m_textBrowse, 0, 2);
    grid->addWidget(m_contextLabel, 0, 3);
    grid->addWidget(m_context, 0, 4);
    grid->addWidget(m_run, 0, 5);
    grid->addWidget(m_tasksLabel, 1, 0, Qt::AlignTop);
    grid->addWidget(m_tasks, 1, 1);
    grid->addWidget(m_taskBrowse, 1, 2, Qt::AlignTop);
    grid->addWidget(m_schemesLabel, 1, 3, Qt::AlignTop);
    auto *schemeColumn = new QVBoxLayout;
    schemeColumn->addWidget(m_schemes);
    schemeColumn->addWidget(m_customScheme);
    grid->addLayout(schemeColumn, 1, 4, 1, 2);
    // A row of its own: its label must not widen the grid's first column.
    auto *compare = new QHBoxLayout;
    compare->addWidget(m_compareLabel);
    compare->addWidget(m_compareModel, 1);
    compare->addWidget(m_compareChoose);
    grid->addLayout(compare, 2, 0, 1, 6);
    grid->addWidget(m_calibration, 3, 0, 1, 6);
    m_compareModel->setClearButtonEnabled(true);
    grid->setColumnStretch(1, 2);
    grid->setColumnStretch(4, 2);

    auto *textMenu = new QMenu(m_textBrowse);
    m_textFile = textMenu->addAction(QString(), this, [this] { chooseTextPath(false); });
    m_textFolder = textMenu->addAction(QString(), this, [this] { chooseTextPath(true); });
    m_textBrowse->setMenu(textMenu);
    connect(m_taskBrowse, &QPushButton::clicked, this, &EvaluateForm::chooseTaskFile);
    connect(m_customScheme, &QLineEdit::returnPressed, this, &EvaluateForm::addCustomScheme);
    connect(m_compareChoose, &QPushButton::clicked, this, &EvaluateForm::chooseCompareModel);
    connect(m_run, &QPushButton::clicked, this, &EvaluateForm::runRequested);
    retranslate();
}

void EvaluateForm::retranslate()
{
    m_textLabel->setText(tr("Text:"));
    m_text->setItemText(0, tr("Bundled passages (%1 languages)").arg(bundledLanguages().size()));
    if (m_text->itemData(1).toString().isEmpty())
        m_text->setItemText(1, tr("No text (tasks only)"));
    m_textBrowse->setText(tr("Other text"));
    m_textFile->setText(tr("Text file…"));
    m_textFolder->setText(tr("Folder of parallel texts…"));
    m_textBrowse->setToolTip(tr("A UTF-8 text file, or a folder of <language>.txt files evaluated one by one."));
    m_tasksLabel->setText(tr("Tasks:"));
    // Bundled task sets by a translated name; the file stem stays their reference.
    for (int i = 0; i < m_tasks->count(); ++i) {
        QListWidgetItem *item = m_tasks->item(i);
        const QString reference = item->data(referenceRole).toString();
        if (!reference.startsWith(QLatin1String("bundled:")))
            continue;
        const QString name = reference.mid(8);
        const QString title = name == QLatin1String("arithmetic") ? tr("Arithmetic")
            : name == QLatin1String("knowledge")                  ? tr("Knowledge")
            : name == QLatin1String("reasoning")                  ? tr("Reasoning")
                                                                  : name;
        item->setText(title);
        item->setToolTip(tr("Bundled task set “%1”").arg(name));
    }
    m_taskBrowse->setText(tr("Task file…"));
    m_taskBrowse->setToolTip(tr("JSON Lines: multiple choice or generation items, optionally labelled with "
                                "difficulty and language."));
    m_schemesLabel->setText(tr("Schemes:"));
    m_customScheme->setPlaceholderText(tr("Add a scheme, e.g. rtn:b3:g128:asym or gptq:b3:g128, and press Enter"));
    m_contextLabel->setText(tr("Context:"));
    m_context->setSuffix(tr(" tokens"));
    m_context->setToolTip(tr("n_ctx of llama.cpp's perplexity: the text is cut into chunks of this many tokens "
                             "and the second half of each chunk is scored."));
    m_compareLabel->setText(tr("Compare with:"));
    m_compareModel->setPlaceholderText(tr("Optional: a trained checkpoint of this model"));
    m_compareModel->setToolTip(tr("A folder with config.json and safetensors of the same architecture (e.g. from the "
                                  "Train page), run beside the model under each checked scheme. Its runs are labelled "
                                  "scheme@folder and measured against the unquantized model."));
    m_compareChoose->setText(tr("Choose…"));
    m_run->setText(tr("Evaluate"));
    m_calibration->retranslate();
}

void EvaluateForm::setRunEnabled(bool enabled)
{
    m_run->setEnabled(enabled);
}

EvalRequest EvaluateForm::request() const
{
    EvalRequest request;
    request.text = m_text->currentData().toString();
    request.tasks = checkedReferences(m_tasks);
    const std::optional<CalibrationChoice> calibration = m_calibration->choice();
    for (const QString &scheme : checkedReferences(m_schemes)) {
        request.schemes << QuantRecipe::parse(scheme.toStdString());
        if (request.schemes.back().needsCalibration() && !calibration)
            throw Error(tr("%1 needs calibration text: choose it under Calibration.").arg(scheme).toStdString());
    }
    if (calibration) {
        request.calibration = calibration->reference;
        request.calibrationSequences = calibration->sequences;
        request.calibrationLength = calibration->length;
    }
    request.nCtx = m_context->value();
    request.compareModel = compareModel();
    if (!request.compareModel.isEmpty() && request.schemes.isEmpty())
        throw Error(tr("Check at least one scheme: the model to compare with runs under each checked scheme.")
                        .toStdString());
    return request;
}

void EvaluateForm::addTaskFile(const QString &path)
{
    auto *item = new QListWidgetItem(QFileInfo(path).fileName(), m_tasks);
    item->setData(referenceRole, path);
    item->setToolTip(path);
    item->setCheckState(Qt::Checked);
}

void EvaluateForm::addScheme(const QString &text, bool checked)
{
    for (int i = 0; i < m_schemes->count(); ++i)
        if (m_schemes->item(i)->data(referenceRole).toString() == text) {
            m_schemes->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
            return;
        }
    auto *item = new QListWidgetItem(text, m_schemes);
    item->setData(referenceRole, text);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

void EvaluateForm::setCompareModel(const QString &path)
{
    m_compareModel->setText(path);
}

QString EvaluateForm::compareModel() const
{
    return m_compareModel->text().trimmed();
}

void EvaluateForm::chooseCompareModel()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Trained checkpoint to compare with"), compareModel());
    if (!path.isEmpty())
        setCompareModel(path);
}

void EvaluateForm::chooseTextPath(bool folder)
{
    const QString path = folder
        ? QFileDialog::getExistingDirectory(this, tr("Folder of <language>.txt files"))
        : QFileDialog::getOpenFileName(this, tr("Evaluation text"), QString(), tr("Text files (*.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    m_text->addItem(QFileInfo(path).fileName(), path);
    m_text->setCurrentIndex(m_text->count() - 1);
}

void EvaluateForm::chooseTaskFile()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Task file"), QString(), tr("JSON Lines (*.jsonl);;All files (*)"));
    if (!path.isEmpty())
        addTaskFile(path);
}

void EvaluateForm::addCustomScheme()
{
    const QString text = m_customScheme->text().trimmed();
    try {
        const QuantRecipe scheme = QuantRecipe::parse(text.toStdString());
        addScheme(QString::fromStdString(scheme.toString()), true);
        m_customScheme->clear();
        m_customScheme->setStyleSheet(QString());
        m_customScheme->setToolTip(QString());
    } catch (const Error &error) {
        m_customScheme->setStyleSheet(QStringLiteral("color: #d62728"));
        m_customScheme->setToolTip(QString::fromStdString(error.what()));
    }
}

} // namespace bitcliff::app
