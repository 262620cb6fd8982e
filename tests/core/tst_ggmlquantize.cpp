// GGUF block encoders (quant/ggmlquantize.h).
// - Q8_0/Q4_0/Q4_1/Q5_0/Q5_1: whole blocks compared byte for byte with bytes worked out by hand
//   from ggml's quantize_row_*_ref formulas: ties, signed maxima, fp16 rounding of
//   d, all-zero blocks. Inputs are chosen so the arithmetic in the comments can be done by hand
//   and is what the encoder computes.
// - Q4_K/Q5_K: the 6-bit scale packing on a hand-checked super-block.
// - Every type: dequantize(quantize(x)) within the type's step, and error falling as bits rise.
// - K-quants vs plain symmetric round-to-nearest with the same bits and block
//   length, on Gaussian data: the K-quants' scale/min search must not lose to it. Measured
//   (N(0, 1), 64 Ki values; RTN has fp32 scales and levels ±(2^(b-1)-1)):
//     type  RMSE    RTN (bits/group)  ratio
//     Q2_K  0.2961  0.5859 (b2/16)    0.51   (RTN b2 has only 3 levels; Q2_K has 4 + a min)
//     Q3_K  0.1505  0.1986 (b3/16)    0.76
//     Q4_K  0.0714  0.0966 (b4/32)    0.74
//     Q5_K  0.0361  0.0452 (b5/32)    0.80
//     Q6_K  0.0177  0.0192 (b6/16)    0.92
//   (the test prints the current table with qInfo).
#include "formats/ggmlblocks.h"
#include "formats/dequantize.h"
#include "formats/ggmlquants.h"
#include "quant/ggmlquantize.h"
#include "quant/kquantfit.h"
#include "support/fixtures.h"
#include "util/error.h"
#include "util/floatformats.h"

#include <QTest>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <iterator>
#include <vector>

using namespace bitcliff;

Q_DECLARE_METATYPE(bitcliff::DType)

namespace {

std::vector<std::byte> quantize(DType type, const std::vector<float> &values)
{
    const DTypeTraits &traits = dtypeTraits(type);
    const auto count = static_cast<int64_t>(values.size());
    std::vector<std::byte> out(static_cast<size_t>(count / traits.blockSize * traits.blockBytes), std::byte { 0xEE });
    quantizeGgmlRow(type, values.data(), out.data(), count);
    return out;
}

std::vector<float> roundTrip(DType type, const std::vector<float> &values)
{
    const std::vector<std::byte> blocks = quantize(type, values);
    std::vector<float> out(values.size());
    const int64_t count = static_cast<int64_t>(values.size()) / dtypeTraits(type).blockSize;
    dequantizeGgmlBlocks(type, blocks.data(), out.data(), count);
    return out;
}

double rmse(const std::vector<float> &a, const std::vector<float> &b)
{
    double sum = 0.0;
    for (size_t i = 0; i < a.size(); ++i)
        sum += (double(a[i]) - double(b[i])) * (double(a[i]) - double(b[i]));
    return std::sqrt(sum / double(a.size()));
}

std::vector<uint8_t> toBytes(const std::vector<std::byte> &bytes)
{
    std::vector<uint8_t> out(bytes.size());
    std::memcpy(out.data(), bytes.data(), bytes.size());
    return out;
}

// Fails with the first differing byte.
void compareBytes(DType type, const std::vector<float> &values, const std::vector<uint8_t> &expected)
{
    const std::vector<uint8_t> got = toBytes(quantize(type, values));
    QCOMPARE(got.size(), expected.size());
    for (size_t i = 0; i < got.size(); ++i) {
        if (got[i] != expected[i])
            QFAIL(qPrintable(QStringLiteral("%1 byte %2: got 0x%3, expected 0x%4")
                                 .arg(QString::fromLatin1(dtypeName(type)))
                                 .arg(i)
                                 .arg(got[i], 2, 16, QLatin1Char('0'))
                                 .arg(expected[i], 2, 16, QLatin1Char('0'))));
    }
}

void appendHalf(std::vector<uint8_t> &bytes, uint16_t bits)
{
    bytes.push_back(static_cast<uint8_t>(bits & 0xFF));
    bytes.push_back(static_cast<uint8_t>(bits >> 8));
}

// Gaussian rows plus a few large outliers, as LLM weights have.
std::vector<float> gaussianWithOutliers(size_t count, unsigned seed)
{
    std::vector<float> values = test::randomValues(count, seed);
    for (size_t i = 37; i < count; i += 509)
        values[i] = (i % 2 ? 8.0f : -7.0f);
    return values;
}

// Symmetric RTN with fp32 scales: qmax = 2^(b-1) - 1, s = absmax/qmax per group.
std::vector<float> symmetricRtn(const std::vector<float> &x, int bits, int group)
{
    const int qmax = (1 << (bits - 1)) - 1;
    std::vector<float> out(x.size());
    for (size_t g = 0; g < x.size(); g += size_t(group)) {
        float amax = 0.0f;
        for (int i = 0; i < group; ++i)
            amax = std::max(amax, std::fabs(x[g + size_t(i)]));
        const float s = amax / float(qmax);
        for (int i = 0; i < group; ++i) {
            const float q
                = s > 0.0f ? std::clamp(std::nearbyint(x[g + size_t(i)] / s), float(-qmax - 1), float(qmax)) : 0.0f;
            out[g + size_t(i)] = q * s;
        }
    }
    return out;
}

struct KQuantCase
{
    DType type;
    int bits;
    int group;
    double rmseLimit; // on N(0, 1) data, ~1.2x what the encoder measures
};

constexpr KQuantCase kKQuants[] = {
    { DType::Q2_K, 2, 16, 0.36 },
    { DType::Q3_K, 3, 16, 0.18 },
    { DType::Q4_K, 4, 32, 0.086 },
    { DType::Q5_K, 5, 32, 0.044 },
    { DType::Q6_K, 6, 16, 0.0215 },
};

} // namespace

class TestGgmlQuantize : public QObject
{
    Q_OBJECT

private slots:
    // Block A: amax 127 -> d = 127/127 = 1 (fp16 0x3C00), id = 1, q = roundf(x), halves away
    // from zero. Block B: d = 1 + 2^-11 exactly, halfway between fp16 0x3C00 and 0x3C01 -> the
    // even 0x3C00. Block C: d = 1 + 3·2^-11, halfway between 0x3C01 and 0x3C02 -> 0x3C02.
    void q8_0Exact()
    {
        std::vector<float> x(96, 0.0f);
        std::vector<uint8_t> expected;
        // A
        x[0] = 127.0f; // 127
        x[1] = 2.5f; // roundf(2.5) = 3
        x[2] = -2.5f; // -3
        x[3] = 0.5f; // 1
        x[4] = -0.5f; // -1
        x[5] = 1.5f; // 2
        x[6] = 0.49f; // 0
        x[7] = -127.0f; // -127 = 0x81
        x[8] = 126.5f; // 127
        x[9] = -126.5f; // -127
        x[10] = 3.25f; // 3
        appendHalf(expected, 0x3C00);
        for (uint8_t q : { 0x7F, 0x03, 0xFD, 0x01, 0xFF, 0x02, 0x00, 0x81, 0x7F, 0x81, 0x03 })
            expected.push_back(q);
        expected.resize(34, 0x00);
        // B: amax = 127·(1 + 2^-11) = 127.06201171875 (exact in float), d = 1.00048828125,
        // id = fl(1/d) = 1 - 2^-11 + 2^-22, so x·id = k·(1 + 2^-33) -> k for x = k·d.
        const float dB = 1.00048828125f;
        x[32] = 127.0f * dB; // 127
        x[33] = -64.0f * dB; // -64 = 0xC0
        x[34] = 3.0f * dB; // 3
        // 119.5·id = 119.4417 -> 119; the fp16-rounded d (1.0) would have given roundf(119.5) = 120,
        // so this checks id comes from the unrounded d.
        x[35] = 119.5f;
        appendHalf(expected, 0x3C00);
        for (uint8_t q : { 0x7F, 0xC0, 0x03, 0x77 })
            expected.push_back(q);
        expected.resize(68, 0x00);
        // C: amax = 127·(1 + 3·2^-11) = 127.18603515625, d = 1.00146484375 -> fp16 0x3C02.
        const float dC = 1.00146484375f;
        x[64] = -127.0f * dC; // -127
        x[65] = 10.0f * dC; // 10
        appendHalf(expected, 0x3C02);
        for (uint8_t q : { 0x81, 0x0A })
            expected.push_back(q);
        expected.resize(102, 0x00);
        compareBytes(DType::Q8_0, x, expected);
    }

    // q = min(15, (int8)(x·id + 8.5)); element j -> low nibble of qs[j], j + 16 -> high nibble.
    void q4_0Exact()
    {
        std::vector<float> x(96, 0.0f);
        std::vector<uint8_t> expected;
        // A: negative max -8 -> d = -8/-8 = 1 (0x3C00), id = 1, q = (int8)(x + 8.5); zeros -> 8.
        const float a[] = { -8.0f, // 0.5 -> 0
            7.0f, // 15.5 -> 15
            7.75f, // 16.25 -> 16 -> clamped to 15
            0.5f, // 9.0 exactly -> 9 (a tie rounds up)
            -0.5f, // 8.0 exactly -> 8
            -1.5f, // 7.0 -> 7
            2.25f, // 10.75 -> 10
            -7.75f }; // 0.75 -> 0
        std::copy(std::begin(a), std::end(a), x.begin());
        x[16] = 1.0f; // 9.5 -> 9
        x[17] = -3.0f; // 5.5 -> 5
        x[18] = 3.5f; // 12.0 -> 12
        x[19] = -8.0f; // another -8: not > amax, the first stays the max; 0.5 -> 0
        appendHalf(expected, 0x3C00);
        // qs[j] = q[j] | q[j+16] << 4
        for (uint8_t q : { 0x90, 0x5F, 0xCF, 0x09, 0x88, 0x87, 0x8A, 0x80 })
            expected.push_back(q);
        expected.resize(18, 0x88);
        // B: +4 comes before -4 -> max = +4, d = 4/-8 = -0.5 (0xB800), id = -2.
        x[32] = 4.0f; // -8 + 8.5 = 0.5 -> 0
        x[33] = -4.0f; // 8 + 8.5 = 16.5 -> 16 -> 15
        x[34] = 0.25f; // -0.5 + 8.5 = 8.0 -> 8
        x[35] = -0.25f; // 0.5 + 8.5 = 9.0 -> 9
        x[36] = 1.75f; // -3.5 + 8.5 = 5.0 -> 5
        x[48] = -1.0f; // 2 + 8.5 = 10.5 -> 10
        x[49] = 3.0f; // -6 + 8.5 = 2.5 -> 2
        appendHalf(expected, 0xB800);
        for (uint8_t q : { 0xA0, 0x2F, 0x88, 0x89, 0x85 })
            expected.push_back(q);
        expected.resize(36, 0x88);
        // C: -4 comes first -> max = -4, d = 0.5 (0x3800), id = 2: -4 -> 0, +4 -> 16.5 -> 15.
        x[64] = -4.0f;
        x[65] = 4.0f;
        appendHalf(expected, 0x3800);
        expected.push_back(0x80);
        expected.push_back(0x8F);
        expected.resize(54, 0x88);
        compareBytes(DType::Q4_0, x, expected);
    }

    // min -1, max 14 -> d = 15/15 = 1 (0x3C00), m = -1 (0xBC00), id = 1,
    // q = min(15, (int8)((x + 1) + 0.5)).
    void q4_1Exact()
    {
        std::vector<float> x(32, 0.0f); // zeros: 1.5 -> 1
        x[0] = -1.0f; // 0.5 -> 0
        x[1] = 14.0f; // 15.5 -> 15
        x[2] = 0.5f; // 2.0 -> 2 (tie rounds up)
        x[3] = 0.25f; // 1.75 -> 1
        x[4] = 2.0f; // 3.5 -> 3
        x[5] = 5.5f; // 7.0 -> 7
        x[16] = 13.5f; // 15.0 -> 15
        x[17] = -0.5f; // 1.0 -> 1
        x[18] = 10.0f; // 11.5 -> 11
        std::vector<uint8_t> expected;
        appendHalf(expected, 0x3C00);
        appendHalf(expected, 0xBC00);
        for (uint8_t q : { 0xF0, 0x1F, 0xB2, 0x11, 0x13, 0x17 })
            expected.push_back(q);
        expected.resize(20, 0x11);
        compareBytes(DType::Q4_1, x, expected);
    }

    // x[j] = j - 16: max = -16 -> d = -16/-16 = 1 (0x3C00), id = 1,
    // q = min(31, (int8)(x + 16.5)) = j for the integers; the 5th bit of q[j] is qh bit j.
    void q5_0Exact()
    {
        std::vector<float> x(32);
        for (int j = 0; j < 32; ++j)
            x[size_t(j)] = float(j - 16);
        x[3] = -12.5f; // 4.0 -> 4 (tie rounds up)
        x[15] = -0.5f; // 16.0 -> 16: the 5th bit set below element 16
        x[17] = 1.5f; // 18.0 -> 18
        x[20] = 4.5f; // 21.0 -> 21
        x[31] = 15.75f; // 32.25 -> 32 -> clamped to 31
        std::vector<uint8_t> expected;
        appendHalf(expected, 0x3C00);
        // qh: elements 15..31 have q >= 16 -> 0xFFFF8000, little-endian
        for (uint8_t b : { 0x00, 0x80, 0xFF, 0xFF })
            expected.push_back(b);
        // qs[j] = (q[j] & 15) | (q[j+16] & 15) << 4; q = j except q3 = 4, q15 = 16, q17 = 18, q20 = 21
        for (int j = 0; j < 16; ++j)
            expected.push_back(static_cast<uint8_t>(j | (j << 4)));
        expected[6 + 1] = 0x21; // 1 | 2 << 4
        expected[6 + 3] = 0x34; // 4 | 3 << 4
        expected[6 + 4] = 0x54; // 4 | 5 << 4
        expected[6 + 15] = 0xF0; // 0 | 15 << 4
        compareBytes(DType::Q5_0, x, expected);
    }

    // x[j] = j - 1: min -1, max 30 -> d = 31/31 = 1 (0x3C00), m = -1 (0xBC00),
    // q = (uint8)((x + 1) + 0.5) = j for the integers.
    void q5_1Exact()
    {
        std::vector<float> x(32);
        for (int j = 0; j < 32; ++j)
            x[size_t(j)] = float(j - 1);
        x[2] = 1.5f; // 3.0 -> 3 (tie rounds up)
        x[15] = 14.5f; // 16.0 -> 16: 5th bit of element 15
        std::vector<uint8_t> expected;
        appendHalf(expected, 0x3C00);
        appendHalf(expected, 0xBC00);
        for (uint8_t b : { 0x00, 0x80, 0xFF, 0xFF }) // qh = 0xFFFF8000
            expected.push_back(b);
        for (int j = 0; j < 16; ++j)
            expected.push_back(static_cast<uint8_t>(j | (j << 4)));
        expected[8 + 2] = 0x23; // 3 | 2 << 4
        expected[8 + 15] = 0xF0; // 0 | 15 << 4
        compareBytes(DType::Q5_1, x, expected);
    }

    // A product that is inexact only past float precision: ggml rounds x·id, then adds 8.5
    // (two roundings); a fused multiply-add would round once and land on the other side of 1.
    // max = -8 + 5·2^-20 -> d = max/-8 = 1 - 5·2^-23 (exact; fp16 rounds it to 1.0 = 0x3C00),
    // id = fl(1/d) = 1 + 5·2^-23. x1 = -(7.5 - 9·2^-21):
    // x1·id = -7.5 - 1.5·2^-23 + 45·2^-44 exactly, which rounds to -7.5 (ulp 2^-21 there), and
    // -7.5 + 8.5 = 1.0 -> q = 1. Fused: 1 - 1.5·2^-23 + ... -> 0.99999982 -> q = 0.
    void q4_0NoFusedMultiplyAdd()
    {
        std::vector<float> x(32, 0.0f);
        x[0] = -8.0f + 5.0f * 0x1p-20f; // the max: -8·d·id = -8 (1 - 25·2^-46) -> -8 -> 0.5 -> 0
        x[1] = -(7.5f - 9.0f * 0x1p-21f); // q = 1
        std::vector<uint8_t> expected { 0x00, 0x3C, 0x80, 0x81 }; // zeros and x16, x17 -> 8
        expected.resize(18, 0x88);
        compareBytes(DType::Q4_0, x, expected);
    }

    // Q4_K/Q5_K on sub-blocks of constants c_j = 1, 2, 3, 4.5, 5, 6, 7, 8 (all > 0, so every min
    // is clipped to 0 and dmin = 0). The fit of a constant block is scale c/nmax with all levels
    // nmax (the stretched grids give constant levels, D = 0, and are skipped). Six-bit scales:
    // ls_j = nearest(63/(8/nmax) · c_j/nmax) = nearest(7.875·c_j) = 8, 16, 24, 35, 39, 47, 55, 63.
    // Packing: bytes 0-3 = ls_0..3 | (ls_4..7 >> 4) << 6 = 8|0x80, 16|0x80, 24|0xC0, 35|0xC0;
    // bytes 4-7 = mins (0); bytes 8-11 = ls_4..7 & 15 = 7, 15, 7, 15.
    // Requantizing with the stored scales gives nmax again (e.g. Q4_K c=4.5: 4.5/(d·35) = 15.18).
    void k4ScalePackingExact()
    {
        std::vector<float> x;
        for (float c : { 1.0f, 2.0f, 3.0f, 4.5f, 5.0f, 6.0f, 7.0f, 8.0f })
            x.insert(x.end(), 32, c);
        const std::vector<uint8_t> scales { 0x88, 0x90, 0xD8, 0xE3, 0x00, 0x00, 0x00, 0x00, 0x07, 0x0F, 0x07, 0x0F };

        // Q4_K: d = fp16((8/15)/63 = 0.0084656) = 2^-7·(1 + 86/1024) -> 0x2056 (85.6 rounds up).
        std::vector<uint8_t> q4 { 0x56, 0x20, 0x00, 0x00 };
        q4.insert(q4.end(), scales.begin(), scales.end());
        q4.resize(144, 0xFF); // every level 15, both nibbles
        compareBytes(DType::Q4_K, x, q4);

        // Q5_K: d = fp16((8/31)/63 = 0.0040963) = 2^-8·(1 + 50/1024) -> 0x1C32 (49.8 rounds up).
        // Every level 31: all qh bits set, all nibbles 15.
        std::vector<uint8_t> q5 { 0x32, 0x1C, 0x00, 0x00 };
        q5.insert(q5.end(), scales.begin(), scales.end());
        q5.resize(176, 0xFF);
        compareBytes(DType::Q5_K, x, q5);
    }

    // All-zero blocks: d = 0 and id = 0, so q is the offset alone. Q4_0/Q5_0 compute
    // d = 0/-8 = -0, which ggml stores as fp16 0x8000.
    void allZeroBlocks()
    {
        const std::vector<float> zeros(kQkK, 0.0f);
        const auto block = [](std::initializer_list<uint8_t> head, size_t size, uint8_t fill) {
            std::vector<uint8_t> b(head);
            b.resize(size, fill);
            return b;
        };
        const std::vector<float> zeros32(32, 0.0f);
        compareBytes(DType::Q8_0, zeros32, block({}, 34, 0x00));
        compareBytes(DType::Q4_0, zeros32, block({ 0x00, 0x80 }, 18, 0x88)); // q = 8
        compareBytes(DType::Q4_1, zeros32, block({}, 20, 0x00)); // (int8)0.5 = 0
        compareBytes(DType::Q5_0, zeros32, block({ 0x00, 0x80, 0xFF, 0xFF, 0xFF, 0xFF }, 22, 0x00)); // q = 16
        compareBytes(DType::Q5_1, zeros32, block({}, 24, 0x00));
        // K-quants: every fit is empty, every scale 0 -> all-zero bytes.
        for (DType t : { DType::Q2_K, DType::Q3_K, DType::Q4_K, DType::Q5_K, DType::Q6_K })
            compareBytes(t, zeros, std::vector<uint8_t>(size_t(dtypeTraits(t).blockBytes), 0x00));
    }

    // The fused encode+decode path gives the very floats of quantizeGgmlRow + dequantize,
    // also for zero, tie, NaN and infinite blocks.
    void fusedFakeQuantizationEqualsEncodeDecode()
    {
        std::vector<float> values = test::randomValues(32 * 64, 7);
        for (int j = 0; j < 32; ++j) {
            values[size_t(j)] = 0.0f;                      // all-zero block
            values[size_t(32 + j)] = float(j - 16) * 0.25f; // ties at every step
        }
        values[70] = std::nanf("");
        values[100] = INFINITY;
        values[140] = -1e30f;
        for (int j = 0; j < 32; ++j)
            values[size_t(160 + j)] = -0.0f; // an all-negative-zero block
        values[200] = -9.0f;                 // equal magnitudes: the first one's sign wins
        values[205] = 9.0f;
        values[227] = 9.0f;
        values[230] = -9.0f;
        for (int j = 0; j < 32; ++j) // Q8_0 with d = 1: halves round away from zero
            values[size_t(256 + j)] = float(j - 16) + (j % 2 ? 0.5f : -0.5f);
        values[256] = 127.0f;
        values[300] = 70000.0f; // beyond F16: infinity
        values[301] = 1e-9f;    // F16 subnormal range
        for (const DType type : {DType::Q4_0, DType::Q8_0, DType::F16, DType::BF16}) {
            std::vector<std::byte> blocks(values.size() / dtypeTraits(type).blockSize * dtypeTraits(type).blockBytes);
            quantizeGgmlRow(type, values.data(), blocks.data(), int64_t(values.size()));
            std::vector<float> expected(values.size()), fused(values.size());
            dequantize(type, blocks.data(), expected.data(), int64_t(values.size()));
            QVERIFY(fakeQuantizeGgmlRow(type, values.data(), fused.data(), int64_t(values.size())));
            QCOMPARE(std::memcmp(fused.data(), expected.data(), fused.size() * sizeof(float)), 0);
        }
        std::vector<float> out(32);
        QVERIFY(!fakeQuantizeGgmlRow(DType::Q4_K, values.data(), out.data(), 256)); // no fused path
    }

    // Q4_0/Q5_0 scale from the first element of largest magnitude, as ggml's scan picks it:
    // equal magnitudes of both signs in either order, NaNs anywhere, all zeros.
    void signedMaximumAsGgmlScans()
    {
        std::vector<float> values = test::randomValues(32 * 200, 11);
        for (int b = 0; b < 200; ++b) {
            float *block = values.data() + b * 32;
            const int i = b % 32, k = (b * 7 + 3) % 32;
            if (b % 4 == 0) { // the same magnitude with both signs
                block[i] = 9.0f;
                block[k] = -9.0f;
            } else if (b % 4 == 1) {
                block[i] = std::nanf("");
                block[(i + 24) % 32] = b % 8 == 1 ? 50.0f : -50.0f; // the maximum, in the NaN's vector lane
            } else if (b % 4 == 2 && b % 8 == 2) {
                std::fill(block, block + 32, 0.0f);
            }
        }
        std::vector<std::byte> q4(values.size() / 32 * sizeof(BlockQ4_0));
        std::vector<std::byte> q5(values.size() / 32 * sizeof(BlockQ5_0));
        quantizeGgmlRow(DType::Q4_0, values.data(), q4.data(), int64_t(values.size()));
        quantizeGgmlRow(DType::Q5_0, values.data(), q5.data(), int64_t(values.size()));
        for (int b = 0; b < 200; ++b) {
            float amax = 0.0f, max = 0.0f; // ggml's quantize_row_q4_0_ref scan
            for (int j = 0; j < 32; ++j)
                if (amax < std::fabs(values[size_t(b * 32 + j)])) {
                    amax = std::fabs(values[size_t(b * 32 + j)]);
                    max = values[size_t(b * 32 + j)];
                }
            BlockQ4_0 block4;
            BlockQ5_0 block5;
            std::memcpy(&block4, q4.data() + b * sizeof(BlockQ4_0), sizeof block4);
            std::memcpy(&block5, q5.data() + b * sizeof(BlockQ5_0), sizeof block5);
            QCOMPARE(block4.d, floatToFp16(max / -8.0f));
            QCOMPARE(block5.d, floatToFp16(max / -16.0f));
        }
    }

    // The K-quant sub-block fit, eight sub-blocks per vector: the very bits of the scalar
    // transcription of ggml's make_qkx2_quants, for Q2_K's, Q4_K's and Q5_K's parameters,
    // with flat, all-zero, all-positive and heavy-tailed sub-blocks.
    void laneFitEqualsScalarFit()
    {
        struct Case { int n, nmax; kquant::QkxParams params; };
        for (const Case &c : {Case{32, 15, {-1.0f, 0.1f, 20, false}}, Case{32, 31, {-0.5f, 0.1f, 15, false}},
                              Case{16, 3, {-0.5f, 0.1f, 15, true}}}) {
            for (unsigned seed = 1; seed <= 40; ++seed) {
                std::vector<float> x = test::randomValues(size_t(8 * c.n), seed);
                const int special = int(seed % 8);
                for (int i = 0; i < c.n; ++i) {
                    float &v = x[size_t(special * c.n + i)];
                    v = seed % 4 == 0 ? -0.75f : seed % 4 == 1 ? 0.0f : seed % 4 == 2 ? std::fabs(v) + 0.1f : v * v * v;
                }
                std::vector<float> weights(x.size());
                for (size_t i = 0; i < x.size(); ++i)
                    weights[i] = std::fabs(x[i]) + 0.25f;
                std::vector<uint8_t> lanesL(x.size()), scalarL(x.size());
                float lanesMin[8], lanesScale[8];
                kquant::fitEightSubBlocks(c.n, c.nmax, x.data(), weights.data(), lanesL.data(), lanesMin, lanesScale,
                                          c.params);
                for (int j = 0; j < 8; ++j) {
                    float theMin = 0.0f;
                    const float scale = kquant::fitSubBlock(c.n, c.nmax, x.data() + j * c.n, weights.data() + j * c.n,
                                                            scalarL.data() + j * c.n, theMin, c.params);
                    QCOMPARE(std::bit_cast<uint32_t>(lanesScale[j]), std::bit_cast<uint32_t>(scale));
                    QCOMPARE(std::bit_cast<uint32_t>(lanesMin[j]), std::bit_cast<uint32_t>(theMin));
                }
                QCOMPARE(lanesL, scalarL);
            }
        }
    }

    void rejectsBadInput()
    {
        std::vector<float> x(33, 1.0f);
        std::vector<std::byte> out(64);
        const auto message = [&](DType type, int64_t count) {
            try {
                quantizeGgmlRow(type, x.data(), out.data(), count);
            } catch (const Error &e) {
                return std::string(e.what());
            }
            return std::string("(no error)");
        };
        QCOMPARE(
            message(DType::Q8_0, 33), std::string("quantizeGgmlRow: 33 values is not a whole number of Q8_0 blocks"));
        QCOMPARE(
            message(DType::Q4_K, 32), std::string("quantizeGgmlRow: 32 values is not a whole number of Q4_K blocks"));
        QCOMPARE(message(DType::F32, 4), std::string("no GGUF block encoder for F32"));
    }

    // The f16/bf16 "types": each value rounded to nearest even, as ggml converts floats.
    void sixteenBitFloats()
    {
        const std::vector<float> x{1.0f, 1.0f / 3.0f, 65504.0f, 65520.0f, 1e-8f, -2.5f, 0x1.0041p0f, -0.0f};
        const std::vector<uint16_t> f16{0x3C00, 0x3555, 0x7BFF, 0x7C00, 0x0000, 0xC100, 0x3C01, 0x8000};
        const std::vector<uint16_t> bf16{0x3F80, 0x3EAB, 0x4780, 0x4780, 0x322C, 0xC020, 0x3F80, 0x8000};
        for (const auto &[type, expected] : {std::pair{DType::F16, f16}, std::pair{DType::BF16, bf16}}) {
            std::vector<std::byte> out(2 * x.size());
            quantizeGgmlRow(type, x.data(), out.data(), int64_t(x.size()));
            for (size_t i = 0; i < x.size(); ++i) {
                uint16_t h = 0;
                std::memcpy(&h, out.data() + 2 * i, 2);
                QCOMPARE(h, expected[i]);
            }
        }
    }

    // Element-wise: |x - x̂| <= |d|/2 (|d| where Q4_0/Q5_0 clamp the far side of the signed
    // max), plus what storing d and m in fp16 costs: |q|·|d - fp16(d)| + |m - fp16(m)|,
    // each <= 2^-11 relative.
    void roundTrip32Blocks_data()
    {
        QTest::addColumn<DType>("type");
        QTest::newRow("Q8_0") << DType::Q8_0;
        QTest::newRow("Q4_0") << DType::Q4_0;
        QTest::newRow("Q4_1") << DType::Q4_1;
        QTest::newRow("Q5_0") << DType::Q5_0;
        QTest::newRow("Q5_1") << DType::Q5_1;
    }
    void roundTrip32Blocks()
    {
        QFETCH(DType, type);
        std::vector<float> x = gaussianWithOutliers(8192, 11);
        for (size_t i = 0; i < 64; ++i) // a shifted block, for the min of Q4_1/Q5_1
            x[i] += 3.0f;
        const std::vector<float> y = roundTrip(type, x);
        const std::vector<std::byte> blocks = quantize(type, x);
        const int blockBytes = dtypeTraits(type).blockBytes;
        const bool hasMin = type == DType::Q4_1 || type == DType::Q5_1;
        const int levels = type == DType::Q8_0 ? 127 : (type == DType::Q4_0 || type == DType::Q4_1) ? 15 : 31;
        for (size_t b = 0; b < x.size() / 32; ++b) {
            const std::byte *block = blocks.data() + b * size_t(blockBytes);
            const float d = std::fabs(fp16ToFloat(readU16(block)));
            const float m = hasMin ? std::fabs(fp16ToFloat(readU16(block + 2))) : 0.0f;
            float amax = 0.0f;
            for (int j = 0; j < 32; ++j)
                amax = std::max(amax, std::fabs(x[b * 32 + size_t(j)]));
            const float fp16Cost = float(levels) * d * 0x1p-10f + m * 0x1p-10f + amax * 1e-6f;
            for (int j = 0; j < 32; ++j) {
                const size_t i = b * 32 + size_t(j);
                // Q4_0/Q5_0 give the opposite end of the signed max one level less than needed.
                const bool farSide = (type == DType::Q4_0 || type == DType::Q5_0) && std::fabs(x[i]) > 0.9f * amax;
                const float bound = (farSide ? 1.0f : 0.5f) * d + fp16Cost;
                if (std::fabs(x[i] - y[i]) > bound)
                    QFAIL(qPrintable(
                        QStringLiteral("element %1: x %2, x̂ %3, bound %4").arg(i).arg(x[i]).arg(y[i]).arg(bound)));
            }
        }
    }

    // RMSE on N(0, 1) below a per-type limit, and the decode of the encode is stable: encoding
    // the dequantized values again and decoding gives no larger error.
    void kQuantRoundTrip_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(std::size(kKQuants)); ++i)
            QTest::newRow(dtypeName(kKQuants[i].type).data()) << i;
    }
    void kQuantRoundTrip()
    {
        QFETCH(int, index);
        const KQuantCase &c = kKQuants[index];
        const std::vector<float> x = test::randomValues(65536, 5);
        const std::vector<float> y = roundTrip(c.type, x);
        const double error = rmse(x, y);
        QVERIFY2(error < c.rmseLimit, qPrintable(QStringLiteral("RMSE %1 >= %2").arg(error).arg(c.rmseLimit)));
        // Scaled inputs: the encoders are scale-equivariant up to fp16 rounding.
        std::vector<float> small(x);
        for (float &v : small)
            v *= 0.01f;
        const double smallError = rmse(small, roundTrip(c.type, small));
        QVERIFY2(smallError < c.rmseLimit * 0.01, qPrintable(QString::number(smallError)));
        // A row of constant sign (all mins, no negative side) still decodes close.
        std::vector<float> shifted(x.begin(), x.begin() + 4096);
        for (float &v : shifted)
            v = std::fabs(v) + 1.0f;
        const double shiftedError = rmse(shifted, roundTrip(c.type, shifted));
        QVERIFY2(shiftedError < c.rmseLimit * 1.5, qPrintable(QString::number(shiftedError)));
    }

    // More bits, less error, on one Gaussian + outliers row.
    void errorFallsWithBits()
    {
        const std::vector<float> x = gaussianWithOutliers(4096, 3);
        const auto e = [&](DType t) {
            return rmse(x, roundTrip(t, x));
        };
        // Ordered by bits per weight: Q2_K 2.625, Q3_K 3.4375, Q4_K 4.5, Q5_K 5.5, Q6_K 6.5625, Q8_0 8.5.
        const DType ladder[] = { DType::Q2_K, DType::Q3_K, DType::Q4_K, DType::Q5_K, DType::Q6_K, DType::Q8_0 };
        std::vector<double> errors;
        QString table;
        for (DType t : ladder) {
            errors.push_back(e(t));
            table += QStringLiteral(" %1 %2").arg(QString::fromLatin1(dtypeName(t))).arg(errors.back(), 0, 'f', 4);
        }
        qInfo("RMSE on N(0,1)+outliers:%s", qPrintable(table));
        for (size_t i = 1; i < errors.size(); ++i)
            QVERIFY2(errors[i - 1] > errors[i], dtypeName(ladder[i]).data());
        const double q80 = errors.back();
        QVERIFY(e(DType::Q4_0) > e(DType::Q5_0));
        QVERIFY(e(DType::Q4_1) > e(DType::Q5_1));
        QVERIFY(e(DType::Q5_0) > q80);
    }

    // Each K-quant against symmetric RTN with the same bits and block length (fp32 scales,
    // which flatters RTN): the K-quants' mins and scale search should win; allow 1.15x.
    void kQuantsVersusRtn()
    {
        const std::vector<float> x = test::randomValues(65536, 5);
        for (const KQuantCase &c : kKQuants) {
            const double k = rmse(x, roundTrip(c.type, x));
            const double rtn = rmse(x, symmetricRtn(x, c.bits, c.group));
            qInfo("%s RMSE %.4f vs RTN b%d/%d %.4f (ratio %.3f)", dtypeName(c.type).data(), k, c.bits, c.group, rtn,
                k / rtn);
            QVERIFY2(k <= 1.15 * rtn,
                qPrintable(
                    QStringLiteral("%1: %2 vs RTN %3").arg(QString::fromLatin1(dtypeName(c.type))).arg(k).arg(rtn)));
        }
    }
};

QTEST_APPLESS_MAIN(TestGgmlQuantize)
#include "tst_ggmlquantize.moc"
