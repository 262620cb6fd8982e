// Which OpenBLAS kernels BitCliff asks for (util/blaskernels.h): only pre-AVX2 kernels on a
// CPU with AVX2 are replaced, by the best that OpenBLAS 0.3.21 has for it; a modern choice
// and CPUs without AVX2 are left alone. (tst_cli checks that the real program ends up on
// modern kernels on this machine.)
#include "util/blaskernels.h"

#include <QTest>

using namespace bitcliff;

class TestBlasKernels : public QObject
{
    Q_OBJECT

private slots:
    void fasterCore_data()
    {
        QTest::addColumn<QString>("current");
        QTest::addColumn<bool>("avx2");
        QTest::addColumn<bool>("avx512");
        QTest::addColumn<QString>("wanted");
        // Sapphire Rapids and later Xeons: OpenBLAS 0.3.21 falls back to Prescott.
        QTest::newRow("prescott on avx512") << "Prescott" << true << true << "SkylakeX";
        QTest::newRow("prescott on avx2") << "Prescott" << true << false << "Haswell";
        QTest::newRow("sandybridge on avx2") << "Sandybridge" << true << false << "Haswell";
        QTest::newRow("nehalem on avx512") << "Nehalem" << true << true << "SkylakeX";
        QTest::newRow("prescott without avx2") << "Prescott" << false << false << "";
        QTest::newRow("haswell kept") << "Haswell" << true << true << "";
        QTest::newRow("zen kept") << "Zen" << true << false << "";
        QTest::newRow("skylakex kept") << "SkylakeX" << true << true << "";
        QTest::newRow("cooperlake kept") << "Cooperlake" << true << true << "";
    }

    void fasterCore()
    {
        QFETCH(QString, current);
        QFETCH(bool, avx2);
        QFETCH(bool, avx512);
        QFETCH(QString, wanted);
        CpuVectorSupport cpu;
        cpu.avx2Fma = avx2;
        cpu.avx512 = avx512;
        QCOMPARE(QString::fromStdString(fasterBlasCore(current.toStdString(), cpu)), wanted);
    }

    void linkedLibraryNamesItsCore() { QVERIFY(!blasCoreName().empty()); }
};

QTEST_GUILESS_MAIN(TestBlasKernels)
#include "tst_blaskernels.moc"
