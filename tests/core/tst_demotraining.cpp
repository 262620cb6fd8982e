// trainDemoModel on a tiny budget: the folder a user gets (a checkpoint BitCliff opens, the
// held-out files, the derived checkpoints, demo.json and the sweep it names), the same bytes
// on a rerun, nothing left behind on cancel.
#include "demo/demosweep.h"
#include "demo/demotraining.h"
#include "formats/model.h"
#include "infer/transformer.h"
#include "sweep/sweepcell.h"
#include "util/error.h"
#include "util/progress.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

DemoTrainingOptions tinyOptions()
{
    DemoTrainingOptions options;
    options.baseCodePoints = 40000;
    options.variantCodePoints = 8000;
    options.recoveryExamples = 40;
    options.recoverySteps = 2;
    options.threads = 2;
    return options;
}

std::string bytesOf(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

} // namespace

class TestDemoTraining : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_first = fs::path(m_dir.path().toStdString()) / "first";
        std::vector<std::string> stages;
        trainDemoModel(m_first, tinyOptions(), [&](const DemoTrainingProgress &p) {
            if (stages.empty() || stages.back() != p.stage)
                stages.push_back(p.stage);
            return true;
        });
        QCOMPARE(stages, (std::vector<std::string>{"base", "qat-b2", "qat-b3", "control-b2", "recovery-b2"}));
    }

    void folderIsACheckpointWithItsTestData()
    {
        for (const char *file : {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                                 "trainer_state.json", "demo.json", "eval/demo-arithmetic.jsonl", "eval/text/en.txt",
                                 "eval/text/hi.txt"})
            QVERIFY2(fs::is_regular_file(m_first / file), file);
        QVERIFY(!fs::exists(m_first / "optimizer.safetensors")); // only resumed runs need the moments
        QVERIFY(!fs::exists(m_first.parent_path() / "first.train-demo-work"));
        const auto model = openModel(m_first);
        const TransformerConfig config = transformerConfigFor(*model);
        QCOMPARE(config.hidden, 128);
        QCOMPARE(config.layers, 4);
        QVERIFY(config.tiedOutput);
        QCOMPARE(config.vocab, 512);
        QVERIFY(isTrainedDemoModel(m_first));
    }

    void sweepNamesEveryDerivedCheckpoint()
    {
        const SweepSpec spec = trainedDemoSweep(m_first);
        QCOMPARE(spec.variants.size(), size_t(3));
        int variantCells = 0;
        for (const std::string &scheme : spec.schemes)
            if (const auto path = spec.variantModel(scheme)) {
                ++variantCells;
                QVERIFY2(fs::is_regular_file(fs::path(*path) / "model.safetensors"), path->c_str());
                QCOMPARE(transformerConfigFor(*openModel(*path)).hidden, 128);
            }
        QCOMPARE(variantCells, 4);
        QVERIFY(std::find(spec.schemes.begin(), spec.schemes.end(), "rtn:b2:g32:asym@qat") != spec.schemes.end());
        QVERIFY(fs::is_directory(*spec.text));
        QVERIFY(fs::is_regular_file(*spec.tasks));
        // The derived checkpoints differ from the base model and from each other.
        const std::string base = bytesOf(m_first / "model.safetensors");
        QVERIFY(bytesOf(m_first / "variants/qat-b2/model.safetensors") != base);
        QVERIFY(bytesOf(m_first / "variants/qat-b2/model.safetensors")
                != bytesOf(m_first / "variants/control-b2/model.safetensors"));
        const auto manifest = nlohmann::json::parse(bytesOf(m_first / "demo.json"));
        QCOMPARE(manifest["stages"].size(), size_t(5));
        QCOMPARE(manifest["stages"][1]["qat"].get<std::string>(), std::string("rtn:b2:g32:asym"));
        QVERIFY(manifest["stages"][0]["held_out_loss"].get<double>() < std::log(512.0));
    }

    void rerunGivesTheSameBytes()
    {
        const fs::path second = fs::path(m_dir.path().toStdString()) / "second";
        trainDemoModel(second, tinyOptions());
        for (const char *file : {"model.safetensors", "tokenizer.json", "variants/qat-b2/model.safetensors",
                                 "variants/recovery-b2/model.safetensors", "eval/demo-arithmetic.jsonl"})
            QVERIFY2(bytesOf(m_first / file) == bytesOf(second / file), file);
    }

    void cancelLeavesNothing()
    {
        const fs::path out = fs::path(m_dir.path().toStdString()) / "cancelled";
        int calls = 0;
        QVERIFY_THROWS_EXCEPTION(Cancelled, trainDemoModel(out, tinyOptions(), [&](const DemoTrainingProgress &) {
                                     return ++calls < 3;
                                 }));
        QVERIFY(!fs::exists(out));
        QVERIFY(!fs::exists(out.parent_path() / "cancelled.train-demo-work"));
    }

private:
    QTemporaryDir m_dir;
    fs::path m_first;
};

QTEST_GUILESS_MAIN(TestDemoTraining)
#include "tst_demotraining.moc"
