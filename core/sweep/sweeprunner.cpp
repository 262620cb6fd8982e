#include "sweep/sweeprunner.h"

#include "sweep/resultslog.h"
#include "util/error.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <new>
#include <set>

namespace bitcliff {

using Json = nlohmann::ordered_json;

namespace {

std::string utcNow()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm {};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

std::string fingerprintOf(const Json &repro)
{
    if (repro.contains("model") && repro["model"].contains("fingerprint") && repro["model"]["fingerprint"].is_string())
        return repro["model"]["fingerprint"].get<std::string>();
    return {};
}

// What differs between two specs' measurements, for the refusal.
std::string measurementDifference(const SweepSpec &was, const SweepSpec &now)
{
    auto text = [](const std::optional<std::string> &v) {
        return v.value_or("none");
    };
    if (was.text != now.text)
        return "text " + text(was.text) + " vs " + text(now.text);
    if (was.tasks != now.tasks)
        return "tasks " + text(was.tasks) + " vs " + text(now.tasks);
    if (was.nCtx != now.nCtx)
        return "ctx " + std::to_string(was.nCtx) + " vs " + std::to_string(now.nCtx);
    if (was.maxNewTokens != now.maxNewTokens)
        return "max tokens " + std::to_string(was.maxNewTokens) + " vs " + std::to_string(now.maxNewTokens);
    return "seed " + std::to_string(was.seed) + " vs " + std::to_string(now.seed);
}

std::string failureText(const std::exception &e)
{
    if (dynamic_cast<const std::bad_alloc *>(&e))
        return "out of memory";
    return e.what();
}

// Runs cells through the evaluator, recording each outcome through `record`; a group that
// throws is split so that one bad cell does not fail its neighbours.
class GroupRunner
{
public:
    GroupRunner(
        CellEvaluator &evaluator, std::function<void(const SweepCell &, const Json *, const std::string &)> record)
        : m_evaluator(evaluator)
        , m_record(std::move(record))
    { }

    void run(const std::vector<SweepCell> &cells, const ProgressCallback &progress)
    {
        std::set<int> reported;
        CellCallbacks callbacks;
        callbacks.finished = [&](const SweepCell &cell, Json metrics) {
            if (reported.insert(cell.index).second)
                m_record(cell, &metrics, {});
        };
        callbacks.failed = [&](const SweepCell &cell, const std::string &error) {
            if (reported.insert(cell.index).second)
                m_record(cell, nullptr, error);
        };
        std::string error;
        try {
            m_evaluator.evaluate(cells, callbacks, progress);
        } catch (const Cancelled &) {
            throw;
        } catch (const std::exception &e) {
            error = failureText(e);
        }
        std::vector<SweepCell> left;
        for (const SweepCell &cell : cells)
            if (!reported.count(cell.index))
                left.push_back(cell);
        if (left.empty())
            return;
        if (error.empty())
            error = "internal: the evaluator gave no result";
        if (left.size() == 1 || cells.size() == 1) {
            for (const SweepCell &cell : left)
                m_record(cell, nullptr, error);
            return;
        }
        for (const SweepCell &cell : left) // alone, each gets its own verdict
            run({ cell }, progress);
    }

private:
    CellEvaluator &m_evaluator;
    std::function<void(const SweepCell &, const Json *, const std::string &)> m_record;
};

} // namespace

Json resultLine(const SweepCell &cell, const Json *metrics, const std::string &error, const Json &repro)
{
    Json line = { { "cell", cell.index }, { "scheme", cell.scheme }, { "method", seriesKeyOf(cell.scheme) },
        { "bits", nominalBitsOf(cell.scheme) }, { "status", metrics ? "ok" : "failed" } };
    if (!metrics)
        line["error"] = error;
    else
        for (const auto &[key, value] : metrics->items())
            if (!line.contains(key) && key != "label")
                line[key] = value;
    Json stamped = repro;
    stamped["time"] = utcNow();
    line["repro"] = std::move(stamped);
    return line;
}

SweepSpec prepareSweepDir(const SweepSetup &setup)
{
    std::filesystem::create_directories(setup.dir);
    SweepSpec spec = setup.spec;
    const std::filesystem::path specFile = setup.dir / "sweep.json";
    if (std::filesystem::exists(specFile)) {
        const SweepSpec was = loadSweepSpec(specFile);
        if (!was.measuresLike(spec))
            throw Error(setup.dir.string() + " holds a sweep of another measurement ("
                + measurementDifference(was, spec) + "): use another --out");
        std::vector<std::string> schemes = was.schemes; // existing cells keep their numbers
        for (const std::string &scheme : spec.schemes)
            if (std::find(schemes.begin(), schemes.end(), scheme) == schemes.end())
                schemes.push_back(scheme);
        spec.schemes = std::move(schemes);
        for (const SweepVariant &variant : was.variants) { // the new definitions win, old ones stay
            const bool redefined = std::any_of(spec.variants.begin(), spec.variants.end(),
                [&](const SweepVariant &v) { return v.name == variant.name; });
            if (!redefined)
                spec.variants.push_back(variant);
        }
    }
    const std::string fingerprint = fingerprintOf(setup.repro);
    for (const Json &cell : readResultsLog(setup.dir / "results.jsonl").cells) {
        const std::string other = cell.contains("repro") ? fingerprintOf(cell["repro"]) : std::string();
        if (!fingerprint.empty() && other != fingerprint)
            throw Error((setup.dir / "results.jsonl").string() + " holds results of another model (fingerprint "
                + (other.empty() ? std::string("none") : other.substr(0, 12)) + ", this model's "
                + fingerprint.substr(0, 12) + "): refusing to resume; use another --out");
    }
    saveSweepSpec(specFile, spec);
    return spec;
}

SweepOutcome runSweep(const SweepSetup &setup, CellEvaluator &evaluator,
    const std::function<void(const Json &)> &onCell, const ProgressCallback &progress)
{
    const SweepSpec spec = prepareSweepDir(setup);
    const std::vector<SweepCell> cells = sweepCells(spec);
    const std::filesystem::path logFile = setup.dir / "results.jsonl";
    ResultsLog log = readResultsLog(logFile);

    // Lines kept: one per cell of this spec (the first), failures dropped when retried.
    std::vector<Json> kept;
    std::set<int> done;
    bool rewrite = log.tornTail;
    for (Json &line : log.cells) {
        const int index = line["cell"].get<int>();
        const bool known = index >= 0 && index < int(cells.size()) && line["scheme"] == cells[size_t(index)].scheme;
        const bool retry = setup.retryFailed && line.value("status", "") != "ok";
        if (!known || retry || done.count(index)) {
            rewrite = true;
            if (!known)
                throw Error(logFile.string() + ": cell " + std::to_string(index) + " ("
                    + line["scheme"].get<std::string>() + ") is not this sweep's: refusing to resume");
            continue;
        }
        done.insert(index);
        kept.push_back(std::move(line));
    }
    if (rewrite)
        rewriteResultsLog(logFile, kept);

    SweepOutcome outcome;
    outcome.cells = int(cells.size());
    outcome.resumed = int(done.size());
    for (const Json &line : kept)
        outcome.failed += line.value("status", "") == "ok" ? 0 : 1;

    std::vector<SweepCell> pending;
    for (const SweepCell &cell : cheapestFirst(cells))
        if (!done.count(cell.index))
            pending.push_back(cell);
    if (pending.empty())
        return outcome;

    GroupRunner runner(evaluator, [&](const SweepCell &cell, const Json *metrics, const std::string &error) {
        const Json line = resultLine(cell, metrics, error, setup.repro);
        appendResultLine(logFile, line);
        ++outcome.ran;
        outcome.failed += metrics ? 0 : 1;
        if (onCell)
            onCell(line);
    });
    // Groups: the baseline rides with the first group; each further group reruns the
    // unquantized model once as its reference.
    // Groups as even as the size allows: 10 schemes in groups of at most 6 run as 5 + 5.
    const size_t schemes = pending.size() - (pending.front().baseline() ? 1 : 0);
    const size_t groups = std::max<size_t>(
        1, (schemes + size_t(std::max(1, setup.groupSize)) - 1) / size_t(std::max(1, setup.groupSize)));
    const size_t groupSize = std::max<size_t>(1, (schemes + groups - 1) / groups);
    size_t start = 0;
    while (start < pending.size()) {
        size_t end = std::min(pending.size(), start + groupSize + (pending[start].baseline() ? 1 : 0));
        const std::vector<SweepCell> group(pending.begin() + long(start), pending.begin() + long(end));
        const double before = double(start), share = double(end - start), total = double(pending.size());
        runner.run(
            group, [&](double fraction) { return reportProgress(progress, (before + fraction * share) / total); });
        start = end;
    }
    reportProgress(progress, 1.0);
    return outcome;
}

Json runSweepCell(const SweepSetup &setup, int index, CellEvaluator &evaluator, const ProgressCallback &progress)
{
    const SweepSpec spec = loadSweepSpec(setup.dir / "sweep.json");
    const std::vector<SweepCell> cells = sweepCells(spec);
    if (index < 0 || index >= int(cells.size()))
        throw Error("cell " + std::to_string(index) + " is not in " + (setup.dir / "sweep.json").string()
            + " (cells 0.." + std::to_string(cells.size() - 1) + ")");
    const std::filesystem::path file = cellFilePath(setup.dir, index);
    if (std::filesystem::exists(file)) {
        Json existing = readCellFile(file);
        if (existing.value("status", "") == "ok")
            return existing;
    }
    std::optional<Json> line;
    GroupRunner runner(evaluator, [&](const SweepCell &cell, const Json *metrics, const std::string &error) {
        line = resultLine(cell, metrics, error, setup.repro);
    });
    runner.run({ cells[size_t(index)] }, progress);
    writeCellFile(setup.dir, *line);
    return *line;
}

} // namespace bitcliff
