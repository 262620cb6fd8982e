// Opening a checkpoint reads only its header: a 15 GB (sparse) file opens without its
// resident memory growing, and statistics of one small tensor touch only that tensor.
#include "formats/model.h"
#include "formats/safetensorswriter.h"
#include "stats/statsengine.h"
#include "support/fixtures.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <unistd.h>

using namespace bitcliff;

namespace {

long residentKb()
{
    std::ifstream status("/proc/self/statm");
    long pages = 0, resident = 0;
    status >> pages >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

} // namespace

class TestLazyOpen : public QObject
{
    Q_OBJECT

private slots:
    void hugeCheckpointOpensWithoutReadingIt()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("huge.safetensors")).toStdString();
        // A small tensor first, then 15 GB of BF16 that exist only as a hole in the file.
        const std::vector<float> small = test::randomValues(64, 3);
        const uint64_t hugeBytes = uint64_t(61440) * 122880 * 2;
        nlohmann::ordered_json header = {
            {"small", {{"dtype", "F32"}, {"shape", {8, 8}}, {"data_offsets", {0, 256}}}},
            {"model.layers.0.mlp.up_proj.weight",
             {{"dtype", "BF16"}, {"shape", {61440, 122880}}, {"data_offsets", {256, 256 + hugeBytes}}}}};
        std::string text = header.dump();
        text.append((8 - text.size() % 8) % 8, ' ');
        {
            std::ofstream out(path, std::ios::binary);
            const uint64_t n = text.size();
            out.write(reinterpret_cast<const char *>(&n), 8);
            out.write(text.data(), std::streamsize(text.size()));
            out.write(reinterpret_cast<const char *>(small.data()), 256);
        }
        QCOMPARE(truncate(path.c_str(), off_t(8 + text.size() + 256 + hugeBytes)), 0);

        const long before = residentKb();
        const auto model = openModel(path);
        QCOMPARE(model->tensors().size(), size_t(2));
        QCOMPARE(model->find("model.layers.0.mlp.up_proj.weight")->byteSize, hugeBytes);
        QVERIFY(model->parameterCount() > int64_t(7'000'000'000));
        StatsOptions options;
        options.onlyTensors = {"small"};
        const auto stats = computeModelStats(model, options);
        QVERIFY(stats->find("small")->computed);
        QVERIFY(!stats->find("model.layers.0.mlp.up_proj.weight")->computed);
        // Nothing of the 15 GB became resident.
        QVERIFY2(residentKb() - before < 64 * 1024, qPrintable(QString::number(residentKb() - before)));
    }
};

QTEST_APPLESS_MAIN(TestLazyOpen)
#include "tst_lazyopen.moc"
