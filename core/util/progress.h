#pragma once
#include <functional>

namespace bitcliff {

// Progress of a long core job: called with the fraction done in [0, 1] from the thread
// that started the job. Returning false asks the job to stop; it then throws Cancelled.
using ProgressCallback = std::function<bool(double fraction)>;

inline bool reportProgress(const ProgressCallback &progress, double fraction)
{
    return !progress || progress(fraction);
}

// The part [from, to] of `progress`, for a job made of steps (none when `progress` is none).
inline ProgressCallback progressSlice(const ProgressCallback &progress, double from, double to)
{
    if (!progress)
        return {};
    return [progress, from, to](double fraction) { return progress(from + (to - from) * fraction); };
}

} // namespace bitcliff
