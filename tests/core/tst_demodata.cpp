// The demo model's generated data (core/demo): the three arithmetic tiers with their formats,
// answers and carry rules recomputed here, how many distinct questions each has, the two
// scripts as digit-for-digit twins, the held-out split proven absent from a large training
// stream, the mix's shares, the sentences' agreement, and determinism from the seed.
#include "demo/demostream.h"
#include "util/error.h"

#include <QRegularExpression>
#include <QTest>

#include <map>
#include <optional>
#include <set>
#include <unordered_set>

using namespace bitcliff;

namespace {

// ASCII digits of a rare-script text (Devanagari U+0966..U+096F = E0 A5 A6..AF).
std::string commonDigits(const std::string &text)
{
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
        if (i + 2 < text.size() && byte(i) == 0xE0 && byte(i + 1) == 0xA5 && byte(i + 2) >= 0xA6 && byte(i + 2) <= 0xAF) {
            out.push_back(char('0' + byte(i + 2) - 0xA6));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

// The captures of a whole-text match ([0] the text), or nothing. QRegularExpression (PCRE2)
// rather than std::regex, whose GCC 12 headers warn under the sanitizer build's -O1.
std::optional<std::vector<std::string>> fullMatch(const QRegularExpression &pattern, const std::string &text)
{
    const QRegularExpressionMatch match = pattern.match(QString::fromStdString(text));
    if (!match.hasMatch())
        return std::nullopt;
    std::vector<std::string> captures;
    for (int i = 0; i <= pattern.captureCount(); ++i)
        captures.push_back(match.captured(i).toStdString());
    return captures;
}

// The runs of ASCII digits of a text, in order.
std::vector<std::string> numbersIn(const std::string &text)
{
    std::vector<std::string> numbers;
    for (size_t at = text.find_first_of("0123456789"); at != std::string::npos;) {
        const size_t end = std::min(text.find_first_not_of("0123456789", at), text.size());
        numbers.push_back(text.substr(at, end - at));
        at = text.find_first_of("0123456789", end);
    }
    return numbers;
}

bool hasAsciiDigit(const std::string &text) { return text.find_first_of("0123456789") != std::string::npos; }

// Every run of 3 or more consecutive steps of a scratchpad, as text ("15-2=13;13-3=10;10-6=4").
std::vector<std::string> scratchpadRuns(const std::string &answer)
{
    std::vector<std::string> steps;
    for (size_t start = 0; start <= answer.size();) {
        const size_t end = std::min(answer.find(';', start), answer.size());
        steps.push_back(answer.substr(start, end - start));
        start = end + 1;
    }
    std::vector<std::string> runs;
    for (size_t first = 0; first + 3 <= steps.size(); ++first)
        for (size_t end = first + 3; end <= steps.size(); ++end) {
            std::string run;
            for (size_t i = first; i < end; ++i)
                run += (i > first ? ";" : "") + steps[i];
            runs.push_back(run);
        }
    return runs;
}

// The study's column rules, written out again: easy has no carry and no borrow.
bool easyRule(int a, char op, int b)
{
    return op == '+' ? a % 10 + b % 10 <= 9 && a / 10 + b / 10 <= 9 : a >= b && a % 10 >= b % 10;
}
bool mediumRule(int a, char op, int b)
{
    return op == '+' ? !easyRule(a, op, b) : a > b && a % 10 < b % 10;
}

// Checks a hard item's scratchpad: each step starts from the value just written, follows the
// prompt's steps in order, computes right and stays in 0..99. Returns the final number.
int checkScratchpad(const std::string &prompt, const std::string &answer)
{
    static const QRegularExpression promptForm(R"(^(\d{2})((?:[+-]\d){3,4}):$)");
    static const QRegularExpression stepForm(R"(^(\d{1,2})([+-])(\d)=(\d{1,2})$)");
    const auto match = fullMatch(promptForm, prompt);
    if (!match)
        return -1;
    int value = std::stoi((*match)[1]);
    const std::string steps = (*match)[2];
    size_t stepCount = 0;
    size_t start = 0;
    while (start <= answer.size()) {
        const size_t end = std::min(answer.find(';', start), answer.size());
        const std::string step = answer.substr(start, end - start);
        const auto parts = fullMatch(stepForm, step);
        if (!parts || std::stoi((*parts)[1]) != value || stepCount >= steps.size() / 2)
            return -1;
        const char op = (*parts)[2][0];
        const int operand = std::stoi((*parts)[3]);
        if (op != steps[2 * stepCount] || operand != steps[2 * stepCount + 1] - '0')
            return -1;
        const int next = op == '+' ? value + operand : value - operand;
        if (std::stoi((*parts)[4]) != next || next < 0 || next > 99)
            return -1;
        value = next;
        ++stepCount;
        start = end + 1;
    }
    return stepCount == steps.size() / 2 ? value : -1;
}

// Walks of 3-4 steps of ± 1..9 from 10..99 that stay in 0..99, by brute force.
uint64_t countWalks(int value, int depth)
{
    uint64_t count = depth >= 3 ? 1 : 0;
    if (depth == 4)
        return count;
    for (int operand = 1; operand <= 9; ++operand)
        for (const int next : {value + operand, value - operand})
            if (next >= 0 && next <= 99)
                count += countWalks(next, depth + 1);
    return count;
}

} // namespace

class TestDemoData : public QObject
{
    Q_OBJECT

private slots:
    void examplesRenderAsDocumented()
    {
        const DemoItem easy = renderQuestion({DemoTier::Easy, 17, {31}}, DemoScript::Common);
        QCOMPARE(easy.prompt, std::string("17+31="));
        QCOMPARE(easy.answer, std::string("48"));
        const DemoItem medium = renderQuestion({DemoTier::Medium, 83, {39}}, DemoScript::Common);
        QCOMPARE(medium.prompt + medium.answer, std::string("83+39=122"));
        const DemoQuestion hard{DemoTier::Hard, 15, {-2, -3, -6}};
        QCOMPARE(renderQuestion(hard, DemoScript::Common).prompt, std::string("15-2-3-6:"));
        QCOMPARE(renderQuestion(hard, DemoScript::Common).answer, std::string("15-2=13;13-3=10;10-6=4"));
        QCOMPARE(renderQuestion(hard, DemoScript::Rare).prompt, std::string("१५-२-३-६:"));
        QCOMPARE(renderQuestion(hard, DemoScript::Rare).answer, std::string("१५-२=१३;१३-३=१०;१०-६=४"));
        QCOMPARE(hard.key(), std::string("15-2-3-6:"));
        QCOMPARE(std::string(demoLanguage(DemoScript::Rare)), std::string("hi"));
    }

    // Thousands of draws per tier: the format parses, the answer is recomputed, the carry rule
    // holds, and the hard scratchpad is local with every value in 0..99.
    void tiersFollowTheirRules()
    {
        DemoRng rng(42);
        static const QRegularExpression twoOperands(R"(^(\d{2})([+-])(\d{2})=$)");
        std::map<char, int> operators;
        for (const DemoTier tier : {DemoTier::Easy, DemoTier::Medium}) {
            for (int i = 0; i < 5000; ++i) {
                const DemoItem item = renderQuestion(sampleQuestion(tier, rng), DemoScript::Common);
                const auto m = fullMatch(twoOperands, item.prompt);
                QVERIFY2(m, item.prompt.c_str());
                const int a = std::stoi((*m)[1]), b = std::stoi((*m)[3]);
                const char op = (*m)[2][0];
                ++operators[op];
                QCOMPARE(item.answer, std::to_string(op == '+' ? a + b : a - b));
                QVERIFY2(tier == DemoTier::Easy ? easyRule(a, op, b) : mediumRule(a, op, b), item.prompt.c_str());
            }
        }
        QVERIFY(operators['+'] > 4500 && operators['-'] > 4500); // about half each
        std::map<size_t, int> lengths;
        for (int i = 0; i < 5000; ++i) {
            const DemoQuestion question = sampleQuestion(DemoTier::Hard, rng);
            const DemoItem item = renderQuestion(question, DemoScript::Common);
            QVERIFY2(checkScratchpad(item.prompt, item.answer) == question.result(), (item.prompt + item.answer).c_str());
            ++lengths[question.steps.size()];
        }
        QCOMPARE(lengths.size(), size_t(2));
        QVERIFY(lengths[3] > 2200 && lengths[4] > 2200);
    }

    // Distinct questions per tier (the demo's numbers): easy 4,455 and medium 7,740 by the
    // column rules, hard 9,086,229 by brute force; sampling reaches every easy and medium one.
    void tiersHaveEnoughDistinctQuestions()
    {
        uint64_t easy = 0, medium = 0;
        for (int a = 10; a <= 99; ++a)
            for (int b = 10; b <= 99; ++b)
                for (const char op : {'+', '-'}) {
                    easy += easyRule(a, op, b);
                    medium += mediumRule(a, op, b);
                    QCOMPARE(twoOperandTier(a, op, b) == DemoTier::Easy, easyRule(a, op, b));
                    QCOMPARE(twoOperandTier(a, op, b) == DemoTier::Medium, mediumRule(a, op, b));
                }
        QCOMPARE(easy, uint64_t(4455));
        QCOMPARE(medium, uint64_t(7740));
        QCOMPARE(demoQuestionCount(DemoTier::Easy), easy);
        QCOMPARE(demoQuestionCount(DemoTier::Medium), medium);
        uint64_t hard = 0;
        for (int start = 10; start <= 99; ++start)
            hard += countWalks(start, 0);
        QCOMPARE(demoQuestionCount(DemoTier::Hard), hard);
        qInfo("distinct questions: easy %llu, medium %llu, hard %llu", static_cast<unsigned long long>(easy),
              static_cast<unsigned long long>(medium), static_cast<unsigned long long>(hard));
        DemoRng rng(7);
        for (const DemoTier tier : {DemoTier::Easy, DemoTier::Medium}) {
            std::set<std::string> seen;
            for (int i = 0; i < 300000; ++i)
                seen.insert(sampleQuestion(tier, rng).key());
            QCOMPARE(uint64_t(seen.size()), demoQuestionCount(tier));
        }
    }

    // A rare-script item is its common twin with the digits mapped, and nothing else differs.
    void scriptsAreDigitForDigitTwins()
    {
        const DemoDataset data;
        for (const DemoTier tier : kDemoTiers) {
            for (const DemoQuestion &question : data.testQuestions(tier)) {
                const DemoItem common = renderQuestion(question, DemoScript::Common);
                const DemoItem rare = renderQuestion(question, DemoScript::Rare);
                QCOMPARE(commonDigits(rare.prompt), common.prompt);
                QCOMPARE(commonDigits(rare.answer), common.answer);
                QVERIFY(!hasAsciiDigit(rare.prompt + rare.answer));
                QCOMPARE(codePointCount(rare.prompt), codePointCount(common.prompt));
            }
        }
        // Sentences: the same numbers in both languages, in each one's digits.
        for (const DemoPassage &passage : data.testPassages()) {
            for (const DemoSentence &sentence : passage.sentences) {
                QVERIFY(!hasAsciiDigit(sentence.hi));
                const std::string en = sentence.en, hi = commonDigits(sentence.hi);
                QCOMPARE(numbersIn(en), numbersIn(hi));
            }
        }
    }

    // The proof the brief asks for: 500 test questions per tier, and a training stream of
    // 3 M code points in which no held-out question occurs in either script, not as a
    // document and not inside one, no training scratchpad shares 3 consecutive steps with a
    // held-out one, and no held-out sentence occurs in any passage.
    void heldOutItemsNeverReachTraining()
    {
        const DemoDataset data;
        std::unordered_set<std::string> prompts, heldOutRuns;
        std::set<size_t> promptLengths;
        for (const DemoTier tier : kDemoTiers) {
            const auto &questions = data.testQuestions(tier);
            QCOMPARE(questions.size(), size_t(500));
            std::set<std::string> distinct;
            for (const DemoQuestion &question : questions) {
                QCOMPARE(question.tier, tier);
                QVERIFY(data.isHeldOut(question));
                distinct.insert(question.key());
                for (const DemoScript script : kDemoScripts) {
                    prompts.insert(renderQuestion(question, script).prompt);
                    promptLengths.insert(renderQuestion(question, script).prompt.size());
                    if (tier == DemoTier::Hard)
                        for (const std::string &run : scratchpadRuns(renderQuestion(question, script).answer))
                            heldOutRuns.insert(run);
                }
            }
            QCOMPARE(distinct.size(), size_t(500));
        }
        QCOMPARE(prompts.size(), size_t(3000));
        std::vector<std::string> heldOutSentences;
        for (const DemoPassage &passage : data.testPassages())
            for (const DemoSentence &sentence : passage.sentences) {
                QVERIFY(data.isHeldOut(sentence));
                heldOutSentences.push_back(sentence.en);
                heldOutSentences.push_back(sentence.hi);
            }
        QCOMPARE(heldOutSentences.size(), size_t(2 * 50 * 4));

        DemoMix mix;
        mix.rareScriptShare = 0.5; // both scripts often
        DemoTrainingStream stream(data, mix, 99);
        std::map<DemoTier, int> documents;
        size_t sentenceDocuments = 0;
        for (const DemoDocument &document : stream.takeCodePoints(3'000'000)) {
            const std::string text = document.text();
            if (document.kind == DemoDocumentKind::Arithmetic) {
                ++documents[document.tier];
                QVERIFY2(!data.isHeldOutQuestion(document.key), document.key.c_str());
                if (document.tier == DemoTier::Hard)
                    for (const std::string &run : scratchpadRuns(document.answer))
                        QVERIFY2(!heldOutRuns.contains(run), (document.prompt + document.answer).c_str());
                for (size_t begin = 0; begin < text.size(); ++begin)
                    for (const size_t length : promptLengths)
                        if (begin + length <= text.size() && prompts.contains(text.substr(begin, length)))
                            QFAIL(("held-out question in training: " + text).c_str());
            } else {
                // No '+' or '-': no held-out prompt can hide in sentences or digit pairs.
                QVERIFY2(text.find_first_of("+-") == std::string::npos, text.c_str());
                if (document.kind == DemoDocumentKind::Sentences) {
                    ++sentenceDocuments;
                    for (const std::string &sentence : heldOutSentences)
                        QVERIFY2(text.find(sentence) == std::string::npos, sentence.c_str());
                }
            }
        }
        qInfo("checked %d easy, %d medium, %d hard, %zu sentence documents", documents[DemoTier::Easy],
              documents[DemoTier::Medium], documents[DemoTier::Hard], sentenceDocuments);
        QVERIFY(documents[DemoTier::Easy] > 50000 && sentenceDocuments > 1000);
    }

    void sameSeedSameData()
    {
        const DemoDataset a, b;
        DemoSplitOptions other;
        other.seed = 2;
        const DemoDataset c(other);
        for (const DemoTier tier : kDemoTiers) {
            QVERIFY(a.testQuestions(tier) == b.testQuestions(tier));
            QVERIFY(!(a.testQuestions(tier) == c.testQuestions(tier)));
        }
        QCOMPARE(a.testPassages()[7].text(DemoScript::Rare), b.testPassages()[7].text(DemoScript::Rare));
        DemoTrainingStream s1(a, {}, 5), s2(b, {}, 5), s3(a, {}, 6);
        const auto d1 = s1.take(2000), d2 = s2.take(2000), d3 = s3.take(2000);
        int differ = 0;
        for (size_t i = 0; i < d1.size(); ++i) {
            QCOMPARE(d1[i].text(), d2[i].text());
            QCOMPARE(d1[i].prompt, d2[i].prompt);
            differ += d1[i].text() != d3[i].text();
        }
        QVERIFY(differ > 1000);
    }

    // Code points per category follow the shares; the rare script takes its share of items.
    void mixFollowsItsShares()
    {
        const DemoDataset data;
        for (const double rare : {0.10, 0.25}) {
            DemoMix mix;
            mix.rareScriptShare = rare;
            mix.digitPairShare = rare == 0.25 ? 0.05 : 0.02;
            DemoTrainingStream stream(data, mix, 3);
            size_t arithmetic = 0, rareArithmetic = 0;
            for (const DemoDocument &document : stream.takeCodePoints(2'000'000)) {
                if (document.kind == DemoDocumentKind::Arithmetic) {
                    ++arithmetic;
                    rareArithmetic += document.script == DemoScript::Rare;
                    QCOMPARE(hasAsciiDigit(document.text()), document.script == DemoScript::Common);
                }
                if (document.kind == DemoDocumentKind::DigitPairs)
                    QCOMPARE(document.prompt, std::string());
            }
            size_t total = 0;
            for (const size_t produced : stream.produced())
                total += produced;
            for (int c = 0; c < DemoTrainingStream::CategoryCount; ++c) {
                const double share = double(stream.produced()[size_t(c)]) / double(total);
                QVERIFY2(std::abs(share - stream.shares()[size_t(c)]) < 0.01, qPrintable(QString::number(share)));
            }
            QVERIFY(std::abs(stream.shares()[DemoTrainingStream::Hard] - 0.5 * (1 - 0.08 - mix.digitPairShare)) < 1e-12);
            QVERIFY(std::abs(double(rareArithmetic) / double(arithmetic) - rare) < 0.01);
        }
        DemoMix bad;
        bad.sentenceShare = 0.6;
        bad.digitPairShare = 0.5;
        QVERIFY_THROWS_EXCEPTION(Error, validateDemoMix(bad));
        bad = {};
        bad.rareScriptShare = 1.5;
        QVERIFY_THROWS_EXCEPTION(Error, DemoTrainingStream(data, bad, 1));
        DemoSplitOptions tooMany;
        tooMany.testQuestionsPerTier = 3000; // more than half of the 4,455 easy questions
        QVERIFY_THROWS_EXCEPTION(Error, DemoDataset{tooMany});
    }

    // Hindi verbs agree with the subject's gender; the sentences vary.
    void sentencesAgreeAndVary()
    {
        DemoRng rng(11);
        std::set<std::string> distinct;
        int checked = 0;
        static const std::map<std::string, bool> subjects = {
            {"लड़का", false}, {"लड़की", true}, {"बच्चा", false}, {"किसान", false}, {"अध्यापक", false},
            {"अध्यापिका", true}, {"डॉक्टर", false}, {"औरत", true}, {"आदमी", false}, {"छात्र", false},
            {"छात्रा", true}, {"दुकानदार", false}, {"भाई", false}, {"बहन", true}, {"दोस्त", false}, {"सहेली", true}};
        for (int i = 0; i < 20000; ++i) {
            const DemoSentence sentence = sampleSentence(rng);
            distinct.insert(sentence.en);
            QVERIFY(sentence.en.size() > 10 && sentence.en.back() == '.' && std::isupper(static_cast<unsigned char>(sentence.en[0])));
            QVERIFY(sentence.hi.ends_with("।"));
            static const QRegularExpression description(R"(^(?:The|My|Our) [a-z]+ is [a-z]+(?: and (?:the|my|our) [a-z]+ is [a-z]+)?\.$)");
            if (sentence.en.find(" has ") != std::string::npos) {
                QVERIFY2(sentence.hi.find(" के पास ") != std::string::npos && sentence.hi.ends_with(" हैं।"), sentence.hi.c_str());
                continue;
            }
            if (fullMatch(description, sentence.en))
                continue; // nothing to agree but the adjective (the lexicon's two forms)
            // The subject: the first person noun of the sentence.
            std::string rest = sentence.hi;
            std::optional<bool> feminine;
            for (size_t at = 0; !feminine && at < rest.size();) {
                const size_t end = std::min(rest.find(' ', at), rest.size());
                const auto it = subjects.find(rest.substr(at, end - at));
                if (it != subjects.end())
                    feminine = it->second;
                at = end + 1;
            }
            QVERIFY2(feminine.has_value(), sentence.hi.c_str());
            const bool femaleVerb = sentence.hi.ends_with("ती है।") || sentence.hi.ends_with("रही है।") || sentence.hi.ends_with("गी।");
            const bool maleVerb = sentence.hi.ends_with("ता है।") || sentence.hi.ends_with("रहा है।") || sentence.hi.ends_with("गा।");
            QVERIFY2(*feminine ? femaleVerb : maleVerb, sentence.hi.c_str());
            QVERIFY2(!sentence.hi.starts_with(*feminine ? "मेरा " : "मेरी "), sentence.hi.c_str());
            ++checked;
        }
        qInfo("%zu distinct sentences in 20000 draws, %d verbs checked", distinct.size(), checked);
        QVERIFY(distinct.size() > 15000);
        QVERIFY(checked > 12000);
    }
};

QTEST_GUILESS_MAIN(TestDemoData)
#include "tst_demodata.moc"
