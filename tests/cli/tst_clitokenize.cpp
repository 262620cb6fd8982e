// bitcliff-cli tokenize: ids as the core gives them (tokenizer.json, checkpoint folder, GGUF),
// the summary line, --json, --bos, and one-line errors with the exit codes of the CLI.
#include "formats/ggufwriter.h"
#include "formats/tokenizerconversion.h"
#include "support/clirunner.h"
#include "support/fixtures.h"
#include "support/tokenizerfixtures.h"
#include "tokenize/tokenizer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

test::CliRun cli(const QStringList &arguments) { return test::runCli(QStringLiteral(BITCLIFF_CLI), arguments); }

const std::string kText = "Hello world, hello \xE6\x97\xA5\xE6\x9C\xAC!\n";

QString ids(const std::vector<int32_t> &values)
{
    QStringList out;
    for (const int32_t v : values)
        out << QString::number(v);
    return out.join(QLatin1Char(' '));
}

} // namespace

class TestCliTokenize : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const fs::path root = m_dir.path().toStdString();
        m_model = root / "model";
        test::writeTinyLlama(m_model);
        nlohmann::ordered_json tokenizer = test::byteLevelTokenizer({{"l", "l"}, {"e", "ll"}, {"h", "ell"}, {" ", "w"}});
        tokenizer["added_tokens"].push_back(test::addedToken(300, "<|begin_of_text|>"));
        test::writeTextFile(m_model / "tokenizer.json", tokenizer.dump());
        test::writeTextFile(m_model / "tokenizer_config.json", R"({"bos_token": "<|begin_of_text|>"})");
        m_text = root / "text.txt";
        test::writeTextFile(m_text, kText);
        m_gguf = root / "tokenizer.gguf";
        writeGguf(m_gguf, convertHfTokenizer(tokenizer.dump(), "", "", "gpt2", 0, "t").metadata, {});
    }

    void plainIdsAndSummary_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("folder") << QString::fromStdString(m_model.string());
        QTest::newRow("tokenizer.json") << QString::fromStdString((m_model / "tokenizer.json").string());
        QTest::newRow("gguf") << QString::fromStdString(m_gguf.string());
    }

    void plainIdsAndSummary()
    {
        QFETCH(QString, path);
        const auto run = cli({QStringLiteral("tokenize"), path, QStringLiteral("--text"), QString::fromStdString(m_text.string())});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QStringList lines = QString::fromUtf8(run.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        const std::vector<int32_t> expected = loadTokenizer(m_model)->encode(kText);
        QCOMPARE(lines[0], ids(expected));
        QVERIFY2(lines[1].startsWith(QStringLiteral("%1 tokens, 23 characters, ").arg(expected.size())),
                 qPrintable(lines[1]));
        QVERIFY2(lines[1].contains(QStringLiteral("characters/token (byte-level BPE, vocabulary 301)")), qPrintable(lines[1]));
    }

    void jsonWithBos()
    {
        const auto run = cli({QStringLiteral("tokenize"), QString::fromStdString(m_model.string()), QStringLiteral("--text"),
                              QString::fromStdString(m_text.string()), QStringLiteral("--json"), QStringLiteral("--bos")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        const QJsonArray idArray = root.value(QStringLiteral("ids")).toArray();
        const QJsonArray tokens = root.value(QStringLiteral("tokens")).toArray();
        const std::vector<int32_t> expected = loadTokenizer(m_model)->encode(kText, true);
        QCOMPARE(idArray.size(), qsizetype(expected.size()));
        for (qsizetype i = 0; i < idArray.size(); ++i)
            QCOMPARE(idArray[i].toInt(), expected[size_t(i)]);
        QCOMPARE(idArray[0].toInt(), 300);
        QCOMPARE(tokens[0].toString(), QStringLiteral("<|begin_of_text|>"));
        QCOMPARE(tokens[1].toString(), QStringLiteral("H"));
        QCOMPARE(tokens[2].toString(), QStringLiteral("ell"));
        QCOMPARE(root.value(QStringLiteral("count")).toInt(), int(expected.size()));
        QCOMPARE(root.value(QStringLiteral("bos")).toBool(), true);
        QCOMPARE(root.value(QStringLiteral("characters")).toInt(), 23);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString model = QString::fromStdString(m_model.string());
        const QString text = QString::fromStdString(m_text.string());
        const fs::path invalid = fs::path(m_dir.path().toStdString()) / "invalid.txt";
        test::writeTextFile(invalid, "ok \xFF");
        const fs::path empty = fs::path(m_dir.path().toStdString()) / "empty";
        fs::create_directories(empty);
        QTest::newRow("no --text") << QStringList{QStringLiteral("tokenize"), model} << 2 << QStringLiteral("--text is required");
        QTest::newRow("no path") << QStringList{QStringLiteral("tokenize"), QStringLiteral("--text"), text} << 2
                                 << QStringLiteral("takes exactly one PATH");
        QTest::newRow("text missing") << QStringList{QStringLiteral("tokenize"), model, QStringLiteral("--text"), QStringLiteral("/no/such.txt")}
                                      << 1 << QStringLiteral("/no/such.txt: no such file");
        QTest::newRow("model missing") << QStringList{QStringLiteral("tokenize"), QStringLiteral("/no/model"), QStringLiteral("--text"), text}
                                       << 1 << QStringLiteral("/no/model: no such file or directory");
        QTest::newRow("no tokenizer") << QStringList{QStringLiteral("tokenize"), QString::fromStdString(empty.string()),
                                                     QStringLiteral("--text"), text}
                                      << 1 << QStringLiteral("no tokenizer.json in");
        QTest::newRow("not UTF-8") << QStringList{QStringLiteral("tokenize"), model, QStringLiteral("--text"),
                                                  QString::fromStdString(invalid.string())}
                                   << 1 << QStringLiteral("invalid.txt: the text is not valid UTF-8 (byte 3)");
    }

    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const auto run = cli(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(test::isOneLine(run.err), run.err.constData());
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    }

    void helpMentionsTokenize()
    {
        const auto run = cli({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("tokenize PATH --text FILE [--json] [--bos]"));
    }

private:
    QTemporaryDir m_dir;
    fs::path m_model, m_text, m_gguf;
};

QTEST_GUILESS_MAIN(TestCliTokenize)
#include "tst_clitokenize.moc"
