#include "analysis/calibrationinput.h"

#include "report/bundledeval.h"

namespace bitcliff::app {

std::shared_ptr<const CalibrationSet> calibrationFromReference(const std::string &reference, int sequences, int length,
                                                               const Tokenizer &tokenizer)
{
    CalibrationSpec spec;
    spec.sequences = sequences;
    spec.length = length;
    const QString text = QString::fromStdString(reference);
    if (text.endsWith(QLatin1String(".jsonl")))
        spec.texts = { calibrationTextFromTasks(tasksFrom(text), reference) };
    else
        spec.texts = corpusFrom(text);
    return std::make_shared<const CalibrationSet>(calibrationSet(tokenizer, spec));
}

} // namespace bitcliff::app
