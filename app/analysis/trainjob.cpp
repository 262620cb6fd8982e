#include "analysis/trainjob.h"

#include "tokenize/tokenizer.h"
#include "train/parameters.h"
#include "train/trainingdocuments.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>

namespace bitcliff::app {

namespace fs = std::filesystem;

int64_t heldOutDocumentCount(int64_t documents)
{
    if (documents < 2)
        return 0;
    return std::clamp<int64_t>(std::llround(0.05 * double(documents)), 1, 200);
}

int64_t heldOutInterval(int64_t steps)
{
    return std::max<int64_t>(1, steps / 20);
}

TrainJobResult runTrainJob(const TrainJobInput &input, const ProgressCallback &progress,
                           const std::function<void(TrainUpdate)> &report)
{
    const auto checkCancel = [&] {
        if (!reportProgress(progress, 0.0))
            throw Cancelled();
    };
    const std::vector<train::TrainingDocument> documents = train::loadTrainingDocuments(input.data);
    checkCancel();
    train::TrainOptions options = input.options;
    options.heldOut = {heldOutDocumentCount(int64_t(documents.size())), 0.0};
    options.evalEvery = heldOutInterval(options.steps);
    const std::shared_ptr<const Tokenizer> tokenizer = tokenizerForModel(*input.model);
    train::Parameters<float> weights = train::parametersOf(*input.model);
    checkCancel();
    // The checkpoint gets the model's tokenizer files; the model is never its folder.
    const fs::path source = input.model->sourcePath();
    std::error_code ec;
    const fs::path modelFolder = fs::is_directory(source, ec) ? source : source.parent_path();
    train::Trainer trainer(std::move(weights), documents, *tokenizer, options,
                           train::CheckpointTarget{input.output, modelFolder, source});

    TrainUpdate prepared;
    prepared.kind = TrainUpdate::Kind::Prepared;
    prepared.documents = trainer.data().trainDocuments;
    prepared.heldOutDocuments = trainer.data().heldOutDocuments;
    prepared.sequences = trainer.data().train.count();
    report(prepared);
    checkCancel();

    const auto checkpoint = [&] {
        TrainUpdate update;
        update.kind = TrainUpdate::Kind::Checkpoint;
        update.checkpointStep = trainer.state().step;
        report(update);
    };
    try {
        trainer.run([&](const train::TrainProgress &step) {
            TrainUpdate update;
            update.progress = step;
            report(update);
            return reportProgress(progress, double(step.step) / double(std::max<int64_t>(step.steps, 1)));
        });
    } catch (const Cancelled &) {
        checkpoint(); // the trainer wrote the completed steps before throwing
        throw;
    } catch (const std::exception &error) {
        TrainUpdate failed;
        failed.kind = TrainUpdate::Kind::Failed;
        failed.message = error.what();
        report(failed);
        throw;
    }
    checkpoint();
    const std::vector<double> &losses = trainer.state().losses;
    return {trainer.state().step, losses.empty() ? 0.0 : losses.back()};
}

} // namespace bitcliff::app
