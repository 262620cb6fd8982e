#include "cli/calibrationargs.h"

#include "report/bundledeval.h"
#include "tokenize/tokenizer.h"

namespace bitcliff::cli {

std::shared_ptr<const CalibrationSet> calibrationFrom(const CliArgs &args, const Tokenizer &tokenizer)
{
    const auto path = args.value("--calib");
    if (!path)
        return nullptr;
    CalibrationSpec spec;
    spec.sequences = static_cast<int>(args.number("--calib-seqs", 128, 1, 100000));
    spec.length = static_cast<int>(args.number("--calib-len", 512, 2, 131072));
    const QString reference = QString::fromStdString(*path);
    if (reference.endsWith(QLatin1String(".jsonl")) || reference.startsWith(QLatin1String("bundled:")))
        spec.texts = { calibrationTextFromTasks(app::tasksFrom(reference), *path) };
    else
        spec.texts = app::corpusFrom(reference);
    return std::make_shared<const CalibrationSet>(calibrationSet(tokenizer, spec));
}

} // namespace bitcliff::cli
