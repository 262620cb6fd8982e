#pragma once
// The real cell evaluator: each group of schemes is evaluated in lockstep with the unquantized
// model (runEvaluation: one unquantized pass per text chunk for the whole group), and each
// run's figures leave as a cell the moment they are final. A scheme that fits no tensor of
// the model is failed up front, without stopping the others.
#include "analysis/sweepinputs.h"
#include "sweep/cellevaluator.h"

namespace bitcliff::app {

class SweepEvaluator : public CellEvaluator
{
public:
    SweepEvaluator(const SweepSpec &spec, const SweepInputs &inputs);

    void evaluate(
        const std::vector<SweepCell> &cells, const CellCallbacks &callbacks, const ProgressCallback &progress) override;

private:
    const SweepSpec &m_spec;
    const SweepInputs &m_inputs;
};

} // namespace bitcliff::app
