#include "analysis/sweepevaluator.h"

#include "eval/evaluation.h"
#include "quant/modelquantizer.h"
#include "report/evaljson.h"
#include "util/error.h"

#include <map>

namespace bitcliff::app {

SweepEvaluator::SweepEvaluator(const SweepSpec &spec, const SweepInputs &inputs)
    : m_spec(spec)
    , m_inputs(inputs)
{ }

void SweepEvaluator::evaluate(
    const std::vector<SweepCell> &cells, const CellCallbacks &callbacks, const ProgressCallback &progress)
{
    EvalSpec spec;
    spec.model = m_inputs.model;
    spec.tokenizer = m_inputs.tokenizer;
    spec.texts = m_inputs.texts;
    spec.tasks = m_inputs.tasks;
    spec.nCtx = m_spec.nCtx;
    spec.threads = m_spec.threads;
    spec.maxNewTokens = m_spec.maxNewTokens;
    spec.unquantizedTasks = false;
    std::map<std::string, SweepCell> byLabel; // a run's label is its scheme's text
    const SweepCell *baseline = nullptr;
    for (const SweepCell &cell : cells) {
        if (cell.baseline()) {
            baseline = &cell;
            spec.unquantizedTasks = true;
            continue;
        }
        const QuantScheme scheme = QuantScheme::parse(cell.scheme);
        try {
            checkQuantizable(*spec.model, QuantizeOptions { scheme, 0, {} });
        } catch (const Error &error) {
            callbacks.failed(cell, error.what());
            continue;
        }
        spec.schemes.push_back(scheme);
        byLabel.emplace(scheme.toString(), cell);
    }
    if (!baseline && spec.schemes.empty())
        return;
    runEvaluation(spec, progress, [&](const EvalRun &run, const EvalReport &report) {
        const nlohmann::ordered_json metrics = evalRunJson(run, report.tasks, report.storedBitsPerWeight);
        if (!run.scheme) {
            if (baseline)
                callbacks.finished(*baseline, metrics);
            return;
        }
        const auto found = byLabel.find(run.label);
        if (found != byLabel.end())
            callbacks.finished(found->second, metrics);
    });
}

} // namespace bitcliff::app
