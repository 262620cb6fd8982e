// What a scheme really does to each tensor (quant/tensortreatment.h) and the model-wide
// summary printed next to every result: the documented fallback of every method on rows that
// do not fit its blocks (hidden sizes 192, 576, 80, 100), `strict`, tensors kept and why,
// counts and bits per weight that add up.
#include "formats/model.h"
#include "quant/modelquantizer.h"
#include "quant/plansummary.h"
#include "quant/quantizer.h"
#include "quant/tensortreatment.h"
#include "support/tinytransformer.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

using namespace bitcliff;

namespace {

TensorInfo matrix(int64_t rows, int64_t cols, TensorRole role = TensorRole::AttnQ)
{
    TensorInfo t;
    t.name = "blk.0.attn_q.weight";
    t.shape = { rows, cols };
    t.dtype = DType::BF16;
    t.dtypeLabel = "BF16";
    t.byteSize = uint64_t(rows * cols * 2);
    t.role = role;
    return t;
}

QString treated(const QString &scheme, qint64 cols)
{
    const TensorTreatment t = treatmentFor(matrix(64, cols), QuantScheme::parse(scheme.toStdString()));
    switch (t.kind) {
    case Treatment::Quantized:
        return QStringLiteral("as asked");
    case Treatment::FellBack:
        return QString::fromStdString(t.scheme.toString());
    case Treatment::Kept:
        break;
    }
    return QStringLiteral("kept: ") + QString::fromStdString(t.reason);
}

} // namespace

class TestTensorTreatment : public QObject
{
    Q_OBJECT

private slots:
    void fallbacks_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<qint64>("cols");
        QTest::addColumn<QString>("expected");
        // GGUF: llama-quantize's tensor_type_fallback, then F16.
        QTest::newRow("q4_k 256") << "q4_k" << qint64(256) << "as asked";
        QTest::newRow("q2_k 192") << "q2_k" << qint64(192) << "q4_0";
        QTest::newRow("q3_k 576") << "q3_k" << qint64(576) << "q4_0";
        QTest::newRow("q4_k 192") << "q4_k" << qint64(192) << "q5_0";
        QTest::newRow("q5_k 192") << "q5_k" << qint64(192) << "q5_1";
        QTest::newRow("q6_k 2880") << "q6_k" << qint64(2880) << "q8_0";
        QTest::newRow("q4_k 80") << "q4_k" << qint64(80) << "f16";
        QTest::newRow("q4_0 80") << "q4_0" << qint64(80) << "f16";
        QTest::newRow("mxfp4 80") << "mxfp4" << qint64(80) << "f16";
        // rtn / hqq: the largest group from half the requested one that divides, else per row.
        QTest::newRow("rtn g128 192") << "rtn:b4:g128:sym" << qint64(192) << "rtn:b4:g96:sym";
        QTest::newRow("rtn g128 576") << "rtn:b3:g128:asym" << qint64(576) << "rtn:b3:g96:asym";
        QTest::newRow("rtn g128 2880") << "rtn:b4:g128:sym" << qint64(2880) << "rtn:b4:g120:sym";
        QTest::newRow("rtn g128 101") << "rtn:b4:g128:sym" << qint64(101) << "rtn:b4:channel:sym";
        QTest::newRow("rtn channel") << "rtn:b4:channel" << qint64(101) << "as asked";
        QTest::newRow("hqq g64 100") << "hqq:b4:g64" << qint64(100) << "hqq:b4:g50";
        QTest::newRow("hqq g64 97") << "hqq:b4:g64" << qint64(97) << "hqq:b4:g97";
        // nf4 / fp4: a smaller power-of-two block from 32, else kept.
        QTest::newRow("nf4 g128 192") << "nf4:g128" << qint64(192) << "nf4:g64";
        QTest::newRow("nf4 dq g256 576") << "nf4:g256:dq" << qint64(576) << "nf4:g64:dq";
        QTest::newRow("fp4 g64 80") << "fp4:g64" << qint64(80) << "kept: group size 64 does not divide rows of 80";
        QTest::newRow("fp8") << "fp8" << qint64(101) << "as asked";
        // strict: no fallback.
        QTest::newRow("strict q4_k")
            << "q4_k:strict" << qint64(192)
            << "kept: rows of 192 are not a multiple of the q4_k block (256) (strict: no fallback)";
        QTest::newRow("strict rtn") << "rtn:b4:g128:strict" << qint64(192)
                                    << "kept: group size 128 does not divide rows of 192 (strict: no fallback)";
    }

    void fallbacks()
    {
        QFETCH(QString, scheme);
        QFETCH(qint64, cols);
        QFETCH(QString, expected);
        QCOMPARE(treated(scheme, cols), expected);
    }

    // A fallback quantizes: fakeQuantizeRows accepts it on the row length it was chosen for.
    void fallbacksFitTheirRows()
    {
        for (const char *text : { "q2_k", "q4_k", "q6_k", "rtn:b4:g128", "hqq:b4:g64", "nf4:g128", "mxfp4" })
            for (int64_t cols : { 192, 576, 80, 100, 2880 }) {
                const TensorTreatment t = treatmentFor(matrix(4, cols), QuantScheme::parse(text));
                if (!t.quantizes())
                    continue;
                std::vector<float> w(size_t(4 * cols), 0.25f), out(w.size());
                fakeQuantizeRows(t.scheme, w.data(), 4, cols, out.data());
            }
    }

    void keptTensorsSayWhy()
    {
        const QuantScheme q4k = QuantScheme::parse("q4_k");
        TensorInfo norm = matrix(1, 256, TensorRole::Norm);
        norm.shape = { 256 };
        QCOMPARE(QString::fromStdString(treatmentFor(norm, q4k).reason),
            QStringLiteral("not a matrix (norms, biases and vectors stay as they are)"));
        TensorInfo unreadable = matrix(64, 256);
        unreadable.dtype = DType::Unsupported;
        unreadable.dtypeLabel = "IQ2_XXS";
        QCOMPARE(QString::fromStdString(treatmentFor(unreadable, q4k).reason),
            QStringLiteral("type IQ2_XXS is not readable"));
        QCOMPARE(treatmentFor(matrix(64, 256, TensorRole::Other), q4k).kind, Treatment::Kept);
    }

    // A model of hidden size 192: the attention and gate/up matrices fall back, ffn_down (rows
    // of 512) and the norms are what they are; the counts and bits per weight add up.
    void summaryOfHidden192()
    {
        QTemporaryDir dir;
        test::TinyTransformerSpec spec = test::narrowSpec(192);
        spec.vocab = 301;
        spec.dtype = "BF16";
        test::writeTinyTransformer(dir.path().toStdString(), spec);
        const auto model = openModel(dir.path().toStdString());
        const PlanSummary s = summarizePlan(*model, QuantScheme::parse("q4_k"));
        // Per layer: q, k, v, o, gate, up fall back; down is q4_k; 2 norms kept. Plus the
        // embedding and output (rows of 192: fall back) and the final norm.
        QCOMPARE(s.quantized, spec.layers);
        QCOMPARE(s.fellBack, spec.layers * 6 + 2);
        QCOMPARE(s.kept, spec.layers * 2 + 1);
        QCOMPARE(int(s.fallbacks.size()), 1);
        QCOMPARE(QString::fromStdString(s.fallbacks[0].scheme), QStringLiteral("q5_0"));
        QCOMPARE(QString::fromStdString(s.fallbacks[0].reason),
            QStringLiteral("rows of 192 are not a multiple of the q4_k block (256)"));
        // q4_k 4.5 bits, q5_0 5.5: the quantized tensors' average lies between.
        QVERIFY2(s.bitsPerWeight > 4.5 && s.bitsPerWeight < 5.5, std::to_string(s.bitsPerWeight).c_str());
        QVERIFY(s.modelBitsPerWeight > s.bitsPerWeight); // BF16 norms
        QCOMPARE(s.quantizedParameters + s.keptReasons[0].parameters, s.parameters);
        const QString text = QString::fromStdString(s.describe());
        QVERIFY2(text.startsWith(QStringLiteral("q4_k: 2 tensors as q4_k, 14 fell back to q5_0 (rows of 192")),
            qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("5 kept (5 not a matrix")), qPrintable(text));

        // The quantizer reports the same and quantizes the fallbacks.
        QuantizeOptions options;
        options.scheme = QuantScheme::parse("q4_k");
        const auto report = quantizeModel(model, options);
        QCOMPARE(report->summary.fellBack, s.fellBack);
        QCOMPARE(report->quantizedBitsPerWeight, s.bitsPerWeight);
        const TensorQuantResult *q = report->find("model.layers.0.self_attn.q_proj.weight");
        QVERIFY(q && q->quantized);
        QCOMPARE(QString::fromStdString(q->fallback), QStringLiteral("q5_0"));
        QCOMPARE(q->bitsPerWeight, 5.5);

        // strict refuses, naming the tensor and why.
        options.scheme = QuantScheme::parse("q4_k:strict");
        try {
            quantizeModel(model, options);
            QFAIL("a strict scheme that must fall back was accepted");
        } catch (const Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("(strict: no fallback)")), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestTensorTreatment)
#include "tst_tensortreatment.moc"
