// Training checkpoints: written as Hugging Face folders that BitCliff opens with the same
// config and bitwise the same tensors, and that its inference engine runs as the reference
// forward pass says; optimizer state and trainer state round trips; the RoPE scaling kept;
// atomic replacement, a failed write leaving the old folder intact, and the refusals.
#include "formats/model.h"
#include "infer/transformer.h"
#include "support/referencetransformer.h"
#include "support/tinytransformer.h"
#include "support/tokenizerfixtures.h"
#include "support/trainerfixtures.h"
#include "train/checkpoint.h"
#include "train/checkpointconfig.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <signal.h>
#include <sstream>

using namespace bitcliff;
using bitcliff::test::errorOf;
using namespace bitcliff::train;
namespace fs = std::filesystem;

namespace {

std::string fileBytes(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> entriesOf(const fs::path &folder)
{
    std::vector<std::string> names;
    for (const auto &entry : fs::directory_iterator(folder))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// The parameters as the reference forward pass takes them.
test::TinyTransformer tinyOf(const Parameters<float> &p)
{
    test::TinyTransformer tiny;
    tiny.spec.family = p.config.family;
    tiny.spec.layers = p.config.layers;
    tiny.spec.hidden = p.config.hidden;
    tiny.spec.intermediate = p.config.intermediate;
    tiny.spec.heads = p.config.heads;
    tiny.spec.kvHeads = p.config.kvHeads;
    tiny.spec.headDim = p.config.headDim;
    tiny.spec.vocab = p.config.vocab;
    tiny.spec.qkvBias = p.config.qkvBias;
    tiny.spec.tied = p.config.tiedOutput;
    tiny.spec.ropeTheta = p.config.ropeTheta;
    tiny.spec.rmsEps = p.config.rmsEps;
    for (const Tensor<float> &t : p.tensors)
        tiny.tensors[t.name] = t.values;
    return tiny;
}

} // namespace

class TestTrainerCheckpoint : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    fs::path root() const { return m_dir.path().toStdString(); }

    // A tokenizer.json with a tokenizer_config.json beside it.
    fs::path tokenizerFolder()
    {
        const fs::path folder = root() / "tokenizer";
        fs::create_directories(folder);
        test::writeTextFile(folder / "tokenizer.json", test::byteLevelTokenizer({}).dump());
        test::writeTextFile(folder / "tokenizer_config.json", "{\"add_bos_token\": false}");
        return folder;
    }

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<bool>("tied");
        QTest::newRow("llama") << "llama" << false;
        QTest::newRow("qwen2 bias, tied") << "qwen2" << true;
        QTest::newRow("qwen3 qk norm") << "qwen3" << false;
    }

    void roundTrip()
    {
        QFETCH(QString, family);
        QFETCH(bool, tied);
        const Parameters<float> weights = test::perturbedParameters(test::trainerTestConfig(family.toStdString(), 48, tied), 3);
        AdamW optimizer(weights, {});
        Parameters<float> moved = weights, gradients = weights; // a step with gradient = weights: moments not zero
        optimizer.step(moved, gradients, 1e-3, 1);
        const nlohmann::ordered_json state = {{"step", 1}, {"note", "kept as written"}};
        const fs::path folder = test::subdirectory(root(), "rt " + family.toStdString());
        CheckpointContents contents;
        contents.weights = &weights;
        contents.tokenizer = tokenizerFolder();
        contents.optimizer = &optimizer;
        contents.trainerState = state;
        writeCheckpoint(folder, contents);

        QVERIFY(entriesOf(folder)
                == (std::vector<std::string>{"config.json", "model.safetensors", "optimizer.safetensors",
                                             "tokenizer.json", "tokenizer_config.json", "trainer_state.json"}));
        QCOMPARE(fileBytes(folder / "tokenizer.json"), fileBytes(contents.tokenizer / "tokenizer.json"));

        const auto model = openModel(folder);
        QCOMPARE(model->tensors().size(), weights.tensors.size()); // the weights, not the AdamW moments beside them
        const TransformerConfig config = transformerConfigFor(*model);
        requireSameConfig(weights.config, config, "test");
        QCOMPARE(config.family, family.toStdString());
        QCOMPARE(config.tiedOutput, tied);
        QCOMPARE(config.qkvBias, family == "qwen2");
        QCOMPARE(config.contextLength, 64);
        QCOMPARE(config.rmsEps, weights.config.rmsEps);

        const Parameters<float> read = readCheckpointWeights(folder);
        QCOMPARE(read.tensors.size(), weights.tensors.size());
        for (size_t i = 0; i < read.tensors.size(); ++i) {
            QCOMPARE(read.tensors[i].name, weights.tensors[i].name);
            QVERIFY(read.tensors[i].values == weights.tensors[i].values);
        }
        const OptimizerState moments = readOptimizerState(folder, read);
        QCOMPARE(moments.steps, int64_t(1));
        for (size_t i = 0; i < read.tensors.size(); ++i) {
            QVERIFY(moments.m.tensors[i].values == optimizer.firstMoments().tensors[i].values);
            QVERIFY(moments.v.tensors[i].values == optimizer.secondMoments().tensors[i].values);
        }
        QVERIFY(readTrainerState(folder) == state);

        // The engine runs the checkpoint as the independent reference computes it.
        const auto engine = loadTransformer(model, {});
        const std::vector<int32_t> tokens{1, 7, 30, 2, 47, 11, 11, 5};
        InferenceSession session(engine, int(tokens.size()));
        std::vector<float> logits(tokens.size() * 48);
        session.evaluate(tokens, 0, logits);
        const double error = test::relativeError(logits, test::referenceLogits(tinyOf(weights), tokens));
        QVERIFY2(error < 1e-4, qPrintable(QString::number(error)));
    }

    void keepsRopeScaling()
    {
        test::TinyTransformerSpec spec;
        spec.llama3Rope = true;
        const fs::path base = root() / "rope-base";
        test::writeTinyTransformer(base, spec);
        const Parameters<float> weights = parametersOf(*openModel(base));
        QVERIFY(!weights.config.ropeFreqFactors.empty());

        CheckpointContents contents;
        contents.weights = &weights;
        const fs::path without = root() / "rope-without";
        // Without its rope_scaling the config would not read back the same: refused, nothing left.
        QVERIFY(errorOf([&] { writeCheckpoint(without, contents); }).find("RoPE scaling") != std::string::npos);
        QVERIFY(!fs::exists(without));
        QVERIFY(std::none_of(fs::directory_iterator(root()), fs::directory_iterator(),
                             [](const fs::directory_entry &e) { return e.path().string().find(".tmp-bitcliff-")
                                                                       != std::string::npos; }));

        contents.ropeScaling = ropeScalingOf(base);
        QVERIFY(contents.ropeScaling.is_object());
        const fs::path with = root() / "rope-with";
        writeCheckpoint(with, contents);
        QVERIFY(transformerConfigFor(*openModel(with)).ropeFreqFactors == weights.config.ropeFreqFactors);
    }

    void replacesAtomically()
    {
        const fs::path parent = root() / "atomic";
        const fs::path folder = parent / "ckpt";
        const TransformerConfig config = test::trainerTestConfig("llama", 40, true);
        const Parameters<float> a = initialParameters<float>(config, 1), b = initialParameters<float>(config, 2);
        CheckpointContents contents;
        contents.weights = &a;
        contents.tokenizer = tokenizerFolder() / "tokenizer.json";
        writeCheckpoint(folder, contents);
        const std::string bytesA = fileBytes(folder / "model.safetensors");

        contents.weights = &b;
        writeCheckpoint(folder, contents);
        QVERIFY(readCheckpointWeights(folder).tensors[0].values == b.tensors[0].values);
        QVERIFY(entriesOf(parent) == std::vector<std::string>{"ckpt"}); // the old folder is gone

        // A write that fails half-way (no tokenizer to copy) leaves the last good folder.
        contents.weights = &a;
        writeCheckpoint(folder, contents);
        contents.weights = &b;
        contents.tokenizer = root() / "missing" / "tokenizer.json";
        QVERIFY(errorOf([&] { writeCheckpoint(folder, contents); }).find("no tokenizer.json") != std::string::npos);
        QCOMPARE(fileBytes(folder / "model.safetensors"), bytesA);
        QVERIFY(entriesOf(parent) == std::vector<std::string>{"ckpt"});

        // A folder of someone's files is never replaced.
        const fs::path other = parent / "documents";
        fs::create_directories(other);
        test::writeTextFile(other / "thesis.txt", "precious");
        contents.tokenizer.clear();
        QVERIFY(errorOf([&] { writeCheckpoint(other, contents); }).find("refusing") != std::string::npos);
        QCOMPARE(fileBytes(other / "thesis.txt"), std::string("precious"));
    }

    void removesStaleTemporaries()
    {
        const fs::path parent = root() / "stale";
        pid_t gone = 4000000;
        while (::kill(gone, 0) == 0 || errno != ESRCH)
            ++gone;
        const fs::path stale = parent / ("ckpt.tmp-bitcliff-" + std::to_string(gone) + "-0");
        fs::create_directories(stale);
        test::writeTextFile(stale / "model.safetensors", "half written");
        const Parameters<float> weights = initialParameters<float>(test::trainerTestConfig("llama", 40, false), 1);
        CheckpointContents contents;
        contents.weights = &weights;
        writeCheckpoint(parent / "ckpt", contents);
        QVERIFY(entriesOf(parent) == std::vector<std::string>{"ckpt"});
    }

    void refusesTheInputFolder()
    {
        const fs::path model = root() / "model";
        fs::create_directories(model);
        test::writeTextFile(model / "config.json", "{}");
        QVERIFY(errorOf([&] { refuseOverwritingInput(root() / "x" / ".." / "model", model); }).find("input model")
                != std::string::npos);
        QVERIFY(errorOf([&] { refuseOverwritingInput(model, model / "config.json"); }).find("input model")
                != std::string::npos);
        fs::create_directory_symlink(model, root() / "link");
        QVERIFY(errorOf([&] { refuseOverwritingInput(root() / "link", model); }).find("input model")
                != std::string::npos);
        QVERIFY(errorOf([&] { refuseOverwritingInput(root(), model); }).find("contains the input model")
                != std::string::npos);
        refuseOverwritingInput(root() / "model-trained", model);
        refuseOverwritingInput(model / "trained", model); // inside it is fine: the model stays
        refuseOverwritingInput(model, {});
    }
};

QTEST_GUILESS_MAIN(TestTrainerCheckpoint)
#include "tst_trainercheckpoint.moc"
