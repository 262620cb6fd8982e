#pragma once
// Runs a list of independent work items on worker threads while the calling thread reports
// progress (by the items' weights, e.g. bytes) and relays cancellation. The first exception
// of any item stops the others and is rethrown; a cancelled run throws Cancelled.
#include "util/progress.h"

#include <cstddef>
#include <cstdint>
#include <functional>

namespace bitcliff {

// How many workers parallelForEach uses for `itemCount` items and `threads` (<= 0: one per
// hardware thread): size per-worker scratch buffers with it.
int parallelWorkerCount(size_t itemCount, int threads);

// `work(item, worker)`: worker in [0, parallelWorkerCount()) identifies the calling thread,
// for per-thread scratch buffers and partial results.
void parallelForEach(size_t itemCount, int threads, const std::function<uint64_t(size_t)> &weight,
                     const std::function<void(size_t item, int worker)> &work, const ProgressCallback &progress);

} // namespace bitcliff
