// The demo data's test files (core/demo/demotasks.h): demo-arithmetic.jsonl parses with the
// evaluation's own reader and carries its labels and "match", every item is scored right on
// its own answer and wrong on a wrong final number, in both scripts; en.txt and hi.txt load
// as parallel passages.
#include "demo/demotasks.h"
#include "eval/corpus.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace bitcliff;

namespace {

// `answer` with its last digit replaced (a wrong final number, same script).
std::string wrongFinal(const std::string &answer)
{
    std::string out = answer;
    const size_t last = out.size() - 1;
    if (out[last] >= '0' && out[last] <= '9') {
        out[last] = out[last] == '9' ? '0' : char(out[last] + 1);
    } else { // Devanagari: E0 A5 A6..AF
        const auto byte = static_cast<unsigned char>(out[last]);
        out[last] = char(byte == 0xAF ? 0xA6 : byte + 1);
    }
    return out;
}

} // namespace

class TestDemoTestFiles : public QObject
{
    Q_OBJECT

private slots:
    void taskFileParsesWithItsLabels()
    {
        const DemoDataset data;
        const std::string text = demoTaskJsonLines(data);
        const std::vector<TaskItem> items = parseTaskLines(text, kDemoTaskFileName);
        const std::vector<TaskItem> expected = demoTestTasks(data);
        QCOMPARE(items.size(), size_t(3 * 2 * 500));
        QCOMPARE(items.size(), expected.size());
        std::map<std::string, int> cells;
        for (size_t i = 0; i < items.size(); ++i) {
            const TaskItem &item = items[i];
            QCOMPARE(item.id, expected[i].id);
            QCOMPARE(item.kind, TaskKind::Generate);
            QCOMPARE(item.context, expected[i].context);
            QCOMPARE(item.answer, expected[i].answer);
            QCOMPARE(item.match, expected[i].match);
            QCOMPARE(item.source, std::string(kDemoTaskFileName));
            QCOMPARE(item.match == AnswerMatch::LastNumber, item.difficulty == "hard");
            QVERIFY(item.id.ends_with("-" + item.language));
            QVERIFY(item.id.starts_with("demo-" + item.difficulty + "-"));
            ++cells[item.difficulty + "/" + item.language];
        }
        QCOMPARE(cells.size(), size_t(6));
        for (const auto &[cell, count] : cells)
            QVERIFY2(count == 500, cell.c_str());
        // The two scripts of a question are neighbours with the same number.
        QCOMPARE(items[0].id, std::string("demo-easy-0001-en"));
        QCOMPARE(items[1].id, std::string("demo-easy-0001-hi"));
        QCOMPARE(items.back().id, std::string("demo-hard-0500-hi"));
        QVERIFY(text.find("\"match\":\"last_number\"") != std::string::npos);
    }

    // Scored with the evaluation's rules: right on the item's own answer, in both scripts;
    // hard items on the final number only.
    void itemsScoreOnTheirFinalNumber()
    {
        const DemoDataset data;
        const std::vector<TaskItem> tasks = demoTestTasks(data);
        for (const TaskItem &item : tasks) {
            QVERIFY2(answerMatches(item.answer, item.answer, item.match), item.id.c_str());
            QVERIFY2(answerMatches(item.answer + "\n", item.answer, item.match), item.id.c_str());
            QVERIFY2(!answerMatches(wrongFinal(item.answer), item.answer, item.match), item.id.c_str());
            if (item.difficulty != "hard")
                continue;
            // A wrong first step with the right final number still counts: the score is the result.
            std::string slip = item.answer;
            const size_t equals = slip.find('=');
            slip.insert(equals + 1, item.language == "en" ? "1" : "\xE0\xA5\xA7"); // 13 -> 113
            QVERIFY2(answerMatches(slip, item.answer, item.match), slip.c_str());
            // Without its last step the scratchpad ends in another number.
            const std::string cut = item.answer.substr(0, item.answer.rfind(';'));
            const std::string lastStep = item.answer.substr(item.answer.rfind(';') + 1);
            if (expectedAnswer(cut, AnswerMatch::LastNumber) != expectedAnswer(lastStep, AnswerMatch::LastNumber))
                QVERIFY2(!answerMatches(cut, item.answer, item.match), cut.c_str());
        }
        // A Devanagari hard answer read as numbers: its final number in ASCII.
        const TaskItem &hardHindi = tasks.back();
        QCOMPARE(hardHindi.language, std::string("hi"));
        QCOMPARE(expectedAnswer(hardHindi.answer, AnswerMatch::LastNumber),
                 std::to_string(data.testQuestions(DemoTier::Hard).back().result()));
    }

    void filesAreWrittenAndLoad()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path root = std::filesystem::path(dir.path().toStdString()) / "demo-tests";
        const DemoDataset data;
        writeDemoTestFiles(data, root);
        const std::vector<TaskItem> items = loadTaskFile(root / kDemoTaskFileName);
        QCOMPARE(items.size(), size_t(3000));
        const std::vector<CorpusText> corpus = loadCorpus(root);
        QCOMPARE(corpus.size(), size_t(2));
        for (const CorpusText &text : corpus) {
            QVERIFY(text.language == "en" || text.language == "hi");
            const DemoScript script = text.language == "en" ? DemoScript::Common : DemoScript::Rare;
            QCOMPARE(text.text, demoCorpusText(data, script));
            // 50 passages separated by blank lines, 4 sentences each.
            size_t blankLines = 0;
            for (size_t at = text.text.find("\n\n"); at != std::string::npos; at = text.text.find("\n\n", at + 2))
                ++blankLines;
            QCOMPARE(blankLines, size_t(49));
            const std::string end = script == DemoScript::Common ? "." : "\xE0\xA5\xA4"; // '।'
            size_t sentences = 0;
            for (size_t at = text.text.find(end); at != std::string::npos; at = text.text.find(end, at + 1))
                ++sentences;
            QCOMPARE(sentences, size_t(200));
        }
    }
};

QTEST_GUILESS_MAIN(TestDemoTestFiles)
#include "tst_demotestfiles.moc"
