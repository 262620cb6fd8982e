#pragma once
// What happens to each tensor of a model when it is loaded for evaluation: the one currency
// between the methods that make weights and everything that runs them. A plain scheme is the
// plan "every eligible tensor: the scheme (or its fallback)". A calibrated method (GPTQ)
// writes its quantized values into an overlay model (plan/overlaymodel.h) and marks them
// here as prepared: loaded as stored, reported as quantized on their grid. Tensors it could
// not treat (the embedding, which has no input to calibrate on) keep the plain treatment,
// reported as a fallback to round-to-nearest.
#include "formats/model.h"
#include "plan/recipe.h"
#include "quant/plansummary.h"
#include "quant/tensortreatment.h"

#include <map>
#include <optional>
#include <string>

namespace bitcliff {

class WeightPlan
{
public:
    // `label` names the plan in results ("gptq:b4:g128"); `scheme` treats every tensor not
    // prepared (none: kept as stored).
    WeightPlan(std::string label, std::optional<QuantScheme> scheme);

    // `name`'s values in the model are already quantized on `grid` by the plan's method.
    void setPrepared(const std::string &name, const QuantScheme &grid);
    // Tensors treated with the plain scheme while others are prepared are reported as a
    // fallback to it, with this reason ("no calibration inputs: rounded to nearest").
    void setUnpreparedReason(std::string reason) { m_unpreparedReason = std::move(reason); }
    // Activations fake-quantized at the input of every decoder linear when the plan runs.
    void setActivations(ActivationQuant activations) { m_activations = activations; }
    ActivationQuant activations() const { return m_activations; }

    const std::string &label() const { return m_label; }
    const std::optional<QuantScheme> &scheme() const { return m_scheme; }
    bool isPrepared(const std::string &name) const { return m_prepared.count(name) > 0; }
    int preparedCount() const { return int(m_prepared.size()); }

    // The scheme the loader fake-quantizes `tensor` with, or nothing (read as stored).
    std::optional<QuantScheme> loadScheme(const TensorInfo &tensor) const;
    // What the plan does to `tensor`, for summaries.
    TensorTreatment treatment(const TensorInfo &tensor) const;
    // Every tensor of `model` (the original or its overlay: the same names and shapes).
    PlanSummary summarize(const Model &model) const;

private:
    std::string m_label;
    std::optional<QuantScheme> m_scheme;
    std::map<std::string, QuantScheme> m_prepared;
    std::string m_unpreparedReason;
    ActivationQuant m_activations = ActivationQuant::None;
};

} // namespace bitcliff
