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

} // namespace bitcliff
