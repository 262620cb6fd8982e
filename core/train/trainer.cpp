#include "train/trainer.h"

#include "infer/linear.h"
#include "tokenize/tokenizer.h"
#include "train/adamw.h"
#include "train/gradientclip.h"
#include "train/modelgraph.h"
#include "train/qat.h"
#include "train/schedule.h"
#include "train/sequencestream.h"
#include "train/trainingmemory.h"
#include "util/error.h"
#include "util/meminfo.h"

#include <chrono>
#include <cmath>

namespace bitcliff::train {

namespace fs = std::filesystem;

struct Trainer::State
{
    State(Parameters<float> initial, TrainingData packed, const TrainerState &progress_, CheckpointTarget target_,
          std::optional<OptimizerState> moments)
        : weights(std::move(initial))
        , optimizer(moments ? AdamW(weights, adamWOptions(progress_.options), std::move(moments->m),
                                    std::move(moments->v), moments->steps)
                            : AdamW(weights, adamWOptions(progress_.options)))
        , data(std::move(packed))
        , progress(progress_)
        , target(std::move(target_))
        , graph(weights.config, progress_.options.threads)
        , stream(data.train.count(), progress_.options.seed)
    {
    }

    static AdamWOptions adamWOptions(const TrainOptions &o) { return {o.beta1, o.beta2, o.eps, o.weightDecay}; }
    const TrainOptions &options() const { return progress.options; }
    // The weights the forward pass runs on: fake-quantized under QAT (refreshed here).
    const Parameters<float> &forwardWeights()
    {
        if (!options().qat)
            return weights;
        fakeQuantizeParameters(*options().qat, weights, working, options().threads);
        return working;
    }

    Parameters<float> weights;
    Parameters<float> gradients;
    Parameters<float> working; // QAT
    AdamW optimizer;
    TrainingData data;
    TrainerState progress;
    CheckpointTarget target;
    nlohmann::json ropeScaling;
    ModelGraph<float> graph;
    SequenceStream stream;
};

namespace {

PackOptions packOptions(const TrainOptions &options)
{
    return {options.ctx, options.seed, options.heldOut, options.threads};
}

// The checks a new and a resumed run share, before anything large is allocated.
void checkRun(const Parameters<float> &weights, const TrainOptions &options, const CheckpointTarget &target)
{
    checkTrainOptions(options, weights.config.contextLength);
    if (!target.folder.empty())
        refuseOverwritingInput(target.folder, target.baseModel);
    if (options.qat)
        checkQatScheme(*options.qat, weights);
    checkTrainingMemory(trainingMemory(weights.config, options.batchSequences, options.ctx, options.qat.has_value()),
                        availableMemoryBytes(), true);
}

} // namespace

Trainer::Trainer(std::unique_ptr<State> state)
    : m_state(std::move(state))
{
    m_state->gradients = m_state->weights.zerosLike();
}

Trainer::Trainer(Parameters<float> weights, const std::vector<TrainingDocument> &documents,
                 const Tokenizer &tokenizer, const TrainOptions &options, CheckpointTarget target)
{
    checkRun(weights, options, target);
    TrainingData data = packDocuments(documents, tokenizer, packOptions(options));
    TrainerState progress;
    progress.options = options;
    progress.dataFingerprint = data.fingerprint();
    nlohmann::json ropeScaling = target.baseModel.empty() ? nlohmann::json(nullptr) : ropeScalingOf(target.baseModel);
    m_state = std::make_unique<State>(std::move(weights), std::move(data), progress, std::move(target), std::nullopt);
    m_state->ropeScaling = std::move(ropeScaling);
    m_state->gradients = m_state->weights.zerosLike();
}

Trainer Trainer::resume(const fs::path &checkpoint, const std::vector<TrainingDocument> &documents,
                        const Tokenizer &tokenizer, CheckpointTarget target, int64_t steps)
{
    const std::string label = (checkpoint / "trainer_state.json").string();
    TrainerState progress = trainerStateFromJson(readTrainerState(checkpoint), label);
    if (steps > 0) {
        if (steps < progress.step)
            throw Error(label + ": the run has done " + std::to_string(progress.step) + " steps, more than "
                        + std::to_string(steps));
        progress.options.steps = steps;
    }
    Parameters<float> weights = readCheckpointWeights(checkpoint);
    checkRun(weights, progress.options, target);
    OptimizerState moments = readOptimizerState(checkpoint, weights);
    if (moments.steps != progress.step)
        throw Error(checkpoint.string() + ": the optimizer has taken " + std::to_string(moments.steps)
                    + " steps, the trainer state says " + std::to_string(progress.step));
    TrainingData data = packDocuments(documents, tokenizer, packOptions(progress.options));
    if (data.fingerprint() != progress.dataFingerprint)
        throw Error(checkpoint.string() + ": the training data differs from the data this run was trained on");
    nlohmann::json ropeScaling = ropeScalingOf(checkpoint);
    auto state = std::make_unique<State>(std::move(weights), std::move(data), progress, std::move(target),
                                         std::move(moments));
    state->ropeScaling = std::move(ropeScaling);
    return Trainer(std::move(state));
}

Trainer::~Trainer() = default;
Trainer::Trainer(Trainer &&) noexcept = default;
Trainer &Trainer::operator=(Trainer &&) noexcept = default;

const Parameters<float> &Trainer::weights() const { return m_state->weights; }
const TrainOptions &Trainer::options() const { return m_state->options(); }
const TrainerState &Trainer::state() const { return m_state->progress; }
const TrainingData &Trainer::data() const { return m_state->data; }

std::optional<double> Trainer::heldOutLoss()
{
    State &s = *m_state;
    const SequenceSet &set = s.data.heldOut;
    if (set.count() == 0)
        return std::nullopt;
    infer::useBlasThreads(s.options().threads);
    const Parameters<float> &weights = s.forwardWeights();
    double loss = 0.0;
    int64_t counted = 0;
    for (int64_t first = 0; first < set.count(); first += s.options().batchSequences) {
        std::vector<int64_t> indices;
        for (int64_t i = first; i < std::min(set.count(), first + s.options().batchSequences); ++i)
            indices.push_back(i);
        const Batch batch = set.batch(indices);
        loss += s.graph.run(weights, batch, 1.0f, nullptr);
        counted += batch.counted();
    }
    return counted > 0 ? std::optional<double>(loss / double(counted)) : std::nullopt;
}

void Trainer::saveCheckpoint(const fs::path &folder)
{
    const State &s = *m_state;
    refuseOverwritingInput(folder, s.target.baseModel);
    CheckpointContents contents;
    contents.weights = &s.weights;
    contents.tokenizer = s.target.tokenizer;
    contents.ropeScaling = s.ropeScaling;
    contents.optimizer = &s.optimizer;
    contents.trainerState = trainerStateJson(s.progress);
    writeCheckpoint(folder, contents);
}

void Trainer::run(const TrainCallback &callback)
{
    State &s = *m_state;
    const TrainOptions &o = s.options();
    const LearningRateSchedule schedule{o.lr, o.minLrRatio, o.warmupSteps, o.steps};
    const int64_t sequencesPerStep = o.batchSequences * o.accumulation;
    const auto start = std::chrono::steady_clock::now();
    const int64_t firstStep = s.progress.step;
    int64_t savedStep = -1;
    const auto save = [&] {
        if (!s.target.folder.empty() && savedStep != s.progress.step) {
            saveCheckpoint(s.target.folder);
            savedStep = s.progress.step;
        }
    };
    infer::useBlasThreads(o.threads);

    while (s.progress.step < o.steps) {
        const int64_t step = s.progress.step;
        std::vector<Batch> batches;
        int64_t counted = 0;
        for (int64_t micro = 0; micro < o.accumulation; ++micro) {
            const int64_t position = s.progress.dataPosition + micro * o.batchSequences;
            batches.push_back(s.data.train.batch(s.stream.take(position, o.batchSequences)));
            counted += batches.back().counted();
        }
        // The mean over every counted target of the step, however the micro-batches split them.
        const float lossScale = counted > 0 ? float(1.0 / double(counted)) : 0.0f;
        const Parameters<float> &forward = s.forwardWeights();
        s.gradients.setZero();
        double loss = 0.0;
        for (const Batch &batch : batches)
            loss += s.graph.run(forward, batch, lossScale, &s.gradients);
        const double meanLoss = counted > 0 ? loss / double(counted) : 0.0;
        if (!std::isfinite(meanLoss))
            throw Error("training diverged at step " + std::to_string(step + 1) + ": the loss is not finite");
        TrainProgress report;
        report.gradientNorm = clipGradients(s.gradients, o.clipNorm, o.threads);
        if (!std::isfinite(report.gradientNorm))
            throw Error("training diverged at step " + std::to_string(step + 1) + ": the gradient is not finite");
        report.learningRate = schedule.at(step);
        s.optimizer.step(s.weights, s.gradients, report.learningRate, o.threads);

        s.progress.step = step + 1;
        s.progress.dataPosition += sequencesPerStep;
        s.progress.losses.push_back(meanLoss);
        const bool last = s.progress.step == o.steps;
        if ((o.evalEvery > 0 && s.progress.step % o.evalEvery == 0) || last) {
            report.heldOutLoss = heldOutLoss();
            if (report.heldOutLoss)
                s.progress.heldOutLosses.push_back({s.progress.step, *report.heldOutLoss});
        }
        if (last || (o.checkpointEvery > 0 && s.progress.step % o.checkpointEvery == 0))
            save();

        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const int64_t done = s.progress.step - firstStep;
        report.step = s.progress.step;
        report.steps = o.steps;
        report.loss = meanLoss;
        report.tokensPerSecond = seconds > 0 ? double(done * sequencesPerStep * o.ctx) / seconds : 0.0;
        report.secondsLeft = seconds / double(done) * double(o.steps - s.progress.step);
        if (callback && !callback(report) && !last) {
            save();
            throw Cancelled();
        }
    }
}

} // namespace bitcliff::train
