// Random orthogonal rotations (transform/hadamard.h): QQᵀ = I in double, ±1/sqrt(n) entries on
// the Hadamard path, the Hadamard blocks themselves (H Hᵀ = m I), seeds, and the block orders.
#include "nn/gemm.h"
#include "transform/hadamard.h"
#include "util/error.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

using namespace bitcliff;

namespace {

// max |(Q Qᵀ)_ij − δ_ij| over the given rows i and all j, in double (BLAS, the columns j in blocks).
double orthogonalityError(const Rotation &q, const std::vector<int64_t> &rows)
{
    const int64_t n = q.n, count = int64_t(rows.size()), block = 256;
    std::vector<double> picked;
    for (int64_t i : rows)
        picked.insert(picked.end(), q.matrix.begin() + i * n, q.matrix.begin() + (i + 1) * n);
    std::vector<double> others, product;
    double worst = 0;
    for (int64_t first = 0; first < n; first += block) {
        const int64_t width = std::min(block, n - first);
        others.assign(q.matrix.begin() + first * n, q.matrix.begin() + (first + width) * n);
        product.assign(size_t(count * width), 0.0);
        nn::gemm<double>(false, true, count, width, n, 1.0, picked.data(), n, others.data(), n, 0.0, product.data(),
                         width);
        for (int64_t r = 0; r < count; ++r)
            for (int64_t j = 0; j < width; ++j) {
                const double expected = rows[size_t(r)] == first + j ? 1.0 : 0.0;
                worst = std::max(worst, std::fabs(product[size_t(r * width + j)] - expected));
            }
    }
    return worst;
}

bool isPowerOfTwo(int64_t v) { return v > 0 && (v & (v - 1)) == 0; }

} // namespace

class TestHadamard : public QObject
{
    Q_OBJECT

private slots:
    void orthogonal_data()
    {
        QTest::addColumn<qint64>("n");
        QTest::addColumn<qint64>("order"); // 0: the random orthogonal path
        QTest::addColumn<QString>("kind");
        QTest::newRow("1") << qint64(1) << qint64(1) << "Hadamard 2^0";
        QTest::newRow("2") << qint64(2) << qint64(1) << "Hadamard 2^1";
        QTest::newRow("12") << qint64(12) << qint64(12) << "Hadamard 12";
        QTest::newRow("64") << qint64(64) << qint64(1) << "Hadamard 2^6";
        QTest::newRow("128") << qint64(128) << qint64(1) << "Hadamard 2^7";
        QTest::newRow("192") << qint64(192) << qint64(12) << "Hadamard 12·2^4";
        QTest::newRow("576") << qint64(576) << qint64(72) << "Hadamard 72·2^3";
        QTest::newRow("768") << qint64(768) << qint64(12) << "Hadamard 12·2^6";
        QTest::newRow("896") << qint64(896) << qint64(224) << "Hadamard 224·2^2";
        QTest::newRow("100") << qint64(100) << qint64(0) << "random orthogonal";
        QTest::newRow("4096") << qint64(4096) << qint64(1) << "Hadamard 2^12";
    }

    void orthogonal()
    {
        QFETCH(qint64, n);
        QFETCH(qint64, order);
        QFETCH(QString, kind);
        QCOMPARE(hadamardBlockOrder(n), order);
        const Rotation q = randomHadamard(n, 1234);
        QCOMPARE(q.n, n);
        QCOMPARE(int64_t(q.matrix.size()), n * n);
        QCOMPARE(QString::fromStdString(q.kind), kind);

        std::vector<int64_t> rows;
        if (n <= 1024) {
            for (int64_t i = 0; i < n; ++i)
                rows.push_back(i);
        } else { // a sample: the ends and rows spread over the middle
            rows = {0, 1, int64_t(n / 2), int64_t(n - 2), int64_t(n - 1)};
            std::mt19937_64 pick(7);
            for (int s = 0; s < 27; ++s)
                rows.push_back(int64_t(pick() % uint64_t(n)));
        }
        const double error = orthogonalityError(q, rows);
        QVERIFY2(error < 1e-5, qPrintable(QString("max |QQᵀ − I| = %1").arg(error)));

        if (order != 0) {
            const float entry = float(1.0 / std::sqrt(double(n)));
            const auto others =
                std::count_if(q.matrix.begin(), q.matrix.end(), [entry](float v) { return std::fabs(v) != entry; });
            QCOMPARE(others, 0);
        } else { // Haar-random: not a ±c matrix
            const float first = std::fabs(q.matrix[0]);
            QVERIFY(std::any_of(q.matrix.begin(), q.matrix.end(), [first](float v) { return std::fabs(v) != first; }));
        }
    }

    // Paley I (and Sylvester's H_2): H Hᵀ = m I exactly, ±1 entries, for every supported order
    // below 300 and a large one.
    void hadamardBlocks()
    {
        std::vector<int64_t> orders;
        for (int64_t m = 1; m < 300; ++m)
            if (isSupportedHadamardOrder(m))
                orders.push_back(m);
        orders.push_back(1020); // 1019 is prime, ≡ 3 mod 4
        for (int64_t m : orders) {
            const std::vector<double> h = hadamardMatrix(m);
            QCOMPARE(int64_t(h.size()), m * m);
            QVERIFY(std::all_of(h.begin(), h.end(), [](double v) { return v == 1.0 || v == -1.0; }));
            // Integer sums below 2^53: exact in double, whatever order BLAS adds in.
            std::vector<double> product(h.size());
            nn::gemm<double>(false, true, m, m, m, 1.0, h.data(), m, h.data(), m, 0.0, product.data(), m);
            for (int64_t i = 0; i < m; ++i)
                for (int64_t j = 0; j < m; ++j) {
                    const double dot = product[size_t(i * m + j)];
                    if (dot != (i == j ? double(m) : 0.0))
                        QFAIL(qPrintable(QString("order %1: (H Hᵀ)[%2][%3] = %4").arg(m).arg(i).arg(j).arg(dot)));
                }
        }
    }

    void supportedOrders()
    {
        std::vector<int64_t> below100;
        for (int64_t m = 1; m < 100; ++m)
            if (isSupportedHadamardOrder(m))
                below100.push_back(m);
        const std::vector<int64_t> expected{1, 2, 4, 8, 12, 20, 24, 32, 44, 48, 60, 68, 72, 80, 84};
        QCOMPARE(below100, expected);
        QVERIFY(!isSupportedHadamardOrder(0));
        QVERIFY(!isSupportedHadamardOrder(16)); // 15 is no prime (H_16 comes from Sylvester)
        QVERIFY(!isSupportedHadamardOrder(36)); // 35 either
        QVERIFY_THROWS_EXCEPTION(Error, hadamardMatrix(36));
    }

    void blockOrders()
    {
        QCOMPARE(hadamardBlockOrder(192), int64_t(12));
        const int64_t m576 = hadamardBlockOrder(576);
        QVERIFY(m576 > 0 && 576 % m576 == 0 && isPowerOfTwo(576 / m576) && isSupportedHadamardOrder(m576));
        const int64_t m4096 = hadamardBlockOrder(4096);
        QVERIFY(m4096 == 1 || m4096 == 2);
        // Model widths: 14336 = 224 · 2^6 (223 is prime), 11008 = 5504 · 2 (5503 is prime; 43 · 2^j
        // for j < 7 is not p + 1), 5120 = 20 · 2^8.
        QCOMPARE(hadamardBlockOrder(14336), int64_t(224));
        QCOMPARE(hadamardBlockOrder(11008), int64_t(5504));
        QCOMPARE(hadamardBlockOrder(5120), int64_t(20));
        QCOMPARE(hadamardBlockOrder(100), int64_t(0)); // 25, 50, 100: none
        QCOMPARE(hadamardBlockOrder(7), int64_t(0));
        QCOMPARE(hadamardBlockOrder(0), int64_t(0));
        QCOMPARE(hadamardBlockOrder(-4), int64_t(0));
        for (int64_t n = 1; n <= 2048; ++n) {
            const int64_t m = hadamardBlockOrder(n);
            if (m != 0)
                QVERIFY(n % m == 0 && isPowerOfTwo(n / m) && isSupportedHadamardOrder(m));
        }
    }

    void seeds()
    {
        for (int64_t n : {int64_t(12), int64_t(256), int64_t(100)}) {
            const Rotation a = randomHadamard(n, 1), b = randomHadamard(n, 1), c = randomHadamard(n, 2);
            QVERIFY(a.matrix == b.matrix);
            QVERIFY(a.matrix != c.matrix);
        }
    }

    // The signs are bits of std::mt19937_64's draws (the same on every platform): for n = 2^k,
    // column 0 of Sylvester's matrix is all ones, so Q's column 0 is s / sqrt(n), s_i = bit i of
    // the first draw (set: −1).
    void signsFromTheGenerator()
    {
        const uint64_t seed = 99;
        const Rotation q = randomHadamard(64, seed);
        const uint64_t bits = std::mt19937_64(seed)();
        for (int64_t i = 0; i < 64; ++i)
            QCOMPARE(q.matrix[size_t(i * 64)] < 0, bool((bits >> i) & 1));
    }

    // The random orthogonal path: Q of A = QR with R's diagonal positive, A the standard normals
    // of the seed (Box–Muller on 53-bit uniforms, u1 = 1 − u in (0, 1], cos then sin, column by
    // column): QᵀA is upper triangular with a positive diagonal.
    void orthogonalIsQOfQr()
    {
        const int64_t n = 100;
        const uint64_t seed = 5;
        const Rotation q = randomHadamard(n, seed);
        QCOMPARE(QString::fromStdString(q.kind), QString("random orthogonal"));
        std::mt19937_64 random(seed);
        const auto unit = [&random] { return double(random() >> 11) * 0x1p-53; };
        std::vector<double> a(size_t(n * n)); // column-major
        for (size_t e = 0; e < a.size(); e += 2) {
            const double u1 = 1.0 - unit(), u2 = unit();
            const double radius = std::sqrt(-2.0 * std::log(u1)), angle = 2.0 * std::numbers::pi * u2;
            a[e] = radius * std::cos(angle);
            if (e + 1 < a.size())
                a[e + 1] = radius * std::sin(angle);
        }
        double worstBelow = 0, smallestDiagonal = 1e300;
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j <= i; ++j) {
                double r = 0; // (QᵀA)_ij = Σ_k Q_ki A_kj
                for (int64_t k = 0; k < n; ++k)
                    r += double(q.matrix[size_t(k * n + i)]) * a[size_t(j * n + k)];
                if (i == j)
                    smallestDiagonal = std::min(smallestDiagonal, r);
                else
                    worstBelow = std::max(worstBelow, std::fabs(r));
            }
        QVERIFY2(worstBelow < 1e-4, qPrintable(QString("max |(QᵀA)_ij|, i > j: %1").arg(worstBelow)));
        QVERIFY2(smallestDiagonal > 1e-3, qPrintable(QString("min (QᵀA)_ii: %1").arg(smallestDiagonal)));
    }

    void rejectsEmpty()
    {
        QVERIFY_THROWS_EXCEPTION(Error, randomHadamard(0, 1));
        QVERIFY_THROWS_EXCEPTION(Error, randomHadamard(-3, 1));
    }
};

QTEST_GUILESS_MAIN(TestHadamard)
#include "tst_hadamard.moc"
