// GPTQ's results on disk (export/preparedexport.h), in one process so that "the plan's
// values" are the very values GPTQ produced: a GPTQ checkpoint, a GGUF file and a
// fake-quantized checkpoint of a tiny model of awkward shapes (rows of 192: GPTQ's g128 falls
// back to g96) each reopen and dequantize to exactly the overlay's values, bit for bit — with
// act-order's scattered groups, asymmetric and per-channel grids, every GGUF grid and the
// Q/K row permutation of llama GGUF files — while the tensors GPTQ did not quantize are copied
// (GPTQ checkpoint) or rounded as the plan rounds them (GGUF, fake). The per-tensor report of
// any recipe (calibrate/preparedreport.h) measures those same values.
#include "calibrate/preparedreport.h"
#include "calibrate/preparedweights.h"
#include "export/gptqcodes.h"
#include "export/preparedexport.h"
#include "formats/hfggufmapping.h"
#include "support/evalfixtures.h"
#include "support/fixtures.h"
#include "support/trainerfixtures.h"
#include "tokenize/tokenizer.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

// Empty when `got` and `expected` are equal bit for bit (+0 is not -0), else where they differ.
std::string difference(const std::string &name, const std::vector<float> &got, const std::vector<float> &expected)
{
    if (got.size() != expected.size())
        return name + ": " + std::to_string(got.size()) + " values, expected " + std::to_string(expected.size());
    for (size_t k = 0; k < got.size(); ++k)
        if (std::memcmp(&got[k], &expected[k], sizeof(float)) != 0)
            return name + " [" + std::to_string(k) + "]: " + std::to_string(got[k]) + " (sign " + (std::signbit(got[k]) ? "-" : "+")
                + "), expected " + std::to_string(expected[k]) + " (sign " + (std::signbit(expected[k]) ? "-" : "+") + ")";
    return {};
}

#define QCOMPARE_BITS(name, got, expected)                                                                             \
    do {                                                                                                               \
        const std::string why = difference(name, got, expected);                                                       \
        QVERIFY2(why.empty(), why.c_str());                                                                            \
    } while (false)

// What the plan evaluates `tensor` with: the method's values, the plain rounding, or as stored.
std::vector<float> planValues(const Model &original, const PreparedWeights &prepared, const TensorInfo &tensor)
{
    if (prepared.plan->isPrepared(tensor.name))
        return test::tensorValues(*prepared.model, tensor.name);
    const TensorTreatment treatment = prepared.plan->treatment(tensor);
    if (treatment.quantizes())
        return fakeQuantizeTensor(original, tensor, treatment.scheme);
    return test::tensorValues(original, tensor.name);
}

} // namespace

class TestGptqExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_source = fs::path(m_dir.path().toStdString()) / "source";
        test::TinyTransformerSpec spec = test::narrowSpec(192);
        spec.layers = 2; // q, k, v, o of 192 columns, down of 512; untied output head
        test::writeEvaluableModel(m_source, spec);
        m_model = openModel(m_source);
        CalibrationSpec cs;
        cs.texts = {corpusText("calibration.txt", "en", test::sampleText(400))};
        cs.sequences = 8;
        cs.length = 48;
        m_calibration = calibrationSet(*tokenizerForModel(*m_model), cs);
    }

    void gptqCheckpointDequantizesToThePlan_data()
    {
        QTest::addColumn<QString>("recipe");
        QTest::newRow("b4 g128, g96 on rows of 192") << "gptq:b4:g128";
        QTest::newRow("b3 g64 asym act-order") << "gptq:b3:g64:asym:actorder";
        QTest::newRow("b4 g64 act-order static") << "gptq:b4:g64:actorder:static:damp2";
        QTest::newRow("b8 channel") << "gptq:b8:channel";
        QTest::newRow("b2 g32 asym") << "gptq:b2:g32:asym";
    }

    void gptqCheckpointDequantizesToThePlan()
    {
        QFETCH(QString, recipe);
        const QuantRecipe r = QuantRecipe::parse(recipe.toStdString());
        const PreparedWeights prepared = prepare(r, true);
        const fs::path out = test::subdirectory(m_dir.path().toStdString(), QTest::currentDataTag());
        const GptqCheckpointResult result = writePreparedGptqCheckpoint(*m_model, prepared, r, out);
        QCOMPARE(result.packedLinears, 14);

        const auto written = openModel(out);
        bool scattered = false, v2Needed = false;
        for (const GptqTensor &t : prepared.gptq) {
            const TensorInfo *info = written->find(t.name);
            QVERIFY2(info && info->dtype == DType::GPTQ, t.name.c_str());
            QCOMPARE_BITS(t.name, test::tensorValues(*written, t.name), test::tensorValues(*prepared.model, t.name));
            const std::vector<int32_t> &g = t.result.groupIndex;
            scattered = scattered || !std::is_sorted(g.begin(), g.end());
            const PackedLinear packed = packedLinearOf(t);
            v2Needed = v2Needed || !fitsGptqV1(packed);
        }
        QCOMPARE(scattered, r.gptq.actOrder && !r.gptq.staticGroups); // act-order's groups in processing order
        QCOMPARE(result.checkpointFormat, std::string(v2Needed ? "gptq_v2" : "gptq"));
        // Everything GPTQ did not quantize is the source's, byte for byte (the head unquantized).
        for (const TensorInfo &t : m_model->tensors()) {
            if (prepared.plan->isPrepared(t.name))
                continue;
            const auto a = m_model->rawBytes(t), b = written->rawBytes(*written->find(t.name));
            QVERIFY2(std::equal(a.begin(), a.end(), b.begin(), b.end()), t.name.c_str());
        }

        std::ifstream in(out / "config.json");
        const nlohmann::json config = nlohmann::json::parse(in)["quantization_config"];
        QCOMPARE(config["quant_method"].get<std::string>(), std::string("gptq"));
        QCOMPARE(config["checkpoint_format"].get<std::string>(), result.checkpointFormat);
        QCOMPARE(config["bits"].get<int>(), r.scheme.bits);
        QCOMPARE(config["desc_act"].get<bool>(), r.gptq.actOrder);
        QCOMPARE(config["static_groups"].get<bool>(), r.gptq.staticGroups);
        QCOMPARE(config["sym"].get<bool>(), r.scheme.symmetric);
        QCOMPARE(config["damp_percent"].get<double>(), r.gptq.dampPercent / 100);
        QCOMPARE(config["lm_head"].get<bool>(), false);
        // q_proj has rows of 192: g128 fell back to g96; channel grids are group_size -1.
        const int first = r.scheme.granularity == Granularity::Channel ? -1
                          : r.scheme.groupSize == 128 ? 96 : r.scheme.groupSize;
        QCOMPARE(config["group_size"].get<int>(), first);
    }

    void ggufDequantizesToThePlan_data()
    {
        QTest::addColumn<QString>("recipe");
        QTest::addColumn<int>("type");
        QTest::newRow("q4_0") << "gptq:q4_0" << int(DType::Q4_0);
        QTest::newRow("q4_1") << "gptq:q4_1" << int(DType::Q4_1);
        QTest::newRow("q5_0") << "gptq:q5_0" << int(DType::Q5_0);
        QTest::newRow("q8_0") << "gptq:q8_0" << int(DType::Q8_0);
        QTest::newRow("q4_0 act-order static") << "gptq:q4_0:actorder:static" << int(DType::Q4_0);
    }

    // Every tensor of the GGUF file dequantizes to the plan's values: GPTQ's where it ran, the
    // same type's rounding for the embedding and head, norms as stored; Q and K rows in
    // llama.cpp's order.
    void ggufDequantizesToThePlan()
    {
        QFETCH(QString, recipe);
        QFETCH(int, type);
        const PreparedWeights prepared = prepare(QuantRecipe::parse(recipe.toStdString()), true);
        const fs::path file = test::subdirectory(m_dir.path().toStdString(), QTest::currentDataTag()).string() + ".gguf";
        QCOMPARE(exportPreparedGguf(*m_model, prepared, file), 16);
        const auto written = openModel(file);
        int fromGptq = 0;
        for (const TensorInfo &t : m_model->tensors()) {
            const TensorInfo *got = written->find(ggufTensorName(t.name));
            QVERIFY2(got, t.name.c_str());
            std::vector<float> expected = planValues(*m_model, prepared, t);
            if (const int heads = permutedHeads("llama", t.name, m_model->architecture()); heads > 0) {
                const int64_t headDim = t.rows() / heads, cols = t.cols();
                std::vector<float> permuted(expected.size());
                for (int64_t r = 0; r < t.rows(); ++r)
                    std::copy_n(expected.begin() + permutedSourceRow(r, headDim) * cols, cols,
                                permuted.begin() + r * cols);
                expected = std::move(permuted);
            }
            QCOMPARE_BITS(t.name, test::tensorValues(*written, got->name), expected);
            if (prepared.plan->isPrepared(t.name)) {
                QCOMPARE(int(got->dtype), type);
                ++fromGptq;
            }
        }
        QCOMPARE(fromGptq, 14);
    }

    void fakeQuantizedCheckpointHoldsThePlan()
    {
        const PreparedWeights prepared = prepare(QuantRecipe::parse("gptq:b3:g64:asym:actorder"), false);
        const fs::path out = fs::path(m_dir.path().toStdString()) / "fake";
        QCOMPARE(exportPreparedFakeQuantized(*m_model, prepared, out), 16);
        const auto written = openModel(out);
        for (const TensorInfo &t : m_model->tensors())
            QCOMPARE_BITS(t.name, test::tensorValues(*written, t.name), planValues(*m_model, prepared, t));
    }

    // The report measures the overlay's values for GPTQ's tensors and rounds the rest; a plain
    // recipe's report is quantizeModel's.
    void reportMeasuresThePlan()
    {
        const PreparedWeights prepared = prepare(QuantRecipe::parse("gptq:b3:g64:asym"), false);
        const auto report = quantReportOf(m_model, prepared, 2);
        QCOMPARE(report->recipe(), std::string("gptq:b3:g64:asym"));
        QCOMPARE(report->summary.describe(), prepared.plan->summarize(*m_model).describe());
        QuantizeOptions rtn;
        rtn.scheme = QuantScheme::parse("rtn:b3:g64:asym");
        const auto rounded = quantizeModel(m_model, rtn);
        for (size_t i = 0; i < report->tensors.size(); ++i) {
            const TensorQuantResult &t = report->tensors[i];
            const std::string &name = t.name;
            QCOMPARE(t.quantized, rounded->tensors[i].quantized);
            if (!t.quantized)
                continue;
            const std::vector<float> original = test::tensorValues(*m_model, name);
            const std::vector<float> quantized = planValues(*m_model, prepared, *m_model->find(name));
            double sse = 0;
            for (size_t k = 0; k < original.size(); ++k)
                sse += double(original[k] - quantized[k]) * double(original[k] - quantized[k]);
            QVERIFY2(std::abs(t.error.mse - sse / double(original.size())) <= 1e-6 * t.error.mse, name.c_str());
            if (prepared.plan->isPrepared(name))
                QVERIFY2(t.error.mse != rounded->tensors[i].error.mse, name.c_str()); // GPTQ's values, not rtn's
            else
                QCOMPARE(t.error.mse, rounded->tensors[i].error.mse); // the embedding, rounded to nearest
        }

        const PreparedWeights plain = prepareWeights(m_model, QuantRecipe::parse("rtn:b3:g64:asym"), {});
        const auto same = quantReportOf(m_model, plain);
        for (size_t i = 0; i < same->tensors.size(); ++i)
            QCOMPARE(same->tensors[i].error.mse, rounded->tensors[i].error.mse);
        QCOMPARE(same->summary.describe(), rounded->summary.describe());
    }

    void refusals()
    {
        const PreparedWeights withoutCodes = prepare(QuantRecipe::parse("gptq:q4_0"), false);
        QVERIFY(test::errorOf([&] { exportPreparedGguf(*m_model, withoutCodes, m_dir.filePath("x.gguf").toStdString()); })
                    .find("codes were not kept") != std::string::npos);
        QVERIFY(!fs::exists(m_dir.filePath("x.gguf").toStdString()));
        QVERIFY(test::errorOf([&] { packedLinearOf(withoutCodes.gptq.front()); }).find("rtn grids") != std::string::npos);
        for (const auto &[recipe, mention] : std::vector<std::pair<const char *, const char *>>{
                 {"gptq:q4_0", "GGUF block type"}, {"gptq:b5:g64", "2, 3, 4 or 8 bits"}, {"rtn:b4:g64", "gptq"}})
            QVERIFY2(gptqCheckpointProblem(*m_model, QuantRecipe::parse(recipe)).find(mention) != std::string::npos,
                     recipe);
        QVERIFY(gptqCheckpointProblem(*m_model, QuantRecipe::parse("gptq:b3:g64")).empty());
        const PreparedWeights rtnGrid = prepare(QuantRecipe::parse("gptq:b4:g64"), true);
        QVERIFY(test::errorOf([&] { exportPreparedGguf(*m_model, rtnGrid, m_dir.filePath("y.gguf").toStdString()); })
                    .find("GGUF grid") != std::string::npos);
    }

private:
    PreparedWeights prepare(const QuantRecipe &recipe, bool keepCodes) const
    {
        PrepareOptions options;
        options.calibration = &m_calibration;
        options.threads = 2;
        options.keepCodes = keepCodes;
        return prepareWeights(m_model, recipe, options);
    }

    QTemporaryDir m_dir;
    fs::path m_source;
    std::shared_ptr<const Model> m_model;
    CalibrationSet m_calibration;
};

QTEST_GUILESS_MAIN(TestGptqExport)
#include "tst_gptqexport.moc"
