#pragma once
// Runs evaluation jobs for the Evaluate page: the model's tokenizer, the chosen texts and task
// files, the unquantized model and each scheme — all in the background, results delivered
// as one immutable EvalReport.
#include "eval/evaluation.h"
#include "jobs/jobrunner.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace bitcliff::app {

struct EvalRequest
{
    QString text;        // "bundled", a file or a directory; empty: no perplexity
    QStringList tasks;   // "bundled:NAME" or .jsonl paths
    QList<QuantRecipe> schemes;
    // Calibration text of calibrated schemes (gptq): a reference, sequences × length tokens.
    QString calibration;
    int calibrationSequences = 64;
    int calibrationLength = 256;
    int nCtx = 512;
    int maxNewTokens = 24;
    // A trained variant of the model: every scheme also runs on it ("<scheme>@<folder name>"),
    // compared with the unquantized model like the model's own runs. "" for none.
    QString compareModel;
};

class EvaluateController final : public QObject
{
    Q_OBJECT

public:
    explicit EvaluateController(JobRunner *runner, QObject *parent = nullptr);

    void setModel(std::shared_ptr<const Model> model); // cancels a running evaluation
    bool hasModel() const { return bool(m_model); }
    void evaluate(const EvalRequest &request);
    void cancel();
    bool busy() const { return m_job >= 0; }
    std::shared_ptr<const EvalReport> report() const { return m_report; }

signals:
    void reportReady(std::shared_ptr<const bitcliff::EvalReport> report);
    void failed(const QString &message);
    void busyChanged(bool busy);

private:
    JobRunner *m_runner;
    std::shared_ptr<const Model> m_model;
    std::shared_ptr<const EvalReport> m_report;
    int m_generation = 0;
    int m_job = -1;
};

} // namespace bitcliff::app
