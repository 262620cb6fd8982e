#pragma once
// A training run as the Train page asks for it, and the checks that can refuse it before
// anything starts: a model training cannot use, data that is missing or empty, an output
// folder that is the model's own (or holds other files), options out of range, a QAT scheme
// that fits nothing, not enough memory. Only cheap checks (file sizes, the model's
// configuration): reading the data and the weights is the job's.
#include "formats/model.h"
#include "train/trainingmemory.h"
#include "train/trainoptions.h"

#include <QCoreApplication>
#include <QString>

namespace bitcliff::app {

struct TrainRequest
{
    QString data;   // a .txt/.jsonl file or a folder of them
    QString output; // the checkpoint folder
    train::TrainOptions options;
};

class TrainChecks
{
    Q_DECLARE_TR_FUNCTIONS(TrainChecks)

public:
    // Empty when `model` can be trained, else why not (one line).
    static QString modelProblem(const Model *model);
    // What the run needs; `config` from transformerConfigFor.
    static train::TrainingMemory memory(const TransformerConfig &config, const train::TrainOptions &options);
    // "Training needs 1.2 GiB (weights …); 5.0 GiB available".
    static QString memoryText(const train::TrainingMemory &memory, uint64_t available);
    // Throws Error with one translated line for the first problem.
    static void check(const TrainRequest &request, const Model *model, uint64_t availableMemory);

private:
    static void checkData(const QString &data);
    static void checkOutput(const QString &output, const Model &model);
};

} // namespace bitcliff::app
