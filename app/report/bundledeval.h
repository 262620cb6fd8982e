#pragma once
// The evaluation data BitCliff ships (resources/eval, compiled in under :/eval): parallel
// passages in several languages and task sets with difficulty tiers, all written for
// BitCliff. The command line names them "bundled" (--text bundled, --tasks bundled or
// bundled:arithmetic).
#include "eval/corpus.h"
#include "eval/taskset.h"

#include <QStringList>

namespace bitcliff::app {

QStringList bundledLanguages();  // "ar", "de", "en"... (file stems)
QStringList bundledTaskNames();  // "arithmetic", "knowledge"...
std::vector<CorpusText> bundledCorpus(const QStringList &languages = {}); // empty: all
std::vector<TaskItem> bundledTasks(const QString &name);

// "bundled", "bundled:NAME" or a path: what --text / --tasks and the GUI accept.
bool isBundledReference(const QString &text);
std::vector<CorpusText> corpusFrom(const QString &reference);
std::vector<TaskItem> tasksFrom(const QString &reference);

} // namespace bitcliff::app
