// Reading packed quantized checkpoints: GPTQ (v1/v2, 2/3/4/8 bits, any group size, act-order),
// AutoAWQ GEMM and compressed-tensors pack-quantized. The fixtures are packed by the tests
// (support/packedfixtures.h); each linear must appear as one tensor whose rows dequantize to
// exactly scale · (q − z), its components hidden, and unsupported variants must be refused in
// one clear line.
#include "formats/model.h"
#include "support/fixtures.h"
#include "support/packedfixtures.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <fstream>
#include <tuple>

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

std::vector<float> readRows(const Model &model, const TensorInfo &t, int64_t begin, int64_t end)
{
    std::vector<float> out(static_cast<size_t>((end - begin) * t.cols()));
    model.readRows(t, begin, end, out.data());
    return out;
}

bool bitwiseEqual(const std::vector<float> &a, const float *b, size_t count)
{
    return a.size() == count && std::memcmp(a.data(), b, count * sizeof(float)) == 0;
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

// The linear's components plus a bias and a norm, which must stay plain tensors.
std::vector<SafetensorsEntry> withPlainTensors(std::vector<SafetensorsEntry> entries, int64_t rows)
{
    entries.push_back(f32Entry(kPrefix + ".bias", { rows }, randomValues(size_t(rows), 7)));
    entries.push_back(f32Entry("model.norm.weight", { 64 }, randomValues(64, 8)));
    return entries;
}

// Opens `dir` and checks the one packed tensor: catalog entry, label, hidden components and
// every row (all at once and a range from the middle) against m.expected(), bitwise.
void checkPackedModel(
    const fs::path &dir, const QuantizedMatrix &m, DType dtype, const std::string &label, uint64_t componentBytes)
{
    const auto model = openModel(dir);
    const TensorInfo *t = model->find(kWeight);
    QVERIFY(t);
    QCOMPARE(t->shape, (std::vector<int64_t> { m.rows, m.cols }));
    QCOMPARE(t->dtype, dtype);
    QCOMPARE(t->dtypeLabel, label);
    QVERIFY(t->packed);
    QCOMPARE(t->byteSize, componentBytes);
    QCOMPARE(model->tensors().size(), size_t(3)); // the weight, its bias, the norm
    QVERIFY(model->find(kPrefix + ".bias") && !model->find(kPrefix + ".bias")->packed);
    QVERIFY(model->find("model.norm.weight"));

    const std::vector<float> expected = m.expected();
    QVERIFY(bitwiseEqual(readRows(*model, *t, 0, m.rows), expected.data(), expected.size()));
    const int64_t begin = m.rows / 3, end = m.rows / 3 + 5;
    QVERIFY(bitwiseEqual(readRows(*model, *t, begin, end), expected.data() + begin * m.cols, size_t(5 * m.cols)));
    QVERIFY(model->rowBytes(*t) > 0);
    QVERIFY(errorOf([&] { model->rawBytes(*t); }).find("packed") != std::string::npos);
}

uint64_t dataBytes(const std::vector<SafetensorsEntry> &entries, const std::string &except = "")
{
    uint64_t total = 0;
    for (const SafetensorsEntry &e : entries)
        total += e.name == except ? 0 : e.data.size();
    return total;
}

} // namespace

class TestPackedCheckpoints : public QObject
{
    Q_OBJECT

private slots:
    void gptq_data()
    {
        QTest::addColumn<int>("bits");
        QTest::addColumn<int>("groupSize");
        QTest::addColumn<bool>("v2");
        QTest::addColumn<bool>("sym");
        QTest::addColumn<bool>("actOrder");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<QString>("label");
        QTest::newRow("int4 g128 v1 asym") << 4 << 128 << false << false << false << 64 << 256 << "GPTQ int4 g128 (v1)";
        QTest::newRow("int4 g128 v1 sym") << 4 << 128 << false << true << false << 64 << 256 << "GPTQ int4 g128 (v1)";
        QTest::newRow("int2 g64 v1") << 2 << 64 << false << false << false << 32 << 128 << "GPTQ int2 g64 (v1)";
        QTest::newRow("int3 g128 act-order 192x576")
            << 3 << 128 << false << false << true << 192 << 576 << "GPTQ int3 g128 act-order (v1)";
        QTest::newRow("int8 per-channel v2")
            << 8 << -1 << true << false << false << 64 << 96 << "GPTQ int8 per-channel (v2)";
        QTest::newRow("int4 g32 v2 act-order")
            << 4 << 32 << true << false << true << 192 << 576 << "GPTQ int4 g32 act-order (v2)";
        QTest::newRow("int3 per-channel v2 sym")
            << 3 << -1 << true << true << false << 96 << 64 << "GPTQ int3 per-channel (v2)";
        QTest::newRow("int8 g128 v1 sym act-order")
            << 8 << 128 << false << true << true << 32 << 384 << "GPTQ int8 g128 act-order (v1)";
    }

    void gptq()
    {
        QFETCH(int, bits);
        QFETCH(int, groupSize);
        QFETCH(bool, v2);
        QFETCH(bool, sym);
        QFETCH(bool, actOrder);
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(QString, label);
        MatrixSpec spec { bits, rows, cols, groupSize, sym, actOrder, v2 ? 0 : 1, false, unsigned(bits * 100 + rows) };
        const QuantizedMatrix m = randomQuantizedMatrix(spec);
        const std::vector<SafetensorsEntry> components = gptqEntries(kPrefix, m, v2);
        QTemporaryDir dir;
        writePackedCheckpoint(pathOf(dir), withPlainTensors(components, rows),
            gptqConfig(bits, groupSize, actOrder, sym, v2 ? "gptq_v2" : "gptq"));
        checkPackedModel(pathOf(dir), m, DType::GPTQ, label.toStdString(), dataBytes(components));
    }

    // Older AutoGPTQ checkpoints keep the config in quantize_config.json, without quant_method.
    void gptqConfigInQuantizeConfigJson()
    {
        const QuantizedMatrix m = randomQuantizedMatrix({ 4, 64, 128, 64, false, false, 1, false, 3 });
        const auto components = gptqEntries(kPrefix, m, false);
        QTemporaryDir dir;
        writePackedCheckpoint(pathOf(dir), withPlainTensors(components, m.rows), nullptr);
        nlohmann::json config = gptqConfig(4, 64, false, false);
        config.erase("quant_method");
        config.erase("checkpoint_format");
        std::ofstream(pathOf(dir) / "quantize_config.json") << config.dump();
        checkPackedModel(pathOf(dir), m, DType::GPTQ, "GPTQ int4 g64 (v1)", dataBytes(components));
    }

    // A lone model.safetensors opened as a file reads its folder's quantization config too.
    void gptqSingleFile()
    {
        const QuantizedMatrix m = randomQuantizedMatrix({ 4, 64, 128, 128, false, false, 1, false, 4 });
        QTemporaryDir dir;
        writePackedCheckpoint(
            pathOf(dir), withPlainTensors(gptqEntries(kPrefix, m, false), m.rows), gptqConfig(4, 128, false, false));
        const auto model = openModel(pathOf(dir) / "model.safetensors");
        const TensorInfo *t = model->find(kWeight);
        QVERIFY(t && t->dtype == DType::GPTQ);
        const std::vector<float> expected = m.expected();
        QVERIFY(bitwiseEqual(readRows(*model, *t, 0, m.rows), expected.data(), expected.size()));
    }

    void awq_data()
    {
        QTest::addColumn<int>("groupSize");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::newRow("g64 192x576") << 64 << 192 << 576;
        QTest::newRow("g128 96x512") << 128 << 96 << 512;
        QTest::newRow("per-channel 64x256") << -1 << 64 << 256;
    }

    void awq()
    {
        QFETCH(int, groupSize);
        QFETCH(int, rows);
        QFETCH(int, cols);
        // AWQ zeros are true zeros, 0 included.
        const QuantizedMatrix m = randomQuantizedMatrix({ 4, rows, cols, groupSize, false, false, 0, false, 11 });
        const std::vector<SafetensorsEntry> components = awqEntries(kPrefix, m);
        QTemporaryDir dir;
        writePackedCheckpoint(pathOf(dir), withPlainTensors(components, rows), awqConfig(groupSize));
        const std::string label = groupSize < 0 ? "AWQ int4 per-channel" : "AWQ int4 g" + std::to_string(groupSize);
        checkPackedModel(pathOf(dir), m, DType::AWQ_GEMM, label, dataBytes(components));
    }

    void compressedTensors_data()
    {
        QTest::addColumn<int>("bits");
        QTest::addColumn<int>("groupSize");
        QTest::addColumn<bool>("sym");
        QTest::addColumn<bool>("actOrder");
        QTest::addColumn<QString>("scaleDtype");
        QTest::addColumn<QString>("shapeDtype");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<QString>("label");
        QTest::newRow("W4A16 g128 sym 192x576") << 4 << 128 << true << false << "F16"
                                                << "I64" << 192 << 576 << "compressed-tensors int4 g128 sym";
        QTest::newRow("W4A16_ASYM bf16") << 4 << 128 << false << false << "BF16"
                                         << "I64" << 64 << 256 << "compressed-tensors int4 g128 asym";
        QTest::newRow("int8 channel sym f32") << 8 << -1 << true << false << "F32"
                                              << "I32" << 48 << 96 << "compressed-tensors int8 per-channel sym";
        QTest::newRow("int4 g64 asym act-order") << 4 << 64 << false << true << "F16"
                                                 << "I64" << 64 << 192 << "compressed-tensors int4 g64 asym act-order";
        QTest::newRow("int2 g32 asym, 100 outputs") << 2 << 32 << false << false << "F16"
                                                    << "I32" << 100 << 96 << "compressed-tensors int2 g32 asym";
        QTest::newRow("int3 channel asym, 10 per word")
            << 3 << -1 << false << false << "F16"
            << "I64" << 40 << 75 << "compressed-tensors int3 per-channel asym";
    }

    void compressedTensors()
    {
        QFETCH(int, bits);
        QFETCH(int, groupSize);
        QFETCH(bool, sym);
        QFETCH(bool, actOrder);
        QFETCH(QString, scaleDtype);
        QFETCH(QString, shapeDtype);
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(QString, label);
        const bool bf16 = scaleDtype == QLatin1String("BF16");
        const QuantizedMatrix m = randomQuantizedMatrix({ bits, rows, cols, groupSize, sym, actOrder, 0, bf16, 21 });
        const auto components
            = compressedTensorsEntries(kPrefix, m, sym, scaleDtype.toStdString(), shapeDtype.toStdString());
        QTemporaryDir dir;
        writePackedCheckpoint(
            pathOf(dir), withPlainTensors(components, rows), compressedTensorsConfig(bits, groupSize, sym, actOrder));
        checkPackedModel(
            pathOf(dir), m, DType::CT_PACKED, label.toStdString(), dataBytes(components, kPrefix + ".weight_shape"));
    }

    // Config groups pick each module's parameters: its name, then a regex, then its class.
    void compressedTensorsGroupsByTarget()
    {
        const std::string k = "model.layers.0.self_attn.k_proj", v = "model.layers.0.self_attn.v_proj";
        const QuantizedMatrix q8 = randomQuantizedMatrix({ 8, 32, 64, -1, true, false, 0, false, 31 });
        const QuantizedMatrix k4 = randomQuantizedMatrix({ 4, 32, 64, 32, false, false, 0, false, 32 });
        const QuantizedMatrix v2 = randomQuantizedMatrix({ 2, 32, 64, 16, false, false, 0, false, 33 });
        std::vector<SafetensorsEntry> entries = compressedTensorsEntries(kPrefix, q8, true);
        for (auto [prefix, m] : { std::pair { k, &k4 }, std::pair { v, &v2 } }) {
            const auto more = compressedTensorsEntries(prefix, *m, false);
            entries.insert(entries.end(), more.begin(), more.end());
        }
        nlohmann::json config = compressedTensorsConfig(4, 32, false, false);
        nlohmann::json byRegex = compressedTensorsConfig(8, -1, true, false)["config_groups"]["group_0"];
        byRegex["targets"] = { "re:.*q_proj$" };
        nlohmann::json byName = compressedTensorsConfig(2, 16, false, false)["config_groups"]["group_0"];
        byName["targets"] = { v };
        config["config_groups"]["group_1"] = byRegex;
        config["config_groups"]["group_2"] = byName;
        QTemporaryDir dir;
        writePackedCheckpoint(pathOf(dir), entries, config);
        const auto model = openModel(pathOf(dir));
        for (auto [prefix, m, label] : { std::tuple { kPrefix, &q8, "compressed-tensors int8 per-channel sym" },
                 std::tuple { k, &k4, "compressed-tensors int4 g32 asym" },
                 std::tuple { v, &v2, "compressed-tensors int2 g16 asym" } }) {
            const TensorInfo *t = model->find(prefix + ".weight");
            QVERIFY(t);
            QCOMPARE(t->dtypeLabel, std::string(label));
            const std::vector<float> expected = m->expected();
            QVERIFY(bitwiseEqual(readRows(*model, *t, 0, m->rows), expected.data(), expected.size()));
        }
        QCOMPARE(model->tensors().size(), size_t(3));
    }

    // AutoAWQ's own quant_config.json: no quant_method, w_bit and q_group_size, version "GEMM".
    void awqLegacyQuantConfigJson()
    {
        const QuantizedMatrix m = randomQuantizedMatrix({ 4, 64, 128, 64, false, false, 0, false, 12 });
        QTemporaryDir dir;
        writePackedCheckpoint(pathOf(dir), withPlainTensors(awqEntries(kPrefix, m), m.rows), nullptr);
        std::ofstream(pathOf(dir) / "quant_config.json")
            << R"({"zero_point": true, "q_group_size": 64, "w_bit": 4, "version": "GEMM"})";
        checkPackedModel(pathOf(dir), m, DType::AWQ_GEMM, "AWQ int4 g64", dataBytes(awqEntries(kPrefix, m)));
    }

    void unsupportedVariants_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("message");
        const auto gptq = [](const char *key, nlohmann::json value) {
            nlohmann::json c = gptqConfig(4, 128, false, false);
            c[key] = value;
            return QByteArray::fromStdString(c.dump());
        };
        nlohmann::json ct = compressedTensorsConfig(4, 128, true, false);
        const auto ctWith = [&](const char *format) {
            nlohmann::json c = ct;
            c["format"] = format;
            return QByteArray::fromStdString(c.dump());
        };
        nlohmann::json ctFloat = ct;
        ctFloat["config_groups"]["group_0"]["weights"]["type"] = "float";
        QTest::newRow("gptq marlin") << gptq("checkpoint_format",
            "marlin") << "GPTQ checkpoint_format 'marlin' is not supported (BitCliff reads gptq and gptq_v2)";
        QTest::newRow("gptq_p") << gptq("checkpoint_format", "gptq_p")
                                << "GPTQ checkpoint_format 'gptq_p' is not supported";
        QTest::newRow("bitblas") << gptq("checkpoint_format", "bitblas") << "'bitblas' is not supported";
        QTest::newRow("5-bit") << gptq("bits", 5) << "GPTQ 5-bit checkpoints (planar packing) are not supported";
        QTest::newRow("int16 words") << gptq("pack_dtype", "int16") << "GPTQ pack_dtype 'int16' is not supported";
        QTest::newRow("awq gemv") << QByteArray::fromStdString(awqConfig(128, "gemv").dump())
                                  << "AWQ version 'gemv' is not supported (BitCliff reads gemm)";
        QTest::newRow("awq gemv_fast") << QByteArray::fromStdString(awqConfig(128, "gemv_fast").dump())
                                       << "AWQ version 'gemv_fast' is not supported";
        QTest::newRow("awq marlin") << QByteArray::fromStdString(awqConfig(128, "marlin").dump())
                                    << "AWQ version 'marlin' is not supported";
        QTest::newRow("ct float-quantized")
            << ctWith("float-quantized") << "compressed-tensors format 'float-quantized' is not supported";
        QTest::newRow("ct nvfp4") << ctWith("nvfp4-pack-quantized") << "format 'nvfp4-pack-quantized' is not supported";
        QTest::newRow("ct marlin-24") << ctWith("marlin-24") << "format 'marlin-24' is not supported";
        QTest::newRow("ct float weights")
            << QByteArray::fromStdString(ctFloat.dump()) << "compressed-tensors 'float' weights are not supported";
    }

    void unsupportedVariants()
    {
        QFETCH(QByteArray, config);
        QFETCH(QString, message);
        const QuantizedMatrix m = randomQuantizedMatrix({ 4, 32, 128, 128, false, false, 1, false, 5 });
        QTemporaryDir dir;
        writePackedCheckpoint(pathOf(dir), withPlainTensors(gptqEntries(kPrefix, m, false), m.rows),
            nlohmann::json::parse(config.toStdString()));
        const std::string error = errorOf([&] { openModel(pathOf(dir)); });
        QVERIFY2(error.find(message.toStdString()) != std::string::npos, error.c_str());
        QVERIFY2(error.find("config.json: ") != std::string::npos, error.c_str()); // names the file
        QVERIFY(error.find('\n') == std::string::npos);
    }

    void corruptComponents_data()
    {
        QTest::addColumn<QString>("defect");
        QTest::addColumn<QString>("message");
        QTest::newRow("truncated qweight") << "truncated qweight"
                                           << "q_proj.qweight' has shape [15, 32] where the layout needs [16, 32]";
        QTest::newRow("missing scales") << "missing scales"
                                        << "has no 'model.layers.0.self_attn.q_proj.scales' beside it";
        QTest::newRow("float qzeros") << "float qzeros"
                                      << "qzeros' has type F32 where the layout needs I32";
        QTest::newRow("groups of 64 claimed") << "groups of 64 claimed"
                                              << "has 1 groups where group_size 64 over 128 inputs needs 2";
        QTest::newRow("weight beside qweight") << "weight beside qweight"
                                               << "has both";
        QTest::newRow("ct asym without zero point") << "ct asym without zero point"
                                                    << "is asymmetric but has no";
    }

    void corruptComponents()
    {
        QFETCH(QString, defect);
        QFETCH(QString, message);
        const QuantizedMatrix m = randomQuantizedMatrix({ 4, 32, 128, 128, false, false, 1, false, 6 });
        std::vector<SafetensorsEntry> entries = gptqEntries(kPrefix, m, false);
        nlohmann::json config = gptqConfig(4, 128, false, false);
        if (defect == QLatin1String("truncated qweight")) {
            entries[0].shape[0] -= 1;
            entries[0].data.resize(entries[0].data.size() - 32 * 4);
        } else if (defect == QLatin1String("missing scales")) {
            entries.erase(entries.begin() + 2);
        } else if (defect == QLatin1String("float qzeros")) {
            entries[1].dtype = "F32";
        } else if (defect == QLatin1String("groups of 64 claimed")) {
            config["group_size"] = 64;
        } else if (defect == QLatin1String("weight beside qweight")) {
            entries.push_back(f32Entry(kWeight, { 32, 128 }, randomValues(32 * 128, 9)));
        } else {
            entries = compressedTensorsEntries(kPrefix, m, true);
            config = compressedTensorsConfig(4, 128, false, false);
        }
        QTemporaryDir dir;
        writePackedCheckpoint(pathOf(dir), entries, config);
        const std::string error = errorOf([&] { openModel(pathOf(dir)); });
        QVERIFY2(error.find(message.toStdString()) != std::string::npos, error.c_str());
        QVERIFY(error.find('\n') == std::string::npos);
    }

    // A g_idx naming a group that does not exist is found when the rows are read.
    void groupIndexOutOfRange()
    {
        QuantizedMatrix m = randomQuantizedMatrix({ 4, 32, 128, 64, false, false, 1, false, 7 });
        m.gIdx[17] = 9;
        QTemporaryDir dir;
        writePackedCheckpoint(pathOf(dir), gptqEntries(kPrefix, m, false), gptqConfig(4, 64, true, false));
        const auto model = openModel(pathOf(dir));
        const std::string error = errorOf([&] { readRows(*model, *model->find(kWeight), 0, 4); });
        QVERIFY2(error.find("g_idx of input 17 is 9, outside the 2 groups") != std::string::npos, error.c_str());
        QVERIFY(error.starts_with(kWeight));
    }
};

QTEST_GUILESS_MAIN(TestPackedCheckpoints)
#include "tst_packedcheckpoints.moc"
