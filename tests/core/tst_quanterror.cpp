// Error metrics and the model quantization pass, against plain computations here.
#include "formats/model.h"
#include "quant/errormetrics.h"
#include "quant/modelquantizer.h"
#include "quant/quantizer.h"
#include "support/fixtures.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace bitcliff;

class TestQuantError : public QObject
{
    Q_OBJECT

private slots:
    void metricsMatchDefinitions()
    {
        const int rows = 6, cols = 8;
        std::vector<float> w = test::randomValues(rows * cols, 2), q = w;
        q[3] += 0.5f;  // row 0, column 3, group 0 (groups of 4)
        q[13] -= 0.25f; // row 1, column 5, group 1
        TensorErrorBuilder builder(rows, cols, 4);
        builder.addRows(w.data() + 2 * cols, q.data() + 2 * cols, 2, 4); // chunks in any order
        builder.addRows(w.data(), q.data(), 0, 2);
        const TensorError e = builder.finish();
        double ssw = 0;
        for (float x : w)
            ssw += double(x) * x;
        const double sse = 0.25 + 0.0625;
        QCOMPARE(e.count, int64_t(rows * cols));
        QVERIFY(std::fabs(e.mse - sse / (rows * cols)) < 1e-9);
        QVERIFY(std::fabs(e.relativeFrobenius - std::sqrt(sse / ssw)) < 1e-6);
        QVERIFY(std::fabs(e.sqnrDb - 10 * std::log10(ssw / sse)) < 1e-4);
        QVERIFY(std::fabs(e.maxAbsError - 0.5) < 1e-6);
        QCOMPARE(e.groupMse.rows, int64_t(rows));
        QCOMPARE(e.groupMse.cols, int64_t(2));
        QVERIFY(std::fabs(e.groupMse.values[0] - 0.25f / 4) < 1e-6);     // (row 0, group 0)
        QVERIFY(std::fabs(e.groupMse.values[3] - 0.0625f / 4) < 1e-6);   // (row 1, group 1)
        QCOMPARE(e.groupMse.values[1], 0.0f);
        QVERIFY(std::fabs(e.rowMse[0] - 0.25f / cols) < 1e-6);
        QVERIFY(std::fabs(e.colMse[3] - 0.25f / rows) < 1e-6);
        QCOMPARE(e.colMse[0], 0.0f);
    }

    void exactReconstructionHasInfiniteSqnr()
    {
        const std::vector<float> w = test::randomValues(32, 3);
        TensorErrorBuilder builder(4, 8, 8);
        builder.addRows(w.data(), w.data(), 0, 4);
        QVERIFY(std::isinf(builder.finish().sqnrDb));
    }

    void modelPassMatchesDirectQuantization()
    {
        QTemporaryDir dir;
        test::writeTinyLlama(dir.path().toStdString(), 2, 32, 3);
        const auto model = openModel(dir.path().toStdString());
        QuantizeOptions options;
        options.scheme = QuantScheme::parse("rtn:b4:g16:asym");
        options.threads = 2;
        const auto report = quantizeModel(model, options);
        // Norms are kept, every linear layer and the embeddings are quantized.
        QVERIFY(!report->find("model.layers.0.input_layernorm.weight")->quantized);
        const TensorQuantResult *down = report->find("model.layers.1.mlp.down_proj.weight");
        QVERIFY(down && down->quantized);
        // Same numbers as quantizing the tensor directly.
        const TensorInfo &info = *model->find(down->name);
        std::vector<float> original(size_t(info.elementCount()));
        model->readRows(info, 0, info.rows(), original.data());
        const std::vector<float> fake = fakeQuantizeTensor(*model, info, options.scheme);
        double sse = 0;
        for (size_t i = 0; i < fake.size(); ++i)
            sse += (double(original[i]) - fake[i]) * (double(original[i]) - fake[i]);
        QVERIFY(std::fabs(down->error.mse - sse / double(fake.size())) <= 1e-12 + 1e-9 * down->error.mse);
        QVERIFY(report->quantizedParameters > 0);
        QVERIFY(report->quantizedBitsPerWeight > 4.0 && report->quantizedBitsPerWeight < 8.0);

        // More bits, less error; one thread gives the same as two.
        options.scheme = QuantScheme::parse("rtn:b8:g16:asym");
        options.threads = 1;
        const auto eight = quantizeModel(model, options);
        QVERIFY(eight->quantizedMse < report->quantizedMse / 50);
        options.scheme = QuantScheme::parse("rtn:b4:g16:asym");
        const auto single = quantizeModel(model, options);
        QCOMPARE(single->quantizedMse, report->quantizedMse);
    }

    void badRequestsAreClearErrors()
    {
        QTemporaryDir dir;
        test::writeTinyLlama(dir.path().toStdString(), 1, 32, 3);
        const auto model = openModel(dir.path().toStdString());
        QuantizeOptions options;
        options.scheme = QuantScheme::parse("q4_k:strict"); // rows of 32 do not fit 256-blocks
        options.onlyTensors = {"model.layers.0.self_attn.q_proj.weight"};
        QVERIFY_THROWS_EXCEPTION(Error, quantizeModel(model, options));
        options.onlyTensors = {"no.such.tensor"};
        QVERIFY_THROWS_EXCEPTION(Error, quantizeModel(model, options));
        options.onlyTensors = {};
        try { // no matrix has rows of a multiple of 256: a clear error, not an empty report
            quantizeModel(model, options);
            QFAIL("a scheme that fits nothing was accepted");
        } catch (const Error &e) {
            QVERIFY2(std::string(e.what()).find("q4_k:strict: no tensor") == 0, e.what());
        }
        options.scheme = QuantScheme::parse("q8_0");
        QVERIFY_THROWS_EXCEPTION(Cancelled, quantizeModel(model, options, [](double) { return false; }));
    }
};

QTEST_APPLESS_MAIN(TestQuantError)
#include "tst_quanterror.moc"
