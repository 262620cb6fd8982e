// `inspect` and `outliers`: the catalog and statistics, as a table or JSON.
#include "cli/cliargs.h"
#include "cli/commands.h"
#include "cli/terminalprogress.h"
#include "report/statsjson.h"
#include "stats/statsengine.h"
#include "util/error.h"

#include <cstdio>
#include <iostream>

namespace bitcliff::cli {

namespace {

std::string shapeText(const std::vector<int64_t> &shape)
{
    std::string text = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

StatsOptions statsOptions(const CliArgs &args)
{
    StatsOptions options;
    options.rule.k = args.number("--k", 4.0, 1.0, 1e6);
    options.threads = static_cast<int>(args.number("--threads", 0, 0, 256));
    return options;
}

void printTable(const ModelStats &stats)
{
    const Model &model = *stats.model;
    const ArchitectureSummary &a = model.architecture();
    std::printf("%s  (%s, %zu tensors, %.3g M parameters)\n", model.sourcePath().c_str(),
                std::string(formatName(model.format())).c_str(), model.tensors().size(), model.parameterCount() / 1e6);
    if (a.known)
        std::printf("architecture %s: %d layers, hidden %d, heads %d (kv %d), vocab %d\n", a.name.c_str(), a.layers,
                    a.hiddenSize, a.heads, a.kvHeads, a.vocabSize);
    std::printf("%-48s %-14s %-8s %10s %11s %10s %9s %8s\n", "tensor", "shape", "dtype", "absmax", "mean", "std",
                "kurtosis", "outliers");
    for (size_t i = 0; i < model.tensors().size(); ++i) {
        const TensorInfo &t = model.tensors()[i];
        const TensorStats &s = stats.tensors[i];
        if (!s.computed) {
            std::printf("%-48s %-14s %-8s  (%s)\n", t.name.c_str(), shapeText(t.shape).c_str(), t.dtypeLabel.c_str(),
                        s.skippedReason.c_str());
            continue;
        }
        std::printf("%-48s %-14s %-8s %10.4g %11.4g %10.4g %9.3f %8zu\n", t.name.c_str(), shapeText(t.shape).c_str(),
                    t.dtypeLabel.c_str(), s.absmax, s.mean, s.std, s.kurtosis, s.cols.outliers.size());
    }
    std::printf("outlier channels: input channels with absmax > %g x median channel absmax\n", stats.rule.k);
}

} // namespace

int runInspect(const std::vector<std::string> &argv)
{
    const CliArgs args(argv, {"--k", "--threads"}, {"--json"});
    if (args.positional().size() != 1)
        throw UsageError("inspect takes exactly one PATH");
    const auto model = openModel(args.positional()[0]);
    TerminalProgress progress("statistics");
    const auto stats = computeModelStats(model, statsOptions(args), progress.callback());
    progress.done();
    if (args.has("--json"))
        std::cout << app::inspectJson(*stats).dump(2) << '\n';
    else
        printTable(*stats);
    return 0;
}

int runOutliers(const std::vector<std::string> &argv)
{
    const CliArgs args(argv, {"--k", "--threads", "--tensor", "--axis", "--top"}, {"--json"});
    if (args.positional().size() != 1)
        throw UsageError("outliers takes exactly one PATH");
    const std::string name = args.required("--tensor");
    const std::string axis = args.value("--axis").value_or("cols");
    if (axis != "rows" && axis != "cols")
        throw UsageError("--axis must be rows or cols, got '" + axis + "'");
    const size_t top = static_cast<size_t>(args.number("--top", 20, 1, 1e9));
    const auto model = openModel(args.positional()[0]);
    const TensorInfo *tensor = model->find(name);
    if (!tensor)
        throw Error(model->sourcePath() + ": no tensor named '" + name + "'");
    if (!tensor->supported())
        throw Error(name + ": type " + tensor->dtypeLabel + " is not supported");
    StatsOptions options = statsOptions(args);
    options.onlyTensors = {name};
    TerminalProgress progress("statistics");
    const auto stats = computeModelStats(model, options, progress.callback());
    progress.done();
    const TensorStats &s = *stats->find(name);
    const bool rows = axis == "rows";
    if (args.has("--json")) {
        std::cout << app::channelsJson(*tensor, s, rows).dump(2) << '\n';
        return 0;
    }
    const ChannelStats &c = rows ? s.rows : s.cols;
    std::printf("%s %s, %s channels (%s): %zu, median absmax %.4g, threshold %.4g (k = %g)\n", name.c_str(),
                shapeText(tensor->shape).c_str(), rows ? "output" : "input", axis.c_str(), c.absmax.size(),
                c.medianAbsmax, c.threshold, stats->rule.k);
    std::printf("%zu outlier channels%s\n", c.outliers.size(), c.outliers.size() > top ? " (largest shown)" : "");
    std::printf("%10s %12s %12s %10s\n", "channel", "absmax", "rms", "x median");
    for (size_t i = 0; i < std::min(top, c.outliers.size()); ++i) {
        const auto ch = static_cast<size_t>(c.outliers[i]);
        std::printf("%10zu %12.5g %12.5g %10.2f\n", ch, c.absmax[ch], c.rms[ch],
                    c.medianAbsmax > 0 ? c.absmax[ch] / c.medianAbsmax : 0.0);
    }
    return 0;
}

} // namespace bitcliff::cli
