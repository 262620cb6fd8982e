#include "calibrate/channelstats.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>

namespace bitcliff {

void ChannelStatsObserver::observe(int layer, LinearInput which, const float *x, int64_t tokens, int64_t channels)
{
    ChannelStats &s = m_stats[size_t(layer)][size_t(which)];
    if (s.absMax.empty()) {
        s.absMax.assign(size_t(channels), 0.0f);
        s.absSum.assign(size_t(channels), 0.0);
    }
    for (int64_t t = 0; t < tokens; ++t) {
        const float *row = x + t * channels;
        for (int64_t j = 0; j < channels; ++j) {
            const float a = std::fabs(row[j]);
            s.absMax[size_t(j)] = std::max(s.absMax[size_t(j)], a);
            s.absSum[size_t(j)] += a;
        }
    }
    s.tokens += tokens;
}

LayerChannelStats channelStats(const std::shared_ptr<const Model> &model, const CalibrationSet &calibration,
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
    ChannelStatsObserver observer(layers);
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
