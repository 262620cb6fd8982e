// The sweep engine with a fake evaluator: cell order, results streamed and appended, failures
// recorded without stopping the sweep, resume after cancel and after kill -9 (no cell lost or
// run twice), refusal of another model's results, cluster cell files and their merge.
#include "sweep/modelfingerprint.h"
#include "sweep/resultslog.h"
#include "sweep/sha256.h"
#include "sweep/sweepcell.h"
#include "sweep/sweeprunner.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fstream>
#include <map>
#include <set>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace bitcliff;
using Json = nlohmann::ordered_json;

namespace {

// Measures a cell as a deterministic function of its scheme; fails the schemes it is told to,
// throws for the ones it is told to, counts what it measured.
class FakeEvaluator : public CellEvaluator
{
public:
    std::set<std::string> failing; // reported through callbacks.failed
    std::set<std::string> throwing; // throw when evaluated in a group that contains them
    std::map<std::string, int> measured;
    std::vector<std::vector<std::string>> groups;
    int cancelAfter = -1; // cells measured before the progress callback says stop
    int millisecondsPerCell = 0;

    void evaluate(
        const std::vector<SweepCell> &cells, const CellCallbacks &callbacks, const ProgressCallback &progress) override
    {
        std::vector<std::string> group;
        for (const SweepCell &cell : cells)
            group.push_back(cell.scheme);
        groups.push_back(group);
        for (const SweepCell &cell : cells)
            if (throwing.count(cell.scheme))
                throw Error("fake failure in " + cell.scheme);
        for (size_t i = 0; i < cells.size(); ++i) {
            const SweepCell &cell = cells[i];
            if (cancelAfter >= 0 && total() >= cancelAfter && !progress(double(i) / double(cells.size())))
                throw Cancelled();
            if (millisecondsPerCell)
                std::this_thread::sleep_for(std::chrono::milliseconds(millisecondsPerCell));
            if (failing.count(cell.scheme)) {
                callbacks.failed(cell, "fits no tensor");
                continue;
            }
            ++measured[cell.scheme];
            callbacks.finished(cell,
                Json { { "label", cell.scheme }, { "bpw", double(nominalBitsOf(cell.scheme)) + 0.5 },
                    { "ppl", 10.0 + 100.0 / nominalBitsOf(cell.scheme) } });
        }
    }

    int total() const
    {
        int n = 0;
        for (const auto &[scheme, count] : measured)
            n += count;
        return n;
    }
};

SweepSetup setupIn(const QString &dir, std::vector<std::string> schemes)
{
    SweepSetup setup;
    setup.spec.model = "/models/fake";
    setup.spec.schemes = canonicalSchemes(schemes);
    setup.spec.text = "bundled:en";
    setup.spec.nCtx = 64;
    setup.dir = dir.toStdString();
    setup.repro = { { "model", { { "path", "/models/fake" }, { "fingerprint", "abc123" } } } };
    setup.groupSize = 2;
    return setup;
}

std::vector<int> cellsIn(const std::filesystem::path &log)
{
    std::vector<int> cells;
    for (const Json &line : readResultsLog(log).cells)
        cells.push_back(line["cell"].get<int>());
    return cells;
}

const std::vector<std::string> kSchemes = { "q4_k", "rtn:b4:g128:sym", "q8_0", "rtn:b2:g128:sym", "hqq:b3:g64" };

} // namespace

class TestSweep : public QObject
{
    Q_OBJECT

private slots:
    void sha256MatchesKnownVectors()
    {
        QCOMPARE(sha256Hex(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(sha256Hex("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    void specRoundTripsAndRefusesBadInput()
    {
        const Json json = { { "model", "/m" }, { "schemes", { "Q4_K", "rtn:b3", "q4_k", "unquantized" } },
            { "text", "bundled" }, { "ctx", 128 } };
        const SweepSpec spec = SweepSpec::fromJson(json, "spec.json");
        QCOMPARE(spec.schemes, (std::vector<std::string> { "q4_k", "rtn:b3:g128:sym" }));
        const SweepSpec again = SweepSpec::fromJson(spec.toJson(), "again");
        QCOMPARE(again.schemes, spec.schemes);
        QVERIFY(again.measuresLike(spec));
        auto refused = [](Json bad, const char *needle) {
            try {
                SweepSpec::fromJson(bad, "spec.json");
            } catch (const Error &error) {
                return std::string(error.what()).find(needle) != std::string::npos;
            }
            return false;
        };
        QVERIFY(refused({ { "schemes", { "q4_k" } }, { "text", "x" }, { "colour", 1 } }, "unknown key \"colour\""));
        QVERIFY(refused({ { "schemes", { "q4_k", "rtn:b9" } }, { "text", "x" } }, "bad scheme"));
        QVERIFY(refused({ { "schemes", { "q4_k" } } }, "nothing to evaluate"));
        QVERIFY(refused({ { "schemes", { "q4_k" } }, { "text", "x" }, { "ctx", 4 } }, "\"ctx\" is 4"));
        QVERIFY(refused({ { "schemes", "q4_k" }, { "text", "x" } }, "list of scheme texts"));
        // Variants: cells "<scheme>@<name>" quantize the variant's checkpoint for that scheme.
        const Json variants = { { "schemes", { "q4_0", "RTN:b2:g32@qat" } }, { "text", "x" },
            { "variants", { { { "name", "qat" }, { "models", { { "rtn:b2:g32", "/ckpt/qat-b2" } } } } } } };
        const SweepSpec withVariant = SweepSpec::fromJson(variants, "spec.json");
        QCOMPARE(withVariant.schemes.back(), std::string("rtn:b2:g32:sym@qat"));
        QCOMPARE(withVariant.variantModel("rtn:b2:g32:sym@qat").value(), std::string("/ckpt/qat-b2"));
        QVERIFY(!withVariant.variantModel("q4_0"));
        QCOMPARE(SweepSpec::fromJson(withVariant.toJson(), "again").variants.front().models,
            withVariant.variants.front().models);
        Json unknownScheme = variants;
        unknownScheme["schemes"] = { "rtn:b3:g32@qat" };
        QVERIFY(refused(unknownScheme, "no checkpoint for rtn:b3:g32:sym"));
        Json twice = variants;
        twice["variants"].push_back(twice["variants"][0]);
        QVERIFY(refused(twice, "defined twice"));
        QVERIFY_THROWS_EXCEPTION(Error, sweepPreset("medium"));
        QVERIFY(sweepPreset("quick").schemes.size() >= 8);
        // Calibrated cells need calibration text, which is part of what a sweep measures.
        const Json calibrated = { { "schemes", { "GPTQ:b3:g128:actorder", "rtn:b3" } }, { "text", "x" },
            { "calibration", { { "text", "calib.txt" }, { "sequences", 16 } } } };
        const SweepSpec withCalibration = SweepSpec::fromJson(calibrated, "spec.json");
        QCOMPARE(withCalibration.schemes.front(), std::string("gptq:b3:g128:sym:actorder"));
        QCOMPARE(withCalibration.calibration->sequences, 16);
        QCOMPARE(withCalibration.calibration->length, 512);
        const SweepSpec reread = SweepSpec::fromJson(withCalibration.toJson(), "again");
        QVERIFY(reread.measuresLike(withCalibration));
        SweepSpec other = reread;
        other.calibration->length = 256;
        QVERIFY(!other.measuresLike(withCalibration));
        Json uncalibrated = calibrated;
        uncalibrated.erase("calibration");
        QVERIFY(refused(uncalibrated, "cell gptq:b3:g128:sym:actorder needs calibration text"));
        Json badCalibration = calibrated;
        badCalibration["calibration"]["colour"] = 1;
        QVERIFY(refused(badCalibration, "calibration: unknown key \"colour\""));
        badCalibration["calibration"] = { { "sequences", 4 } };
        QVERIFY(refused(badCalibration, "calibration needs \"text\""));
    }

    void cellsKnowTheirSeriesAndBits()
    {
        QCOMPARE(seriesKeyOf("rtn:b3:g128:sym"), std::string("rtn:g128:sym"));
        QCOMPARE(seriesKeyOf("rtn:b8:channel:asym:clip"), std::string("rtn:channel:asym:clip"));
        QCOMPARE(seriesKeyOf("hqq:b2:g64"), std::string("hqq:g64"));
        QCOMPARE(seriesKeyOf("q3_k"), std::string("gguf-k"));
        QCOMPARE(seriesKeyOf("q5_0"), std::string("gguf-legacy"));
        QCOMPARE(seriesKeyOf("awq:b3:g128:asym"), std::string("awq:g128:asym"));
        QCOMPARE(seriesKeyOf("rtn:b4:g128+rot"), std::string("rtn:g128:sym+rot"));
        QCOMPARE(seriesKeyOf("rtn:b8:channel+a8+smooth"), std::string("rtn:channel:sym+smooth+a8"));
        QCOMPARE(seriesKeyOf("gptq:b3:g128:asym+rot"), std::string("gptq:g128:asym+rot"));
        QCOMPARE(nominalBitsOf("awq:b3:g128+rot+a4"), 3);
        QCOMPARE(seriesKeyOf("nf4:g64"), std::string("nf4:g64"));
        QCOMPARE(seriesKeyOf("unquantized"), std::string("unquantized"));
        QCOMPARE(seriesKeyOf("rtn:b2:g32:sym@qat"), std::string("rtn:g32:sym@qat"));
        QCOMPARE(nominalBitsOf("rtn:b2:g32:sym@qat"), 2);
        QCOMPARE(nominalBitsOf("q3_k"), 3);
        QCOMPARE(nominalBitsOf("rtn:b6:g128:sym"), 6);
        QCOMPARE(nominalBitsOf("f16"), 16);
        QCOMPARE(seriesKeyOf("gptq:b3:g128:asym"), std::string("gptq:g128:asym"));
        QCOMPARE(seriesKeyOf("gptq:b4:g128:sym:actorder"), std::string("gptq:g128:sym:actorder"));
        QCOMPARE(seriesKeyOf("gptq:q4_0"), std::string("gptq:gguf-legacy"));
        QCOMPARE(nominalBitsOf("gptq:b3:g128:asym"), 3);
        QCOMPARE(nominalBitsOf("gptq:q5_0"), 5);
        QVERIFY(quantizationCostOf("gptq:b4:g128:sym") > quantizationCostOf("hqq:b4:g64"));
        SweepSpec spec;
        spec.schemes = canonicalSchemes(kSchemes);
        const std::vector<SweepCell> order = cheapestFirst(sweepCells(spec));
        QCOMPARE(order.front().index, 0);
        QCOMPARE(order[1].scheme, std::string("rtn:b4:g128:sym")); // round to nearest before searches
        QCOMPARE(order.back().scheme, std::string("hqq:b3:g64"));
    }

    void runsEveryCellOnceAndRecordsFailures()
    {
        QTemporaryDir dir;
        SweepSetup setup = setupIn(dir.path(), kSchemes);
        FakeEvaluator fake;
        fake.failing = { "q8_0" };
        fake.throwing = { "rtn:b2:g128:sym" };
        std::vector<int> streamed;
        const SweepOutcome outcome = runSweep(setup, fake, [&](const Json &line) { streamed.push_back(line["cell"]); });
        QCOMPARE(outcome.cells, 6);
        QCOMPARE(outcome.ran, 6);
        QCOMPARE(outcome.failed, 2);
        const std::vector<int> logged = cellsIn(setup.dir / "results.jsonl");
        QCOMPARE(logged, streamed);
        QCOMPARE(std::set<int>(logged.begin(), logged.end()), (std::set<int> { 0, 1, 2, 3, 4, 5 }));
        QCOMPARE(logged.front(), 0);
        for (const Json &line : readResultsLog(setup.dir / "results.jsonl").cells) {
            QVERIFY(line.contains("method") && line.contains("bits") && line.contains("repro"));
            QVERIFY(line["repro"]["model"]["fingerprint"] == "abc123");
            QVERIFY(line["repro"].contains("time"));
            if (line["scheme"] == "q8_0")
                QVERIFY(line["error"] == "fits no tensor");
            if (line["scheme"] == "rtn:b2:g128:sym") {
                QVERIFY(line["status"] == "failed");
                QVERIFY(line["error"] == "fake failure in rtn:b2:g128:sym");
            }
            if (line["status"] == "ok")
                QVERIFY(!line.contains("label"));
        }
        // The throwing scheme's neighbours were measured alone once its group failed.
        for (const auto &[scheme, count] : fake.measured)
            QCOMPARE(count, 1);
        QVERIFY(fake.groups.front().front() == "unquantized");
        // Nothing left: a second run measures nothing; --retry-failed runs the failures again.
        FakeEvaluator second;
        QCOMPARE(runSweep(setup, second).ran, 0);
        QCOMPARE(second.total(), 0);
        setup.retryFailed = true;
        QCOMPARE(runSweep(setup, second).ran, 2);
        QCOMPARE(cellsIn(setup.dir / "results.jsonl").size(), size_t(6));
    }

    void resumesAfterCancelWithoutRunningACellTwice()
    {
        QTemporaryDir dir;
        const SweepSetup setup = setupIn(dir.path(), kSchemes);
        FakeEvaluator first;
        first.cancelAfter = 3;
        QVERIFY_THROWS_EXCEPTION(Cancelled, runSweep(setup, first, {}, [](double) { return false; }));
        const std::vector<int> before = cellsIn(setup.dir / "results.jsonl");
        QCOMPARE(before.size(), size_t(3));
        FakeEvaluator second;
        const SweepOutcome outcome = runSweep(setup, second);
        QCOMPARE(outcome.resumed, 3);
        QCOMPARE(outcome.ran, 3);
        for (const auto &[scheme, count] : second.measured)
            QCOMPARE(first.measured.count(scheme), size_t(0));
        const std::vector<int> after = cellsIn(setup.dir / "results.jsonl");
        QCOMPARE(std::set<int>(after.begin(), after.end()).size(), size_t(6));
        QCOMPARE(after.size(), size_t(6));
    }

    void resumesAfterKillNineAndDropsATornLine()
    {
        QTemporaryDir dir;
        const SweepSetup setup = setupIn(dir.path(), kSchemes);
        const std::filesystem::path log = setup.dir / "results.jsonl";
        const pid_t child = fork();
        if (child == 0) {
            FakeEvaluator slow;
            slow.millisecondsPerCell = 150;
            try {
                runSweep(setup, slow);
            } catch (...) { }
            _exit(0);
        }
        QVERIFY(child > 0);
        for (int wait = 0; wait < 200 && cellsIn(log).size() < 2; ++wait)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        QVERIFY(WIFSIGNALED(status));
        const std::vector<int> survived = cellsIn(log);
        QVERIFY(survived.size() >= 2 && survived.size() < 6);
        { // a line cut off by the kill, as a write interrupted half-way leaves it
            std::ofstream out(log, std::ios::app);
            out << "{\"cell\": 5, \"scheme\": \"hqq:b3:g64\", \"status\": \"o";
        }
        QVERIFY(readResultsLog(log).tornTail);
        FakeEvaluator resume;
        const SweepOutcome outcome = runSweep(setup, resume);
        QCOMPARE(outcome.resumed, int(survived.size()));
        QCOMPARE(resume.total(), 6 - int(survived.size()));
        const std::vector<int> after = cellsIn(log);
        QCOMPARE(after.size(), size_t(6));
        QCOMPARE(std::set<int>(after.begin(), after.end()).size(), size_t(6));
        QVERIFY(!readResultsLog(log).tornTail);
    }

    void refusesAnotherModelOrMeasurementAndAddsNewSchemes()
    {
        QTemporaryDir dir;
        SweepSetup setup = setupIn(dir.path(), { "q4_k", "q8_0" });
        FakeEvaluator fake;
        runSweep(setup, fake);
        SweepSetup other = setup;
        other.repro["model"]["fingerprint"] = "fff999";
        FakeEvaluator unused;
        try {
            runSweep(other, unused);
            QFAIL("resumed another model's results");
        } catch (const Error &error) {
            QVERIFY2(std::string(error.what()).find("another model") != std::string::npos, error.what());
        }
        SweepSetup longer = setup;
        longer.spec.nCtx = 128;
        QVERIFY_THROWS_EXCEPTION(Error, runSweep(longer, unused));
        QCOMPARE(unused.total(), 0);
        // More schemes on the same measurement: new cells after the old ones.
        SweepSetup more = setupIn(dir.path(), { "q2_k", "q4_k" });
        FakeEvaluator extra;
        const SweepOutcome outcome = runSweep(more, extra);
        QCOMPARE(outcome.ran, 1);
        QCOMPARE(extra.measured.count("q2_k"), size_t(1));
        const SweepSpec saved = loadSweepSpec(setup.dir / "sweep.json");
        QCOMPARE(saved.schemes, (std::vector<std::string> { "q4_k", "q8_0", "q2_k" }));
    }

    void clusterCellsMergeIdempotently()
    {
        QTemporaryDir dir;
        const SweepSetup setup = setupIn(dir.path(), { "q4_k", "q8_0", "q2_k" });
        prepareSweepDir(setup);
        FakeEvaluator fake;
        for (int cell : { 2, 0, 3 })
            QVERIFY(runSweepCell(setup, cell, fake)["status"] == "ok");
        runSweepCell(setup, 2, fake); // an ok cell file is not run again
        QCOMPARE(fake.measured["q8_0"], 1);
        QVERIFY_THROWS_EXCEPTION(Error, runSweepCell(setup, 9, fake));
        MergeOutcome merged = mergeCellFiles(setup.dir, 4);
        QCOMPARE(merged.added, (std::vector<int> { 0, 2, 3 }));
        QCOMPARE(merged.missing, (std::vector<int> { 1 }));
        merged = mergeCellFiles(setup.dir, 4);
        QVERIFY(merged.added.empty());
        QCOMPARE(merged.alreadyThere, (std::vector<int> { 0, 2, 3 }));
        runSweepCell(setup, 1, fake);
        { // a stray file and a file that differs from the merged line
            std::ofstream(setup.dir / "cells" / "cell-0002.json")
                << Json { { "cell", 2 }, { "scheme", "q8_0" }, { "status", "failed" } }.dump();
            std::ofstream(setup.dir / "cells" / "cell-00x.json") << "not json";
            std::ofstream(setup.dir / "cells" / "cell-0009.json") << Json{ { "cell", 9 }, { "scheme", "q3_k" } }.dump();
        }
        merged = mergeCellFiles(setup.dir, 4);
        QCOMPARE(merged.added, (std::vector<int> { 1 }));
        QCOMPARE(merged.conflicting, (std::vector<int> { 2 }));
        QCOMPARE(merged.ignored.size(), size_t(2)); // not JSON; a cell the sweep does not have
        QVERIFY(merged.missing.empty());
        QCOMPARE(cellsIn(setup.dir / "results.jsonl"), (std::vector<int> { 0, 2, 3, 1 }));
    }

    void fingerprintFollowsHeadersAndSampledWeights()
    {
        QTemporaryDir dir;
        const std::filesystem::path root = dir.path().toStdString();
        std::string weights(4 << 20, '\0');
        for (size_t i = 0; i < weights.size(); ++i)
            weights[i] = char(i * 2654435761u >> 13);
        std::ofstream(root / "model.safetensors", std::ios::binary) << weights;
        std::ofstream(root / "config.json") << "{}";
        std::ofstream(root / "notes.txt") << "not part of the model";
        const ModelFingerprint a = fingerprintModel(root);
        QCOMPARE(a.files.size(), size_t(2));
        std::ofstream(root / "notes.txt") << "changed";
        QCOMPARE(fingerprintModel(root).sha256, a.sha256);
        weights[weights.size() - 1] ^= 1; // inside the last sample
        std::ofstream(root / "model.safetensors", std::ios::binary) << weights;
        QVERIFY(fingerprintModel(root).sha256 != a.sha256);
        QVERIFY_THROWS_EXCEPTION(Error, fingerprintModel(root / "missing"));
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
