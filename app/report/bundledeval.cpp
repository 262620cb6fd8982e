#include "report/bundledeval.h"

#include "util/error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace bitcliff::app {
namespace {

const QString corpusDir = QStringLiteral(":/eval/corpus");
const QString tasksDir = QStringLiteral(":/eval/tasks");

QStringList stems(const QString &dir, const QString &pattern)
{
    QStringList names;
    for (const QFileInfo &info : QDir(dir).entryInfoList({pattern}, QDir::Files, QDir::Name))
        names << info.completeBaseName();
    return names;
}

std::string readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error("bundled data " + path.toStdString() + " is missing from this build");
    return file.readAll().toStdString();
}

} // namespace

QStringList bundledLanguages()
{
    return stems(corpusDir, QStringLiteral("*.txt"));
}

QStringList bundledTaskNames()
{
    return stems(tasksDir, QStringLiteral("*.jsonl"));
}

std::vector<CorpusText> bundledCorpus(const QStringList &languages)
{
    std::vector<CorpusText> texts;
    for (const QString &language : bundledLanguages()) {
        if (!languages.isEmpty() && !languages.contains(language))
            continue;
        const QString name = language + QStringLiteral(".txt");
        texts.push_back(corpusText(name.toStdString(), language.toStdString(), readResource(corpusDir + '/' + name)));
    }
    if (texts.empty())
        throw Error("no bundled text for " + languages.join(',').toStdString());
    return texts;
}

std::vector<TaskItem> bundledTasks(const QString &name)
{
    if (!bundledTaskNames().contains(name))
        throw Error("no bundled task set '" + name.toStdString() + "' (bundled: " + bundledTaskNames().join(", ").toStdString()
                    + ")");
    const QString file = name + QStringLiteral(".jsonl");
    return parseTaskLines(readResource(tasksDir + '/' + file), file.toStdString());
}

bool isBundledReference(const QString &text)
{
    return text == QLatin1String("bundled") || text.startsWith(QLatin1String("bundled:"));
}

std::vector<CorpusText> corpusFrom(const QString &reference)
{
    if (!isBundledReference(reference))
        return loadCorpus(reference.toStdString());
    const QString languages = reference.mid(8);
    return bundledCorpus(languages.isEmpty() ? QStringList() : languages.split('+'));
}

std::vector<TaskItem> tasksFrom(const QString &reference)
{
    if (!isBundledReference(reference))
        return loadTaskFile(reference.toStdString());
    std::vector<TaskItem> items;
    const QStringList names = reference == QLatin1String("bundled") ? bundledTaskNames() : QStringList{reference.mid(8)};
    for (const QString &name : names) {
        std::vector<TaskItem> more = bundledTasks(name);
        items.insert(items.end(), more.begin(), more.end());
    }
    return items;
}

} // namespace bitcliff::app
