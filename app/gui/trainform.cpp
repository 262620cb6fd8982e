#include "gui/trainform.h"

#include "util/error.h"
#include "util/meminfo.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QDir>
#include <QDoubleValidator>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>

namespace bitcliff::app {

namespace {

const char *const kThreadsKey = "training/threads";

} // namespace

TrainForm::TrainForm(QWidget *parent)
    : QWidget(parent)
    , m_modelLabel(new QLabel(this))
    , m_modelPath(new QLabel(this))
    , m_modelNote(new QLabel(this))
    , m_dataLabel(new QLabel(this))
    , m_data(new QLineEdit(this))
    , m_dataChoose(new QPushButton(this))
    , m_stepsLabel(new QLabel(this))
    , m_steps(new QSpinBox(this))
    , m_lrLabel(new QLabel(this))
    , m_lr(new QLineEdit(this))
    , m_batchLabel(new QLabel(this))
    , m_batch(new QSpinBox(this))
    , m_contextLabel(new QLabel(this))
    , m_context(new QSpinBox(this))
    , m_qat(new QCheckBox(this))
    , m_qatScheme(new QComboBox(this))
    , m_outputLabel(new QLabel(this))
    , m_output(new QLineEdit(this))
    , m_outputChoose(new QPushButton(this))
    , m_threadsLabel(new QLabel(this))
    , m_threads(new QSpinBox(this))
    , m_memory(new QLabel(this))
{
    m_modelPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_modelPath->setWordWrap(true);
    for (QLabel *label : { m_modelNote, m_memory }) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_modelNote->setStyleSheet(QStringLiteral("color: #d62728"));
    m_modelNote->hide();
    m_steps->setRange(1, 1000000);
    m_steps->setValue(200);
    m_steps->setGroupSeparatorShown(true);
    m_lr->setText(QStringLiteral("1e-4"));
    auto *lrValidator = new QDoubleValidator(1e-9, 1.0, 12, m_lr);
    lrValidator->setNotation(QDoubleValidator::ScientificNotation);
    lrValidator->setLocale(QLocale::c()); // "3e-4" reads the same in every language
    m_lr->setValidator(lrValidator);
    m_batch->setRange(1, 4096);
    m_batch->setValue(8);
    m_context->setRange(8, 131072);
    m_context->setSingleStep(64);
    m_context->setValue(256);
    m_qatScheme->setEditable(true);
    m_qatScheme->addItems(qatPresets());
    m_qatScheme->setEnabled(false);
    m_qatScheme->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_threads->setRange(0, 1024);
    m_threads->setValue(QSettings().value(QLatin1String(kThreadsKey), 0).toInt());

    // Label, field, label, field, room, button: the paths take the whole width, the numbers
    // keep their natural width.
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_modelLabel, 0, 0);
    grid->addWidget(m_modelPath, 0, 1, 1, 5);
    grid->addWidget(m_modelNote, 1, 1, 1, 5);
    grid->addWidget(m_dataLabel, 2, 0);
    grid->addWidget(m_data, 2, 1, 1, 4);
    grid->addWidget(m_dataChoose, 2, 5);
    grid->addWidget(m_stepsLabel, 3, 0);
    grid->addWidget(m_steps, 3, 1);
    grid->addWidget(m_lrLabel, 3, 2);
    grid->addWidget(m_lr, 3, 3);
    grid->addWidget(m_batchLabel, 4, 0);
    grid->addWidget(m_batch, 4, 1);
    grid->addWidget(m_contextLabel, 4, 2);
    grid->addWidget(m_context, 4, 3);
    grid->addWidget(m_qat, 5, 0);
    grid->addWidget(m_qatScheme, 5, 1);
    grid->addWidget(m_threadsLabel, 5, 2);
    grid->addWidget(m_threads, 5, 3);
    grid->addWidget(m_outputLabel, 6, 0);
    grid->addWidget(m_output, 6, 1, 1, 4);
    grid->addWidget(m_outputChoose, 6, 5);
    grid->addWidget(m_memory, 7, 0, 1, 6);
    grid->setColumnStretch(4, 1);
    m_lr->setMaximumWidth(m_lr->fontMetrics().horizontalAdvance(QStringLiteral("0000000000000")));

    auto *dataMenu = new QMenu(m_dataChoose);
    m_dataFile = dataMenu->addAction(QString(), this, [this] { chooseData(false); });
    m_dataFolder = dataMenu->addAction(QString(), this, [this] { chooseData(true); });
    m_dataChoose->setMenu(dataMenu);
    connect(m_outputChoose, &QPushButton::clicked, this, &TrainForm::chooseOutput);
    connect(m_output, &QLineEdit::textEdited, this, [this] { m_outputChosen = true; });
    connect(m_qat, &QCheckBox::toggled, m_qatScheme, &QWidget::setEnabled);
    connect(m_qat, &QCheckBox::toggled, this, &TrainForm::updateMemory);
    connect(m_batch, &QSpinBox::valueChanged, this, &TrainForm::updateMemory);
    connect(m_context, &QSpinBox::valueChanged, this, &TrainForm::updateMemory);
    retranslate();
}

QStringList TrainForm::qatPresets()
{
    return { QStringLiteral("rtn:b4:g32:asym"), QStringLiteral("rtn:b2:g32:asym"), QStringLiteral("q4_0"),
        QStringLiteral("nf4:g64") };
}

void TrainForm::retranslate()
{
    m_modelLabel->setText(tr("Model:"));
    m_dataLabel->setText(tr("Training data:"));
    m_data->setPlaceholderText(tr("A .txt file (one document per paragraph), a .jsonl file, or a folder of them"));
    m_dataChoose->setText(tr("Choose"));
    m_dataFile->setText(tr("File…"));
    m_dataFolder->setText(tr("Folder…"));
    m_data->setToolTip(tr("Plain text: paragraphs separated by blank lines are documents. JSON Lines: {\"text\": …} "
                          "or {\"prompt\": …, \"answer\": …} (loss on the answer only). A folder: every .txt and "
                          ".jsonl file in it."));
    m_stepsLabel->setText(tr("Steps:"));
    m_lrLabel->setText(tr("Learning rate:"));
    m_lr->setToolTip(tr("Peak learning rate of AdamW; the cosine schedule decays it to a tenth."));
    m_batchLabel->setText(tr("Batch:"));
    m_batch->setSuffix(tr(" sequences"));
    m_contextLabel->setText(tr("Context:"));
    m_context->setSuffix(tr(" tokens"));
    m_context->setToolTip(tr("Tokens per training sequence; a document longer than this is refused."));
    m_qat->setText(tr("Quantization-aware:"));
    m_qat->setToolTip(tr("Trains through the fake-quantized weights of this scheme (straight-through), so that "
                         "the model learns to live with its quantization error."));
    m_qatScheme->setToolTip(tr("A preset or any scheme text, e.g. rtn:b3:g32:asym."));
    m_outputLabel->setText(tr("Output folder:"));
    m_output->setToolTip(tr("The checkpoint goes here (a Hugging Face folder BitCliff opens as a model). Never the "
                            "model's own folder."));
    m_outputChoose->setText(tr("Choose…"));
    m_threadsLabel->setText(tr("Threads:"));
    m_threads->setSpecialValueText(tr("all cores"));
    m_threads->setToolTip(tr("Worker threads of the training run; the losses depend on the count."));
    showModel();
}

void TrainForm::setModel(std::shared_ptr<const Model> model)
{
    m_model = std::move(model);
    if (!m_outputChosen)
        m_output->setText(m_model ? defaultOutputDirectory(QString::fromStdString(m_model->sourcePath())) : QString());
    showModel();
}

void TrainForm::showModel()
{
    const QString path = m_model ? QString::fromStdString(m_model->sourcePath()) : QString();
    m_modelPath->setText(path.isEmpty() ? tr("none open") : path);
    const QString problem = m_model ? TrainChecks::modelProblem(m_model.get()) : QString();
    m_modelNote->setText(problem);
    m_modelNote->setVisible(!problem.isEmpty());
    if (m_model && problem.isEmpty()) {
        const int limit = transformerConfigFor(*m_model).contextLength;
        m_context->setMaximum(limit > 0 ? limit : 131072);
    }
    updateMemory();
}

void TrainForm::refreshDefaultOutput()
{
    if (!m_outputChosen && m_model)
        m_output->setText(defaultOutputDirectory(QString::fromStdString(m_model->sourcePath())));
}

QString TrainForm::defaultOutputDirectory(const QString &modelPath)
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QString name = QFileInfo(modelPath).completeBaseName();
    if (name.isEmpty())
        name = QStringLiteral("model");
    const QString stem
        = QDir(base).filePath(QStringLiteral("training/%1-%2").arg(name, QDate::currentDate().toString(Qt::ISODate)));
    QString directory = stem;
    for (int n = 2; QFileInfo::exists(directory); ++n)
        directory = stem + QStringLiteral("-%1").arg(n);
    return directory;
}

TrainRequest TrainForm::request() const
{
    TrainRequest request;
    request.data = m_data->text().trimmed();
    request.output = m_output->text().trimmed();
    train::TrainOptions &options = request.options;
    options.steps = m_steps->value();
    bool ok = false;
    options.lr = QLocale::c().toDouble(m_lr->text().trimmed(), &ok);
    if (!ok || !(options.lr > 0.0))
        throw Error(tr("The learning rate %1 is not a positive number (e.g. 1e-4).").arg(m_lr->text()).toStdString());
    options.batchSequences = m_batch->value();
    options.ctx = m_context->value();
    options.threads = m_threads->value();
    if (m_qat->isChecked()) {
        try {
            options.qat = QuantScheme::parse(m_qatScheme->currentText().trimmed().toStdString());
        } catch (const Error &error) {
            throw Error(tr("The QAT scheme: %1").arg(QString::fromStdString(error.what())).toStdString());
        }
    }
    return request;
}

void TrainForm::saveSettings() const
{
    QSettings().setValue(QLatin1String(kThreadsKey), m_threads->value());
}

void TrainForm::updateMemory()
{
    if (!m_model || !TrainChecks::modelProblem(m_model.get()).isEmpty()) {
        m_memory->clear();
        m_memory->hide();
        return;
    }
    train::TrainOptions options;
    options.batchSequences = m_batch->value();
    options.ctx = m_context->value();
    if (m_qat->isChecked())
        options.qat = QuantScheme {}; // any scheme: the working copy's size does not depend on it
    const train::TrainingMemory memory = TrainChecks::memory(transformerConfigFor(*m_model), options);
    const uint64_t available = availableMemoryBytes();
    const bool fits = available == 0 || memory.total() <= available;
    m_memory->setText(TrainChecks::memoryText(memory, available)
        + (fits ? QString() : QLatin1Char(' ') + tr("That does not fit: use a smaller batch or context.")));
    m_memory->setStyleSheet(fits ? QString() : QStringLiteral("color: #d62728"));
    m_memory->show();
}

void TrainForm::chooseData(bool folder)
{
    const QString path = folder
        ? QFileDialog::getExistingDirectory(this, tr("Folder of training files"))
        : QFileDialog::getOpenFileName(
              this, tr("Training data"), QString(), tr("Training text (*.txt *.jsonl);;All files (*)"));
    if (!path.isEmpty())
        m_data->setText(path);
}

void TrainForm::chooseOutput()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Checkpoint folder"), m_output->text());
    if (dir.isEmpty())
        return;
    m_output->setText(dir);
    m_outputChosen = true;
}

} // namespace bitcliff::app
