// The evaluation metrics on hand-computed inputs: llama.cpp's perplexity chunks and error,
// KL divergence / same top / Δp / percentiles, lm-eval's choice requests and acc_norm,
// exact-match answers, task files, label grouping, fertility and corpora.
#include "eval/answerextraction.h"
#include "eval/choicerequest.h"
#include "eval/corpus.h"
#include "eval/labelaccuracy.h"
#include "eval/logitkernels.h"
#include "eval/logitcomparison.h"
#include "eval/perplexity.h"
#include "eval/taskset.h"
#include "eval/tokenlogprobs.h"
#include "tokenize/tokenizer.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <random>

using namespace bitcliff;

namespace {

// One token per byte; id 256 is BOS.
class ByteTokenizer : public Tokenizer
{
public:
    std::vector<int32_t> encode(std::string_view text, bool addBos) const override
    {
        std::vector<int32_t> ids;
        if (addBos)
            ids.push_back(256);
        for (const char c : text)
            ids.push_back(static_cast<unsigned char>(c));
        return ids;
    }
    std::string decode(std::span<const int32_t> ids) const override
    {
        std::string text;
        for (const int32_t id : ids)
            if (id < 256)
                text.push_back(char(id));
        return text;
    }
    int vocabSize() const override { return 257; }
    int32_t bosId() const override { return 256; }
    int32_t eosId() const override { return -1; }
    bool addsBos() const override { return true; }
    std::string_view kind() const override { return "bytes"; }
};

void writeFile(const QString &path, const std::string &bytes)
{
    std::ofstream(path.toStdString(), std::ios::binary) << bytes;
}

} // namespace

class TestEvalMetrics : public QObject
{
    Q_OBJECT

private slots:
    void perplexityChunksFollowLlamaCpp()
    {
        const PerplexityPlan plan = planPerplexity(1300, 512);
        QCOMPARE(plan.chunks, 2);
        QCOMPARE(plan.firstScored, 256);
        QCOMPARE(plan.scoredPerChunk(), 255); // 255 scored tokens per chunk at n_ctx 512
        std::vector<int32_t> tokens(1300);
        for (size_t i = 0; i < tokens.size(); ++i)
            tokens[i] = int32_t(i);
        const auto chunk = perplexityChunk(tokens, plan, 1, 7);
        QCOMPARE(chunk.size(), size_t(512));
        QCOMPARE(chunk[0], 7);   // BOS replaces the first token
        QCOMPARE(chunk[1], 513);
        QCOMPARE(perplexityChunk(tokens, plan, 1, -1)[0], 512);
    }

    void tooShortTextIsAClearError()
    {
        try {
            planPerplexity(1000, 512);
            QFAIL("no error");
        } catch (const Error &error) {
            QCOMPARE(QString(error.what()), "the text gives 1000 tokens; perplexity at n_ctx 512 needs at least 1024");
        }
        QVERIFY_THROWS_EXCEPTION(Error, planPerplexity(100, 4));
    }

    void perplexityAndErrorAsLlamaCpp()
    {
        NllAccumulator nll;
        for (const double value : {1.0, 2.0, 3.0, 2.0})
            nll.add(value);
        const PerplexityResult result = perplexityOf(nll);
        QCOMPARE(result.tokensScored, 4);
        QVERIFY(std::abs(result.ppl - std::exp(2.0)) < 1e-12);
        // ⟨x²⟩ − ⟨x⟩² = 4.5 − 4 = 0.5; sqrt(0.5 / 3) · PPL
        QVERIFY(std::abs(result.pplError - std::exp(2.0) * std::sqrt(0.5 / 3)) < 1e-12);
    }

    void logitRowNormalisesInDouble()
    {
        const std::vector<float> logits = {1.0f, 3.0f, 3.0f, -2.0f};
        const LogitRow row(logits);
        QCOMPARE(row.argmax, 1); // first maximum wins
        const double expected = std::log(std::exp(1.0) + 2 * std::exp(3.0) + std::exp(-2.0));
        QVERIFY(std::abs(row.logSumExp - expected) < 1e-12);
        QVERIFY(std::abs(row.logProb(0) - (1.0 - expected)) < 1e-12);
        // Huge logits do not overflow.
        const std::vector<float> large = {1000.0f, 1000.0f};
        QVERIFY(std::abs(LogitRow(large).logProb(0) - std::log(0.5)) < 1e-12);
    }

    void klDivergenceOfKnownDistributions()
    {
        // p = (0.5, 0.5), q = (0.25, 0.75): KL = 0.5 ln 2 + 0.5 ln(2/3)
        const std::vector<float> p = {0.0f, 0.0f};
        const std::vector<float> q = {float(std::log(0.25)), float(std::log(0.75))};
        const double kld = klDivergence(LogitRow(p), LogitRow(q));
        QVERIFY(std::abs(kld - (0.5 * std::log(2.0) + 0.5 * std::log(2.0 / 3.0))) < 1e-7);
        QCOMPARE(klDivergence(LogitRow(p), LogitRow(p)), 0.0);
    }

    void vectorizedRowPassesMatchTheScalarFormulas()
    {
        // Vocabulary-wide rows with a tail (not a multiple of 8), huge logits, a distant one.
        std::mt19937 random(3);
        std::normal_distribution<float> normal(0.0f, 4.0f);
        for (const size_t n : {size_t(1), size_t(7), size_t(13), size_t(32003)}) {
            std::vector<float> base(n), quantized(n);
            for (size_t i = 0; i < n; ++i) {
                base[i] = normal(random) + 300.0f;
                quantized[i] = base[i] + 0.3f * normal(random);
            }
            base[n / 2] = 320.0f;
            quantized[n - 1] -= 40.0f;
            if (n > 2)
                base[n - 2] = 320.0f; // a later tie: the first maximum wins
            const RowMaximum maximum = rowMaximum(base);
            QCOMPARE(maximum.index, int32_t(n / 2));
            QCOMPARE(maximum.value, 320.0f);
            std::vector<double> exps(n);
            const double sum = sumExpShifted(base, maximum.value, exps.data());
            double scalarSum = 0;
            for (size_t i = 0; i < n; ++i) {
                const double e = std::exp(double(base[i]) - 320.0);
                QVERIFY2(std::abs(exps[i] - e) <= 1e-15 * e, qPrintable(QString("%1 vs %2").arg(exps[i]).arg(e)));
                scalarSum += e;
            }
            QVERIFY(std::abs(sum - scalarSum) < 1e-14 * scalarSum);
            QCOMPARE(sumExpShifted(base, maximum.value), sum);

            // The KLD as llama.cpp writes it, term by term in double, against the one-pass form.
            const LogitRow p(base), q(quantized);
            double kld = 0;
            for (size_t i = 0; i < n; ++i) {
                const double logP = double(base[i]) - p.logSumExp;
                const double logQ = double(quantized[i]) - q.logSumExp;
                kld += std::exp(logP) * (logP - logQ);
            }
            const LogitRow prepared(base, exps.data());
            const ComparedPosition position = comparePosition(prepared, exps.data(), quantized, 0);
            QVERIFY2(std::abs(position.kld - kld) < 1e-12 * std::max(1.0, kld),
                     qPrintable(QString("%1 vs %2").arg(position.kld).arg(kld)));
            QVERIFY(std::abs(klDivergence(p, q) - kld) < 1e-12 * std::max(1.0, kld));
            // The quantized normaliser is the one LogitRow gives: its NLL is the same figure
            // an evaluation of the quantized model alone adds up.
            QCOMPARE(position.nllQuantized, -q.logProb(0));
            QCOMPARE(position.sameTop, p.argmax == q.argmax);
        }
        // exp's range: underflow to 0, no overflow next to the maximum, NaN stays NaN.
        const std::vector<float> extremes = {0.0f, -700.0f, -800.0f, -INFINITY, -80.5f, -1e-30f, -0.5f, -3.25f};
        std::vector<double> exps(extremes.size());
        sumExpShifted(extremes, 0.0f, exps.data());
        for (size_t i = 0; i < extremes.size(); ++i) {
            const double e = std::exp(double(extremes[i]));
            QVERIFY2(std::abs(exps[i] - e) <= 1e-15 * e || (e < 1e-300 && exps[i] == 0), qPrintable(QString::number(i)));
        }
        const std::vector<float> withNan = {0.0f, NAN, 1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f, 7.0f};
        QVERIFY(std::isnan(sumExpShifted(withNan, 7.0f)));
    }

    void chunkMeansOfKld()
    {
        LogitComparisonAccumulator accumulator;
        const std::vector<float> base = {2.0f, 0.0f, 0.0f};
        const std::vector<float> near = {1.8f, 0.1f, 0.0f};
        const std::vector<float> far = {0.0f, 2.0f, 0.0f};
        const double kldNear = klDivergence(LogitRow(base), LogitRow(near));
        const double kldFar = klDivergence(LogitRow(base), LogitRow(far));
        accumulator.add(LogitRow(base), LogitRow(near), 0);
        accumulator.add(LogitRow(base), LogitRow(near), 0);
        accumulator.endChunk();
        accumulator.endChunk(); // an empty chunk adds nothing
        accumulator.add(LogitRow(base), LogitRow(near), 0);
        accumulator.add(LogitRow(base), LogitRow(far), 0);
        accumulator.endChunk();
        const LogitComparison result = accumulator.result();
        QCOMPARE(result.chunkKld.size(), size_t(2));
        QVERIFY(std::abs(result.chunkKld[0] - kldNear) < 1e-6 * kldNear);
        QVERIFY(std::abs(result.chunkKld[1] - (kldNear + kldFar) / 2) < 1e-6 * kldFar);
        // Chunks of equal size: the mean of their means is the mean.
        QVERIFY(std::abs((result.chunkKld[0] + result.chunkKld[1]) / 2 - result.kld.mean) < 1e-12);
    }

    void comparisonStatistics()
    {
        LogitComparisonAccumulator accumulator;
        const std::vector<float> base = {2.0f, 0.0f, 0.0f};
        const std::vector<float> same = {2.0f, 0.0f, 0.0f};
        const std::vector<float> flipped = {0.0f, 2.0f, 0.0f};
        accumulator.add(LogitRow(base), LogitRow(same), 0);
        accumulator.add(LogitRow(base), LogitRow(flipped), 0);
        const LogitComparison result = accumulator.result();
        QCOMPARE(result.count, 2);
        QCOMPARE(result.sameTop.mean, 0.5);
        QVERIFY(std::abs(result.sameTop.error - std::sqrt(0.25 / 1)) < 1e-12);
        const double pTop = std::exp(2.0) / (std::exp(2.0) + 2);
        const double pLow = 1 / (std::exp(2.0) + 2);
        // Δp on the correct token: 0 and pLow − pTop.
        QVERIFY(std::abs(result.deltaP.mean - (pLow - pTop) / 2) < 1e-6);
        QVERIFY(std::abs(result.rmsDeltaP - std::abs(pLow - pTop) / std::sqrt(2.0)) < 1e-6);
        // ln(PPL_Q / PPL_b) = ⟨nll_Q⟩ − ⟨nll_b⟩ = (0 + (ln pTop − ln pLow)) / 2 = 1
        QVERIFY(std::abs(result.lnPplRatio - 1.0) < 1e-6);
        QCOMPARE(result.kldPercentiles.size(), size_t(11));
        QCOMPARE(result.kldPercentiles.back().value, 0.0); // min
        QVERIFY(result.kldPercentiles.front().value > 0.5); // max
    }

    void percentilesInterpolateLinearly()
    {
        const std::vector<float> sorted = {0.0f, 10.0f, 20.0f, 30.0f, 40.0f};
        QCOMPARE(percentileOfSorted(sorted, 0.5), 20.0);
        QCOMPARE(percentileOfSorted(sorted, 0.9), 36.0); // 0.9 · 4 = 3.6
        QCOMPARE(percentileOfSorted(sorted, 1.0), 40.0);
        QCOMPARE(percentileOfSorted(sorted, 0.0), 0.0);
    }

    void choiceRequestsAsLmEval()
    {
        const ByteTokenizer tokenizer;
        // Trailing spaces of the context move onto the continuation.
        const ChoiceRequest request = makeChoiceRequest(tokenizer, "Q: 2+2? A: ", "four", true);
        QCOMPARE(request.tokens.front(), 256);
        const std::string continuation(request.tokens.begin() + request.continuationStart, request.tokens.end());
        QCOMPARE(QString::fromStdString(continuation), "  four"); // moved space + " " + choice
        QCOMPARE(request.continuationStart, 1 + 10);              // BOS + "Q: 2+2? A:"
        const ChoiceRequest noBos = makeChoiceRequest(tokenizer, "x", "y", false);
        QCOMPARE(noBos.continuationStart, 1);
        QCOMPARE(noBos.tokens.size(), size_t(3));
        // An empty context gets a start token so the first continuation token is scored.
        const ChoiceRequest empty = makeChoiceRequest(tokenizer, "", "y", false);
        QCOMPARE(empty.continuationStart, 1);
        QCOMPARE(empty.tokens.front(), 256);
    }

    void accNormDividesByCodePoints()
    {
        const std::vector<std::string> choices = {"ab", "日本語です"}; // 2 and 5 code points
        QCOMPARE(codePointCount(choices[1]), 5);
        const std::vector<double> ll = {-2.0, -4.0};
        QCOMPARE(bestChoice(ll), 0);                      // -2 > -4
        QCOMPARE(bestChoiceNormalized(ll, choices), 1);   // -1.0 per char < -0.8 per char
        QCOMPARE(bestChoice({-1.0, -1.0}), 0);            // ties: first
    }

    void exactMatchAnswers()
    {
        QVERIFY(answerMatches(" 42\nQuestion: next", "42"));
        QVERIFY(answerMatches("The answer is 1,250 apples.", "1250"));
        QVERIFY(answerMatches("\n\n-7", "-7"));
        QVERIFY(answerMatches("４２", "42")); // full-width digits
        QVERIFY(!answerMatches("43", "42"));
        QVERIFY(!answerMatches("", "42"));
        QVERIFY(!answerMatches("420", "42"));
        QVERIFY(answerMatches("Paris.", "Paris"));
        QCOMPARE(QString::fromStdString(extractAnswer("x 3.50 y", "3.5")), "3.50");
        QVERIFY(generationComplete(" 12\n"));
        QVERIFY(!generationComplete("\n\n 12"));
    }

    // Devanagari (and any Unicode decimal digit) counts as ASCII in both modes; "last_number"
    // scores a worked line on its final number, and a '-' between digits is no sign.
    void lastNumberAndUnicodeDigits()
    {
        const std::string hi48 = "\xe0\xa5\xaa\xe0\xa5\xae"; // ४८
        QVERIFY(answerMatches(hi48, "48"));
        QVERIFY(answerMatches("48", hi48));
        QVERIFY(answerMatches(" " + hi48 + "\n", hi48));
        QVERIFY(!answerMatches("\xe0\xa5\xaa\xe0\xa5\xaf", hi48)); // ४९
        QVERIFY(answerMatches("\xd9\xa4\xd9\xa2", "42"));               // Arabic-Indic ٤٢
        QVERIFY(answerMatches("\xe2\x88\x92" "7", "-7"));                  // U+2212 minus
        const std::string pad = "15-2=13;13-3=10;10-6=4";
        QVERIFY(answerMatches(pad, pad, AnswerMatch::LastNumber));
        QVERIFY(answerMatches("15-2=12;12-3=9;9-5=4", pad, AnswerMatch::LastNumber)); // final number only
        QVERIFY(!answerMatches("15-2=13;13-3=10;10-6=5", pad, AnswerMatch::LastNumber));
        QVERIFY(!answerMatches("15-2=13;13-3=10;10-6", pad, AnswerMatch::LastNumber)); // 6, not -6
        QCOMPARE(QString::fromStdString(extractAnswer("15-2=13;13-3=10;10-6", pad, AnswerMatch::LastNumber)), "6");
        QCOMPARE(QString::fromStdString(expectedAnswer(pad, AnswerMatch::LastNumber)), "4");
        QCOMPARE(extractAnswer(pad, pad), pad); // not numeric: whole line
        QCOMPARE(QString::fromStdString(extractAnswer(pad, "13")), "15");
        QVERIFY(answerMatches("x = -3", "-3", AnswerMatch::LastNumber));
        QVERIFY(!answerMatches("4\n10-6=4", "10-6=5", AnswerMatch::LastNumber)); // first line only
        QVERIFY(!answerMatches("", pad, AnswerMatch::LastNumber));
        // The same scratchpad in Devanagari digits: १५-२=१३;१३-३=१०;१०-६=४
        const std::string d = "\xe0\xa5";
        auto dev = [&](const std::string &ascii) {
            std::string out;
            for (char c : ascii)
                out += (c >= '0' && c <= '9') ? d + char(0xa6 + (c - '0')) : std::string(1, c);
            return out;
        };
        QVERIFY(answerMatches(dev(pad), dev(pad), AnswerMatch::LastNumber));
        QVERIFY(answerMatches(dev("15-2=13;13-3=11;11-7=4"), dev(pad), AnswerMatch::LastNumber));
        QVERIFY(!answerMatches(dev("15-2=13;13-3=10;10-6=14"), dev(pad), AnswerMatch::LastNumber));
        QCOMPARE(QString::fromStdString(expectedAnswer(dev(pad), AnswerMatch::LastNumber)), "4");
        QVERIFY(answerMatches(dev(pad), dev(pad))); // whole-line mode compares digits by value
    }

    void taskItemsChooseTheirMatch()
    {
        const std::string text = R"({"id":"a","kind":"generate","prompt":"15-2-3:","answer":"15-2=13;13-3=10","match":"last_number"})"
                                 "\n"
                                 R"({"id":"b","kind":"generate","prompt":"1+1=","answer":"2"})";
        const auto items = parseTaskLines(text, "t.jsonl");
        QCOMPARE(items[0].match, AnswerMatch::LastNumber);
        QCOMPARE(items[1].match, AnswerMatch::Auto);
        auto failure = [](const std::string &line) {
            try {
                parseTaskLines(line, "t.jsonl");
            } catch (const Error &error) {
                return QString(error.what());
            }
            return QString("no error");
        };
        QCOMPARE(failure(R"({"id":"a","kind":"generate","prompt":"p","answer":"1","match":"first"})"),
                 "t.jsonl:1: unknown \"match\" 'first' (expected \"last_number\" or none)");
        QCOMPARE(failure(R"({"id":"a","kind":"generate","prompt":"p","answer":"none","match":"last_number"})"),
                 "t.jsonl:1: \"answer\" has no number for \"match\": \"last_number\"");
        QCOMPARE(failure(R"({"id":"a","kind":"generate","prompt":"p","answer":"1","match":3})"),
                 "t.jsonl:1: \"match\" must be a string");
    }

    void taskFilesParseWithLineNumbers()
    {
        const std::string text =
            R"({"id":"a","kind":"choice","context":"Sky is","choices":["blue","green"],"gold":0,"difficulty":"easy","language":"en"})"
            "\n\n"
            R"({"id":"b","kind":"generate","prompt":"1+1=","answer":"2"})"
            "\n";
        const auto items = parseTaskLines(text, "tasks.jsonl");
        QCOMPARE(items.size(), size_t(2));
        QCOMPARE(items[0].choices.size(), size_t(2));
        QCOMPARE(items[0].difficulty, std::string("easy"));
        QCOMPARE(items[1].kind, TaskKind::Generate);
        QCOMPARE(items[1].answer, std::string("2"));
        QCOMPARE(items[1].language, std::string());

        const auto failure = [](const std::string &bad) {
            try {
                parseTaskLines(bad, "t.jsonl");
            } catch (const Error &error) {
                return QString(error.what());
            }
            return QString("no error");
        };
        QCOMPARE(failure("{\"id\":\"a\",\"kind\":\"generate\",\"prompt\":\"p\",\"answer\":\"1\"}\n{oops"),
                 "t.jsonl:2: not valid JSON (at byte 2)");
        QCOMPARE(failure(R"({"id":"a","kind":"choice","context":"c","choices":["x","y"],"gold":2})"),
                 "t.jsonl:1: \"gold\" must be an index into the 2 choices");
        QCOMPARE(failure(R"({"id":"a","kind":"choice","context":"c","choices":["x"],"gold":0})"),
                 "t.jsonl:1: \"choices\" must be an array of at least two strings");
        QCOMPARE(failure(R"({"id":"a","kind":"essay","prompt":"p"})"),
                 "t.jsonl:1: unknown \"kind\" 'essay' (expected \"choice\" or \"generate\")");
        QCOMPARE(failure(R"({"kind":"generate","prompt":"p","answer":"1"})"), "t.jsonl:1: missing \"id\"");
        QCOMPARE(failure("[1,2]"), "t.jsonl:1: each line must be a JSON object");
        QCOMPARE(failure("{\"id\":\"a\",\"kind\":\"generate\",\"prompt\":\"p\",\"answer\":\"1\"}\n"
                         "{\"id\":\"a\",\"kind\":\"generate\",\"prompt\":\"p\",\"answer\":\"1\"}"),
                 "t.jsonl:2: duplicate id 'a'");
        QCOMPARE(failure("\n  \n"), "t.jsonl: no task items");
    }

    void accuracyIsGroupedByLabel()
    {
        std::vector<TaskItem> items(4);
        items[0] = {"1", TaskKind::Choice, "", {}, 0, "", "easy", "en", "a.jsonl"};
        items[1] = {"2", TaskKind::Choice, "", {}, 0, "", "hard", "en", "a.jsonl"};
        items[2] = {"3", TaskKind::Choice, "", {}, 0, "", "hard", "ja", "a.jsonl"};
        items[3] = {"4", TaskKind::Generate, "", {}, 0, "1", "hard", "ja", "b.jsonl"};
        const std::vector<ItemOutcome> outcomes = {
            {0, true, true, ""}, {1, true, false, ""}, {2, false, false, ""}, {3, false, false, ""}};
        const LabelledAccuracy accuracy = groupAccuracy(items, outcomes);
        QCOMPARE(accuracy.overall.count, 4);
        QCOMPARE(accuracy.overall.acc, 0.5);
        QCOMPARE(accuracy.overall.accNorm, 0.25);
        QVERIFY(std::abs(accuracy.overall.accError - std::sqrt(0.25 / 3)) < 1e-12);
        QCOMPARE(accuracy.byDifficulty.at("hard").acc, 1.0 / 3);
        QCOMPARE(accuracy.byLanguage.at("ja").acc, 0.0);
        QCOMPARE(accuracy.byLanguageDifficulty.at("en/hard").acc, 1.0);
        QCOMPARE(accuracy.byTask.at("b.jsonl").count, 1);
    }

    void fertilityCountsCharactersAndWords()
    {
        const Fertility english = measureFertility("two words\nthree", 6);
        QCOMPARE(english.characters, 15);
        QCOMPARE(english.words, 3);
        QCOMPARE(english.tokensPerWord(), 2.0);
        const Fertility japanese = measureFertility("今日はとても良い天気ですね。明日も晴れるでしょう。", 10);
        QCOMPARE(japanese.characters, 25);
        QCOMPARE(japanese.words, 0); // written without spaces: no word count
        QCOMPARE(japanese.tokensPerCharacter(), 0.4);
    }

    void corporaLoadByLanguage()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("ja.txt"), "日本語の文章。");
        writeFile(dir.filePath("en.txt"), "Some English text.");
        writeFile(dir.filePath("notes.md"), "ignored");
        const auto texts = loadCorpus(dir.path().toStdString());
        QCOMPARE(texts.size(), size_t(2));
        QCOMPARE(texts[0].language, std::string("en"));
        QCOMPARE(texts[1].language, std::string("ja"));
        QCOMPARE(loadCorpus(dir.filePath("en.txt").toStdString())[0].language, std::string());

        writeFile(dir.filePath("bad.bin"), std::string("ok\xff\xfe", 4));
        try {
            loadCorpus(dir.filePath("bad.bin").toStdString());
            QFAIL("no error");
        } catch (const Error &error) {
            QVERIFY(QString(error.what()).endsWith("not UTF-8 text (invalid byte at offset 2)"));
        }
        writeFile(dir.filePath("empty.txt"), "  \n");
        QVERIFY_THROWS_EXCEPTION(Error, loadCorpus(dir.filePath("empty.txt").toStdString()));
        QVERIFY_THROWS_EXCEPTION(Error, loadCorpus(dir.filePath("missing.txt").toStdString()));
    }
};

QTEST_APPLESS_MAIN(TestEvalMetrics)
#include "tst_evalmetrics.moc"
