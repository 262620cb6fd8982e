// Properties of the quantizers that hold whatever the implementation: error falls as bits
// rise, asym beats sym on shifted data, the clip search is never worse than no clipping,
// chunked runs with a TensorRange equal whole-tensor runs, bits per weight, GGUF round trips,
// in-place runs, all-zero and constant blocks.
#include "formats/dequantize.h"
#include "quant/ggmlquantize.h"
#include "quant/quantizer.h"
#include "support/fixtures.h"
#include "util/error.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace bitcliff;

namespace {

std::vector<float> quantized(const QString &scheme, const std::vector<float> &w, int64_t rows, int64_t cols,
                             const TensorRange *range = nullptr)
{
    std::vector<float> out(w.size());
    fakeQuantizeRows(QuantScheme::parse(scheme.toStdString()), w.data(), rows, cols, out.data(), range);
    return out;
}

double mse(const std::vector<float> &a, const std::vector<float> &b)
{
    double sum = 0;
    for (size_t i = 0; i < a.size(); ++i)
        sum += double(a[i] - b[i]) * double(a[i] - b[i]);
    return sum / double(a.size());
}

double norm24(const std::vector<float> &a, const std::vector<float> &b)
{
    double sum = 0;
    for (size_t i = 0; i < a.size(); ++i)
        sum += std::pow(std::fabs(double(a[i]) - b[i]), 2.4);
    return sum;
}

std::vector<float> outliers(size_t n, unsigned seed)
{
    std::vector<float> w = test::randomValues(n, seed, 0.02f);
    for (size_t i = 0; i < n; i += 61)
        w[i] *= 25.0f;
    return w;
}

} // namespace

class TestQuantProperties : public QObject
{
    Q_OBJECT

private slots:
    void errorFallsWithBits_data()
    {
        QTest::addColumn<QString>("pattern"); // %1 = bits
        QTest::addColumn<int>("lowest");
        QTest::newRow("rtn group sym") << "rtn:b%1:g128:sym" << 2;
        QTest::newRow("rtn group asym") << "rtn:b%1:g128:asym" << 2;
        QTest::newRow("rtn channel sym") << "rtn:b%1:channel:sym" << 2;
        QTest::newRow("rtn tensor asym") << "rtn:b%1:tensor:asym" << 2;
        QTest::newRow("rtn group clip") << "rtn:b%1:g64:sym:clip" << 2;
        QTest::newRow("hqq") << "hqq:b%1:g64" << 1;
    }

    void errorFallsWithBits()
    {
        QFETCH(QString, pattern);
        QFETCH(int, lowest);
        const int rows = 16, cols = 512;
        const std::vector<float> w = outliers(size_t(rows * cols), 1);
        double previous = INFINITY, first = 0;
        for (int bits = lowest; bits <= 8; ++bits) {
            const double e = mse(quantized(pattern.arg(bits), w, rows, cols), w);
            QVERIFY2(e < previous, qPrintable(QStringLiteral("%1 bits: %2 >= %3").arg(bits).arg(e).arg(previous)));
            previous = e;
            if (bits == lowest)
                first = e;
        }
        QVERIFY(previous < first * 1e-2); // 8 bits: over 100 times less than the fewest
    }

    void asymBeatsSymOnShiftedData()
    {
        std::mt19937 random(3);
        std::uniform_real_distribution<float> shifted(-0.01f, 0.05f);
        const int rows = 8, cols = 256;
        std::vector<float> w(size_t(rows * cols));
        for (float &v : w)
            v = shifted(random);
        for (int bits = 2; bits <= 8; ++bits)
            for (const char *block : {"g128", "channel"}) {
                const QString base = QStringLiteral("rtn:b%1:%2:").arg(bits).arg(block);
                const double asym = mse(quantized(base + "asym", w, rows, cols), w);
                QVERIFY2(asym < mse(quantized(base + "sym", w, rows, cols), w), qPrintable(base));
            }
    }

    void clipNeverWorse()
    {
        const int rows = 8, cols = 256;
        const std::vector<std::vector<float>> inputs = {test::randomValues(size_t(rows * cols), 4, 0.02f),
                                                        outliers(size_t(rows * cols), 5)};
        int better = 0;
        for (const std::vector<float> &w : inputs)
            for (int bits : {2, 3, 4, 8})
                for (const char *block : {"g32", "g128", "channel", "tensor"})
                    for (const char *sym : {"sym", "asym"}) {
                        const QString base = QStringLiteral("rtn:b%1:%2:%3").arg(bits).arg(block, sym);
                        const double plain = norm24(quantized(base, w, rows, cols), w);
                        const double clipped = norm24(quantized(base + ":clip", w, rows, cols), w);
                        QVERIFY2(clipped <= plain, qPrintable(base));
                        better += clipped < plain;
                    }
        QVERIFY(better > 20); // and it does help, mostly
    }

    void chunksWithRangeEqualWholeTensor_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<int>("cols");
        for (const char *s : {"rtn:b4:tensor:sym", "rtn:b3:tensor:asym", "rtn:b8:tensor:sym:clip",
                              "rtn:b3:tensor:asym:clip", "rtn:b4:g64:asym:clip", "nf4:g64:dq", "nf4:g32:dq",
                              "hqq:b3:g64", "fp8", "mxfp4"})
            QTest::newRow(s) << QString::fromLatin1(s) << 512;
        QTest::newRow("nf4 dq, 3 blocks a row") << "nf4:g32:dq" << 96;
    }

    void chunksWithRangeEqualWholeTensor()
    {
        QFETCH(QString, scheme);
        QFETCH(int, cols);
        const QuantScheme s = QuantScheme::parse(scheme.toStdString());
        const int64_t align = rowAlignment(s, cols);
        const int64_t rows = std::max<int64_t>(3 * align, 12);
        const std::vector<float> w = outliers(size_t(rows * cols), 6);
        const std::vector<float> whole = quantized(scheme, w, rows, cols);
        const TensorRange range = quantizationRange(s, w.data(), rows, cols);
        const int64_t chunk = std::max<int64_t>(align, 4);
        std::vector<float> chunked(w.size());
        for (int64_t r = 0; r < rows; r += chunk) {
            const int64_t n = std::min(chunk, rows - r);
            fakeQuantizeRows(s, w.data() + r * cols, n, cols, chunked.data() + r * cols, &range);
        }
        QVERIFY(chunked == whole);
        if (s.granularity == Granularity::Tensor && !s.mseClip) { // a plain min/max range does too
            const auto [lo, hi] = std::minmax_element(w.begin(), w.end());
            const TensorRange plain(*lo, *hi);
            QVERIFY(quantized(scheme, w, rows, cols, &plain) == whole);
        }
    }

    void rowAlignmentValues()
    {
        auto align = [](const char *s, int64_t cols) { return rowAlignment(QuantScheme::parse(s), cols); };
        QCOMPARE(align("nf4:g64:dq", 512), int64_t(32));  // 8 absmax a row
        QCOMPARE(align("nf4:g64:dq", 4096), int64_t(4));  // 64 a row
        QCOMPARE(align("nf4:g64:dq", 16384), int64_t(1)); // 256 a row
        QCOMPARE(align("nf4:g32:dq", 96), int64_t(256));  // 3 a row
        QCOMPARE(align("nf4:g64", 512), int64_t(1));
        QCOMPARE(align("rtn:b4:tensor", 512), int64_t(1));
    }

    void bitsPerWeight_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<qint64>("cols");
        QTest::addColumn<double>("bpw");
        QTest::newRow("rtn g128 sym") << "rtn:b4:g128:sym" << qint64(4096) << 4.125;
        QTest::newRow("rtn g128 asym") << "rtn:b4:g128:asym" << qint64(4096) << 4.15625;
        QTest::newRow("rtn b3 g64 asym") << "rtn:b3:g64:asym" << qint64(4096) << 3.296875;
        QTest::newRow("rtn channel") << "rtn:b8:channel:sym" << qint64(4096) << 8.00390625;
        QTest::newRow("rtn tensor") << "rtn:b8:tensor:sym:clip" << qint64(4096) << 8.0;
        QTest::newRow("nf4") << "nf4:g64" << qint64(4096) << 4.5;
        QTest::newRow("nf4 dq") << "nf4:g64:dq" << qint64(4096) << 4.0 + 8.0 / 64 + 32.0 / (256 * 64);
        QTest::newRow("fp4") << "fp4:g64" << qint64(4096) << 4.5;
        QTest::newRow("mxfp4") << "mxfp4" << qint64(4096) << 4.25;
        QTest::newRow("fp8") << "fp8" << qint64(4096) << 8.00390625;
        QTest::newRow("hqq") << "hqq:b4:g64" << qint64(4096) << 4.5;
        QTest::newRow("hqq b2 g128") << "hqq:b2:g128" << qint64(4096) << 2.25;
        QTest::newRow("q8_0") << "q8_0" << qint64(4096) << 8.5;
        QTest::newRow("q4_0") << "q4_0" << qint64(4096) << 4.5;
        QTest::newRow("q2_k") << "q2_k" << qint64(4096) << 2.625;
        QTest::newRow("q3_k") << "q3_k" << qint64(4096) << 3.4375;
        QTest::newRow("q4_k") << "q4_k" << qint64(4096) << 4.5;
        QTest::newRow("q6_k") << "q6_k" << qint64(4096) << 6.5625;
        QTest::newRow("iq4_nl") << "iq4_nl" << qint64(192) << 4.5;
    }

    void bitsPerWeight()
    {
        QFETCH(QString, scheme);
        QFETCH(qint64, cols);
        QFETCH(double, bpw);
        QCOMPARE(bitcliff::bitsPerWeight(QuantScheme::parse(scheme.toStdString()), cols), bpw);
    }

    void ggufRoundTrip_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<double>("maxRelativeRmse");
        QTest::newRow("q8_0") << "q8_0" << 0.01;
        QTest::newRow("q4_0") << "q4_0" << 0.15;
        QTest::newRow("q5_1") << "q5_1" << 0.08;
        QTest::newRow("q4_k") << "q4_k" << 0.15;
        QTest::newRow("q6_k") << "q6_k" << 0.05;
    }

    void ggufRoundTrip()
    {
        QFETCH(QString, scheme);
        QFETCH(double, maxRelativeRmse);
        const QuantScheme s = QuantScheme::parse(scheme.toStdString());
        const int rows = 4, cols = 512;
        const std::vector<float> w = test::randomValues(size_t(rows * cols), 7, 0.02f);
        const std::vector<float> got = quantized(scheme, w, rows, cols);
        const DTypeTraits &traits = dtypeTraits(s.ggufType);
        std::vector<std::byte> blocks(size_t(cols / traits.blockSize * traits.blockBytes));
        std::vector<float> row(static_cast<size_t>(cols));
        for (int r = 0; r < rows; ++r) {
            quantizeGgmlRow(s.ggufType, w.data() + r * cols, blocks.data(), cols);
            dequantize(s.ggufType, blocks.data(), row.data(), cols);
            QVERIFY(std::equal(row.begin(), row.end(), got.begin() + r * cols));
        }
        QVERIFY(std::sqrt(mse(got, w)) < maxRelativeRmse * 0.02);
    }

    void inPlace()
    {
        const int rows = 6, cols = 256;
        const std::vector<float> w = outliers(size_t(rows * cols), 8);
        for (const char *s : {"rtn:b4:g128:asym:clip", "rtn:b3:tensor:sym:clip", "nf4:g64:dq", "fp4:g64", "mxfp4",
                              "fp8", "hqq:b4:g64", "q4_k"}) {
            std::vector<float> buffer = w;
            fakeQuantizeRows(QuantScheme::parse(s), buffer.data(), rows, cols, buffer.data());
            QVERIFY2(buffer == quantized(QString::fromLatin1(s), w, rows, cols), s);
        }
    }

    void zeroAndConstantBlocks()
    {
        const int rows = 2, cols = 256;
        std::vector<float> w(size_t(rows * cols), 0.0f);
        std::fill(w.begin() + cols, w.end(), 0.75f); // row 1 constant
        for (const char *s : {"rtn:b4:g64:sym", "rtn:b4:g64:asym:clip", "rtn:b4:tensor:sym:clip", "rtn:b3:channel:asym",
                              "nf4:g64", "nf4:g64:dq", "fp4:g64", "mxfp4", "fp8", "hqq:b4:g64", "hqq:b1:g32", "q4_k"}) {
            const std::vector<float> got = quantized(QString::fromLatin1(s), w, rows, cols);
            for (int c = 0; c < cols; ++c)
                QVERIFY2(got[size_t(c)] == 0.0f, s);
            if (QByteArray(s).contains("asym"))
                continue; // AWQ's grid leaves zero out of the range: a constant block collapses (by design)
            for (int c = cols; c < rows * cols; ++c)
                QVERIFY2(std::fabs(got[size_t(c)] - 0.75f) <= 0.1f,
                         qPrintable(QStringLiteral("%1: %2").arg(s).arg(got[size_t(c)])));
        }
    }

    void rowLengthChecked()
    {
        std::vector<float> w(100), out(100);
        try {
            fakeQuantizeRows(QuantScheme::parse("rtn:b4:g128"), w.data(), 1, 100, out.data());
            QFAIL("no error");
        } catch (const Error &e) {
            QCOMPARE(QString::fromStdString(e.what()),
                     QStringLiteral("weights: group size 128 does not divide the row length 100"));
        }
        QVERIFY_THROWS_EXCEPTION(Error, fakeQuantizeRows(QuantScheme::parse("q4_k"), w.data(), 1, 100, out.data()));
    }
};

QTEST_APPLESS_MAIN(TestQuantProperties)
#include "tst_quantproperties.moc"
