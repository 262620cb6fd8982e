// QuantScheme's text form: canonical round trips, the fields parse() fills, every rejected
// scheme with its exact message, and the row-length check.
#include "quant/scheme.h"
#include "util/error.h"

#include <QTest>

#include <string>

using namespace bitcliff;

namespace {

// The Error message of `parse(text)`, or empty when it parses.
QString parseError(const QString &text)
{
    try {
        QuantScheme::parse(text.toStdString());
    } catch (const Error &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QString rowLengthError(const QString &scheme, qint64 cols)
{
    try {
        QuantScheme::parse(scheme.toStdString()).checkRowLength(cols, "q_proj");
    } catch (const Error &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestScheme : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("rtn defaults") << "rtn" << "rtn:b4:g128:sym";
        QTest::newRow("rtn asym") << "rtn:b3:g128:asym" << "rtn:b3:g128:asym";
        QTest::newRow("upper case") << "RTN:B3:G128:ASYM" << "rtn:b3:g128:asym";
        QTest::newRow("spaces") << "  rtn:b5:g32  " << "rtn:b5:g32:sym";
        QTest::newRow("channel") << "rtn:b4:channel" << "rtn:b4:channel:sym";
        QTest::newRow("tensor clip") << "rtn:b8:tensor:sym:clip" << "rtn:b8:tensor:sym:clip";
        QTest::newRow("any order") << "rtn:clip:asym:g32:b2" << "rtn:b2:g32:asym:clip";
        QTest::newRow("g1") << "rtn:g1:b8" << "rtn:b8:g1:sym";
        QTest::newRow("nf4") << "nf4" << "nf4:g64";
        QTest::newRow("nf4 dq") << "nf4:g64:dq" << "nf4:g64:dq";
        QTest::newRow("nf4 dq first") << "nf4:dq:g128" << "nf4:g128:dq";
        QTest::newRow("nf4 g4096") << "nf4:g4096" << "nf4:g4096";
        QTest::newRow("fp4") << "fp4" << "fp4:g64";
        QTest::newRow("fp4 g32") << "fp4:g32" << "fp4:g32";
        QTest::newRow("mxfp4") << "MXFP4" << "mxfp4";
        QTest::newRow("fp8") << "fp8" << "fp8";
        QTest::newRow("hqq") << "hqq" << "hqq:b4:g64";
        QTest::newRow("hqq b1") << "hqq:b1:g32" << "hqq:b1:g32";
        QTest::newRow("hqq order") << "hqq:g128:b3" << "hqq:b3:g128";
        QTest::newRow("strict rtn") << "rtn:strict:b3" << "rtn:b3:g128:sym:strict";
        QTest::newRow("strict gguf") << "Q4_K:STRICT" << "q4_k:strict";
        QTest::newRow("strict mxfp4") << "mxfp4:strict" << "mxfp4:strict";
        for (const char *type : {"q8_0", "q4_0", "q4_1", "q5_0", "q5_1", "q2_k", "q3_k", "q4_k", "q5_k", "q6_k", "iq4_nl", "f16", "bf16"})
            QTest::newRow(type) << QString::fromLatin1(type).toUpper() << QString::fromLatin1(type);
    }

    void roundTrip()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        const QuantScheme scheme = QuantScheme::parse(text.toStdString());
        QCOMPARE(QString::fromStdString(scheme.toString()), canonical);
        QVERIFY(QuantScheme::parse(scheme.toString()) == scheme);
        QVERIFY(QuantScheme::parse(canonical.toStdString()) == scheme);
    }

    void fields()
    {
        const QuantScheme rtn = QuantScheme::parse("rtn:b3:g64:asym:clip");
        QCOMPARE(rtn.method, QuantMethod::Rtn);
        QCOMPARE(rtn.bits, 3);
        QCOMPARE(rtn.granularity, Granularity::Group);
        QCOMPARE(rtn.groupSize, 64);
        QVERIFY(!rtn.symmetric);
        QVERIFY(rtn.mseClip);
        QVERIFY(!rtn.doubleQuant);

        const QuantScheme channel = QuantScheme::parse("rtn:channel");
        QCOMPARE(channel.granularity, Granularity::Channel);
        QCOMPARE(channel.groupSize, 0);
        QVERIFY(channel.symmetric);

        const QuantScheme nf4 = QuantScheme::parse("nf4:dq");
        QCOMPARE(nf4.method, QuantMethod::Nf4);
        QCOMPARE(nf4.bits, 4);
        QCOMPARE(nf4.groupSize, 64);
        QVERIFY(nf4.doubleQuant);

        const QuantScheme fp8 = QuantScheme::parse("fp8");
        QCOMPARE(fp8.bits, 8);
        QCOMPARE(fp8.granularity, Granularity::Channel);

        QCOMPARE(QuantScheme::parse("mxfp4").groupSize, 32);
        const QuantScheme hqq = QuantScheme::parse("hqq:b2");
        QCOMPARE(hqq.bits, 2);
        QCOMPARE(hqq.groupSize, 64);
        QVERIFY(!hqq.symmetric);

        const QuantScheme q4k = QuantScheme::parse("q4_k");
        QCOMPARE(q4k.method, QuantMethod::Gguf);
        QCOMPARE(q4k.ggufType, DType::Q4_K);
        QCOMPARE(q4k.groupSize, 256);
        QCOMPARE(q4k.bits, 4);
        QVERIFY(!q4k.symmetric);
        QCOMPARE(QuantScheme::parse("q8_0").ggufType, DType::Q8_0);
        QCOMPARE(QuantScheme::parse("q6_k").ggufType, DType::Q6_K);
        QVERIFY(QuantScheme::parse("q6_k").symmetric);
        const QuantScheme iq4nl = QuantScheme::parse("IQ4_NL");
        QCOMPARE(iq4nl.method, QuantMethod::Gguf);
        QCOMPARE(iq4nl.ggufType, DType::IQ4_NL);
        QCOMPARE(iq4nl.bits, 4);
        QCOMPARE(iq4nl.groupSize, 32);
        QVERIFY(iq4nl.symmetric);
        QCOMPARE(iq4nl.toString(), std::string("iq4_nl"));
        QCOMPARE(QuantScheme::parse("rtn").ggufType, DType::Unsupported);
        const QuantScheme f16 = QuantScheme::parse("f16");
        QCOMPARE(f16.ggufType, DType::F16);
        QCOMPARE(f16.bits, 16);
        QCOMPARE(f16.blockLength(4096), int64_t(1));
        QCOMPARE(QuantScheme::parse("bf16").ggufType, DType::BF16);
    }

    void badScheme_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << "" << "no method";
        QTest::newRow("blank") << "   " << "no method";
        QTest::newRow("no method") << ":b4" << "no method";
        QTest::newRow("unknown method") << "foo" << "unknown method 'foo'";
        QTest::newRow("unknown gguf") << "q4_2" << "unknown method 'q4_2'";
        QTest::newRow("bits high") << "rtn:b9" << "bits 9 out of range 2..8";
        QTest::newRow("bits low") << "rtn:b1" << "bits 1 out of range 2..8";
        QTest::newRow("bits huge") << "rtn:b99999999999999999999" << "bits 99999999999999999999 out of range 2..8";
        QTest::newRow("hqq bits 0") << "hqq:b0" << "bits 0 out of range 1..8";
        QTest::newRow("hqq bits 9") << "hqq:b9" << "bits 9 out of range 1..8";
        QTest::newRow("group 0") << "rtn:g0" << "group size 0 out of range 1..1048576";
        QTest::newRow("group absurd") << "rtn:g2000000" << "group size 2000000 out of range 1..1048576";
        QTest::newRow("hqq group 0") << "hqq:g0" << "group size 0 out of range 1..1048576";
        QTest::newRow("nf4 group 16") << "nf4:g16" << "group size 16 is not a power of two from 32 to 4096";
        QTest::newRow("nf4 group 100") << "nf4:g100" << "group size 100 is not a power of two from 32 to 4096";
        QTest::newRow("fp4 group 8192") << "fp4:g8192" << "group size 8192 is not a power of two from 32 to 4096";
        QTest::newRow("unknown option") << "rtn:b4:bogus" << "unknown option 'bogus'";
        QTest::newRow("bare g") << "rtn:g" << "unknown option 'g'";
        QTest::newRow("bits not a number") << "rtn:bx" << "unknown option 'bx'";
        QTest::newRow("negative group") << "rtn:g-1" << "unknown option 'g-1'";
        QTest::newRow("empty option") << "rtn::b4" << "empty option";
        QTest::newRow("trailing colon") << "rtn:b4:" << "empty option";
        QTest::newRow("nf4 bits") << "nf4:b4" << "option 'b4' not allowed for nf4";
        QTest::newRow("nf4 asym") << "nf4:asym" << "option 'asym' not allowed for nf4";
        QTest::newRow("nf4 channel") << "nf4:channel" << "option 'channel' not allowed for nf4";
        QTest::newRow("fp4 dq") << "fp4:dq" << "option 'dq' not allowed for fp4";
        QTest::newRow("mxfp4 group") << "mxfp4:g32" << "option 'g32' not allowed for mxfp4";
        QTest::newRow("strict twice") << "q4_k:strict:strict" << "option 'strict' given twice";
        QTest::newRow("fp8 channel") << "fp8:channel" << "option 'channel' not allowed for fp8";
        QTest::newRow("hqq channel") << "hqq:channel" << "option 'channel' not allowed for hqq";
        QTest::newRow("hqq clip") << "hqq:clip" << "option 'clip' not allowed for hqq";
        QTest::newRow("hqq sym") << "hqq:sym" << "option 'sym' not allowed for hqq";
        QTest::newRow("rtn dq") << "rtn:dq" << "option 'dq' not allowed for rtn";
        QTest::newRow("gguf group") << "q4_k:g32" << "option 'g32' not allowed for q4_k";
        QTest::newRow("group and channel") << "rtn:g64:channel" << "conflicting options 'g64' and 'channel'";
        QTest::newRow("channel and tensor") << "rtn:channel:tensor" << "conflicting options 'channel' and 'tensor'";
        QTest::newRow("sym and asym") << "rtn:sym:asym" << "conflicting options 'sym' and 'asym'";
        QTest::newRow("two bits") << "rtn:b3:b4" << "conflicting options 'b3' and 'b4'";
        QTest::newRow("two groups") << "nf4:g64:g128" << "conflicting options 'g64' and 'g128'";
        QTest::newRow("twice") << "rtn:clip:clip" << "option 'clip' given twice";
        QTest::newRow("twice, any case") << "nf4:dq:DQ" << "option 'dq' given twice";
        QTest::newRow("original text kept") << "RTN:G64:Channel" << "conflicting options 'g64' and 'channel'";
    }

    void badScheme()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        QCOMPARE(parseError(text), QStringLiteral("bad scheme '%1': %2").arg(text, reason));
    }

    void checkRowLength_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<qint64>("cols");
        QTest::addColumn<QString>("error");
        QTest::newRow("group fits") << "rtn:g128" << qint64(4096) << "";
        QTest::newRow("group too long")
            << "rtn:g128" << qint64(100) << "q_proj: group size 128 does not divide the row length 100";
        QTest::newRow("group does not divide")
            << "rtn:g128" << qint64(200) << "q_proj: group size 128 does not divide the row length 200";
        QTest::newRow("channel any") << "rtn:channel" << qint64(7) << "";
        QTest::newRow("tensor any") << "rtn:tensor" << qint64(7) << "";
        QTest::newRow("empty rows") << "rtn:channel" << qint64(0) << "q_proj: rows are empty";
        QTest::newRow("nf4") << "nf4:g64" << qint64(96) << "q_proj: group size 64 does not divide the row length 96";
        QTest::newRow("hqq") << "hqq:g64" << qint64(100) << "q_proj: group size 64 does not divide the row length 100";
        QTest::newRow("mxfp4 fits") << "mxfp4" << qint64(64) << "";
        QTest::newRow("mxfp4") << "mxfp4" << qint64(48)
                               << "q_proj: mxfp4 block size 32 does not divide the row length 48";
        QTest::newRow("fp8 any") << "fp8" << qint64(7) << "";
        QTest::newRow("q8_0 fits") << "q8_0" << qint64(64) << "";
        QTest::newRow("q8_0") << "q8_0" << qint64(48)
                              << "q_proj: row length 48 is not a multiple of the q8_0 block size 32";
        QTest::newRow("iq4_nl fits") << "iq4_nl" << qint64(192) << "";
        QTest::newRow("iq4_nl") << "iq4_nl" << qint64(200)
                                << "q_proj: row length 200 is not a multiple of the iq4_nl block size 32";
        QTest::newRow("q4_k fits") << "q4_k" << qint64(4096) << "";
        QTest::newRow("q4_k") << "q4_k" << qint64(4000)
                              << "q_proj: row length 4000 is not a multiple of the q4_k block size 256";
        QTest::newRow("q6_k short") << "q6_k" << qint64(128)
                                    << "q_proj: row length 128 is not a multiple of the q6_k block size 256";
    }

    void checkRowLength()
    {
        QFETCH(QString, scheme);
        QFETCH(qint64, cols);
        QFETCH(QString, error);
        QCOMPARE(rowLengthError(scheme, cols), error);
    }

    void blockLength()
    {
        auto length = [](const char *scheme, int64_t cols) { return QuantScheme::parse(scheme).blockLength(cols); };
        QCOMPARE(length("rtn:g128", 4096), int64_t(128));
        QCOMPARE(length("rtn:channel", 4096), int64_t(4096));
        QCOMPARE(length("rtn:tensor", 4096), int64_t(0));
        QCOMPARE(length("nf4", 4096), int64_t(64));
        QCOMPARE(length("hqq:g32", 4096), int64_t(32));
        QCOMPARE(length("mxfp4", 4096), int64_t(32));
        QCOMPARE(length("fp8", 4096), int64_t(4096));
        QCOMPARE(length("q8_0", 4096), int64_t(32));
        QCOMPARE(length("q4_k", 4096), int64_t(256));
    }
};

QTEST_APPLESS_MAIN(TestScheme)
#include "tst_scheme.moc"
