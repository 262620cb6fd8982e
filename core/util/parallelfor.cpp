#include "util/parallelfor.h"

#include "util/error.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace bitcliff {

int parallelWorkerCount(size_t itemCount, int threads)
{
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    return static_cast<int>(std::min<size_t>(threads > 0 ? size_t(threads) : hardware, std::max<size_t>(1, itemCount)));
}

void parallelForEach(size_t itemCount, int threads, const std::function<uint64_t(size_t)> &weight,
                     const std::function<void(size_t, int)> &work, const ProgressCallback &progress)
{
    if (!reportProgress(progress, 0.0))
        throw Cancelled();
    uint64_t totalWeight = 0;
    for (size_t i = 0; i < itemCount; ++i)
        totalWeight += weight(i);
    const int workerCount = parallelWorkerCount(itemCount, threads);

    std::atomic<size_t> next{0};
    std::atomic<uint64_t> done{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable finishedCondition;
    int finished = 0;
    std::exception_ptr error;

    std::vector<std::thread> workers;
    for (int w = 0; w < workerCount; ++w) {
        workers.emplace_back([&, w] {
            try {
                while (!stop) {
                    const size_t item = next.fetch_add(1);
                    if (item >= itemCount)
                        break;
                    work(item, w);
                    done += weight(item);
                }
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!error)
                    error = std::current_exception();
                stop = true;
            }
            std::lock_guard lock(mutex);
            ++finished;
            finishedCondition.notify_all();
        });
    }
    {
        std::unique_lock lock(mutex);
        while (!finishedCondition.wait_for(lock, std::chrono::milliseconds(50), [&] { return finished == workerCount; })) {
            lock.unlock();
            const double fraction = totalWeight ? double(done.load()) / double(totalWeight) : 1.0;
            if (!reportProgress(progress, fraction))
                stop = true;
            lock.lock();
        }
    }
    for (std::thread &worker : workers)
        worker.join();
    if (error)
        std::rethrow_exception(error);
    if (stop)
        throw Cancelled();
    reportProgress(progress, 1.0);
}

} // namespace bitcliff
