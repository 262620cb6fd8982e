#include "calibrate/channelstats.h"

#include "util/error.h"

#include <algorithm>

namespace bitcliff {

ActivationStats channelStats(const std::shared_ptr<const Model> &model, const CalibrationSet &calibration,
                             int threads, const ProgressCallback &progress)
{
    if (calibration.sequences.empty())
        throw Error("no calibration sequences");
    InferenceOptions options;
    options.threads = threads;
    const auto weights = loadTransformer(model, options);
    const int layers = configOf(*weights).layers;
    size_t longest = 0;
    for (const auto &sequence : calibration.sequences)
        longest = std::max(longest, sequence.size());
    InferenceSession session(weights, int(longest));
    ActivationCollector observer(layers);
    for (size_t s = 0; s < calibration.sequences.size(); ++s) {
        const auto &sequence = calibration.sequences[s];
        session.reset();
        session.evaluate(sequence, int(sequence.size()), {}, &observer);
        if (!reportProgress(progress, double(s + 1) / double(calibration.sequences.size())))
            throw Cancelled();
    }
    return observer.take();
}

} // namespace bitcliff
