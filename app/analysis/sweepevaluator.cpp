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
    spec.calibration = m_inputs.calibration;
    std::map<std::string, SweepCell> byLabel; // a run's label is its cell's scheme text
    std::map<std::string, std::shared_ptr<const Model>> variants; // opened checkpoints by path
    const SweepCell *baseline = nullptr;
    for (const SweepCell &cell : cells) {
        if (cell.baseline()) {
            baseline = &cell;
            spec.unquantizedTasks = true;
            continue;
        }
        const CellScheme parts = splitCellScheme(cell.scheme);
        const QuantRecipe scheme = QuantRecipe::parse(parts.scheme);
        SchemeModel source;
        try {
            if (const std::optional<std::string> path = m_spec.variantModel(cell.scheme)) {
                auto &model = variants[*path];
                if (!model)
                    model = openModel(*path);
                source = { model, parts.variant };
            }
            checkQuantizable(source.model ? *source.model : *spec.model, QuantizeOptions { scheme.scheme, 0, {} });
        } catch (const Error &error) {
            callbacks.failed(cell, error.what());
            continue;
        }
        spec.schemes.push_back(scheme);
        spec.schemeModels.push_back(std::move(source));
        byLabel.emplace(scheme.toString() + (parts.variant.empty() ? "" : "@" + parts.variant), cell);
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
