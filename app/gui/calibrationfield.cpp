#include "gui/calibrationfield.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace bitcliff::app {

namespace {

constexpr int kNone = 0, kBundled = 1; // fixed items; files chosen or found come after

} // namespace

CalibrationField::CalibrationField(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_source(new QComboBox(this))
    , m_choose(new QPushButton(this))
    , m_sequences(new QSpinBox(this))
    , m_times(new QLabel(this))
    , m_length(new QSpinBox(this))
{
    m_source->addItem(QString(), QString());
    m_source->addItem(QString(), QStringLiteral("bundled"));
    // Long labels (German, file names) must not widen the page and squeeze the tree dock.
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_source->setMinimumContentsLength(14);
    // The ranges a sweep spec may hold: a loaded spec's calibration is shown as it is.
    m_sequences->setRange(1, 100000);
    m_sequences->setValue(64);
    m_length->setRange(2, 131072);
    m_length->setSingleStep(64);
    m_length->setValue(256);
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_label);
    row->addWidget(m_source, 1);
    row->addWidget(m_choose);
    row->addWidget(m_sequences);
    row->addWidget(m_times);
    row->addWidget(m_length);
    connect(m_choose, &QPushButton::clicked, this, &CalibrationField::chooseFile);
    connect(m_source, &QComboBox::currentIndexChanged, this, &CalibrationField::changed);
    connect(m_sequences, &QSpinBox::valueChanged, this, &CalibrationField::changed);
    connect(m_length, &QSpinBox::valueChanged, this, &CalibrationField::changed);
    retranslate();
}

void CalibrationField::retranslate()
{
    m_label->setText(tr("Calibration:"));
    m_source->setItemText(kNone, tr("None (gptq schemes need text)"));
    m_source->setItemText(kBundled, tr("Bundled passages (the evaluation text too)"));
    m_source->setToolTip(tr("Text that calibrated schemes (gptq) run the model on to see its activations. "
                            "Text the evaluation also measures flatters them: prefer text of its own."));
    m_choose->setText(tr("Choose…"));
    m_sequences->setSuffix(tr(" sequences"));
    m_times->setText(QStringLiteral("×"));
    m_length->setSuffix(tr(" tokens"));
}

int CalibrationField::addSource(const QString &label, const QString &reference)
{
    const int found = m_source->findData(reference);
    if (found >= 0)
        return found;
    m_source->addItem(label, reference);
    m_source->setItemData(m_source->count() - 1, reference, Qt::ToolTipRole);
    return m_source->count() - 1;
}

void CalibrationField::setModelPath(const QString &modelPath, bool select)
{
    const QDir folder(QFileInfo(modelPath).isDir() ? modelPath : QFileInfo(modelPath).absolutePath());
    const QString calibration = folder.filePath(QStringLiteral("calibration"));
    if (!QFileInfo(calibration).isDir())
        return;
    const int index = addSource(folder.dirName() + QStringLiteral("/calibration"), calibration);
    if (select)
        m_source->setCurrentIndex(index);
}

void CalibrationField::setChoice(const std::optional<CalibrationChoice> &choice)
{
    if (!choice || choice->reference.isEmpty()) {
        m_source->setCurrentIndex(kNone);
        return;
    }
    const QFileInfo file(choice->reference);
    m_source->setCurrentIndex(
        addSource(file.fileName().isEmpty() ? choice->reference : file.fileName(), choice->reference));
    m_sequences->setValue(choice->sequences);
    m_length->setValue(choice->length);
}

void CalibrationField::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Calibration text"), QString(),
                                                      tr("Text or task files (*.txt *.jsonl);;All files (*)"));
    if (!path.isEmpty())
        m_source->setCurrentIndex(addSource(QFileInfo(path).fileName(), path));
}

std::optional<CalibrationChoice> CalibrationField::choice() const
{
    const QString reference = m_source->currentData().toString();
    if (reference.isEmpty())
        return std::nullopt;
    return CalibrationChoice{reference, m_sequences->value(), m_length->value()};
}

} // namespace bitcliff::app
