// A sweep as users run it, whole process: `bitcliff-cli sweep` over the demo model (the
// synthetic checkpoint; --model for another) against `bitcliff-cli eval` of the same schemes
// in the same run, and the unquantized model's pass alone (one `eval` without schemes), to
// state the share of the sweep spent on unquantized passes (one per lockstep group).
// Defaults: the quick preset's schemes on the bundled en+ru texts, n_ctx 128, text metrics only
// (the demo model's weights are random: its tasks say nothing). No timing is asserted.
#include "demo/syntheticcheckpoint.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

struct Options
{
    std::string cli = BITCLIFF_CLI;
    std::string model; // empty: the synthetic demo checkpoint, generated
    std::string schemes
        = "q8_0,q6_k,q5_k,q4_k,q3_k,q2_k,rtn:b8:g128:sym,rtn:b4:g128:sym,rtn:b3:g128:sym,rtn:b2:g128:sym";
    std::string text = "bundled:en+ru";
    std::string ctx = "128";
    std::string group = "6";
    std::string threads = "0";
};

// Runs the program with its output discarded; returns wall seconds, exits on failure.
double timed(const std::vector<std::string> &arguments)
{
    const auto start = std::chrono::steady_clock::now();
    const pid_t child = fork();
    if (child == 0) {
        std::vector<char *> argv;
        for (const std::string &a : arguments)
            argv.push_back(const_cast<char *>(a.c_str()));
        argv.push_back(nullptr);
        if (!freopen("/dev/null", "w", stdout))
            _exit(127);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "bench_sweep: %s %s failed\n", arguments[0].c_str(), arguments[1].c_str());
        std::exit(1);
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int schemeCount(const std::string &list)
{
    int n = list.empty() ? 0 : 1;
    for (char c : list)
        n += c == ',';
    return n;
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i], value = argv[i + 1];
        if (key == "--model")
            o.model = value;
        else if (key == "--schemes")
            o.schemes = value;
        else if (key == "--text")
            o.text = value;
        else if (key == "--ctx")
            o.ctx = value;
        else if (key == "--group")
            o.group = value;
        else if (key == "--threads")
            o.threads = value;
        else {
            std::fprintf(stderr,
                "usage: bench_sweep [--model PATH] [--schemes A,B] [--text REF] [--ctx N] [--group N] [--threads N]\n");
            return 2;
        }
    }
    const std::filesystem::path work
        = std::filesystem::temp_directory_path() / ("bitcliff-bench-sweep-" + std::to_string(getpid()));
    std::filesystem::create_directories(work);
    if (o.model.empty()) {
        o.model = (work / "demo-model").string();
        bitcliff::writeSyntheticCheckpoint(o.model);
    }
    const std::vector<std::string> common = { "--text", o.text, "--ctx", o.ctx, "--threads", o.threads };
    auto with = [&](std::vector<std::string> head) {
        head.insert(head.end(), common.begin(), common.end());
        return head;
    };
    const double base = timed(with({ o.cli, "eval", o.model }));
    const double eval = timed(with({ o.cli, "eval", o.model, "--scheme", o.schemes }));
    const double sweep = timed(with(
        { o.cli, "sweep", o.model, "--schemes", o.schemes, "--group", o.group, "--out", (work / "sweep").string() }));
    const double resume = timed(with(
        { o.cli, "sweep", o.model, "--schemes", o.schemes, "--group", o.group, "--out", (work / "sweep").string() }));
    std::filesystem::remove_all(work);

    const int schemes = schemeCount(o.schemes), group = std::max(1, std::atoi(o.group.c_str()));
    const int groups = (schemes + group - 1) / group;
    std::printf("model %s, %d schemes, text %s, n_ctx %s\n", o.model.c_str(), schemes, o.text.c_str(), o.ctx.c_str());
    std::printf("unquantized eval alone         %8.1f s (one pass over the text, with loading)\n", base);
    std::printf("eval --scheme (all, lockstep)  %8.1f s\n", eval);
    std::printf("sweep (groups of %d: %d unquantized passes)  %8.1f s   ratio sweep/eval %.2f\n", group, groups, sweep,
        sweep / eval);
    std::printf("share of the sweep in unquantized passes: %.0f %% (%d x %.1f s)\n", 100.0 * groups * base / sweep,
        groups, base);
    std::printf("resume of the finished sweep  %8.2f s (fingerprint, data, nothing to run)\n", resume);
    return 0;
}
