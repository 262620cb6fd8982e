#include "plan/weightplan.h"

namespace bitcliff {

WeightPlan::WeightPlan(std::string label, std::optional<QuantScheme> scheme)
    : m_label(std::move(label))
    , m_scheme(std::move(scheme))
{
}

void WeightPlan::setPrepared(const std::string &name, const QuantScheme &grid)
{
    m_prepared[name] = grid;
}

std::optional<QuantScheme> WeightPlan::loadScheme(const TensorInfo &tensor) const
{
    if (isPrepared(tensor.name) || !m_scheme)
        return std::nullopt;
    return appliedScheme(tensor, *m_scheme);
}

TensorTreatment WeightPlan::treatment(const TensorInfo &tensor) const
{
    if (!m_scheme)
        return {Treatment::Kept, {}, "the plan keeps every tensor"};
    TensorTreatment plain = treatmentFor(tensor, *m_scheme);
    if (const auto found = m_prepared.find(tensor.name); found != m_prepared.end()) {
        plain.scheme = found->second;
        return plain; // quantized, or fallen back to a grid that fits the rows, as plain rounding would
    }
    if (plain.kind == Treatment::Quantized && !m_prepared.empty() && !m_unpreparedReason.empty())
        return {Treatment::FellBack, plain.scheme, m_unpreparedReason};
    return plain;
}

PlanSummary WeightPlan::summarize(const Model &model) const
{
    std::vector<TensorTreatment> treatments;
    treatments.reserve(model.tensors().size());
    for (const TensorInfo &tensor : model.tensors())
        treatments.push_back(treatment(tensor));
    return summarizeTreatments(m_label, model.tensors(), treatments);
}

} // namespace bitcliff
