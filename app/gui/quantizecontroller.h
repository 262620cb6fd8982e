#pragma once
// Runs quantization jobs for the Quantize page: the whole-model pass (one or two schemes)
// and the per-tensor view building, dropping results of superseded requests.
#include "jobs/jobrunner.h"
#include "report/quantanalysis.h"

#include <QObject>
#include <memory>
#include <optional>

namespace bitcliff::app {

class QuantizeController final : public QObject
{
    Q_OBJECT

public:
    explicit QuantizeController(JobRunner *runner, QObject *parent = nullptr);

    void setModel(std::shared_ptr<const Model> model); // forgets the previous analysis
    // `onlyTensor` >= 0: quantize just that tensor (quick look), else the whole model.
    // `secondModel` (a path; opened in the job): the second run quantizes that model, with
    // `second` or else `first`.
    void quantize(const QuantScheme &first, const std::optional<QuantScheme> &second, int onlyTensor = -1,
                  const QString &secondModel = {});
    void showTensor(int tensorIndex);
    std::shared_ptr<const QuantAnalysis> analysis() const { return m_analysis; }
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
    int m_generation = 0;
    int m_quantizeJob = -1;
    int m_pendingTensor = -1;
};

} // namespace bitcliff::app
