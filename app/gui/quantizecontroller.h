#pragma once
// Runs quantization jobs for the Quantize page: the whole-model pass (one or two recipes;
// calibrated ones prepare their weights on calibration text first) and the per-tensor view
// building, dropping results of superseded requests.
#include "jobs/jobrunner.h"
#include "plan/recipe.h"
#include "report/quantanalysis.h"

#include <QObject>
#include <memory>
#include <optional>

namespace bitcliff::app {

// What the Quantize page asks for.
struct QuantizeRequest
{
    QuantRecipe first;
    std::optional<QuantRecipe> second;
    int onlyTensor = -1; // >= 0: quantize just that tensor (quick look; plain schemes), else the whole model
    // A path, opened in the job: the second run quantizes that model, with `second` or else `first`.
    QString secondModel;
    // Calibration text of calibrated recipes (gptq): a reference, sequences × length tokens.
    QString calibration;
    int calibrationSequences = 64;
    int calibrationLength = 256;
};

class QuantizeController final : public QObject
{
    Q_OBJECT

public:
    explicit QuantizeController(JobRunner *runner, QObject *parent = nullptr);

    void setModel(std::shared_ptr<const Model> model); // forgets the previous analysis
    void quantize(const QuantizeRequest &request);
    void showTensor(int tensorIndex);
    std::shared_ptr<const QuantAnalysis> analysis() const { return m_analysis; }
    // How a calibrated run of the analysis calibrated ("gptq: 28 matrices from 8 × 64 tokens of
    // en.txt in 0.4 s, …"): run 0 the first, 1 the second; empty for plain schemes.
    QString calibrationNote(int run) const { return run == 0 ? m_notes.first : m_notes.second; }
    bool busy() const { return m_quantizeJob >= 0; }

signals:
    void analysisReady(std::shared_ptr<const bitcliff::app::QuantAnalysis> analysis);
    void tensorViewsReady(std::shared_ptr<const bitcliff::app::TensorQuantViews> views);
    void failed(const QString &message);
    void busyChanged(bool busy);

private:
    JobRunner *m_runner;
    std::shared_ptr<const Model> m_model;
    std::shared_ptr<const QuantAnalysis> m_analysis;
    std::pair<QString, QString> m_notes;
    int m_generation = 0;
    int m_quantizeJob = -1;
    int m_pendingTensor = -1;
};

} // namespace bitcliff::app
