// Hugging Face checkpoint directories: config.json summaries, single-file and sharded
// weights, and the errors for incomplete directories.
#include "formats/hfcheckpoint.h"
#include "formats/model.h"
#include "formats/safetensorswriter.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <fstream>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

// Llama 3.2 1B's config.json (abridged).
const char kLlamaConfig[] = R"({
  "architectures": ["LlamaForCausalLM"],
  "model_type": "llama",
  "hidden_size": 2048,
  "intermediate_size": 8192,
  "num_hidden_layers": 16,
  "num_attention_heads": 32,
  "num_key_value_heads": 8,
  "head_dim": 64,
  "rms_norm_eps": 1e-05,
  "rope_theta": 500000.0,
  "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                   "original_max_position_embeddings": 8192, "rope_type": "llama3"},
  "tie_word_embeddings": true,
  "vocab_size": 128256,
  "max_position_embeddings": 131072,
  "torch_dtype": "bfloat16"
})";

// A tensor whose every element is `value`, so its source file is visible in the values.
SafetensorsEntry filled(const std::string &name, std::vector<int64_t> shape, float value)
{
    int64_t count = 1;
    for (int64_t d : shape)
        count *= d;
    std::vector<float> values(static_cast<size_t>(count), value);
    std::vector<std::byte> data(values.size() * sizeof(float));
    std::memcpy(data.data(), values.data(), data.size());
    return {name, "F32", std::move(shape), std::move(data)};
}

void writeText(const fs::path &path, const std::string &text) { std::ofstream(path) << text; }

fs::path pathOf(const QTemporaryDir &dir, const char *name) { return fs::path(dir.path().toStdString()) / name; }

std::vector<float> readAll(const Model &model, const std::string &name)
{
    const TensorInfo *tensor = model.find(name);
    if (!tensor)
        throw Error("no tensor " + name);
    std::vector<float> out(static_cast<size_t>(tensor->elementCount()));
    model.readRows(*tensor, 0, tensor->rows(), out.data());
    return out;
}

template<typename Function>
QString errorOf(Function function)
{
    try {
        function();
    } catch (const Error &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

// model-00001-of-00002 holds the embedding and layer 0, model-00002 layer 3 and the head
// plus a stray tensor the index does not mention.
void writeShardedCheckpoint(const QTemporaryDir &dir)
{
    writeSafetensors(pathOf(dir, "model-00001-of-00002.safetensors"),
                     {filled("model.embed_tokens.weight", {8, 4}, 1.0f),
                      filled("model.layers.0.self_attn.q_proj.weight", {4, 4}, 1.5f),
                      filled("model.layers.0.input_layernorm.weight", {4}, 1.25f)},
                     {{"format", "pt"}});
    writeSafetensors(pathOf(dir, "model-00002-of-00002.safetensors"),
                     {filled("lm_head.weight", {8, 4}, 2.0f), filled("model.layers.3.mlp.down_proj.weight", {4, 6}, 2.5f),
                      filled("stray.weight", {2}, 9.0f)});
    writeText(pathOf(dir, "model.safetensors.index.json"), R"({
      "metadata": {"total_size": 416},
      "weight_map": {
        "lm_head.weight": "model-00002-of-00002.safetensors",
        "model.embed_tokens.weight": "model-00001-of-00002.safetensors",
        "model.layers.0.input_layernorm.weight": "model-00001-of-00002.safetensors",
        "model.layers.0.self_attn.q_proj.weight": "model-00001-of-00002.safetensors",
        "model.layers.3.mlp.down_proj.weight": "model-00002-of-00002.safetensors"
      }})");
    writeText(pathOf(dir, "config.json"), kLlamaConfig);
}

} // namespace

class TestHfCheckpoint : public QObject
{
    Q_OBJECT

private slots:
    void llamaConfig()
    {
        const ArchitectureSummary a = parseHfConfig(kLlamaConfig, "config.json");
        QVERIFY(a.known);
        QCOMPARE(a.name, std::string("LlamaForCausalLM"));
        QCOMPARE(a.hiddenSize, 2048);
        QCOMPARE(a.intermediateSize, 8192);
        QCOMPARE(a.layers, 16);
        QCOMPARE(a.heads, 32);
        QCOMPARE(a.kvHeads, 8);
        QCOMPARE(a.headDim, 64);
        QCOMPARE(a.rmsNormEps, 1e-5);
        QCOMPARE(a.ropeTheta, 500000.0);
        QCOMPARE(a.ropeScaling, std::string("llama3 x32"));
        QVERIFY(a.tieWordEmbeddings);
        QCOMPARE(a.vocabSize, 128256);
        QCOMPARE(a.contextLength, 131072);
    }

    void configDefaults()
    {
        // No kv heads, no head_dim, no tie flag, no architectures list.
        const ArchitectureSummary a = parseHfConfig(
            R"({"model_type":"qwen2","hidden_size":896,"num_attention_heads":14,"rope_theta":1000000.0,
                "rope_scaling":null,"num_hidden_layers":"24","vocab_size":-5})",
            "config.json");
        QCOMPARE(a.name, std::string("qwen2"));
        QCOMPARE(a.kvHeads, 14);
        QCOMPARE(a.headDim, 64);
        QVERIFY(!a.tieWordEmbeddings);
        QVERIFY(a.ropeScaling.empty());
        QCOMPARE(a.layers, 0);    // wrong type: tolerated as missing
        QCOMPARE(a.vocabSize, 0); // negative: tolerated as missing
        QCOMPARE(a.ropeTheta, 1e6);

        const ArchitectureSummary empty = parseHfConfig("{}", "config.json");
        QVERIFY(empty.known);
        QCOMPARE(empty.headDim, 0);
        QVERIFY(empty.name.empty());
    }

    void ropeSummaries_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("summary");
        QTest::addColumn<double>("theta");
        QTest::newRow("linear") << R"({"rope_scaling":{"type":"linear","factor":2.0}})" << "linear x2" << 0.0;
        QTest::newRow("yarn") << R"({"rope_scaling":{"rope_type":"yarn","factor":4.5}})" << "yarn x4.5" << 0.0;
        QTest::newRow("default") << R"({"rope_parameters":{"rope_type":"default","rope_theta":10000.0}})" << ""
                                 << 10000.0;
        QTest::newRow("parameters") << R"({"rope_parameters":{"rope_type":"llama3","factor":8,"rope_theta":5e5}})"
                                    << "llama3 x8" << 5e5;
        QTest::newRow("per-attention")
            << R"({"rope_parameters":{"full_attention":{"rope_type":"linear","factor":8.0,"rope_theta":1e6},
                                      "sliding_attention":{"rope_type":"default","rope_theta":1e4}}})"
            << "linear x8" << 1e6;
    }

    void ropeSummaries()
    {
        QFETCH(QString, json);
        QFETCH(QString, summary);
        QFETCH(double, theta);
        const ArchitectureSummary a = parseHfConfig(json.toStdString(), "config.json");
        QCOMPARE(QString::fromStdString(a.ropeScaling), summary);
        QCOMPARE(a.ropeTheta, theta);
    }

    void textConfigIsUsedForMultimodal()
    {
        const ArchitectureSummary a = parseHfConfig(
            R"({"architectures":["Gemma3ForConditionalGeneration"],
                "text_config":{"hidden_size":2560,"num_attention_heads":8,"num_key_value_heads":4,"head_dim":256,
                               "num_hidden_layers":34}})",
            "config.json");
        QCOMPARE(a.name, std::string("Gemma3ForConditionalGeneration"));
        QCOMPARE(a.hiddenSize, 2560);
        QCOMPARE(a.kvHeads, 4);
        QCOMPARE(a.headDim, 256);
        QCOMPARE(a.layers, 34);
    }

    void badConfigIsRejected()
    {
        for (const char *text : {"{\"hidden_size\": 12", "not json at all", "", "[1, 2]", "\"text\""}) {
            const QString message = errorOf([&] { parseHfConfig(text, "/models/x/config.json"); });
            QVERIFY2(message.startsWith("/models/x/config.json: "), qPrintable(message));
            QVERIFY(!message.contains('\n'));
        }
    }

    void singleFileDirectory()
    {
        QTemporaryDir dir;
        writeSafetensors(pathOf(dir, "model.safetensors"),
                         {filled("model.embed_tokens.weight", {8, 4}, 0.5f),
                          filled("model.layers.1.self_attn.v_proj.weight", {2, 4}, -1.0f)},
                         {{"format", "pt"}});
        writeText(pathOf(dir, "config.json"), kLlamaConfig);
        const auto model = openHfDirectory(dir.path().toStdString());
        QCOMPARE(model->format(), ModelFormat::Safetensors);
        QCOMPARE(model->tensors().size(), size_t(2));
        QCOMPARE(model->files().size(), size_t(1));
        QVERIFY(model->architecture().known);
        QCOMPARE(model->architecture().kvHeads, 8);
        QCOMPARE(model->architecture().ropeScaling, std::string("llama3 x32"));
        const TensorInfo *v = model->find("model.layers.1.self_attn.v_proj.weight");
        QVERIFY(v);
        QCOMPARE(v->layer, 1);
        QCOMPARE(v->role, TensorRole::AttnV);
        QCOMPARE(readAll(*model, v->name), std::vector<float>(8, -1.0f));
        QCOMPARE(model->metadata().size(), size_t(1));
    }

    void directoryWithoutConfig()
    {
        QTemporaryDir dir;
        writeSafetensors(pathOf(dir, "model.safetensors"), {filled("w", {2}, 1.0f)});
        const auto model = openHfDirectory(dir.path().toStdString());
        QVERIFY(!model->architecture().known);
        QCOMPARE(model->tensors().size(), size_t(1));
    }

    void shardedCheckpoint()
    {
        QTemporaryDir dir;
        writeShardedCheckpoint(dir);
        const auto model = openHfDirectory(dir.path().toStdString());
        QCOMPARE(model->files().size(), size_t(2));
        QCOMPARE(model->tensors().size(), size_t(5)); // the stray tensor is not in the weight map
        QVERIFY(!model->find("stray.weight"));

        const std::pair<const char *, float> expected[] = {
            {"model.embed_tokens.weight", 1.0f}, {"model.layers.0.self_attn.q_proj.weight", 1.5f},
            {"model.layers.0.input_layernorm.weight", 1.25f}, {"lm_head.weight", 2.0f},
            {"model.layers.3.mlp.down_proj.weight", 2.5f}};
        for (const auto &[name, value] : expected) {
            const TensorInfo *t = model->find(name);
            QVERIFY2(t, name);
            const std::string shard = value < 1.75f ? "model-00001-of-00002.safetensors"
                                                    : "model-00002-of-00002.safetensors";
            QVERIFY(model->files().at(static_cast<size_t>(t->fileIndex))->label().ends_with(shard));
            for (float x : readAll(*model, name))
                QCOMPARE(x, value);
        }

        const TensorInfo *down = model->find("model.layers.3.mlp.down_proj.weight");
        QCOMPARE(down->layer, 3);
        QCOMPARE(down->role, TensorRole::FfnDown);
        QCOMPARE(roleName(down->role), std::string_view("ffn_down"));
        QCOMPARE(model->find("model.embed_tokens.weight")->role, TensorRole::Embed);
        QCOMPARE(model->find("lm_head.weight")->role, TensorRole::LmHead);
        QCOMPARE(model->find("model.layers.0.input_layernorm.weight")->role, TensorRole::Norm);

        QCOMPARE(model->architecture().layers, 16);
        QVERIFY(model->architecture().tieWordEmbeddings);
        bool hasTotalSize = false;
        for (const auto &[key, value] : model->metadata())
            hasTotalSize |= key == "total_size" && value == "416";
        QVERIFY(hasTotalSize);
    }

    void missingShard()
    {
        QTemporaryDir dir;
        writeShardedCheckpoint(dir);
        fs::remove(pathOf(dir, "model-00002-of-00002.safetensors"));
        const QString message = errorOf([&] { openHfDirectory(dir.path().toStdString()); });
        QVERIFY2(message.contains("model-00002-of-00002.safetensors") && message.contains("missing"),
                 qPrintable(message));
    }

    void tensorMissingFromItsShard()
    {
        QTemporaryDir dir;
        writeShardedCheckpoint(dir);
        writeSafetensors(pathOf(dir, "model-00002-of-00002.safetensors"), {filled("lm_head.weight", {8, 4}, 2.0f)});
        const QString message = errorOf([&] { openHfDirectory(dir.path().toStdString()); });
        QVERIFY2(message.contains("model-00002-of-00002.safetensors")
                     && message.contains("'model.layers.3.mlp.down_proj.weight'"),
                 qPrintable(message));
    }

    void badIndex()
    {
        QTemporaryDir dir;
        writeShardedCheckpoint(dir);
        for (const char *text : {"{\"weight_map\": ", R"({"metadata":{}})", R"({"weight_map":{"w":7}})",
                                 R"({"weight_map":{"w":"../elsewhere.safetensors"}})"}) {
            writeText(pathOf(dir, "model.safetensors.index.json"), text);
            const QString message = errorOf([&] { openHfDirectory(dir.path().toStdString()); });
            QVERIFY2(message.contains("model.safetensors.index.json: ") && !message.contains('\n'),
                     qPrintable(message));
        }
    }

    void unindexedShardsAreCombined()
    {
        QTemporaryDir dir;
        writeSafetensors(pathOf(dir, "b.safetensors"), {filled("second", {2}, 2.0f)});
        writeSafetensors(pathOf(dir, "a.safetensors"), {filled("first", {2}, 1.0f)});
        const auto model = openHfDirectory(dir.path().toStdString());
        QCOMPARE(model->tensors().size(), size_t(2));
        QCOMPARE(model->find("first")->fileIndex, 0); // files are taken in sorted order
        QCOMPARE(model->find("second")->fileIndex, 1);
        QCOMPARE(readAll(*model, "second"), (std::vector<float>{2.0f, 2.0f}));

        writeSafetensors(pathOf(dir, "c.safetensors"), {filled("first", {2}, 3.0f)});
        const QString message = errorOf([&] { openHfDirectory(dir.path().toStdString()); });
        QVERIFY2(message.contains("'first'") && message.contains("c.safetensors"), qPrintable(message));
    }

    void directoryWithoutWeights()
    {
        QTemporaryDir dir;
        writeText(pathOf(dir, "config.json"), kLlamaConfig);
        const std::string path = dir.path().toStdString();
        QString message = errorOf([&] { openHfDirectory(path); });
        QCOMPARE(message, QString::fromStdString(
                              path + ": no .safetensors weights (and no model.safetensors.index.json) in this directory"));

        writeText(pathOf(dir, "model-Q4_K_M.gguf"), "GGUF");
        message = errorOf([&] { openHfDirectory(path); });
        QVERIFY2(message.contains("model-Q4_K_M.gguf"), qPrintable(message));
    }

    void openModelEntryPoints()
    {
        QTemporaryDir dir;
        writeShardedCheckpoint(dir);
        const auto fromDir = openModel(dir.path().toStdString());
        QCOMPARE(fromDir->tensors().size(), size_t(5));
        QVERIFY(fromDir->architecture().known);
        const auto fromConfig = openModel(pathOf(dir, "config.json"));
        QCOMPARE(fromConfig->tensors().size(), size_t(5));
        const auto fromIndex = openModel(pathOf(dir, "model.safetensors.index.json"));
        QCOMPARE(fromIndex->files().size(), size_t(2));

        // A single shard opened as a file: all of its tensors, architecture from config.json.
        const auto fromFile = openModel(pathOf(dir, "model-00002-of-00002.safetensors"));
        QCOMPARE(fromFile->tensors().size(), size_t(3));
        QVERIFY(fromFile->find("stray.weight"));
        QCOMPARE(fromFile->architecture().hiddenSize, 2048);
    }
};

QTEST_APPLESS_MAIN(TestHfCheckpoint)
#include "tst_hfcheckpoint.moc"
