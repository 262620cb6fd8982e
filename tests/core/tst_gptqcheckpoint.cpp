// Writing GPTQ checkpoints (export/gptqwriter.h) and reading them back: the tensors written
// must be byte for byte what the format description gives (packed here independently, in
// support/packedfixtures.h), reopen to exactly scale · (q − z), fall back to gptq_v2 when a
// zero point is 0, and leave nothing behind on error or cancel. A whole tiny model packed as
// GPTQ opens, dequantizes and runs like the same model with those weights stored as float32.
#include "export/gptqwriter.h"
#include "formats/safetensors.h"
#include "infer/transformer.h"
#include "support/fixtures.h"
#include "support/packedfixtures.h"
#include "support/tinytransformer.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <fstream>
#include <random>

using namespace bitcliff;
using namespace bitcliff::test;
namespace fs = std::filesystem;

namespace {

const std::string kPrefix = "model.layers.0.self_attn.q_proj";
const std::string kWeight = kPrefix + ".weight";

fs::path pathOf(const QTemporaryDir &dir)
{
    return fs::path(dir.path().toStdString());
}

bool bitwiseEqual(const std::vector<float> &a, const std::vector<float> &b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

PackedLinear packedLinear(const std::string &name, const QuantizedMatrix &m)
{
    return { name, m.bits, m.rows, m.cols, m.groupSize, m.codes, m.zeros, m.scales, m.gIdx };
}

nlohmann::json readJson(const fs::path &path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

// A float checkpoint with the weights `shapes` names, a bias, a norm and tokenizer files.
void writeSource(const fs::path &dir, const std::vector<std::pair<std::string, std::vector<int64_t>>> &shapes)
{
    std::vector<SafetensorsEntry> entries;
    unsigned seed = 30;
    for (const auto &[name, shape] : shapes)
        entries.push_back(f32Entry(name, shape, randomValues(size_t(shape[0] * shape[1]), ++seed)));
    entries.push_back(
        f32Entry(kPrefix + ".bias", { shapes.front().second[0] }, randomValues(size_t(shapes.front().second[0]), 3)));
    entries.push_back(f32Entry("model.norm.weight", { 64 }, randomValues(64, 4)));
    writePackedCheckpoint(dir, entries, nullptr);
    std::ofstream(dir / "tokenizer.json") << "{\"model\": {\"type\": \"BPE\"}}";
    std::ofstream(dir / "generation_config.json") << "{\"do_sample\": false}";
}

// Each component the writer stored equals the independently packed one: name, type, shape, bytes.
void checkComponents(const fs::path &file, const std::vector<SafetensorsEntry> &expected)
{
    const auto mapped = MappedFile::open(file);
    const SafetensorsContents contents = parseSafetensors(mapped->bytes(), file.string());
    for (const SafetensorsEntry &e : expected) {
        const auto it = std::find_if(
            contents.tensors.begin(), contents.tensors.end(), [&](const TensorInfo &t) { return t.name == e.name; });
        QVERIFY2(it != contents.tensors.end(), e.name.c_str());
        QCOMPARE(it->dtypeLabel, e.dtype);
        QCOMPARE(it->shape, e.shape);
        QCOMPARE(it->byteSize, uint64_t(e.data.size()));
        QVERIFY2(std::memcmp(mapped->bytes().data() + it->offset, e.data.data(), e.data.size()) == 0, e.name.c_str());
    }
}

std::vector<float> logitsOf(const fs::path &dir, const std::vector<int32_t> &tokens)
{
    const auto weights = loadTransformer(openModel(dir), {});
    InferenceSession session(weights, int(tokens.size()));
    std::vector<float> logits(tokens.size() * size_t(configOf(*weights).vocab));
    session.evaluate(tokens, 0, logits);
    return logits;
}

template<typename Function> std::string errorOf(Function function)
{
    try {
        function();
    } catch (const Error &e) {
        return e.what();
    }
    return {};
}

} // namespace

class TestGptqCheckpoint : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<int>("bits");
        QTest::addColumn<int>("groupSize");
        QTest::addColumn<bool>("actOrder");
        QTest::addColumn<bool>("sym");
        QTest::addColumn<bool>("zeroOfZero");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::newRow("int4 g128") << 4 << 128 << false << false << false << 64 << 256;
        QTest::newRow("int3 g128 act-order 192x576") << 3 << 128 << true << false << false << 192 << 576;
        QTest::newRow("int8 per-channel sym") << 8 << -1 << false << true << false << 32 << 96;
        QTest::newRow("int2 g32, a zero of 0: v2") << 2 << 32 << false << false << true << 64 << 128;
        QTest::newRow("int4 g64 act-order, a zero of 0: v2") << 4 << 64 << true << false << true << 96 << 192;
    }

    void roundTrip()
    {
        QFETCH(int, bits);
        QFETCH(int, groupSize);
        QFETCH(bool, actOrder);
        QFETCH(bool, sym);
        QFETCH(bool, zeroOfZero);
        QFETCH(int, rows);
        QFETCH(int, cols);
        QuantizedMatrix m = randomQuantizedMatrix({ bits, rows, cols, groupSize, sym, actOrder, 1, false, 77 });
        if (zeroOfZero)
            m.zeros[5] = 0;
        QTemporaryDir dir;
        const fs::path source = pathOf(dir) / "source", out = pathOf(dir) / "gptq";
        writeSource(source, { { kWeight, { rows, cols } } });
        const auto sourceModel = openModel(source);
        const GptqCheckpointOptions options { actOrder, sym, false, 0.05 };
        const GptqCheckpointResult result
            = writeGptqCheckpoint(*sourceModel, { packedLinear(kWeight, m) }, options, out);
        QCOMPARE(result.checkpointFormat, std::string(zeroOfZero ? "gptq_v2" : "gptq"));
        QCOMPARE(result.packedLinears, 1);
        QCOMPARE(result.copiedTensors, 2);

        checkComponents(out / "model.safetensors", gptqEntries(kPrefix, m, zeroOfZero));
        const auto model = openModel(out);
        const TensorInfo *t = model->find(kWeight);
        QVERIFY(t && t->dtype == DType::GPTQ);
        QVERIFY(t->dtypeLabel.ends_with(zeroOfZero ? "(v2)" : "(v1)"));
        QVERIFY(bitwiseEqual(test::tensorValues(*model, kWeight), m.expected()));
        for (const std::string &name : { kPrefix + ".bias", std::string("model.norm.weight") })
            QVERIFY(bitwiseEqual(test::tensorValues(*model, name), test::tensorValues(*sourceModel, name)));
        QCOMPARE(model->tensors().size(), size_t(3));

        const nlohmann::json config = readJson(out / "config.json");
        QVERIFY(config.at("architectures") == nlohmann::json({ "LlamaForCausalLM" }));
        const nlohmann::json &q = config.at("quantization_config");
        QVERIFY(q == readJson(out / "quantize_config.json"));
        QVERIFY(q.at("quant_method") == "gptq");
        QVERIFY(q.at("checkpoint_format") == result.checkpointFormat);
        QVERIFY(q.at("bits") == bits);
        QVERIFY(q.at("group_size") == groupSize);
        QVERIFY(q.at("desc_act") == actOrder);
        QVERIFY(q.at("sym") == sym);
        QVERIFY(q.at("static_groups") == false);
        QVERIFY(q.at("damp_percent") == 0.05);
        QVERIFY(q.at("true_sequential") == true);
        QVERIFY(q.at("pack_dtype") == "int32");
        QVERIFY(q.at("lm_head") == false);
        QVERIFY(q.at("meta").at("quantizer") == nlohmann::json({ "bitcliff" }));
        QVERIFY(!q.contains("dynamic"));
        QVERIFY(fs::exists(out / "tokenizer.json") && fs::exists(out / "generation_config.json"));
    }

    // Linears of other bits or group sizes than the first get `dynamic` overrides, read back.
    void mixedPrecision()
    {
        const std::string k = "model.layers.0.self_attn.k_proj.weight";
        const QuantizedMatrix q4 = randomQuantizedMatrix({ 4, 64, 128, 64, false, false, 1, false, 1 });
        const QuantizedMatrix k8 = randomQuantizedMatrix({ 8, 32, 128, -1, false, false, 1, false, 2 });
        QTemporaryDir dir;
        writeSource(pathOf(dir) / "source", { { kWeight, { 64, 128 } }, { k, { 32, 128 } } });
        QCOMPARE(
            writeGptqCheckpoint(*openModel(pathOf(dir) / "source"), { packedLinear(kWeight, q4), packedLinear(k, k8) },
                GptqCheckpointOptions { false, false, false, 0.01 }, pathOf(dir) / "gptq")
                .checkpointFormat,
            std::string("gptq"));
        const nlohmann::json q = readJson(pathOf(dir) / "gptq" / "config.json").at("quantization_config");
        QVERIFY(q.at("dynamic")
            == nlohmann::json(
                { { "+:^model\\.layers\\.0\\.self_attn\\.k_proj$", { { "bits", 8 }, { "group_size", -1 } } } }));
        const auto model = openModel(pathOf(dir) / "gptq");
        QCOMPARE(model->find(kWeight)->dtypeLabel, std::string("GPTQ int4 g64 (v1)"));
        QCOMPARE(model->find(k)->dtypeLabel, std::string("GPTQ int8 per-channel (v1)"));
        QVERIFY(bitwiseEqual(test::tensorValues(*model, kWeight), q4.expected()));
        QVERIFY(bitwiseEqual(test::tensorValues(*model, k), k8.expected()));
    }

    void writerErrors_data()
    {
        QTest::addColumn<QString>("defect");
        QTest::addColumn<QString>("message");
        QTest::newRow("5 bits") << "5 bits"
                                << "GPTQ packs 2, 3, 4 or 8 bits, not 5";
        QTest::newRow("scale not fp16") << "scale not fp16"
                                        << "is not exactly an fp16 value";
        QTest::newRow("code 16 at 4 bits") << "code 16 at 4 bits"
                                           << "a code exceeds 15, the largest 4-bit code";
        QTest::newRow("sym with an asymmetric zero") << "sym with an asymmetric zero"
                                                     << "in a symmetric checkpoint";
        QTest::newRow("40 outputs") << "40 outputs"
                                    << "40 x 128 does not fit a GPTQ checkpoint";
        QTest::newRow("unknown tensor") << "unknown tensor"
                                        << "the source model has no [64, 128] weight of that name";
        QTest::newRow("g_idx out of range") << "g_idx out of range"
                                            << "a g_idx entry is outside the 2 groups";
        QTest::newRow("codes missing") << "codes missing"
                                       << "do not have rows x cols";
    }

    // Every error is one line, and no folder (nor temporary) is left behind.
    void writerErrors()
    {
        QFETCH(QString, defect);
        QFETCH(QString, message);
        const QuantizedMatrix m = randomQuantizedMatrix({ 4, 64, 128, 64, false, false, 1, false, 3 });
        PackedLinear l = packedLinear(kWeight, m);
        GptqCheckpointOptions options { false, false, false, 0.01 };
        if (defect == QLatin1String("5 bits"))
            l.bits = 5;
        else if (defect == QLatin1String("scale not fp16"))
            l.scales[3] = 0.1f;
        else if (defect == QLatin1String("code 16 at 4 bits"))
            l.codes[10] = 16;
        else if (defect == QLatin1String("sym with an asymmetric zero"))
            options.sym = true;
        else if (defect == QLatin1String("40 outputs"))
            l.rows = 40;
        else if (defect == QLatin1String("unknown tensor"))
            l.name = "model.layers.9.mlp.up_proj.weight";
        else if (defect == QLatin1String("g_idx out of range"))
            l.groupIndex[2] = 7;
        else
            l.codes.pop_back();
        QTemporaryDir dir;
        writeSource(pathOf(dir) / "source", { { kWeight, { 64, 128 } } });
        const fs::path out = pathOf(dir) / "gptq";
        const std::string error
            = errorOf([&] { writeGptqCheckpoint(*openModel(pathOf(dir) / "source"), { l }, options, out); });
        QVERIFY2(error.find(message.toStdString()) != std::string::npos, error.c_str());
        QVERIFY(error.find('\n') == std::string::npos);
        QVERIFY(!fs::exists(out));
    }

    void cancelLeavesNothing()
    {
        const QuantizedMatrix m = randomQuantizedMatrix({ 4, 64, 128, 64, false, false, 1, false, 3 });
        QTemporaryDir dir;
        writeSource(pathOf(dir) / "source", { { kWeight, { 64, 128 } } });
        int calls = 0;
        const auto stopAtSecond = [&](double) {
            return ++calls < 2;
        };
        QVERIFY_THROWS_EXCEPTION(Cancelled,
            writeGptqCheckpoint(*openModel(pathOf(dir) / "source"), { packedLinear(kWeight, m) },
                GptqCheckpointOptions {}, pathOf(dir) / "gptq", stopAtSecond));
        QCOMPARE(std::distance(fs::directory_iterator(pathOf(dir)), fs::directory_iterator()), 1L); // the source only
    }

    // A tiny Llama with every decoder linear at 4 bits in groups of 64: packed by the tests and
    // by the writer (the same bytes), each opens to the expected weights, and both run to the
    // logits of the same model with those weights stored as float32.
    void tinyModelOpensAndEvaluates()
    {
        QTemporaryDir dir;
        const fs::path source = pathOf(dir) / "source", packed = pathOf(dir) / "packed",
                       written = pathOf(dir) / "written", floats = pathOf(dir) / "floats";
        const TinyTransformer tiny = writeTinyTransformer(source, narrowSpec(192));
        const auto sourceModel = openModel(source);
        std::map<std::string, QuantizedMatrix> quantized;
        std::vector<PackedLinear> linears;
        std::vector<SafetensorsEntry> packedEntries, floatEntries, expectedComponents;
        for (const TensorInfo &t : sourceModel->tensors()) {
            const std::vector<float> values = test::tensorValues(*sourceModel, t.name);
            if (t.name.starts_with("model.layers.") && t.shape.size() == 2) {
                const QuantizedMatrix m = quantizeWeights(values, t.rows(), t.cols(), 4, 64);
                const auto components = gptqEntries(t.name.substr(0, t.name.size() - 7), m, false);
                packedEntries.insert(packedEntries.end(), components.begin(), components.end());
                expectedComponents.insert(expectedComponents.end(), components.begin(), components.end());
                floatEntries.push_back(f32Entry(t.name, t.shape, m.expected()));
                linears.push_back(packedLinear(t.name, m));
                quantized.emplace(t.name, m);
            } else {
                packedEntries.push_back(f32Entry(t.name, t.shape, values));
                floatEntries.push_back(f32Entry(t.name, t.shape, values));
            }
        }
        QCOMPARE(linears.size(), size_t(14));
        nlohmann::json config = readJson(source / "config.json");
        fs::create_directories(packed);
        fs::create_directories(floats);
        writeSafetensors(floats / "model.safetensors", floatEntries);
        std::ofstream(floats / "config.json") << config.dump();
        config["quantization_config"] = gptqConfig(4, 64, false, false);
        writeSafetensors(packed / "model.safetensors", packedEntries);
        std::ofstream(packed / "config.json") << config.dump();
        QCOMPARE(
            writeGptqCheckpoint(*sourceModel, linears, GptqCheckpointOptions { false, false, false, 0.01 }, written)
                .checkpointFormat,
            std::string("gptq"));
        checkComponents(written / "model.safetensors", expectedComponents);

        for (const fs::path &path : { packed, written }) {
            const auto model = openModel(path);
            QCOMPARE(model->tensors().size(), sourceModel->tensors().size());
            for (const TensorInfo &t : sourceModel->tensors()) {
                const auto it = quantized.find(t.name);
                const std::vector<float> expected = it != quantized.end() ? it->second.expected() : tiny[t.name];
                QVERIFY2(bitwiseEqual(test::tensorValues(*model, t.name), expected), t.name.c_str());
                QCOMPARE(model->find(t.name)->dtype, it != quantized.end() ? DType::GPTQ : DType::F32);
            }
        }

        std::mt19937 random(5);
        std::vector<int32_t> tokens(12);
        for (int32_t &token : tokens)
            token = int32_t(random() % uint32_t(tiny.spec.vocab));
        const std::vector<float> reference = logitsOf(floats, tokens);
        QVERIFY(bitwiseEqual(logitsOf(packed, tokens), reference));
        QVERIFY(bitwiseEqual(logitsOf(written, tokens), reference));
    }
};

QTEST_GUILESS_MAIN(TestGptqCheckpoint)
#include "tst_gptqcheckpoint.moc"
