#include "gui/trainrequest.h"

#include "quant/modelquantizer.h"
#include "train/checkpoint.h"
#include "util/error.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <filesystem>

namespace bitcliff::app {

namespace {

[[noreturn]] void refuse(const QString &message)
{
    throw Error(message.toStdString());
}

// "1.2 GiB", "37.5 MiB": in the language's own digits and units.
QString size(uint64_t bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1);
}

} // namespace

QString TrainChecks::modelProblem(const Model *model)
{
    if (!model)
        return tr("Open a model first: training starts from the open model.");
    if (model->format() == ModelFormat::Gguf)
        return tr("GGUF models cannot be trained: open the model's Hugging Face checkpoint (config.json and "
                  "safetensors) instead.");
    try {
        transformerConfigFor(*model);
    } catch (const Error &error) {
        return tr("This model cannot be trained: %1").arg(QString::fromStdString(error.what()));
    }
    return {};
}

train::TrainingMemory TrainChecks::memory(const TransformerConfig &config, const train::TrainOptions &options)
{
    return train::trainingMemory(config, options.batchSequences, options.ctx, options.qat.has_value());
}

QString TrainChecks::memoryText(const train::TrainingMemory &memory, uint64_t available)
{
    QString text = memory.qatWorking
        ? tr("Training needs %1: weights %2, gradients %3, AdamW moments %4, QAT working copy %5, activations %6.")
              .arg(size(memory.total()), size(memory.weights), size(memory.gradients), size(memory.moments),
                  size(memory.qatWorking), size(memory.activations))
        : tr("Training needs %1: weights %2, gradients %3, AdamW moments %4, activations %5.")
              .arg(size(memory.total()), size(memory.weights), size(memory.gradients), size(memory.moments),
                  size(memory.activations));
    if (available > 0)
        text += QLatin1Char(' ') + tr("%1 available.").arg(size(available));
    return text;
}

void TrainChecks::checkData(const QString &data)
{
    if (data.trimmed().isEmpty())
        refuse(tr("Choose the training data: a .txt or .jsonl file, or a folder of them."));
    const QFileInfo info(data);
    if (!info.exists())
        refuse(tr("%1: no such file or folder.").arg(data));
    if (info.isDir()) {
        const QStringList files = QDir(data).entryList({ QStringLiteral("*.txt"), QStringLiteral("*.jsonl") },
            QDir::Files | QDir::Readable);
        if (files.isEmpty())
            refuse(tr("%1: the folder holds no .txt or .jsonl file.").arg(data));
        return;
    }
    if (info.size() == 0)
        refuse(tr("%1: the file is empty: there is nothing to train on.").arg(data));
}

void TrainChecks::checkOutput(const QString &output, const Model &model)
{
    if (output.trimmed().isEmpty())
        refuse(tr("Choose an output folder for the checkpoint."));
    try {
        train::refuseOverwritingInput(output.toStdString(), model.sourcePath());
    } catch (const Error &) {
        refuse(tr("%1 is the model's own folder or holds it: choose another output folder (training never "
                  "replaces the model it starts from).")
                .arg(output));
    }
    // The checkpoint replaces the folder when it is written: only an empty one or an earlier
    // checkpoint may be there, never someone's files (found out only after the whole run).
    const QFileInfo info(output);
    if (info.exists() && !info.isDir())
        refuse(tr("%1 is a file: choose a folder for the checkpoint.").arg(output));
    if (info.isDir() && !QDir(output).isEmpty() && !QFileInfo::exists(QDir(output).filePath(QStringLiteral("config.json"))))
        refuse(tr("%1 holds other files: choose an empty or new folder (a checkpoint replaces the folder's contents).")
                .arg(output));
}

void TrainChecks::check(const TrainRequest &request, const Model *model, uint64_t availableMemory)
{
    if (const QString problem = modelProblem(model); !problem.isEmpty())
        refuse(problem);
    checkData(request.data);
    checkOutput(request.output, *model);
    const TransformerConfig config = transformerConfigFor(*model);
    try {
        train::checkTrainOptions(request.options, config.contextLength);
    } catch (const Error &error) {
        refuse(tr("Check the settings: %1").arg(QString::fromStdString(error.what())));
    }
    if (request.options.qat) {
        try {
            checkQuantizable(*model, QuantizeOptions { *request.options.qat, 0, {} });
        } catch (const Error &error) {
            refuse(tr("The QAT scheme does not fit this model: %1").arg(QString::fromStdString(error.what())));
        }
    }
    const train::TrainingMemory needed = memory(config, request.options);
    if (availableMemory > 0 && needed.total() > availableMemory)
        refuse(tr("Not enough memory. %1 Use a smaller batch or context.").arg(memoryText(needed, availableMemory)));
}

} // namespace bitcliff::app
