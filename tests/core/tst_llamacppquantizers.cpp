// BitCliff's GGUF block encoders and decoders against llama.cpp's own: ggml's exported
// quantize_row_*_ref, dequantize_row_* and fp32→fp16/bf16 row conversions, called in
// libggml-base.so from node-llama-cpp's prebuilt binaries (tests/llamacpp). Every type the
// exporter writes must give the same bytes as ggml on data made to hit the edge cases (ties,
// all-zero and constant blocks, one-value blocks, signed maxima, subnormal and huge scales,
// outliers), and our dequantization must give the same floats as ggml's. MXFP4 (an
// evaluation scheme, not exported) is compared as values: ggml's nearest-value search breaks
// ties toward zero where we round to the even code (OCP MX), so only tie-free data must agree
// (as values: ggml writes +0 where we keep the sign of a small negative weight).
// IQ4_NL: an all-zero block (every |x| < 1e-15) gets scale 0 in both; its indices are zero in
// ours (as current ggml writes them) and left over from the previous block in this ggml build,
// so only the scale is compared there (both decode to zeros).
// Fails, never skips, when the library is missing.
#include "formats/dequantize.h"
#include "quant/ggmlquantize.h"
#include "quant/iq4nlquantize.h"
#include "quant/quantizer.h"
#include "quant/scheme.h"
#include "support/fixtures.h"
#include "support/ggmllibrary.h"

#include <QTest>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

using namespace bitcliff;

namespace {

constexpr int64_t kRowLength = 4096; // 16 K-quant super-blocks, 128 legacy blocks

struct TypeCase
{
    DType type;
    const char *ggmlName; // quantize_row_<name>_ref / dequantize_row_<name>
};

constexpr TypeCase kBlockTypes[] = {
    { DType::Q8_0, "q8_0" },
    { DType::Q4_0, "q4_0" },
    { DType::Q4_1, "q4_1" },
    { DType::Q5_0, "q5_0" },
    { DType::Q5_1, "q5_1" },
    { DType::Q2_K, "q2_K" },
    { DType::Q3_K, "q3_K" },
    { DType::Q4_K, "q4_K" },
    { DType::Q5_K, "q5_K" },
    { DType::Q6_K, "q6_K" },
    { DType::IQ4_NL, "iq4_nl" },
};

using Pattern = std::function<std::vector<float>(unsigned seed)>;

// Fills every block-sized stretch of `blockLength` values with what `block` makes of it.
std::vector<float> perBlock(
    int blockLength, unsigned seed, const std::function<void(float *, int, std::mt19937 &)> &block)
{
    std::vector<float> values(kRowLength);
    std::mt19937 random(seed);
    for (int64_t start = 0; start < kRowLength; start += blockLength)
        block(values.data() + start, blockLength, random);
    return values;
}

// Inputs that hit the rounding and scale-search edge cases. Blocks of 32 cover the legacy
// types' blocks and the K-quants' sub-blocks; blocks of 256 give K-quant super-blocks of one
// kind.
std::vector<std::pair<const char *, Pattern>> patterns()
{
    return {
        { "gaussian",
            [](unsigned seed) {
                return test::randomValues(kRowLength, seed);
            } },
        { "gaussian with outliers",
            [](unsigned seed) {
                std::vector<float> v = test::randomValues(kRowLength, seed, 0.02f);
                for (size_t i = seed % 97; i < v.size(); i += 211)
                    v[i] = (i % 3 == 0 ? -1.0f : 1.0f) * float(1 + i % 7);
                return v;
            } },
        { "ties (quarter steps)",
            [](unsigned seed) {
                return perBlock(32, seed, [](float *x, int n, std::mt19937 &r) {
                    for (int i = 0; i < n; ++i)
                        x[i] = float(int(r() % 33) - 16) * 0.25f;
                });
            } },
        { "small integers",
            [](unsigned seed) {
                return perBlock(32, seed, [](float *x, int n, std::mt19937 &r) {
                    for (int i = 0; i < n; ++i)
                        x[i] = float(int(r() % 17) - 8);
                });
            } },
        { "zero, constant and one-value blocks",
            [](unsigned seed) {
                return perBlock(32, seed, [](float *x, int n, std::mt19937 &r) {
                    const int kind = int(r() % 5);
                    const float c = float(int(r() % 9) - 4) * 0.5f;
                    for (int i = 0; i < n; ++i)
                        x[i] = kind == 0 ? 0.0f
                            : kind == 1  ? c
                            : kind == 2  ? (i == int(r() % 32) ? c : 0.0f)
                                         : float(i) * c;
                });
            } },
        { "zero and constant super-blocks",
            [](unsigned seed) {
                return perBlock(256, seed, [](float *x, int n, std::mt19937 &r) {
                    const int kind = int(r() % 4);
                    std::normal_distribution<float> normal;
                    for (int i = 0; i < n; ++i)
                        x[i] = kind == 0 ? 0.0f : kind == 1 ? 0.75f : kind == 2 ? -2.0f : normal(r);
                });
            } },
        { "positive only",
            [](unsigned seed) {
                std::vector<float> v = test::randomValues(kRowLength, seed);
                for (float &x : v)
                    x = std::fabs(x) + 0.5f;
                return v;
            } },
        { "signed maxima",
            [](unsigned seed) {
                return perBlock(32, seed, [](float *x, int n, std::mt19937 &r) {
                    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
                    for (int i = 0; i < n; ++i)
                        x[i] = uniform(r);
                    x[r() % unsigned(n)] = (r() % 2 ? 3.0f : -3.0f); // the largest magnitude
                    x[r() % unsigned(n)] = (r() % 2 ? 3.0f : -3.0f); // maybe again, maybe opposite
                });
            } },
        { "iq4_nl codebook midpoints",
            [](unsigned seed) {
                // A block whose signed maximum is -127 has IQ4_NL's first scale 1, so these values
                // sit exactly halfway between two codebook levels.
                static constexpr float kMidpoints[] = { -115.5f, -93.5f, -74.0f, -57.0f, -42.0f, -28.5f, -15.5f,
                    -4.5f, 7.0f, 19.0f, 31.5f, 45.5f, 61.0f, 79.0f, 101.0f };
                return perBlock(32, seed, [](float *x, int n, std::mt19937 &r) {
                    for (int i = 0; i < n; ++i)
                        x[i] = kMidpoints[r() % 15];
                    x[r() % unsigned(n)] = -127.0f;
                });
            } },
        { "tiny (subnormal fp16 scales)",
            [](unsigned seed) {
                return test::randomValues(kRowLength, seed, 1e-6f);
            } },
        { "huge",
            [](unsigned seed) {
                return test::randomValues(kRowLength, seed, 3000.0f);
            } },
    };
}

QString blockDifference(const std::vector<uint8_t> &ours, const std::vector<uint8_t> &ggml, int blockBytes)
{
    int differing = 0;
    int first = -1;
    for (size_t b = 0; b < ours.size() / size_t(blockBytes); ++b)
        if (std::memcmp(ours.data() + b * size_t(blockBytes), ggml.data() + b * size_t(blockBytes), size_t(blockBytes))
            != 0) {
            ++differing;
            if (first < 0)
                first = int(b);
        }
    return QStringLiteral("%1 of %2 blocks differ, first block %3")
        .arg(differing)
        .arg(ours.size() / size_t(blockBytes))
        .arg(first);
}

bool sameFloatBits(const std::vector<float> &a, const std::vector<float> &b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// IQ4_NL's all-zero blocks: both scales must be +0 and our indices zero; then ggml's
// leftover indices are replaced by ours so the byte comparison covers every other block.
bool acceptLeftoverIndices(const std::vector<float> &values, std::vector<uint8_t> &ours, std::vector<uint8_t> &ggml)
{
    constexpr size_t kBlock = 32, kBytes = 18;
    for (size_t b = 0; b < values.size() / kBlock; ++b) {
        bool zero = true;
        for (size_t i = 0; i < kBlock; ++i)
            zero = zero && std::fabs(values[b * kBlock + i]) < 1e-15f;
        if (!zero)
            continue;
        uint8_t *our = ours.data() + b * kBytes, *their = ggml.data() + b * kBytes;
        if (our[0] != 0 || our[1] != 0 || their[0] != 0 || their[1] != 0
            || std::any_of(our + 2, our + kBytes, [](uint8_t q) { return q != 0; }))
            return false;
        std::memcpy(their + 2, our + 2, kBytes - 2);
    }
    return true;
}

} // namespace

Q_DECLARE_METATYPE(bitcliff::DType)

class TestLlamaCppQuantizers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(m_ggml.error().empty(), m_ggml.error().c_str()); }

    void blocksEqualGgml_data()
    {
        QTest::addColumn<DType>("type");
        QTest::addColumn<QString>("ggmlName");
        QTest::addColumn<int>("pattern");
        const auto all = patterns();
        for (const TypeCase &c : kBlockTypes)
            for (size_t p = 0; p < all.size(); ++p)
                QTest::addRow("%s %s", c.ggmlName, all[p].first) << c.type << QString::fromLatin1(c.ggmlName) << int(p);
    }

    // Same bytes as quantize_row_<type>_ref (several seeds), and the same floats back from
    // those bytes as dequantize_row_<type>.
    void blocksEqualGgml()
    {
        QFETCH(DType, type);
        QFETCH(QString, ggmlName);
        QFETCH(int, pattern);
        const auto quantizeRef = reinterpret_cast<test::GgmlLibrary::QuantizeRow>(
            m_ggml.symbol("quantize_row_" + ggmlName.toStdString() + "_ref"));
        const auto dequantizeRef = reinterpret_cast<test::GgmlLibrary::DequantizeRow>(
            m_ggml.symbol("dequantize_row_" + ggmlName.toStdString()));
        QVERIFY2(quantizeRef != nullptr && dequantizeRef != nullptr, m_ggml.error().c_str());

        const DTypeTraits &traits = dtypeTraits(type);
        const size_t bytes = size_t(kRowLength / traits.blockSize * traits.blockBytes);
        for (unsigned seed = 1; seed <= 4; ++seed) {
            const std::vector<float> values = patterns()[size_t(pattern)].second(seed);
            std::vector<uint8_t> ours(bytes, 0xEE);
            std::vector<uint8_t> ggml(bytes, 0x11);
            quantizeGgmlRow(type, values.data(), reinterpret_cast<std::byte *>(ours.data()), kRowLength);
            quantizeRef(values.data(), ggml.data(), kRowLength);
            if (type == DType::IQ4_NL)
                QVERIFY(acceptLeftoverIndices(values, ours, ggml));
            QVERIFY2(ours == ggml,
                qPrintable(QStringLiteral("seed %1: ").arg(seed) + blockDifference(ours, ggml, traits.blockBytes)));

            std::vector<float> ourValues(kRowLength);
            std::vector<float> ggmlValues(kRowLength, -1.0f);
            dequantize(type, reinterpret_cast<const std::byte *>(ggml.data()), ourValues.data(), kRowLength);
            dequantizeRef(ggml.data(), ggmlValues.data(), kRowLength);
            QVERIFY2(sameFloatBits(ourValues, ggmlValues),
                qPrintable(QStringLiteral("seed %1: dequantized values differ").arg(seed)));
        }
    }

    // IQ4_NL blocks with NaN, infinities and values whose squares overflow (ggml's weights
    // are x²): the same bytes as quantize_row_iq4_nl_ref and the same floats back.
    void iq4NlNonFiniteEqualsGgml()
    {
        const auto quantizeRef
            = reinterpret_cast<test::GgmlLibrary::QuantizeRow>(m_ggml.symbol("quantize_row_iq4_nl_ref"));
        const auto dequantizeRef
            = reinterpret_cast<test::GgmlLibrary::DequantizeRow>(m_ggml.symbol("dequantize_row_iq4_nl"));
        QVERIFY2(quantizeRef != nullptr && dequantizeRef != nullptr, m_ggml.error().c_str());
        const float specials[] = { NAN, -NAN, INFINITY, -INFINITY, 3e38f, -2e20f, 1e-30f, -0.0f };
        std::vector<float> values = test::randomValues(kRowLength, 9);
        std::mt19937 random(13);
        for (size_t block = 0; block < values.size() / 32; ++block)
            for (unsigned k = 0; k < 1 + block % 3; ++k)
                values[block * 32 + random() % 32] = specials[random() % std::size(specials)];
        const size_t bytes = size_t(kRowLength / 32 * 18);
        std::vector<uint8_t> ours(bytes, 0xEE), ggml(bytes, 0x11);
        quantizeGgmlRow(DType::IQ4_NL, values.data(), reinterpret_cast<std::byte *>(ours.data()), kRowLength);
        quantizeRef(values.data(), ggml.data(), kRowLength);
        QVERIFY(acceptLeftoverIndices(values, ours, ggml));
        QVERIFY2(ours == ggml, qPrintable(blockDifference(ours, ggml, 18)));
        std::vector<float> ourValues(kRowLength), ggmlValues(kRowLength, -1.0f);
        dequantize(DType::IQ4_NL, reinterpret_cast<const std::byte *>(ggml.data()), ourValues.data(), kRowLength);
        dequantizeRef(ggml.data(), ggmlValues.data(), kRowLength);
        QVERIFY(sameFloatBits(ourValues, ggmlValues));
    }

    // llama-quantize without an importance matrix calls quantize_iq4_nl, which (unlike the _ref
    // row function) searches 15 inverse scales: our encoder's search mode gives its bytes on
    // every pattern, all-zero blocks included.
    void iq4NlScaleSearchEqualsGgml()
    {
        using QuantizeChunk = size_t (*)(const float *src, void *dst, int64_t rows, int64_t perRow, const float *imatrix);
        const auto quantizeChunk = reinterpret_cast<QuantizeChunk>(m_ggml.symbol("quantize_iq4_nl"));
        QVERIFY2(quantizeChunk != nullptr, m_ggml.error().c_str());
        const auto all = patterns();
        for (const auto &[name, pattern] : all) {
            for (unsigned seed = 1; seed <= 2; ++seed) {
                const std::vector<float> values = pattern(seed);
                std::vector<uint8_t> ours(size_t(kRowLength / 32 * 18), 0xEE);
                std::vector<uint8_t> ggml(ours.size(), 0x11);
                for (int64_t b = 0; b < kRowLength / 32; ++b) {
                    BlockIQ4_NL block {};
                    encodeIQ4_NL(values.data() + b * 32, block, Iq4NlScaleSearch::Inverse7);
                    std::memcpy(ours.data() + b * 18, &block, sizeof block);
                }
                QCOMPARE(quantizeChunk(values.data(), ggml.data(), 1, kRowLength, nullptr), ggml.size());
                QVERIFY2(ours == ggml,
                    qPrintable(QStringLiteral("%1, seed %2: ").arg(QLatin1String(name)).arg(seed)
                        + blockDifference(ours, ggml, 18)));
            }
        }
    }

    // F16 and BF16 tensors: ggml's row conversions (round to nearest even; BF16 NaNs quieted),
    // on normal, subnormal, overflowing and special values.
    void sixteenBitRowsEqualGgml()
    {
        const auto toF16 = reinterpret_cast<test::GgmlLibrary::ConvertRow>(m_ggml.symbol("ggml_fp32_to_fp16_row"));
        const auto toBf16 = reinterpret_cast<test::GgmlLibrary::ConvertRow>(m_ggml.symbol("ggml_fp32_to_bf16_row_ref"));
        QVERIFY2(toF16 != nullptr && toBf16 != nullptr, m_ggml.error().c_str());

        std::vector<float> values = test::randomValues(kRowLength, 7);
        std::mt19937 random(11);
        for (size_t i = 0; i < values.size(); ++i) {
            const uint32_t bits = uint32_t(random());
            switch (i % 8) {
            case 0:
                values[i] = std::bit_cast<float>(bits);
                break; // any float, NaN and inf included
            case 1:
                values[i] *= 1e-5f;
                break; // fp16 subnormals
            case 2:
                values[i] *= 7e4f;
                break; // beyond fp16's 65504
            case 3:
                values[i] = std::bit_cast<float>((bits & 0xFFFF0000u) | 0x8000u);
                break; // bf16 ties
            case 4: // halfway between two fp16 normals: 10 mantissa bits, then a lone 1
                values[i] = std::bit_cast<float>((bits & 0x807FE000u) | ((112u + bits % 30u) << 23) | 0x1000u);
                break;
            default:
                break;
            }
        }
        for (const auto &[type, convert] : { std::pair { DType::F16, toF16 }, std::pair { DType::BF16, toBf16 } }) {
            std::vector<uint16_t> ours(values.size(), 0xEEEE);
            std::vector<uint16_t> ggml(values.size(), 0x1111);
            quantizeGgmlRow(type, values.data(), reinterpret_cast<std::byte *>(ours.data()), kRowLength);
            convert(values.data(), ggml.data(), kRowLength);
            for (size_t i = 0; i < values.size(); ++i)
                if (ours[i] != ggml[i])
                    QFAIL(qPrintable(QStringLiteral("%1 of %2 (bits %3): ours 0x%4, ggml 0x%5")
                                         .arg(QString::fromLatin1(dtypeName(type)))
                                         .arg(double(values[i]))
                                         .arg(std::bit_cast<uint32_t>(values[i]), 8, 16, QLatin1Char('0'))
                                         .arg(ours[i], 4, 16, QLatin1Char('0'))
                                         .arg(ggml[i], 4, 16, QLatin1Char('0'))));
        }
    }

    // The mxfp4 scheme's weights equal ggml's MXFP4 encode + decode (compared as floats, so
    // -0 == +0) where no value sits on a midpoint between two E2M1 values; on midpoints ggml
    // rounds toward zero, we to the even code, so those (and only those) may differ, by one
    // E2M1 step.
    void mxfp4AgreesWithGgml()
    {
        const auto quantizeRef
            = reinterpret_cast<test::GgmlLibrary::QuantizeRow>(m_ggml.symbol("quantize_row_mxfp4_ref"));
        const auto dequantizeRef
            = reinterpret_cast<test::GgmlLibrary::DequantizeRow>(m_ggml.symbol("dequantize_row_mxfp4"));
        QVERIFY2(quantizeRef != nullptr && dequantizeRef != nullptr, m_ggml.error().c_str());
        const QuantScheme scheme = QuantScheme::parse("mxfp4");

        for (const float scale : { 1.0f, 0.02f, 300.0f }) {
            const std::vector<float> values = test::randomValues(kRowLength, 5, scale);
            std::vector<float> ours(kRowLength);
            fakeQuantizeRows(scheme, values.data(), 1, kRowLength, ours.data());
            std::vector<uint8_t> blocks(kRowLength / 32 * 17);
            std::vector<float> ggml(kRowLength);
            quantizeRef(values.data(), blocks.data(), kRowLength);
            dequantizeRef(blocks.data(), ggml.data(), kRowLength);
            for (size_t i = 0; i < ours.size(); ++i)
                if (ours[i] != ggml[i])
                    QFAIL(qPrintable(QStringLiteral("scale %1, value %2 (%3): ours %4, ggml %5")
                                         .arg(double(scale))
                                         .arg(i)
                                         .arg(double(values[i]), 0, 'g', 9)
                                         .arg(double(ours[i]), 0, 'g', 9)
                                         .arg(double(ggml[i]), 0, 'g', 9)));
        }

        // Quarter steps of a block whose absmax is 6: every odd multiple of 0.25 below 2, and
        // 2.5 and 5, lie on midpoints.
        std::vector<float> ties(32);
        for (int i = 0; i < 32; ++i)
            ties[size_t(i)] = (i % 2 ? -1.0f : 1.0f) * float(i % 25) * 0.25f;
        ties[0] = 6.0f;
        std::vector<float> ours(32);
        fakeQuantizeRows(scheme, ties.data(), 1, 32, ours.data());
        std::vector<uint8_t> block(17);
        std::vector<float> ggml(32);
        quantizeRef(ties.data(), block.data(), 32);
        dequantizeRef(block.data(), ggml.data(), 32);
        int tiesDiffering = 0;
        for (size_t i = 0; i < 32; ++i) {
            if (ours[i] == ggml[i])
                continue;
            const float magnitude = std::fabs(ties[i]);
            const bool midpoint = magnitude == 0.25f || magnitude == 0.75f || magnitude == 1.25f || magnitude == 1.75f
                || magnitude == 2.5f || magnitude == 3.5f || magnitude == 5.0f;
            QVERIFY2(midpoint,
                qPrintable(QStringLiteral("%1: ours %2, ggml %3")
                               .arg(double(ties[i]))
                               .arg(double(ours[i]))
                               .arg(double(ggml[i]))));
            QVERIFY(std::fabs(ggml[i]) < std::fabs(ours[i])); // ggml toward zero
            ++tiesDiffering;
        }
        qInfo("MXFP4 midpoints rounded differently (ggml toward zero, BitCliff to even): %d of 32", tiesDiffering);
    }

private:
    test::GgmlLibrary m_ggml { BITCLIFF_LLAMACPP_TESTS };
};

QTEST_GUILESS_MAIN(TestLlamaCppQuantizers)
#include "tst_llamacppquantizers.moc"
