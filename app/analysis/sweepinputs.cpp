#include "analysis/sweepinputs.h"

#include "analysis/calibrationinput.h"
#include "infer/transformer.h"
#include "quant/modelquantizer.h"
#include "report/bundledeval.h"
#include "sweep/modelfingerprint.h"
#include "sweep/sha256.h"
#include "tokenize/tokenizer.h"
#include "util/blaskernels.h"
#include "util/error.h"

#include <QFile>
#include <QSysInfo>

#include <set>
#include <thread>

namespace bitcliff::app {

using Json = nlohmann::ordered_json;

namespace {

QStringList references(const std::string &list)
{
    QStringList out;
    for (const QString &part : QString::fromStdString(list).split(',', Qt::SkipEmptyParts))
        out << part.trimmed();
    return out;
}

Json textRepro(const std::string &reference, const std::vector<CorpusText> &texts)
{
    Json files = Json::array();
    for (const CorpusText &text : texts)
        files.push_back({ { "name", text.name }, { "language", text.language }, { "sha256", sha256Hex(text.text) } });
    return { { "reference", reference }, { "files", std::move(files) } };
}

// The bytes of each task file, hashed as they are on disk (or in the bundle).
Json tasksRepro(const std::string &reference)
{
    Json files = Json::array();
    for (const QString &part : references(reference)) {
        if (!isBundledReference(part)) {
            files.push_back({ { "name", part.toStdString() }, { "sha256", sha256OfFile(part.toStdString()) } });
            continue;
        }
        const QStringList names = part == QLatin1String("bundled") ? bundledTaskNames() : QStringList { part.mid(8) };
        for (const QString &name : names) {
            QFile file(QStringLiteral(":/eval/tasks/") + name + QStringLiteral(".jsonl"));
            if (!file.open(QIODevice::ReadOnly))
                throw Error("no bundled task set '" + name.toStdString() + "'");
            files.push_back(
                { { "name", "bundled:" + name.toStdString() }, { "sha256", sha256Hex(file.readAll().toStdString()) } });
        }
    }
    return { { "reference", reference }, { "files", std::move(files) } };
}

Json machineRepro(const SweepSpec &spec)
{
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    return { { "threads", spec.threads > 0 ? unsigned(spec.threads) : cores }, { "cores", cores },
        { "blas", blasCoreName() }, { "host", QSysInfo::machineHostName().toStdString() },
        { "os", QSysInfo::prettyProductName().toStdString() } };
}

} // namespace

SweepInputs resolveSweepInputs(const SweepSpec &spec)
{
    if (spec.model.empty())
        throw Error("the sweep names no model");
    SweepInputs inputs;
    if (spec.text)
        inputs.texts = corpusFrom(QString::fromStdString(*spec.text));
    if (spec.tasks) {
        std::set<std::string> ids;
        for (const QString &part : references(*spec.tasks))
            for (TaskItem &item : tasksFrom(part)) {
                if (!ids.insert(item.source + "/" + item.id).second)
                    throw Error("task " + item.id + " of " + item.source + " is given twice");
                inputs.tasks.push_back(std::move(item));
            }
    }
    inputs.model = openModel(spec.model);
    transformerConfigFor(*inputs.model); // a model BitCliff cannot run fails before any cell
    inputs.tokenizer = tokenizerForModel(*inputs.model);
    spec.checkCalibration();
    if (spec.calibration)
        inputs.calibration = calibrationFromReference(
            spec.calibration->text, spec.calibration->sequences, spec.calibration->length, *inputs.tokenizer);
    Json repro = { { "model", fingerprintModel(spec.model).toJson() } };
    if (spec.text)
        repro["text"] = textRepro(*spec.text, inputs.texts);
    if (spec.tasks)
        repro["tasks"] = tasksRepro(*spec.tasks);
    if (spec.calibration)
        repro["calibration"] = { { "reference", spec.calibration->text }, { "source", inputs.calibration->source },
            { "sequences", spec.calibration->sequences }, { "length", spec.calibration->length } };
    repro["ctx"] = spec.nCtx;
    repro["max_tokens"] = spec.maxNewTokens;
    repro["seed"] = spec.seed;
    repro["version"] = BITCLIFF_VERSION;
    repro["machine"] = machineRepro(spec);
    inputs.repro = std::move(repro);
    return inputs;
}

} // namespace bitcliff::app
