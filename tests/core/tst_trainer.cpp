// The trainer's arithmetic and data: AdamW against a double-precision reference, the
// learning-rate schedule, gradient clipping, the memory estimate, the seeded shuffle, and
// training documents → packed sequences (masks, BOS, whole documents, held-out split, errors).
#include "support/tokenizerfixtures.h"
#include "support/trainerfixtures.h"
#include "tokenize/tokenizer.h"
#include "train/adamw.h"
#include "train/dataset.h"
#include "train/gradientclip.h"
#include "train/schedule.h"
#include "train/seededshuffle.h"
#include "train/trainingdocuments.h"
#include "train/trainingmemory.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <numbers>
#include <set>

using namespace bitcliff;
using bitcliff::test::errorOf;
using namespace bitcliff::train;

namespace {

Tensor<float> tensor(const std::string &name, std::vector<float> values, bool decays)
{
    Tensor<float> t;
    t.name = name;
    t.shape = {int64_t(values.size())};
    t.values = std::move(values);
    t.decays = decays;
    return t;
}

// A decaying matrix-like tensor and a non-decaying norm-like one.
Parameters<float> twoTensors(std::vector<float> a, std::vector<float> b)
{
    Parameters<float> p;
    p.tensors.push_back(tensor("w", std::move(a), true));
    p.tensors.push_back(tensor("norm", std::move(b), false));
    return p;
}

std::shared_ptr<const Tokenizer> byteTokenizer()
{
    return tokenizerFromJson(test::byteLevelTokenizer({}).dump());
}

// The non-padding tokens of sequence `s` decoded (byte tokenizer: id = byte).
std::string sequenceText(const SequenceSet &set, int64_t s)
{
    std::string text;
    for (int64_t i = 0; i < set.length; ++i) {
        const int32_t t = set.tokens[size_t(s * set.length + i)];
        if (t == 0)
            break;
        text += char(t);
    }
    return text;
}

} // namespace

class TestTrainer : public QObject
{
    Q_OBJECT

private slots:
    void adamwFirstStepByHand()
    {
        // One step, g = 0.5: m̂ = 0.5, v̂ = 0.25, so the step is lr · 0.5 / (0.5 + eps) ≈ lr;
        // the decaying weight first shrinks by lr · wd.
        Parameters<float> w = twoTensors({1.0f}, {1.0f});
        const Parameters<float> g = twoTensors({0.5f}, {0.5f});
        AdamW adam(w, AdamWOptions{});
        adam.step(w, g, 0.1, 1);
        QVERIFY(std::abs(w.tensors[0].values[0] - (1.0f * (1 - 0.1f * 0.1f) - 0.1f)) < 1e-6f);
        QVERIFY(std::abs(w.tensors[1].values[0] - 0.9f) < 1e-6f);
        QCOMPARE(adam.steps(), int64_t(1));
    }

    void adamwMatchesDoubleReference()
    {
        const AdamWOptions o{0.9, 0.95, 1e-8, 0.1};
        const std::vector<float> a0{0.3f, -1.2f, 0.0f, 2.5f, 0.01f}, b0{1.0f, 0.9f, 1.1f};
        Parameters<float> w = twoTensors(a0, b0);
        AdamW adam(w, o);
        std::vector<double> ref(a0.begin(), a0.end()), refB(b0.begin(), b0.end());
        std::vector<double> m(8, 0.0), v(8, 0.0);
        const double lrs[] = {1e-2, 3e-2, 5e-3, 2e-2};
        for (int t = 1; t <= 4; ++t) {
            const std::vector<float> ga{0.5f * float(t), -0.25f, 1e-10f, 0.0f, 3.0f - float(t)};
            const std::vector<float> gb{-0.1f, 0.2f * float(t), 0.05f};
            adam.step(w, twoTensors(ga, gb), lrs[t - 1], 2);
            const double lr = lrs[t - 1];
            for (size_t i = 0; i < 8; ++i) {
                const bool inA = i < 5;
                double &p = inA ? ref[i] : refB[i - 5];
                const double g = inA ? ga[i] : gb[i - 5];
                if (inA)
                    p *= 1.0 - lr * o.weightDecay;
                m[i] = o.beta1 * m[i] + (1 - o.beta1) * g;
                v[i] = o.beta2 * v[i] + (1 - o.beta2) * g * g;
                const double mHat = m[i] / (1 - std::pow(o.beta1, t));
                const double vHat = v[i] / (1 - std::pow(o.beta2, t));
                p -= lr * mHat / (std::sqrt(vHat) + o.eps);
            }
        }
        for (size_t i = 0; i < 5; ++i)
            QVERIFY2(std::abs(w.tensors[0].values[i] - ref[i]) < 2e-6, qPrintable(QString::number(i)));
        for (size_t i = 0; i < 3; ++i)
            QVERIFY(std::abs(w.tensors[1].values[i] - refB[i]) < 2e-6);
        // A zero gradient on a decaying weight: only the decay and the momentum move it.
        QVERIFY(w.tensors[0].values[3] != a0[3]);
    }

    void adamwIsIndependentOfThreads()
    {
        std::vector<float> big(10000);
        for (size_t i = 0; i < big.size(); ++i)
            big[i] = std::sin(float(i));
        Parameters<float> w1 = twoTensors(big, big), w2 = w1;
        Parameters<float> g = w1;
        for (Tensor<float> &t : g.tensors)
            for (float &x : t.values)
                x = x * x - 0.3f;
        AdamW a1(w1, {}), a2(w2, {});
        for (int s = 0; s < 3; ++s) {
            a1.step(w1, g, 1e-3, 1);
            a2.step(w2, g, 1e-3, 2);
        }
        for (size_t t = 0; t < 2; ++t)
            QVERIFY(w1.tensors[t].values == w2.tensors[t].values);
        Parameters<float> wrong = twoTensors({1.0f}, {1.0f});
        QVERIFY(errorOf([&] { a1.step(w1, wrong, 1e-3, 1); }).find("tensor 'w'") != std::string::npos);
    }

    void scheduleWarmsUpThenDecays()
    {
        const LearningRateSchedule s{1.0, 0.1, 10, 110};
        QCOMPARE(s.at(0), 0.1);
        QCOMPARE(s.at(4), 0.5);
        QCOMPARE(s.at(9), 1.0);
        QCOMPARE(s.at(10), 1.0);
        QVERIFY(std::abs(s.at(60) - 0.55) < 1e-12); // halfway: (1 + cos(π/2)) / 2
        QVERIFY(std::abs(s.at(109) - (0.1 + 0.9 * 0.5 * (1 + std::cos(std::numbers::pi * 0.99)))) < 1e-12);
        QCOMPARE(s.at(110), 0.1);
        QCOMPARE(s.at(1000), 0.1);
        for (int64_t step = 11; step < 110; ++step)
            QVERIFY(s.at(step) < s.at(step - 1));
        const LearningRateSchedule flat{2.0, 1.0, 0, 5};
        QCOMPARE(flat.at(3), 2.0);
    }

    void clippingByGlobalNorm()
    {
        Parameters<float> g = twoTensors({3.0f}, {0.0f, 4.0f});
        QCOMPARE(globalNorm(g, 2), 5.0);
        QCOMPARE(clipGradients(g, 10.0, 1), 5.0);
        QCOMPARE(g.tensors[0].values[0], 3.0f); // under the limit: untouched
        QCOMPARE(clipGradients(g, 0.0, 1), 5.0);
        QCOMPARE(g.tensors[1].values[1], 4.0f); // no limit: untouched
        QCOMPARE(clipGradients(g, 1.0, 2), 5.0);
        QVERIFY(std::abs(g.tensors[0].values[0] - 0.6f) < 1e-6f);
        QVERIFY(std::abs(g.tensors[1].values[1] - 0.8f) < 1e-6f);
        QVERIFY(std::abs(globalNorm(g, 1) - 1.0) < 1e-6);
    }

    void memoryEstimate()
    {
        TransformerConfig c;
        c.family = "llama";
        c.layers = 2;
        c.hidden = 32;
        c.intermediate = 64;
        c.heads = 4;
        c.kvHeads = 2;
        c.headDim = 8;
        c.vocab = 100;
        c.contextLength = 64;
        // embedding + lm_head + final norm + per layer (2 norms, q, k, v, o, gate, up, down)
        const uint64_t count = 2 * 100 * 32 + 32 + 2 * (2 * 32 + 32 * 32 + 2 * 16 * 32 + 32 * 32 + 3 * 32 * 64);
        const TrainingMemory plain = trainingMemory(c, 4, 16, false);
        QCOMPARE(plain.weights, count * 4);
        QCOMPARE(plain.gradients, count * 4);
        QCOMPARE(plain.moments, count * 8);
        QCOMPARE(plain.qatWorking, uint64_t(0));
        QVERIFY(plain.activations > 0);
        const TrainingMemory qat = trainingMemory(c, 4, 16, true);
        QCOMPARE(qat.qatWorking, count * 4);
        QVERIFY(trainingMemory(c, 8, 16, false).activations > plain.activations);
        checkTrainingMemory(plain, plain.total());
        checkTrainingMemory(plain, 0); // unknown: no refusal
        const std::string refusal = errorOf([&] { checkTrainingMemory(plain, 1000); });
        QVERIFY2(refusal.find("training needs") != std::string::npos && refusal.find("GiB available")
                     != std::string::npos, refusal.c_str());
        checkTrainingMemory(plain, plain.total() - plain.weights, true);
    }

    void shuffleIsSeededAndComplete()
    {
        const std::vector<int64_t> a = shuffledOrder(50, 7), b = shuffledOrder(50, 7), c = shuffledOrder(50, 8);
        QVERIFY(a == b);
        QVERIFY(a != c);
        QCOMPARE(std::set<int64_t>(a.begin(), a.end()).size(), size_t(50));
        // mt19937_64's output is fixed by the standard, so the order is too.
        std::mt19937_64 g(1);
        QCOMPARE(uniformBelow(g, 1), uint64_t(0));
        QVERIFY(shuffledOrder(1, 3) == std::vector<int64_t>{0});
    }

    void packsPromptAnswerWithMasks()
    {
        const auto tokenizer = byteTokenizer();
        PackOptions options;
        options.context = 8;
        const TrainingData data
            = packDocuments({TrainingDocument::promptAnswer("Q:", "A")}, *tokenizer, options);
        QCOMPARE(data.train.count(), int64_t(1));
        QVERIFY(data.train.tokens == (std::vector<int32_t>{'Q', ':', 'A', '\n', 0, 0, 0, 0}));
        // No loss on predicting the prompt; the answer and its line end are learned.
        QVERIFY(data.train.targets == (std::vector<int32_t>{-1, 'A', '\n', -1, -1, -1, -1, -1}));
        QCOMPARE(data.train.countedTargets(), int64_t(2));
        const Batch batch = data.train.batch(std::vector<int64_t>{0, 0});
        QCOMPARE(batch.sequences, int64_t(2));
        QCOMPARE(batch.counted(), int64_t(4));
    }

    void sequencesStartWithBos()
    {
        const auto tokenizer = tokenizerFromJson(test::sentencePieceTokenizer({"a", "b", "\u2581"}, {}).dump(),
                                                 "{\"add_bos_token\": true}");
        QVERIFY(tokenizer->addsBos());
        PackOptions options;
        options.context = 32;
        const TrainingData data = packDocuments({TrainingDocument::plain("ab"), TrainingDocument::plain("ab")},
                                                *tokenizer, options);
        const SequenceSet &set = data.train;
        QCOMPARE(set.count(), int64_t(1));
        std::vector<int32_t> expected{tokenizer->bosId()};
        const std::vector<int32_t> doc = tokenizer->encode("ab"), lineEnd = tokenizer->encode("\n");
        for (int d = 0; d < 2; ++d) {
            expected.insert(expected.end(), doc.begin(), doc.end());
            expected.insert(expected.end(), lineEnd.begin(), lineEnd.end());
        }
        QCOMPARE(set.targets[0], doc[0]); // a text document's first token is learned after BOS
        QVERIFY(std::equal(expected.begin(), expected.end(), set.tokens.begin()));
        for (size_t i = 0; i + 1 < expected.size(); ++i)
            QCOMPARE(set.targets[i], expected[i + 1]);
        QCOMPARE(set.targets[expected.size() - 1], -1);
    }

    void packsWholeDocumentsDeterministically()
    {
        const auto tokenizer = byteTokenizer();
        std::vector<TrainingDocument> documents;
        std::set<std::string> texts;
        for (char c = 'a'; c < 'a' + 9; ++c) {
            const std::string text(size_t(2 + (c - 'a') % 3), c); // 3-5 tokens with the line end
            documents.push_back(TrainingDocument::plain(text));
            texts.insert(text + "\n");
        }
        PackOptions options;
        options.context = 10;
        options.seed = 5;
        const TrainingData a = packDocuments(documents, *tokenizer, options);
        const TrainingData b = packDocuments(documents, *tokenizer, options);
        QCOMPARE(a.fingerprint(), b.fingerprint());
        options.seed = 6;
        QVERIFY(packDocuments(documents, *tokenizer, options).fingerprint() != a.fingerprint());

        // Every document appears once, whole, inside one sequence.
        std::multiset<std::string> found;
        for (int64_t s = 0; s < a.train.count(); ++s) {
            const std::string text = sequenceText(a.train, s);
            QVERIFY(!text.empty() && int64_t(text.size()) <= options.context);
            size_t begin = 0;
            for (size_t i = 0; i < text.size(); ++i)
                if (text[i] == '\n') {
                    found.insert(text.substr(begin, i + 1 - begin));
                    begin = i + 1;
                }
            QCOMPARE(begin, text.size());
        }
        QVERIFY(found == std::multiset<std::string>(texts.begin(), texts.end()));
        QVERIFY(a.train.count() < 9); // packed, not one document per sequence
    }

    void holdsOutDocuments()
    {
        const auto tokenizer = byteTokenizer();
        std::vector<TrainingDocument> documents;
        for (int i = 0; i < 10; ++i)
            documents.push_back(TrainingDocument::plain("doc " + std::to_string(i)));
        PackOptions options;
        options.context = 6;
        options.heldOut.fraction = 0.2;
        TrainingData data = packDocuments(documents, *tokenizer, options);
        QCOMPARE(data.heldOutDocuments, int64_t(2));
        QCOMPARE(data.trainDocuments, int64_t(8));
        QCOMPARE(data.heldOut.count() + data.train.count(), int64_t(10)); // 6 tokens each: one per sequence
        options.heldOut = {3, 0.0};
        QCOMPARE(packDocuments(documents, *tokenizer, options).heldOut.count(), int64_t(3));
        options.heldOut = {10, 0.0};
        QVERIFY(errorOf([&] { packDocuments(documents, *tokenizer, options); }).find("leaves none") != std::string::npos);
    }

    void refusesTooLongDocument()
    {
        const auto tokenizer = byteTokenizer();
        PackOptions options;
        options.context = 8;
        const std::string error = errorOf([&] {
            packDocuments({TrainingDocument::plain("short"), TrainingDocument::plain("much too long", "x.txt line 3")},
                          *tokenizer, options);
        });
        QVERIFY2(error.find("document 2 (x.txt line 3) has 14 tokens") != std::string::npos, error.c_str());
        options.context = 14;
        QCOMPARE(packDocuments({TrainingDocument::plain("much too long")}, *tokenizer, options).train.count(),
                 int64_t(1));
    }

    void readsTextJsonlAndFolders()
    {
        const auto text = documentsFromText("first para\nline two\r\n\n  \n\nsecond\n", "t.txt");
        QCOMPARE(text.size(), size_t(2));
        QCOMPARE(text[0].text, std::string("first para\nline two"));
        QCOMPARE(text[1].text, std::string("second"));
        QCOMPARE(text[1].origin, std::string("t.txt line 6"));

        const auto jsonl = documentsFromJsonl("{\"text\": \"hello\"}\n\n{\"prompt\": \"2+2=\", \"answer\": \"4\"}\n",
                                              "d.jsonl");
        QCOMPARE(jsonl.size(), size_t(2));
        QVERIFY(jsonl[0].kind == TrainingDocument::Kind::Text);
        QVERIFY(jsonl[1].kind == TrainingDocument::Kind::PromptAnswer);
        QCOMPARE(jsonl[1].prompt, std::string("2+2="));
        QCOMPARE(jsonl[1].answer, std::string("4"));

        QTemporaryDir dir;
        const std::filesystem::path root = dir.path().toStdString();
        test::writeTextFile(root / "b.jsonl", "{\"text\": \"from b\"}\n");
        test::writeTextFile(root / "a.txt", "from a\n");
        test::writeTextFile(root / "notes.md", "ignored\n");
        const auto folder = loadTrainingDocuments(root);
        QCOMPARE(folder.size(), size_t(2));
        QCOMPARE(folder[0].text, std::string("from a"));
        QCOMPARE(folder[1].text, std::string("from b"));
    }

    void dataErrorsAreOneLine()
    {
        const std::string utf8 = errorOf([] { documentsFromText("fine\nbad \xFF byte\n", "x.txt"); });
        QVERIFY2(utf8.find("x.txt: not UTF-8 text (invalid byte 0xFF on line 2, byte offset 9)") != std::string::npos,
                 utf8.c_str());
        QVERIFY(errorOf([] { documentsFromText(" \n\n", "e.txt"); }).find("e.txt: no training documents")
                != std::string::npos);
        QVERIFY(errorOf([] { documentsFromJsonl("{\"text\": \"a\"}\n{oops\n", "d.jsonl"); }).find("d.jsonl line 2")
                != std::string::npos);
        QVERIFY(errorOf([] { documentsFromJsonl("{\"prompt\": \"a\"}\n", "d.jsonl"); }).find("expected")
                != std::string::npos);
        QVERIFY(errorOf([] { loadTrainingDocuments("/nonexistent/data.txt"); }).find("no such file")
                != std::string::npos);
        QTemporaryDir dir;
        QVERIFY(errorOf([&] { loadTrainingDocuments(dir.path().toStdString()); }).find("no .txt or .jsonl")
                != std::string::npos);
        for (const std::string &e : {utf8})
            QVERIFY(e.find('\n') == std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
