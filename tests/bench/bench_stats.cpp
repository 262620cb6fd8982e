// Statistics throughput on a generated Llama-shaped BF16 checkpoint, against a plain read
// of the same mapped bytes in the same run. Each measurement runs in a forked child so its
// peak resident memory is its own.
#include "benchcheckpoint.h"
#include "formats/model.h"
#include "stats/statsengine.h"
#include "util/mappedfile.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace bitcliff;

namespace {

struct Measurement
{
    double seconds = 0;
    double peakRssMb = 0;
    double checksum = 0;
};

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

template<typename Fn>
Measurement inChild(Fn fn)
{
    int fds[2];
    if (pipe(fds) != 0)
        std::exit(1);
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        Measurement m;
        const double start = now();
        m.checksum = fn();
        m.seconds = now() - start;
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        m.peakRssMb = double(usage.ru_maxrss) / 1024.0;
        if (write(fds[1], &m, sizeof m) != sizeof m)
            _exit(1);
        _exit(0);
    }
    close(fds[1]);
    Measurement m;
    if (read(fds[0], &m, sizeof m) != sizeof m)
        std::fprintf(stderr, "measurement failed\n");
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return m;
}

// The baseline: touch every byte of the mapped file once, as cheaply as possible.
double plainRead(const std::string &path)
{
    const auto file = MappedFile::open(path);
    const auto bytes = file->bytes();
    uint64_t sum = 0;
    const size_t chunk = 4u << 20;
    for (size_t begin = 0; begin < bytes.size(); begin += chunk) {
        const size_t end = std::min(bytes.size(), begin + chunk);
        uint64_t lanes[8] = {};
        size_t i = begin;
        for (; i + 64 <= end; i += 64)
            for (int k = 0; k < 8; ++k) {
                uint64_t v;
                std::memcpy(&v, bytes.data() + i + 8 * k, 8);
                lanes[k] += v;
            }
        for (uint64_t lane : lanes)
            sum += lane;
        file->releasePages(begin, end - begin);
    }
    return double(sum & 0xFFFF);
}

double statsPass(const std::string &path, int threads)
{
    StatsOptions options;
    options.threads = threads;
    const auto stats = computeModelStats(openModel(path), options);
    double sum = 0;
    for (const TensorStats &t : stats->tensors)
        sum += t.absmax;
    return sum;
}

} // namespace

int main(int argc, char **argv)
{
    uint64_t sizeMb = 1100;
    std::string dir = std::filesystem::temp_directory_path().string();
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--size-mb")
            sizeMb = std::strtoull(argv[i + 1], nullptr, 10);
        else if (std::string(argv[i]) == "--dir")
            dir = argv[i + 1];
    }
    const std::string path = dir + "/bitcliff-bench-" + std::to_string(getpid()) + ".safetensors";
    std::printf("generating %llu MB Llama-shaped BF16 checkpoint at %s\n", (unsigned long long)sizeMb, path.c_str());
    const uint64_t fileBytes = bench::writeLlamaShapedCheckpoint(path, sizeMb << 20);
    const double gb = double(fileBytes) / 1e9;

    uint64_t largest = 0;
    for (const TensorInfo &t : openModel(path)->tensors())
        largest = std::max(largest, t.byteSize);

    plainRead(path); // warm the page cache so both sides read from memory
    const Measurement base = inChild([&] { return plainRead(path); });
    const Measurement one = inChild([&] { return statsPass(path, 1); });
    const Measurement two = inChild([&] { return statsPass(path, 2); });
    std::remove(path.c_str());

    std::printf("file: %.3f GB, largest tensor %.1f MB\n", gb, double(largest) / 1e6);
    std::printf("%-26s %8s %9s %9s %12s\n", "pass", "seconds", "GB/s", "ratio", "peak RSS MB");
    auto row = [&](const char *name, const Measurement &m) {
        std::printf("%-26s %8.3f %9.2f %9.2f %12.1f\n", name, m.seconds, gb / m.seconds, base.seconds / m.seconds,
                    m.peakRssMb);
    };
    row("plain read (baseline)", base);
    row("statistics, 1 thread", one);
    row("statistics, 2 threads", two);
    const double budgetMb = 2.0 * double(largest) / 1e6 + 200.0;
    std::printf("memory budget (2 x largest tensor + 200 MB): %.1f MB -> %s\n", budgetMb,
                two.peakRssMb < budgetMb ? "within" : "OVER");
    return 0;
}
