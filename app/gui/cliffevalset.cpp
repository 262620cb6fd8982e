#include "gui/cliffevalset.h"

#include "report/bundledeval.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace bitcliff::app {
namespace {

enum Source { Bundled, Path, None };

} // namespace

CliffEvalSet::CliffEvalSet(QWidget *parent)
    : QWidget(parent)
    , m_textLabel(new QLabel(this))
    , m_source(new QComboBox(this))
    , m_languages(new QWidget(this))
    , m_textFile(new QPushButton(this))
    , m_textFolder(new QPushButton(this))
    , m_tasksLabel(new QLabel(this))
    , m_tasks(new QWidget(this))
    , m_taskFile(new QPushButton(this))
{
    m_source->addItem(QString(), int(Bundled));
    m_source->addItem(QString(), int(Path));
    m_source->addItem(QString(), int(None));
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *languages = new QHBoxLayout(m_languages);
    languages->setContentsMargins(0, 0, 0, 0);
    for (const QString &language : bundledLanguages()) {
        auto *box = new QCheckBox(language, m_languages);
        box->setObjectName(language);
        box->setChecked(true);
        languages->addWidget(box);
        m_languageBoxes << box;
        connect(box, &QCheckBox::toggled, this, &CliffEvalSet::changed);
    }
    languages->addStretch(1);
    auto *tasks = new QHBoxLayout(m_tasks);
    tasks->setContentsMargins(0, 0, 0, 0);
    tasks->addStretch(1);
    for (const QString &name : bundledTaskNames())
        addTaskBox(QStringLiteral("bundled:") + name, name);

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    auto *textRow = new QHBoxLayout;
    textRow->addWidget(m_source);
    textRow->addWidget(m_textFile);
    textRow->addWidget(m_textFolder);
    textRow->addStretch(1);
    grid->addWidget(m_textLabel, 0, 0);
    grid->addLayout(textRow, 0, 1);
    grid->addWidget(m_languages, 1, 1);
    grid->addWidget(m_tasksLabel, 2, 0);
    auto *taskRow = new QHBoxLayout;
    taskRow->addWidget(m_tasks, 1);
    taskRow->addWidget(m_taskFile);
    grid->addLayout(taskRow, 2, 1);
    grid->setColumnStretch(1, 1);

    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        emit changed();
    });
    connect(m_textFile, &QPushButton::clicked, this, [this] { chooseTextPath(false); });
    connect(m_textFolder, &QPushButton::clicked, this, [this] { chooseTextPath(true); });
    connect(m_taskFile, &QPushButton::clicked, this, &CliffEvalSet::chooseTaskFile);
    retranslate();
    updateEnabled();
}

void CliffEvalSet::retranslate()
{
    m_textLabel->setText(tr("Text:"));
    m_source->setItemText(Bundled, tr("Bundled passages"));
    // A folder shows as "parent/name/", a path at a glance (the demo's "eval/text/").
    const QFileInfo text(m_textPath);
    m_source->setItemText(Path,
        m_textPath.isEmpty() ? tr("A file or folder (choose one)")
            : text.isDir()   ? text.dir().dirName() + QLatin1Char('/') + text.fileName() + QLatin1Char('/')
                             : text.fileName());
    m_source->setItemData(Path, m_textPath, Qt::ToolTipRole);
    m_source->setItemText(None, tr("No text (tasks only)"));
    m_textFile->setText(tr("Text file…"));
    m_textFolder->setText(tr("Folder…"));
    m_textFolder->setToolTip(tr("A folder of <language>.txt files, evaluated one by one."));
    m_tasksLabel->setText(tr("Tasks:"));
    for (QCheckBox *box : std::as_const(m_taskBoxes)) {
        const QString reference = box->objectName();
        if (!reference.startsWith(QLatin1String("bundled:")))
            continue;
        const QString name = reference.mid(8);
        box->setText(name == QLatin1String("arithmetic") ? tr("Arithmetic")
                : name == QLatin1String("knowledge")     ? tr("Knowledge")
                : name == QLatin1String("reasoning")     ? tr("Reasoning")
                                                         : name);
    }
    m_taskFile->setText(tr("Task file…"));
    m_taskFile->setToolTip(tr("JSON Lines: multiple choice or generation items, optionally labelled with "
                              "difficulty and language."));
}

std::optional<std::string> CliffEvalSet::textReference() const
{
    switch (m_source->currentData().toInt()) {
    case Bundled: {
        QStringList checked;
        for (const QCheckBox *box : m_languageBoxes)
            if (box->isChecked())
                checked << box->objectName();
        if (checked.isEmpty())
            return std::nullopt;
        if (checked.size() == m_languageBoxes.size())
            return std::string("bundled");
        return "bundled:" + checked.join(QLatin1Char('+')).toStdString();
    }
    case Path:
        if (m_textPath.isEmpty())
            return std::nullopt;
        return m_textPath.toStdString();
    default:
        return std::nullopt;
    }
}

std::optional<std::string> CliffEvalSet::tasksReference() const
{
    QStringList bundled, files;
    for (const QCheckBox *box : m_taskBoxes) {
        const QString reference = box->objectName();
        const bool isBundled = reference.startsWith(QLatin1String("bundled:"));
        if (box->isChecked())
            (isBundled ? bundled : files) << reference;
    }
    // Every bundled set is "bundled", as the presets say it.
    if (bundled.size() == bundledTaskNames().size())
        bundled = QStringList { QStringLiteral("bundled") };
    const QStringList all = bundled + files;
    if (all.isEmpty())
        return std::nullopt;
    return all.join(QLatin1Char(',')).toStdString();
}

void CliffEvalSet::setReferences(const std::optional<std::string> &text, const std::optional<std::string> &tasks)
{
    {
        const QSignalBlocker blocker(this); // one changed() for the lot
        const QString textRef = text ? QString::fromStdString(*text) : QString();
        if (!text) {
            m_source->setCurrentIndex(None);
        } else if (isBundledReference(textRef)) {
            const QStringList languages = textRef.mid(8).split(QLatin1Char('+'), Qt::SkipEmptyParts);
            for (QCheckBox *box : std::as_const(m_languageBoxes))
                box->setChecked(languages.isEmpty() || languages.contains(box->objectName()));
            m_source->setCurrentIndex(Bundled);
        } else {
            setTextPath(textRef);
        }
        for (QCheckBox *box : std::as_const(m_taskBoxes))
            box->setChecked(false);
        const QStringList parts
            = tasks ? QString::fromStdString(*tasks).split(QLatin1Char(','), Qt::SkipEmptyParts) : QStringList();
        for (const QString &part : parts) {
            if (part == QLatin1String("bundled")) {
                for (QCheckBox *box : std::as_const(m_taskBoxes))
                    if (box->objectName().startsWith(QLatin1String("bundled:")))
                        box->setChecked(true);
            } else if (QCheckBox *box = taskBox(part)) {
                box->setChecked(true);
            } else if (part.startsWith(QLatin1String("bundled:"))) {
                addTaskBox(part, part.mid(8))->setChecked(true); // resolving the spec names it if unknown
            } else {
                addTaskFile(part);
            }
        }
        updateEnabled();
    }
    emit changed();
}

QCheckBox *CliffEvalSet::languageBox(const QString &language) const
{
    for (QCheckBox *box : m_languageBoxes)
        if (box->objectName() == language)
            return box;
    return nullptr;
}

QCheckBox *CliffEvalSet::taskBox(const QString &reference) const
{
    for (QCheckBox *box : m_taskBoxes)
        if (box->objectName() == reference)
            return box;
    return nullptr;
}

QCheckBox *CliffEvalSet::addTaskBox(const QString &reference, const QString &label)
{
    auto *box = new QCheckBox(label, m_tasks);
    box->setObjectName(reference);
    box->setToolTip(reference);
    auto *layout = static_cast<QHBoxLayout *>(m_tasks->layout());
    layout->insertWidget(layout->count() - 1, box);
    m_taskBoxes << box;
    connect(box, &QCheckBox::toggled, this, &CliffEvalSet::changed);
    return box;
}

void CliffEvalSet::setTextPath(const QString &path)
{
    m_textPath = path;
    retranslate();
    m_source->setCurrentIndex(Path);
    updateEnabled();
    emit changed();
}

void CliffEvalSet::addTaskFile(const QString &path)
{
    QCheckBox *box = taskBox(path);
    if (!box)
        box = addTaskBox(path, QFileInfo(path).fileName());
    box->setChecked(true);
}

void CliffEvalSet::chooseTextPath(bool folder)
{
    const QString path = folder
        ? QFileDialog::getExistingDirectory(this, tr("Folder of <language>.txt files"))
        : QFileDialog::getOpenFileName(this, tr("Evaluation text"), QString(), tr("Text files (*.txt);;All files (*)"));
    if (!path.isEmpty())
        setTextPath(path);
}

void CliffEvalSet::chooseTaskFile()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Task file"), QString(), tr("JSON Lines (*.jsonl);;All files (*)"));
    if (!path.isEmpty())
        addTaskFile(path);
}

void CliffEvalSet::updateEnabled()
{
    m_languages->setEnabled(m_source->currentData().toInt() == Bundled);
}

} // namespace bitcliff::app
