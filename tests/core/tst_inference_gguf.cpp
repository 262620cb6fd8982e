// The inference engine on GGUF files and fake-quantized weights. An HF checkpoint and the GGUF
// file our exporter writes from it give the same logits: F32 and F16 tensors, llama's
// permuted Q/K rows under adjacent-pair RoPE, Qwen2 unpermuted, Llama-3 rope scaling through
// rope_freqs.weight. With a scheme the engine equals the reference forward pass on
// fakeQuantizeTensor's weights, and a q8_0/q4_0/iq4_nl GGUF equals the HF checkpoint fake-quantized
// with the same type.
#include "formats/model.h"
#include "infer/transformer.h"
#include "quant/ggufexport.h"
#include "quant/modelquantizer.h"
#include "support/referencetransformer.h"
#include "support/tinytransformer.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <numbers>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

constexpr double kTolerance = 1e-4;

const std::vector<int32_t> kTokens{5, 17, 2, 33, 8, 8, 21, 0, 39, 14, 3, 27, 11, 30, 6, 19, 25, 1};

std::vector<float> logitsOf(const std::shared_ptr<const Model> &model, const InferenceOptions &options = {})
{
    InferenceSession session(loadTransformer(model, options), int(kTokens.size()));
    std::vector<float> logits(kTokens.size() * size_t(session.config().vocab));
    session.evaluate(kTokens, 0, logits);
    return logits;
}

// Rows of 48 and 80 floats fit no 32-block: the export writes every tensor unquantized.
test::TinyTransformerSpec unquantizableSpec()
{
    test::TinyTransformerSpec spec;
    spec.hidden = 48;
    spec.intermediate = 80;
    return spec;
}

} // namespace

class TestInferenceGguf : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void exportedGgufMatchesHf_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<bool>("tied");
        QTest::addColumn<bool>("llama3");
        QTest::newRow("llama F32") << "llama" << "F32" << false << false;
        QTest::newRow("llama F16 tied") << "llama" << "F16" << true << false;
        QTest::newRow("llama3 rope scaling") << "llama" << "F32" << false << true;
        QTest::newRow("qwen2 F32") << "qwen2" << "F32" << false << false;
    }

    void exportedGgufMatchesHf()
    {
        QFETCH(QString, family);
        QFETCH(QString, dtype);
        QFETCH(bool, tied);
        QFETCH(bool, llama3);
        test::TinyTransformerSpec spec = unquantizableSpec();
        spec.family = family.toStdString();
        spec.dtype = dtype.toStdString();
        spec.tied = tied;
        spec.llama3Rope = llama3;
        const fs::path dir = path(QTest::currentDataTag());
        const test::TinyTransformer tiny = test::writeTinyTransformer(dir, spec);
        const fs::path file = dir.string() + ".gguf";
        const auto hf = openModel(dir);
        std::vector<std::string> notes;
        // strict: rows that fit no block stay as stored (F32/F16) instead of falling back to F16
        QCOMPARE(exportQuantizedGguf(*hf, QuantScheme::parse("q8_0:strict"), file, {}, &notes), 0);
        for (const std::string &note : notes)
            QVERIFY2(note.find("not written") == std::string::npos, note.c_str()); // rope scaling is

        const auto gguf = openModel(file);
        QCOMPARE(gguf->find("blk.0.attn_q.weight")->dtype, dtype == "F32" ? DType::F32 : DType::F16);
        QCOMPARE(gguf->find("output.weight") == nullptr, tied);
        QCOMPARE(gguf->find("rope_freqs.weight") != nullptr, llama3);
        const TransformerConfig config = transformerConfigFor(*gguf);
        QCOMPARE(config.ropeLayout, family == "llama" ? RopeLayout::AdjacentPairs : RopeLayout::Neox);
        QCOMPARE(config.tiedOutput, tied);
        QCOMPARE(config.ropeFreqFactors, transformerConfigFor(*hf).ropeFreqFactors);

        const std::vector<float> fromGguf = logitsOf(gguf), fromHf = logitsOf(hf);
        const double reference = test::relativeError(fromGguf, test::referenceLogits(tiny, kTokens));
        QVERIFY2(reference < kTolerance, qPrintable(QString::number(reference)));
        const double engines = test::relativeError(fromGguf, fromHf);
        QVERIFY2(engines < 1e-5, qPrintable(QString::number(engines)));
    }

    void ropeFreqsHoldLlama3Divisors()
    {
        test::TinyTransformerSpec spec = unquantizableSpec();
        spec.llama3Rope = true;
        const fs::path dir = path("ropefreqs");
        test::writeTinyTransformer(dir, spec);
        const fs::path file = dir.string() + ".gguf";
        exportQuantizedGguf(*openModel(dir), QuantScheme::parse("q8_0"), file);
        const auto gguf = openModel(file);
        const TensorInfo &freqs = *gguf->find("rope_freqs.weight");
        QCOMPARE(freqs.dtype, DType::F32);
        QCOMPARE(freqs.shape, std::vector<int64_t>{6}); // head_dim 12
        QCOMPARE(gguf->tensors().front().name, std::string("rope_freqs.weight"));
        std::vector<float> divisors(6);
        gguf->readRows(freqs, 0, 1, divisors.data());
        // Wavelengths 2π·10000^(2i/12) against the original context 32 (factor 8, low 1, high 4):
        // 6.3 < 32/4 keeps its frequency, 29.2 is interpolated, the rest are divided by 8.
        QCOMPARE(divisors[0], 1.0f);
        const double wavelength = 2 * std::numbers::pi * std::pow(10000.0, 2.0 / 12.0);
        const double smooth = (test::kTinyRopeOriginalContext / wavelength - 1.0) / (4.0 - 1.0);
        QVERIFY(std::abs(divisors[1] - 1.0 / ((1 - smooth) / test::kTinyRopeFactor + smooth)) < 1e-6);
        QVERIFY(divisors[1] > 1.0f && divisors[1] < 8.0f);
        for (size_t i = 2; i < divisors.size(); ++i)
            QCOMPARE(divisors[i], 8.0f);
    }

    void fakeQuantizedMatchesReference_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<bool>("tied");
        QTest::newRow("q8_0") << "q8_0" << false;
        QTest::newRow("q4_0 tied") << "q4_0" << true;
        QTest::newRow("rtn:b3:g32:asym") << "rtn:b3:g32:asym" << false;
        QTest::newRow("rtn:b4:tensor:sym") << "rtn:b4:tensor:sym" << true;
        QTest::newRow("nf4:g32:dq") << "nf4:g32:dq" << false;
        QTest::newRow("hqq:b4:g32") << "hqq:b4:g32" << false;
        QTest::newRow("fp8") << "fp8" << false;
    }

    void fakeQuantizedMatchesReference()
    {
        QFETCH(QString, scheme);
        QFETCH(bool, tied);
        test::TinyTransformerSpec spec;
        spec.intermediate = 128;
        spec.tied = tied;
        const fs::path dir = path(QTest::currentDataTag());
        test::TinyTransformer tiny = test::writeTinyTransformer(dir, spec);
        const std::vector<double> original = test::referenceLogits(tiny, kTokens);
        const auto model = openModel(dir);
        InferenceOptions options;
        options.scheme = QuantScheme::parse(scheme.toStdString());
        int quantized = 0;
        for (const TensorInfo &t : model->tensors())
            if (ineligibleReason(t, *options.scheme).empty()) {
                tiny.tensors[t.name] = fakeQuantizeTensor(*model, t, *options.scheme);
                ++quantized;
            }
        QCOMPARE(quantized, spec.layers * 7 + (tied ? 1 : 2));

        const std::vector<float> logits = logitsOf(model, options);
        const double error = test::relativeError(logits, test::referenceLogits(tiny, kTokens));
        QVERIFY2(error < kTolerance, qPrintable(QString::number(error)));
        QVERIFY(test::relativeError(logits, original) > 10 * kTolerance); // the scheme changed the weights
    }

    void quantizedGgufMatchesFakeQuantizedHf_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::newRow("q8_0") << "q8_0";
        QTest::newRow("q4_0") << "q4_0";
        QTest::newRow("iq4_nl") << "iq4_nl";
    }

    void quantizedGgufMatchesFakeQuantizedHf()
    {
        QFETCH(QString, scheme);
        test::TinyTransformerSpec spec;
        spec.intermediate = 128;
        const fs::path dir = path(QTest::currentDataTag());
        test::writeTinyTransformer(dir, spec);
        const fs::path file = dir.string() + ".gguf";
        const auto hf = openModel(dir);
        InferenceOptions options;
        options.scheme = QuantScheme::parse(scheme.toStdString());
        QCOMPARE(exportQuantizedGguf(*hf, *options.scheme, file), spec.layers * 7 + 2);
        const auto gguf = openModel(file);
        QCOMPARE(gguf->find("blk.1.attn_k.weight")->dtype, options.scheme->ggufType);
        const double error = test::relativeError(logitsOf(gguf), logitsOf(hf, options));
        QVERIFY2(error < 1e-5, qPrintable(QString::number(error)));
    }

private:
    fs::path path(const char *name) const { return test::subdirectory(m_dir.path().toStdString(), name); }

    QTemporaryDir m_dir;
};

QTEST_APPLESS_MAIN(TestInferenceGguf)
#include "tst_inference_gguf.moc"
