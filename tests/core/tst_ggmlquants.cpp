// Dequantization of every GGUF block type, checked against blocks built byte by byte with
// values worked out by hand from ggml-quants.c dequantize_row_* formulas (not by re-running the decoder).
// Scales are powers of two or small integers so every expected value is exact.
#include "formats/dequantize.h"
#include "formats/dtype.h"
#include "formats/ggmlquants.h"

#include <QTest>

#include <cstring>
#include <vector>

using namespace bitcliff;

namespace {

// fp16 bit patterns used below.
constexpr uint16_t kHalfOne = 0x3C00;      // 1.0
constexpr uint16_t kHalfHalf = 0x3800;     // 0.5
constexpr uint16_t kHalfQuarter = 0x3400;  // 0.25
constexpr uint16_t kHalfEighth = 0x3000;   // 0.125
constexpr uint16_t kHalfMinusOne = 0xBC00; // -1.0

// One block's bytes, filled field by field at the offsets of the on-disk layout.
class Block
{
public:
    explicit Block(size_t size)
        : m_bytes(size, std::byte{0})
    {
    }
    void setByte(size_t at, uint8_t value) { m_bytes.at(at) = std::byte{value}; }
    void setHalf(size_t at, uint16_t bits)
    {
        setByte(at, static_cast<uint8_t>(bits & 0xFF));
        setByte(at + 1, static_cast<uint8_t>(bits >> 8));
    }
    void fill(size_t at, size_t count, uint8_t value)
    {
        for (size_t i = 0; i < count; ++i)
            setByte(at + i, value);
    }
    const std::vector<std::byte> &bytes() const { return m_bytes; }

private:
    std::vector<std::byte> m_bytes;
};

std::vector<float> decode(DType type, const std::vector<std::byte> &bytes)
{
    const DTypeTraits &traits = dtypeTraits(type);
    const auto blocks = static_cast<int64_t>(bytes.size()) / traits.blockBytes;
    std::vector<float> out(static_cast<size_t>(blocks * traits.blockSize), -12345.0f);
    dequantizeGgmlBlocks(type, bytes.data(), out.data(), blocks);
    return out;
}

struct Expect
{
    int index;
    float value;
};

void checkElements(const std::vector<float> &values, std::initializer_list<Expect> expected)
{
    for (const Expect &e : expected) {
        const float got = values.at(static_cast<size_t>(e.index));
        if (got != e.value)
            QFAIL(qPrintable(QStringLiteral("element %1: got %2, expected %3").arg(e.index).arg(got).arg(e.value)));
    }
}

} // namespace

class TestGgmlQuants : public QObject
{
    Q_OBJECT

private slots:
    void blockSizes()
    {
        QCOMPARE(dtypeTraits(DType::Q4_0).blockBytes, 18);
        QCOMPARE(dtypeTraits(DType::Q6_K).blockBytes, 210);
        QCOMPARE(dtypeTraits(DType::Q2_K).blockSize, 256);
    }

    // Q4_0: d = 0.5; qs[j] low nibble -> element j, high nibble -> element j + 16; x = (q - 8)·d.
    void q4_0()
    {
        Block b(18);
        b.setHalf(0, kHalfHalf);
        b.fill(2, 16, 0x88); // q = 8 everywhere -> 0
        b.setByte(2 + 0, 0x1F); // elem 0: 15 -> 3.5, elem 16: 1 -> -3.5
        b.setByte(2 + 5, 0x80); // elem 5: 0 -> -4, elem 21: 8 -> 0
        b.setByte(2 + 15, 0xC8); // elem 15: 8 -> 0, elem 31: 12 -> 2
        const auto v = decode(DType::Q4_0, b.bytes());
        checkElements(v, {{0, 3.5f}, {16, -3.5f}, {5, -4.0f}, {21, 0.0f}, {15, 0.0f}, {31, 2.0f}, {1, 0.0f}});
    }

    // Q4_1: d = 0.25, m = -1; x = q·d + m.
    void q4_1()
    {
        Block b(20);
        b.setHalf(0, kHalfQuarter);
        b.setHalf(2, kHalfMinusOne);
        b.setByte(4 + 3, 0xA2); // elem 3: 2 -> -0.5, elem 19: 10 -> 1.5
        const auto v = decode(DType::Q4_1, b.bytes());
        checkElements(v, {{3, -0.5f}, {19, 1.5f}, {0, -1.0f}, {31, -1.0f}});
    }

    // Q5_0: d = 1; qh (u32 LE) bit j is the 5th bit of element j; x = (q - 16)·d.
    void q5_0()
    {
        Block b(22);
        b.setHalf(0, kHalfOne);
        b.setByte(2, 0x04); // qh bit 2
        b.setByte(4, 0x10); // qh bit 20
        b.setByte(6 + 2, 0x3F); // elem 2: 15|16 = 31 -> 15; elem 18: 3 (bit 18 clear) -> -13
        b.setByte(6 + 4, 0x05); // elem 4: 5 -> -11; elem 20: 0|16 -> 0
        const auto v = decode(DType::Q5_0, b.bytes());
        checkElements(v, {{2, 15.0f}, {18, -13.0f}, {4, -11.0f}, {20, 0.0f}, {0, -16.0f}, {31, -16.0f}});
    }

    // Q5_1: d = 0.5, m = 0.25; qh bit 31 set; x = q·d + m.
    void q5_1()
    {
        Block b(24);
        b.setHalf(0, kHalfHalf);
        b.setHalf(2, kHalfQuarter);
        b.setByte(4 + 3, 0x80); // qh bit 31
        b.setByte(8 + 15, 0xF1); // elem 15: 1 -> 0.75; elem 31: 15|16 = 31 -> 15.75
        const auto v = decode(DType::Q5_1, b.bytes());
        checkElements(v, {{15, 0.75f}, {31, 15.75f}, {0, 0.25f}, {16, 0.25f}});
    }

    // Q8_0: d = 0.125; x = qs[j]·d with signed qs. Two blocks, the second with d = -1.
    void q8_0()
    {
        Block b(68);
        b.setHalf(0, kHalfEighth);
        b.setByte(2 + 0, 0x80); // -128 -> -16
        b.setByte(2 + 31, 0x7F); // 127 -> 15.875
        b.setByte(2 + 7, 0xFD); // -3 -> -0.375
        b.setHalf(34, kHalfMinusOne);
        b.setByte(36 + 1, 0x05); // second block elem 1: 5 -> -5
        const auto v = decode(DType::Q8_0, b.bytes());
        checkElements(v, {{0, -16.0f}, {31, 15.875f}, {7, -0.375f}, {1, 0.0f}, {33, -5.0f}, {32, 0.0f}});
    }

    // Q2_K (scales[16] @0, qs[64] @16, d @80, dmin @82), d = 1, dmin = 0.5.
    // e = 128h + 32j + l: q = (qs[32h+l] >> 2j) & 3, s = scales[8h + 2j + (l >= 16)],
    // x = d·(s & 15)·q - dmin·(s >> 4).
    void q2_K()
    {
        Block b(84);
        b.setHalf(80, kHalfOne);
        b.setHalf(82, kHalfHalf);
        b.setByte(16 + 0, 0xE4); // qs[0]: j=0 -> 0, j=1 -> 1, j=2 -> 2, j=3 -> 3
        b.setByte(0, 0x21); // e=0: 1·0 - 0.5·2 = -1
        b.setByte(2, 0x13); // e=32: 3·1 - 0.5·1 = 2.5
        b.setByte(4, 0x05); // e=64: 5·2 - 0 = 10
        b.setByte(6, 0xF2); // e=96: 2·3 - 0.5·15 = -1.5
        b.setByte(16 + 49, 0x08); // qs[49] (h=1, l=17): j=1 -> 2
        b.setByte(11, 0x37); // e=128+32+17=177 uses scales[11]: 7·2 - 0.5·3 = 12.5
        b.setByte(10, 0x40); // scales[10] (l < 16 of the same j): q=0 -> -0.5·4 = -2
        // e=176 (l=16, qs[48] = 0): only the min of scales[11] -> -1.5; e=145: scales[9] = 0 -> 0
        const auto v = decode(DType::Q2_K, b.bytes());
        checkElements(v, {{0, -1.0f}, {32, 2.5f}, {64, 10.0f}, {96, -1.5f}, {177, 12.5f}, {160, -2.0f},
                          {175, -2.0f}, {176, -1.5f}, {145, 0.0f}, {1, -1.0f}});
    }

    // Q3_K (hmask[32] @0, qs[64] @32, scales[12] @96, d @108), d = 0.5.
    // Scale j: low 4 bits from scales[j] (j < 8) or scales[j-8] >> 4, high 2 bits
    // (scales[8 + j%4] >> 2(j/4)) & 3, minus 32. e = 128h + 32j + l:
    // q = ((qs[32h+l] >> 2j) & 3) - (hmask[l] bit (4h+j) ? 0 : 4), x = d·sc[8h+2j+(l>=16)]·q.
    void q3_K()
    {
        Block b(110);
        b.setHalf(108, kHalfHalf);
        b.setByte(96 + 0, 0x03);  // sc0 low 3
        b.setByte(96 + 8, 0x02);  // sc0 high 2 -> 35 - 32 = 3
        b.setByte(96 + 5, 0x0A);  // sc5 low 10
        b.setByte(96 + 9, 0x04);  // sc5 high (bits 2-3) 1 -> 26 - 32 = -6
        b.setByte(96 + 2, 0x70);  // sc10 low 7 (high nibble of scales[2])
        b.setByte(96 + 10, 0x30); // sc10 high (bits 4-5) 3 -> 55 - 32 = 23
        b.setByte(96 + 7, 0xC0);  // sc15 low 12, high (scales[11] bits 6-7) 0 -> -20
        // sc8: low = scales[0] >> 4 = 0, high = scales[8] bits 4-5 = 0 -> -32

        b.setByte(32 + 0, 0x01); // e=0: low2 1
        b.setByte(0, 0x01);      // hmask[0] bit 0 set -> q = 1; x = 0.5·3·1 = 1.5
        // e=1: qs 0, hmask clear -> q = -4; x = 0.5·3·(-4) = -6
        b.setByte(32 + 20, 0x20); // e=84 (h0 j2 l20): low2 2, hmask[20] bit 2 clear -> -2; x = 0.5·(-6)·(-2) = 6
        b.setByte(32 + 35, 0x0C); // qs[35]: j=1 -> 3, j=0 -> 0
        b.setByte(3, 0x20);       // hmask[3] bit 5 (h1 j1) set
        // e=163 (h1 j1 l3): q = 3, sc10 = 23 -> 34.5
        // e=131 (h1 j0 l3): q = 0 - 4 (bit 4 clear), sc8 = -32 -> 64
        // e=255 (h1 j3 l31): qs[63] = 0, hmask[31] bit 7 clear -> -4; sc15 = -20 -> 40
        const auto v = decode(DType::Q3_K, b.bytes());
        checkElements(v, {{0, 1.5f}, {1, -6.0f}, {84, 6.0f}, {163, 34.5f}, {131, 64.0f}, {255, 40.0f}});
    }

    // Q4_K (d @0, dmin @2, scales[12] @4, qs[128] @16), d = 1, dmin = 0.5.
    // j < 4: sc = scales[j] & 63, m = scales[j+4] & 63; j >= 4: sc = (scales[j+4] & 15) |
    // ((scales[j-4] >> 6) << 4), m = (scales[j+4] >> 4) | ((scales[j] >> 6) << 4).
    // e = 64c + l: l < 32 low nibble of qs[32c+l] (sub-block 2c), else high nibble (2c+1).
    void q4_K()
    {
        Block b(144);
        b.setHalf(0, kHalfOne);
        b.setHalf(2, kHalfHalf);
        b.setByte(4 + 0, 0x04); // sc0 = 4, m0 = scales[4] & 63 = 0
        b.setByte(4 + 1, 0xC5); // sc1 = 5; top bits 3 feed sc5
        b.setByte(4 + 5, 0x83); // m1 = 3; top bits 2 feed m5
        b.setByte(4 + 9, 0x72); // sc5 = 2 | 3<<4 = 50, m5 = 7 | 2<<4 = 39
        b.setByte(4 + 4, 0x40); // m0 = 0; top bits 1 -> m4 = (scales[8] >> 4) | 1<<4 = 16
        b.setByte(16 + 8, 0xA0); // e=40 (sub 1): q 10 -> 5·10 - 1.5 = 48.5; e=8 (sub 0): q 0 -> 0
        b.setByte(16 + 9, 0x03); // e=9 (sub 0): q 3 -> 4·3 - 0 = 12
        b.setByte(16 + 65, 0x37); // e=161 (sub 5): q 3 -> 150 - 19.5 = 130.5; e=129 (sub 4, sc4 0): -8
        const auto v = decode(DType::Q4_K, b.bytes());
        checkElements(v, {{40, 48.5f}, {8, 0.0f}, {9, 12.0f}, {161, 130.5f}, {129, -8.0f}, {41, -1.5f}});
    }

    // Q5_K (d @0, dmin @2, scales[12] @4, qh[32] @16, qs[128] @48): as Q4_K plus a high bit
    // worth 16 from qh[l % 32] bit (sub-block index).
    void q5_K()
    {
        Block b(176);
        b.setHalf(0, kHalfOne);
        b.setHalf(2, kHalfHalf);
        b.setByte(4 + 0, 0x04);
        b.setByte(4 + 1, 0xC5);
        b.setByte(4 + 5, 0x83);
        b.setByte(4 + 9, 0x72);
        b.setByte(4 + 4, 0x40);
        b.setByte(48 + 8, 0xA0);
        b.setByte(16 + 8, 0x02); // qh[8] bit 1: e=40 -> q 26 -> 5·26 - 1.5 = 128.5
        b.setByte(16 + 9, 0x01); // qh[9] bit 0: e=9 -> q 16 -> 4·16 = 64; e=41 unaffected
        b.setByte(48 + 65, 0x37);
        b.setByte(16 + 1, 0x20); // qh[1] bit 5: e=161 -> q 19 -> 50·19 - 19.5 = 930.5
        const auto v = decode(DType::Q5_K, b.bytes());
        checkElements(v, {{40, 128.5f}, {8, 0.0f}, {9, 64.0f}, {41, -1.5f}, {161, 930.5f}, {129, -8.0f}});
    }

    // Q6_K (ql[128] @0, qh[64] @128, scales[16] i8 @192, d @208), d = 0.5.
    // e = 128h + 32k + l: low nibble of ql[64h + l] (k=0), ql[64h+32+l] (k=1), their high
    // nibbles for k=2, 3; high bits (qh[32h+l] >> 2k) & 3; q = (low | high<<4) - 32;
    // x = d·scales[8h + 2k + l/16]·q.
    void q6_K()
    {
        Block b(210);
        b.setHalf(208, kHalfHalf);
        b.setByte(0, 0x5A);      // ql[0]: low 10 (k=0), high 5 (k=2)
        b.setByte(32, 0x1F);     // ql[32]: low 15 (k=1), high 1 (k=3)
        b.setByte(128, 0x9E);    // qh[0]: k0 2, k1 3, k2 1, k3 2
        b.setByte(192 + 0, 3);   // e=0: q = 42 - 32 = 10 -> 0.5·3·10 = 15
        b.setByte(192 + 2, 1);   // e=32: q = 63 - 32 = 31 -> 15.5
        b.setByte(192 + 4, 0xFE); // -2; e=64: q = 21 - 32 = -11 -> 11
        b.setByte(192 + 6, 0x80); // -128; e=96: q = 33 - 32 = 1 -> -64
        b.setByte(116, 0x07);    // ql[116] (h1 k1 l20): low 7, qh[52] = 0 -> q -25
        b.setByte(192 + 11, 4);  // e=180: 0.5·4·(-25) = -50
        b.setByte(192 + 10, 1);  // e=164 (l4 < 16 -> scales[10]): q -32 -> -16
        // e=1: ql[1] = qh[1] = 0 -> q = -32, scales[0] = 3 -> -48
        const auto v = decode(DType::Q6_K, b.bytes());
        checkElements(v, {{0, 15.0f}, {32, 15.5f}, {64, 11.0f}, {96, -64.0f}, {180, -50.0f}, {164, -16.0f},
                          {1, -48.0f}});
    }

    // IQ4_NL: d = 0.5; element j from the low nibble of qs[j], j + 16 from the high one, each an
    // index into {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113}.
    void iq4_nl()
    {
        QCOMPARE(dtypeTraits(DType::IQ4_NL).blockBytes, 18);
        QCOMPARE(dtypeTraits(DType::IQ4_NL).blockSize, 32);
        Block b(18);
        b.setHalf(0, kHalfHalf);
        b.setByte(2 + 0, 0xF0);  // elem 0: 0 -> -63.5, elem 16: 15 -> 56.5
        b.setByte(2 + 7, 0x87);  // elem 7: 7 -> -5, elem 23: 8 -> 0.5
        b.setByte(2 + 15, 0x3C); // elem 15: 12 -> 26.5, elem 31: 3 -> -32.5
        const auto v = decode(DType::IQ4_NL, b.bytes());
        checkElements(v, {{0, -63.5f}, {16, 56.5f}, {7, -5.0f}, {23, 0.5f}, {15, 26.5f}, {31, -32.5f}, {1, -63.5f}});
    }

    // The generic entry point routes block types by element count.
    void dequantizeEntryPoint()
    {
        Block b(34 * 2);
        b.setHalf(0, kHalfOne);
        b.setByte(2 + 3, 7);
        b.setHalf(34, kHalfHalf);
        b.setByte(36 + 31, 0xF8); // -8 -> -4
        std::vector<float> out(64, 1.0f);
        dequantize(DType::Q8_0, b.bytes().data(), out.data(), 64);
        QCOMPARE(out[3], 7.0f);
        QCOMPARE(out[63], -4.0f);
        QCOMPARE(out[0], 0.0f);
    }

    void unsupportedTypeThrows()
    {
        std::vector<std::byte> bytes(64);
        float out[32];
        QVERIFY_THROWS_EXCEPTION(std::exception, dequantizeGgmlBlocks(DType::F32, bytes.data(), out, 1));
    }
};

QTEST_APPLESS_MAIN(TestGgmlQuants)
#include "tst_ggmlquants.moc"
