// Quantization throughput (GB/s of input weights, error metrics included) of RTN g128,
// Q4_0, Q4_K and NF4 on a generated Llama-shaped BF16 checkpoint, against the statistics
// pass over the same file in the same run.
#include "benchcheckpoint.h"
#include "formats/model.h"
#include "quant/modelquantizer.h"
#include "stats/statsengine.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>
#include <vector>

using namespace bitcliff;

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

// "a,b,c" -> {"a", "b", "c"}
std::vector<std::string> splitList(const std::string &list)
{
    std::vector<std::string> items;
    size_t start = 0;
    for (size_t comma; (comma = list.find(',', start)) != std::string::npos; start = comma + 1)
        items.push_back(list.substr(start, comma - start));
    items.push_back(list.substr(start));
    return items;
}

template<typename Fn>
double timed(Fn fn)
{
    const double start = now();
    fn();
    return now() - start;
}

} // namespace

int main(int argc, char **argv)
{
    uint64_t sizeMb = 1100;
    int threads = 2;
    std::string dir = std::filesystem::temp_directory_path().string();
    std::vector<std::string> schemes{"rtn:b4:g128:sym", "q4_0", "q4_k", "nf4:g64"};
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--size-mb")
            sizeMb = std::strtoull(argv[i + 1], nullptr, 10);
        else if (flag == "--threads")
            threads = std::atoi(argv[i + 1]);
        else if (flag == "--dir")
            dir = argv[i + 1];
        else if (flag == "--schemes")
            schemes = splitList(argv[i + 1]);
    }
    const std::string path = dir + "/bitcliff-bench-quant-" + std::to_string(getpid()) + ".safetensors";
    std::printf("generating %llu MB Llama-shaped BF16 checkpoint at %s\n", (unsigned long long)sizeMb, path.c_str());
    const uint64_t fileBytes = bench::writeLlamaShapedCheckpoint(path, sizeMb << 20);
    const double gb = double(fileBytes) / 1e9;
    const auto model = openModel(path);

    StatsOptions statsOptions;
    statsOptions.threads = threads;
    computeModelStats(model, statsOptions); // warm the page cache
    const double statsSeconds = timed([&] { computeModelStats(model, statsOptions); });
    std::printf("file %.3f GB, %d threads\n", gb, threads);
    std::printf("%-28s %8s %8s %14s %10s\n", "pass", "seconds", "GB/s", "vs statistics", "bpw");
    std::printf("%-28s %8.3f %8.2f %14.2f %10s\n", "statistics (baseline)", statsSeconds, gb / statsSeconds, 1.0, "-");
    for (const std::string &spec : schemes) {
        QuantizeOptions options;
        options.scheme = QuantScheme::parse(spec);
        options.threads = threads;
        std::shared_ptr<const QuantReport> report;
        const double seconds = timed([&] { report = quantizeModel(model, options); });
        std::printf("%-28s %8.3f %8.2f %14.2f %10.3f\n", spec.c_str(), seconds, gb / seconds, statsSeconds / seconds,
                    report->quantizedBitsPerWeight);
    }
    std::remove(path.c_str());
    return 0;
}
