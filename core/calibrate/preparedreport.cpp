#include "calibrate/preparedreport.h"

#include "util/error.h"

namespace bitcliff {

std::shared_ptr<const QuantReport> quantReportOf(const std::shared_ptr<const Model> &original,
                                                 const PreparedWeights &prepared, int threads,
                                                 const ProgressCallback &progress)
{
    if (!original || !prepared.model || !prepared.plan)
        throw Error("no prepared weights to report");
    const WeightPlan &plan = *prepared.plan;
    PlannedQuantization planned;
    planned.label = plan.label();
    planned.scheme = plan.scheme().value_or(QuantScheme{});
    planned.quantized = prepared.model;
    planned.threads = threads;
    // Errors are measured against the float weights the plan rounded (rotated, smoothed or
    // AWQ-scaled where the recipe transforms them; a rotated tied model has an output head more).
    const std::shared_ptr<const Model> &reference = prepared.reference ? prepared.reference : original;
    for (const TensorInfo &tensor : reference->tensors()) {
        planned.treatments.push_back(plan.treatment(tensor));
        planned.precomputed.push_back(plan.isPrepared(tensor.name));
    }
        return quantizeAsPlanned(reference, planned, progress);
}

} // namespace bitcliff
