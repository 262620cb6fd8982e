// runEvaluation end to end on a tiny model, checked against an independent computation from
// the double-precision reference forward pass: llama.cpp's perplexity chunks, lockstep
// KLD/same-top against the unquantized model, lm-eval choice scoring and greedy generation.
#include "eval/activationstats.h"
#include "eval/evaluation.h"
#include "eval/choicerequest.h"
#include "eval/answerextraction.h"
#include "support/evalfixtures.h"
#include "support/referencetransformer.h"
#include "tokenize/tokenizer.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace bitcliff;

namespace {

double logSoftmaxAt(const std::vector<double> &logits, size_t row, size_t vocab, int32_t token)
{
    const double *r = logits.data() + row * vocab;
    double maxValue = r[0];
    for (size_t i = 1; i < vocab; ++i)
        maxValue = std::max(maxValue, r[i]);
    double sum = 0;
    for (size_t i = 0; i < vocab; ++i)
        sum += std::exp(r[i] - maxValue);
    return r[token] - maxValue - std::log(sum);
}

size_t argmaxRow(const std::vector<double> &logits, size_t row, size_t vocab)
{
    const double *r = logits.data() + row * vocab;
    return size_t(std::max_element(r, r + vocab) - r);
}

} // namespace

class TestEvaluation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = test::writeEvaluableModel(m_dir.path().toStdString());
        m_spec.model = openModel(m_dir.path().toStdString());
        m_spec.tokenizer = tokenizerForModel(*m_spec.model);
        m_spec.nCtx = 32;
        m_spec.threads = 2;
    }

    void perplexityMatchesIndependentComputation()
    {
        EvalSpec spec = m_spec;
        spec.texts = {corpusText("sample.txt", "en", test::sampleText(120))};
        const auto report = runEvaluation(spec);
        const std::vector<int32_t> tokens = spec.tokenizer->encode(spec.texts[0].text, false);
        const int chunks = int(tokens.size()) / 32;
        QVERIFY(chunks >= 2);
        const size_t vocab = size_t(m_model.spec.vocab);
        double sum = 0;
        int count = 0;
        for (int c = 0; c < chunks; ++c) {
            const std::vector<int32_t> chunk(tokens.begin() + c * 32, tokens.begin() + (c + 1) * 32);
            const std::vector<double> logits = test::referenceLogits(m_model, chunk);
            for (int j = 16; j < 31; ++j, ++count)
                sum -= logSoftmaxAt(logits, size_t(j), vocab, tokens[size_t(c * 32 + j + 1)]);
        }
        const EvalRun &base = report->runs.at(0);
        QCOMPARE(base.perplexity.tokensScored, int64_t(count));
        QCOMPARE(base.texts.at(0).perplexity.tokensScored, int64_t(count));
        const double expected = std::exp(sum / count);
        QVERIFY2(std::abs(base.perplexity.ppl - expected) < 1e-4 * expected,
                 qPrintable(QString("%1 vs %2").arg(base.perplexity.ppl).arg(expected)));
        QCOMPARE(base.texts[0].fertility.tokens, int64_t(tokens.size()));
    }

    void lowerBitsDivergeMore()
    {
        EvalSpec spec = m_spec;
        spec.texts = {corpusText("sample.txt", "en", test::sampleText(120))};
        spec.schemes = {QuantScheme::parse("q8_0"), QuantScheme::parse("rtn:b2:g32:asym")};
        const auto report = runEvaluation(spec);
        QCOMPARE(report->runs.size(), size_t(3));
        const LogitComparison &q8 = *report->runs[1].comparison;
        const LogitComparison &b2 = *report->runs[2].comparison;
        QCOMPARE(report->runs[1].label, std::string("q8_0"));
        QVERIFY(q8.kld.mean >= 0);
        QVERIFY2(q8.kld.mean < 0.01, qPrintable(QString::number(q8.kld.mean)));
        QVERIFY2(b2.kld.mean > 10 * q8.kld.mean, qPrintable(QString("%1 %2").arg(b2.kld.mean).arg(q8.kld.mean)));
        QVERIFY(q8.sameTop.mean >= b2.sameTop.mean);
        QVERIFY(q8.sameTop.mean > 0.8);
        // The unquantized figures come from the lockstep passes: the same as the unquantized
        // model evaluated alone.
        EvalSpec unquantizedOnly = spec;
        unquantizedOnly.schemes.clear();
        const auto alone = runEvaluation(unquantizedOnly);
        QCOMPARE(alone->runs.size(), size_t(1));
        QCOMPARE(q8.base.ppl, alone->runs[0].perplexity.ppl);
        QCOMPARE(report->runs[0].perplexity.ppl, alone->runs[0].perplexity.ppl);
        QCOMPARE(report->runs[0].perplexity.pplError, alone->runs[0].perplexity.pplError);
        QCOMPARE(report->runs[0].texts.at(0).perplexity.ppl, alone->runs[0].texts.at(0).perplexity.ppl);
        QCOMPARE(report->runs[0].texts.at(0).fertility.tokens, alone->runs[0].texts.at(0).fertility.tokens);
        QVERIFY(!report->runs[0].comparison && !report->runs[0].texts.at(0).comparison);
        QVERIFY(std::abs(q8.lnPplRatio - (std::log(q8.quantized.ppl) - std::log(q8.base.ppl))) < 1e-9);
        QCOMPARE(q8.count, report->runs[0].perplexity.tokensScored);
        // One mean KLD per chunk, in order; the chunks score equally many tokens, so the mean
        // of their means is the mean over all positions.
        const int chunks = int(q8.count / 15); // 15 scored positions per chunk at n_ctx 32
        QCOMPARE(q8.chunkKld.size(), size_t(chunks));
        double sumOfMeans = 0;
        for (const double chunk : q8.chunkKld) {
            QVERIFY(chunk >= 0);
            sumOfMeans += chunk;
        }
        QVERIFY2(std::abs(sumOfMeans / chunks - q8.kld.mean) < 1e-9 * q8.kld.mean,
                 qPrintable(QString("%1 %2").arg(sumOfMeans / chunks).arg(q8.kld.mean)));
        QCOMPARE(report->runs[1].texts.at(0).comparison->chunkKld, q8.chunkKld); // one text: the same chunks

        // Both schemes ran beside one unquantized pass; alone, q8_0 reruns the unquantized
        // model next to it: the same figures either way.
        spec.schemes = {QuantScheme::parse("q8_0")};
        const auto q8Alone = runEvaluation(spec);
        QCOMPARE(q8Alone->runs.at(1).comparison->kld.mean, q8.kld.mean);
        QCOMPARE(q8Alone->runs.at(1).comparison->sameTop.mean, q8.sameTop.mean);
        QCOMPARE(q8Alone->runs.at(1).texts.at(0).perplexity.ppl, report->runs[1].texts.at(0).perplexity.ppl);
        QCOMPARE(q8Alone->runs.at(0).perplexity.ppl, alone->runs[0].perplexity.ppl);
    }

    void choiceAndGenerationAgreeWithReference()
    {
        EvalSpec spec = m_spec;
        TaskItem choice{"c1", TaskKind::Choice, "the river runs past", {"an old mill", "green fields", "the"}, 1,
                        "", "hard", "en", "t.jsonl"};
        TaskItem generate{"g1", TaskKind::Generate, "children play in", {}, 0, "7", "easy", "de", "t.jsonl"};
        spec.tasks = {choice, generate};
        spec.maxNewTokens = 6;
        const auto report = runEvaluation(spec);
        const EvalRun &run = report->runs.at(0);
        QCOMPARE(run.outcomes.size(), size_t(2));
        const size_t vocab = size_t(m_model.spec.vocab);

        std::vector<double> lls;
        for (const std::string &text : choice.choices) {
            const ChoiceRequest request = makeChoiceRequest(*spec.tokenizer, choice.context, text, false);
            const std::vector<double> logits = test::referenceLogits(m_model, request.tokens);
            double ll = 0;
            for (size_t i = size_t(request.continuationStart); i < request.tokens.size(); ++i)
                ll += logSoftmaxAt(logits, i - 1, vocab, request.tokens[i]);
            lls.push_back(ll);
        }
        QCOMPARE(run.outcomes[0].prediction, choice.choices[size_t(bestChoice(lls))]);
        QCOMPARE(run.outcomes[0].correct, bestChoice(lls) == 1);
        QCOMPARE(run.outcomes[0].correctNorm, bestChoiceNormalized(lls, choice.choices) == 1);

        std::vector<int32_t> tokens = spec.tokenizer->encode(generate.context, false);
        const size_t promptLength = tokens.size();
        std::string text;
        for (int step = 0; step < 6; ++step) {
            const std::vector<double> logits = test::referenceLogits(m_model, tokens);
            tokens.push_back(int32_t(argmaxRow(logits, tokens.size() - 1, vocab)));
            text = spec.tokenizer->decode(std::vector<int32_t>(tokens.begin() + int64_t(promptLength), tokens.end()));
            if (generationComplete(text))
                break;
        }
        QCOMPARE(run.outcomes[1].prediction, extractAnswer(text, "7"));
        // The expected answer's teacher-forced loss, against the double-precision reference.
        std::vector<int32_t> answered = spec.tokenizer->encode(generate.context, false);
        const std::vector<int32_t> answer = spec.tokenizer->encode(generate.answer, false);
        answered.insert(answered.end(), answer.begin(), answer.end());
        const std::vector<double> answerLogits = test::referenceLogits(m_model, answered);
        double nats = 0;
        for (size_t i = promptLength; i < answered.size(); ++i)
            nats -= logSoftmaxAt(answerLogits, i - 1, vocab, answered[i]);
        QCOMPARE(run.outcomes[1].answerCodePoints, int64_t(1));
        QVERIFY2(std::abs(run.outcomes[1].answerNats - nats) < 1e-4 * std::max(1.0, nats),
                 (std::to_string(run.outcomes[1].answerNats) + " vs " + std::to_string(nats)).c_str());
        QCOMPARE(run.outcomes[0].answerCodePoints, int64_t(0)); // choice items have none
        QCOMPARE(run.accuracy.byLanguage.at("de").answerNatsPerChar, run.outcomes[1].answerNats);
        QCOMPARE(run.accuracy.byLanguage.at("de").answerCodePoints, int64_t(1));
        QCOMPARE(run.accuracy.byLanguage.at("en").answerCodePoints, int64_t(0));
        QCOMPARE(run.accuracy.byLanguage.size(), size_t(2));
        QCOMPARE(run.accuracy.overall.count, int64_t(2));
    }

    void activationCaptureSeesEveryLayer()
    {
        const std::vector<CorpusText> texts = {corpusText("a.txt", "en", test::sampleText(60))};
        const auto stats = captureActivations(m_spec.model, *m_spec.tokenizer, texts, 16, 40, 1);
        QCOMPARE(stats->layers, m_model.spec.layers);
        QCOMPARE(stats->tokens, int64_t(40));
        const ChannelActivity &ffnDown = stats->at(1, LinearInput::FfnDown);
        QCOMPARE(ffnDown.absMax.size(), size_t(m_model.spec.intermediate));
        QCOMPARE(stats->at(0, LinearInput::AttnIn).absMax.size(), size_t(m_model.spec.hidden));
        for (size_t c = 0; c < ffnDown.absMax.size(); ++c)
            QVERIFY(ffnDown.absMax[c] >= ffnDown.meanAbs(c));
    }

    void badInputIsAClearError()
    {
        EvalSpec spec = m_spec;
        spec.texts = {corpusText("short.txt", "en", "the river")};
        try {
            runEvaluation(spec);
            QFAIL("no error");
        } catch (const Error &error) {
            QVERIFY2(QString(error.what()).startsWith("short.txt: the text gives"), error.what());
        }
        EvalSpec nothing = m_spec;
        QVERIFY_THROWS_EXCEPTION(Error, runEvaluation(nothing));
        EvalSpec cancelled = m_spec;
        cancelled.texts = {corpusText("sample.txt", "en", test::sampleText(120))};
        QVERIFY_THROWS_EXCEPTION(Cancelled, runEvaluation(cancelled, [](double) { return false; }));
    }

private:
    QTemporaryDir m_dir;
    test::TinyTransformer m_model;
    EvalSpec m_spec;
};

QTEST_APPLESS_MAIN(TestEvaluation)
#include "tst_evaluation.moc"
