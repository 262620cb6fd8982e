// util/atomicwrite: a file appears whole at commit or not at all; an abandoned, failed or
// killed write leaves nothing (O_TMPFILE), and the named fallback's leftovers of a killed
// process are removed by the next writer, those of a running process are not.
#include "util/atomicwrite.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> entries(const fs::path &directory)
{
    std::vector<std::string> names;
    for (const auto &entry : fs::directory_iterator(directory))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string contents(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeText(const fs::path &path, const std::string &text)
{
    std::ofstream(path, std::ios::binary) << text;
}

// A pid that ran and is gone: a child that exited and was reaped.
pid_t deadPid()
{
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    ::waitpid(child, nullptr, 0);
    return child;
}

// Forks a child that writes `size` bytes through AtomicFileStream to `target` and stops
// before commit; kills it with SIGKILL once the bytes are written.
bool killMidWrite(const fs::path &target, AtomicFileStream::Temporary temporary, size_t size)
{
    int ready[2];
    if (::pipe(ready) != 0)
        return false;
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(ready[0]);
        try {
            AtomicFileStream file(target, temporary);
            const std::vector<char> chunk(size, 'x');
            file.write(chunk.data(), chunk.size());
            file.write(chunk.data(), chunk.size()); // past the buffer: really in the file
            const char byte = 1;
            [[maybe_unused]] const auto written = ::write(ready[1], &byte, 1);
            ::pause();
        } catch (...) { }
        ::_exit(1);
    }
    ::close(ready[1]);
    char byte = 0;
    const bool wrote = ::read(ready[0], &byte, 1) == 1;
    ::close(ready[0]);
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    return wrote;
}

} // namespace

class TestAtomicWrite : public QObject
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }
    void cleanup()
    {
        for (const auto &entry : fs::directory_iterator(root()))
            fs::remove_all(entry.path());
    }

    void fileAppearsOnlyAtCommit_data()
    {
        QTest::addColumn<bool>("named");
        QTest::newRow("O_TMPFILE") << false;
        QTest::newRow("named temporary") << true;
    }

    void fileAppearsOnlyAtCommit()
    {
        QFETCH(bool, named);
        const fs::path target = root() / "out.bin";
        AtomicFileStream file(
            target, named ? AtomicFileStream::Temporary::Named : AtomicFileStream::Temporary::Automatic);
        QCOMPARE(file.unnamed(), !named); // this filesystem (ext4/tmpfs) has O_TMPFILE
        const std::string big(3 << 20, 'b'); // past the write buffer
        file.write("head", 4);
        file.write(big.data(), big.size());
        QVERIFY(!fs::exists(target));
        QCOMPARE(entries(root()).size(), named ? size_t(1) : size_t(0));
        file.commit();
        QCOMPARE(entries(root()), std::vector<std::string> { "out.bin" });
        QCOMPARE(contents(target), "head" + big);
    }

    void commitReplacesAnExistingFile()
    {
        const fs::path target = root() / "report.json";
        writeText(target, "old");
        {
            AtomicFileStream file(target);
            file.write("new", 3);
            QCOMPARE(contents(target), std::string("old"));
            file.commit();
        }
        QCOMPARE(contents(target), std::string("new"));
        writeFileAtomically(target, std::as_bytes(std::span(std::string_view("newer"))));
        QCOMPARE(contents(target), std::string("newer"));
        QCOMPARE(entries(root()), std::vector<std::string> { "report.json" });
    }

    void abandonedWriteLeavesNothing_data() { fileAppearsOnlyAtCommit_data(); }

    void abandonedWriteLeavesNothing()
    {
        QFETCH(bool, named);
        const fs::path target = root() / "model.gguf";
        writeText(root() / "kept.gguf", "old");
        {
            AtomicFileStream file(
                target, named ? AtomicFileStream::Temporary::Named : AtomicFileStream::Temporary::Automatic);
            file.write("partial", 7);
        } // destroyed without commit(): an error or a cancel
        QCOMPARE(entries(root()), std::vector<std::string> { "kept.gguf" });
        // An existing target is untouched by an abandoned write.
        {
            AtomicFileStream file(root() / "kept.gguf");
            file.write("partial", 7);
        }
        QCOMPARE(contents(root() / "kept.gguf"), std::string("old"));
        QCOMPARE(entries(root()), std::vector<std::string> { "kept.gguf" });
    }

    void failuresNameThePath()
    {
        const fs::path missing = root() / "no-such-dir" / "x.gguf";
        try {
            AtomicFileStream file(missing);
            QFAIL("a file in a missing directory was opened");
        } catch (const Error &e) {
            QCOMPARE(std::string(e.what()), missing.string() + ": cannot write: No such file or directory");
        }
        try {
            copyFileAtomically(root() / "absent.json", root() / "copy.json");
            QFAIL("a missing source was copied");
        } catch (const Error &e) {
            QVERIFY2(std::string(e.what()).starts_with((root() / "absent.json").string() + ": cannot read"), e.what());
        }
        QVERIFY(entries(root()).empty());
    }

    void copyIsAtomic()
    {
        writeText(root() / "config.json", "{\"a\": 1}");
        writeText(root() / "copy.json", "old");
        copyFileAtomically(root() / "config.json", root() / "copy.json");
        QCOMPARE(contents(root() / "copy.json"), std::string("{\"a\": 1}"));
        QCOMPARE(entries(root()), (std::vector<std::string> { "config.json", "copy.json" }));
    }

    // SIGKILL mid-write: O_TMPFILE leaves nothing at all.
    void killedWriteLeavesNothing()
    {
        QVERIFY(killMidWrite(root() / "big.gguf", AtomicFileStream::Temporary::Automatic, 2 << 20));
        const std::vector<std::string> left = entries(root());
        QVERIFY2(left.empty(), left.empty() ? "" : left.front().c_str());
    }

    // SIGKILL mid-write with the named fallback: the temporary stays until the next writer in
    // that directory, which removes it because its process is gone.
    void killedNamedTemporaryIsRemovedByTheNextWriter()
    {
        QVERIFY(killMidWrite(root() / "big.gguf", AtomicFileStream::Temporary::Named, 2 << 20));
        const std::vector<std::string> left = entries(root());
        QCOMPARE(left.size(), size_t(1));
        QVERIFY2(left.front().starts_with("big.gguf.tmp-bitcliff-"), left.front().c_str());
        writeFileAtomically(root() / "other.csv", std::as_bytes(std::span(std::string_view("a,b\n"))));
        QCOMPARE(entries(root()), std::vector<std::string> { "other.csv" });
    }

    void staleTemporariesOfDeadProcessesOnly()
    {
        const fs::path target = root() / "model.safetensors";
        const fs::path dead = atomicTemporaryName(target, deadPid(), 0);
        const fs::path alive = atomicTemporaryName(target, ::getppid(), 3); // our parent runs
        const fs::path own = atomicTemporaryName(target, ::getpid(), 7);
        writeText(dead, "stale");
        writeText(alive, "in use");
        writeText(own, "in use");
        // Not ours: similar names a user might have.
        writeText(root() / "notes.tmp-123", "mine");
        writeText(root() / "x.tmp-bitcliff-12a-1", "mine");
        writeText(root() / "x.tmp-bitcliff-1", "mine");
        QCOMPARE(removeStaleTemporaries(root()), 1);
        QVERIFY(!fs::exists(dead));
        QVERIFY(fs::exists(alive));
        QVERIFY(fs::exists(own));
        QCOMPARE(entries(root()).size(), size_t(5));

        // A writer in the directory does the same, whichever temporary it uses.
        writeText(dead, "stale");
        AtomicFileStream file(root() / "summary.csv", AtomicFileStream::Temporary::Named);
        QVERIFY(!fs::exists(dead));
        QVERIFY(fs::exists(alive));
    }

private:
    fs::path root() const { return fs::path(m_dir.path().toStdString()); }

    QTemporaryDir m_dir;
};

QTEST_APPLESS_MAIN(TestAtomicWrite)
#include "tst_atomicwrite.moc"
