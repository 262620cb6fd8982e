// Training runs of a tiny model on short sentences: the loss falls, progress is reported, two
// runs are bitwise identical, a run cancelled after k steps and resumed from its checkpoint ends
// bitwise where the uninterrupted run ends (also under QAT), the saved model runs in the engine
// with the held-out loss the trainer measured, and bad settings are refused.
#include "formats/model.h"
#include "infer/transformer.h"
#include "support/tokenizerfixtures.h"
#include "support/trainerfixtures.h"
#include "tokenize/tokenizer.h"
#include "train/qat.h"
#include "train/trainer.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace bitcliff;
using bitcliff::test::errorOf;
using namespace bitcliff::train;
namespace fs = std::filesystem;

namespace {

constexpr int kVocab = 256; // the byte tokenizer

TrainOptions smallRun(int64_t steps)
{
    TrainOptions o;
    o.steps = steps;
    o.lr = 1e-2;
    o.warmupSteps = 3;
    o.batchSequences = 4;
    o.ctx = 64;
    o.seed = 7;
    o.threads = 2;
    o.heldOut.fraction = 0.1;
    o.evalEvery = 5;
    return o;
}

bool sameWeights(const Parameters<float> &a, const Parameters<float> &b)
{
    if (a.tensors.size() != b.tensors.size())
        return false;
    for (size_t i = 0; i < a.tensors.size(); ++i)
        if (a.tensors[i].values != b.tensors[i].values) // bitwise for finite values
            return false;
    return true;
}

} // namespace

class TestTrainingRun : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<const Tokenizer> m_tokenizer;
    fs::path m_tokenizerFile;
    std::vector<TrainingDocument> m_documents;

    fs::path root() const { return m_dir.path().toStdString(); }
    Parameters<float> initial() const
    {
        return initialParameters<float>(test::trainerTestConfig("llama", kVocab, false), 1);
    }
    Trainer trainer(const TrainOptions &options, const fs::path &folder = {}) const
    {
        return Trainer(initial(), m_documents, *m_tokenizer, options, CheckpointTarget{folder, m_tokenizerFile, {}});
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_tokenizerFile = root() / "tokenizer.json";
        test::writeTextFile(m_tokenizerFile, test::byteLevelTokenizer({}).dump());
        m_tokenizer = loadTokenizer(m_tokenizerFile);
        m_documents = test::sentenceDocuments(80, 3);
    }

    void lossFalls()
    {
        Trainer run = trainer(smallRun(30));
        QVERIFY(run.data().heldOut.count() > 0);
        std::vector<TrainProgress> reports;
        run.run([&](const TrainProgress &p) {
            reports.push_back(p);
            return true;
        });
        const std::vector<double> &losses = run.state().losses;
        QCOMPARE(losses.size(), size_t(30));
        QVERIFY2(std::abs(losses[0] - std::log(double(kVocab))) < 0.3, qPrintable(QString::number(losses[0])));
        double late = 0.0;
        for (size_t i = 25; i < 30; ++i)
            late += losses[i] / 5.0;
        QVERIFY2(late < 0.6 * losses[0], qPrintable(QString("first %1, last five %2").arg(losses[0]).arg(late)));

        QCOMPARE(reports.size(), size_t(30));
        for (size_t i = 0; i < reports.size(); ++i) {
            QCOMPARE(reports[i].step, int64_t(i + 1));
            QCOMPARE(reports[i].steps, int64_t(30));
            QCOMPARE(reports[i].loss, losses[i]);
            QCOMPARE(reports[i].heldOutLoss.has_value(), (i + 1) % 5 == 0);
            QVERIFY(reports[i].tokensPerSecond > 0 && reports[i].secondsLeft >= 0);
        }
        QCOMPARE(reports[0].learningRate, 1e-2 / 3);
        QCOMPARE(reports.back().secondsLeft, 0.0);
        const std::vector<HeldOutLoss> &heldOut = run.state().heldOutLosses;
        QCOMPARE(heldOut.size(), size_t(6));
        QVERIFY(heldOut.back().loss < 0.7 * heldOut.front().loss);
    }

    void deterministic()
    {
        TrainOptions options = smallRun(6);
        options.accumulation = 2;
        Trainer a = trainer(options), b = trainer(options);
        a.run();
        b.run();
        QVERIFY(a.state().losses == b.state().losses);
        QVERIFY(sameWeights(a.weights(), b.weights()));
        options.seed = 8; // another seed: other data order, other losses
        Trainer c = trainer(options);
        c.run();
        QVERIFY(c.state().losses != a.state().losses);
    }

    void resumeIsBitIdentical_data()
    {
        QTest::addColumn<QString>("qat");
        QTest::newRow("float") << "";
        QTest::newRow("qat rtn:b4:g16") << "rtn:b4:g16";
    }

    void resumeIsBitIdentical()
    {
        QFETCH(QString, qat);
        TrainOptions options = smallRun(8);
        options.accumulation = 2;
        options.evalEvery = 2;
        if (!qat.isEmpty())
            options.qat = QuantScheme::parse(qat.toStdString());
        Trainer whole = trainer(options);
        whole.run();

        const fs::path folder = root() / ("resume" + qat.toStdString());
        Trainer first = trainer(options, folder);
        bool cancelled = false;
        try {
            first.run([](const TrainProgress &p) { return p.step < 3; });
        } catch (const Cancelled &) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QCOMPARE(readTrainerState(folder)["step"].get<int64_t>(), int64_t(3));

        Trainer resumed = Trainer::resume(folder, m_documents, *m_tokenizer, {folder, folder, {}});
        QCOMPARE(resumed.state().step, int64_t(3));
        resumed.run();
        QVERIFY(resumed.state().losses == whole.state().losses);
        QCOMPARE(resumed.state().heldOutLosses.size(), whole.state().heldOutLosses.size());
        for (size_t i = 0; i < whole.state().heldOutLosses.size(); ++i)
            QCOMPARE(resumed.state().heldOutLosses[i].loss, whole.state().heldOutLosses[i].loss);
        QVERIFY(sameWeights(resumed.weights(), whole.weights()));
        // And the final checkpoint holds those weights.
        QVERIFY(sameWeights(readCheckpointWeights(folder), whole.weights()));
        QCOMPARE(readTrainerState(folder)["step"].get<int64_t>(), int64_t(8));

        // A finished run can be extended (a new schedule length), into another folder.
        Trainer longer = Trainer::resume(folder, m_documents, *m_tokenizer, {}, 10);
        longer.run();
        QCOMPARE(longer.state().losses.size(), size_t(10));
        QVERIFY(std::equal(whole.state().losses.begin(), whole.state().losses.end(), longer.state().losses.begin()));

        // Other data than the run was trained on is refused.
        std::vector<TrainingDocument> other = m_documents;
        other.pop_back();
        QVERIFY(errorOf([&] { Trainer::resume(folder, other, *m_tokenizer, {}); }).find("training data differs")
                != std::string::npos);
    }

    void qatTrainsOnQuantizedWeights()
    {
        TrainOptions options = smallRun(12);
        Trainer plain = trainer(options);
        options.qat = QuantScheme::parse("rtn:b3:g16");
        Trainer qat = trainer(options);
        plain.run();
        qat.run();
        // Same data and initial weights: the first losses differ only by the fake quantization.
        QVERIFY(qat.state().losses[0] != plain.state().losses[0]);
        QVERIFY(std::abs(qat.state().losses[0] - plain.state().losses[0]) < 0.1);
        QVERIFY(qat.state().losses.back() < 0.8 * qat.state().losses[0]);
        // The latent weights are not themselves on the grid: QAT keeps full precision.
        Parameters<float> working;
        fakeQuantizeParameters(*options.qat, qat.weights(), working, 1);
        QVERIFY(!sameWeights(working, qat.weights()));
    }

    void savedModelRunsInTheEngine()
    {
        const fs::path folder = root() / "trained";
        Trainer run = trainer(smallRun(10), folder);
        run.run();
        const std::optional<double> heldOut = run.heldOutLoss();
        QVERIFY(heldOut);

        // The held-out loss again, from the engine on the saved checkpoint.
        const auto model = openModel(folder);
        const auto weights = loadTransformer(model, {});
        const SequenceSet &set = run.data().heldOut;
        double loss = 0.0;
        int64_t counted = 0;
        std::vector<float> logits(size_t(set.length) * kVocab);
        for (int64_t s = 0; s < set.count(); ++s) {
            InferenceSession session(weights, int(set.length));
            const auto first = set.tokens.begin() + std::ptrdiff_t(s * set.length);
            session.evaluate(std::vector<int32_t>(first, first + set.length), 0, logits);
            for (int64_t i = 0; i < set.length; ++i) {
                const int32_t target = set.targets[size_t(s * set.length + i)];
                if (target < 0)
                    continue;
                const float *row = logits.data() + i * kVocab;
                double top = row[0], sum = 0.0;
                for (int v = 0; v < kVocab; ++v)
                    top = std::max(top, double(row[v]));
                for (int v = 0; v < kVocab; ++v)
                    sum += std::exp(double(row[v]) - top);
                loss += top + std::log(sum) - double(row[target]);
                ++counted;
            }
        }
        const double engineLoss = loss / double(counted);
        QVERIFY2(std::abs(engineLoss - *heldOut) < 1e-4 * *heldOut,
                 qPrintable(QString("engine %1, trainer %2").arg(engineLoss).arg(*heldOut)));
    }

    void refusesBadSettings()
    {
        TrainOptions options = smallRun(2);
        options.ctx = 65;
        QVERIFY(errorOf([&] { trainer(options); }).find("exceeds the model's context of 64") != std::string::npos);
        options = smallRun(2);
        options.qat = QuantScheme::parse("rtn:b4:g48:strict"); // 48 divides no row of 32 or 64
        QVERIFY(errorOf([&] { trainer(options); }).find("rtn:b4:g48") != std::string::npos);
        const fs::path base = root() / "base";
        fs::create_directories(base);
        QVERIFY(errorOf([&] {
                    Trainer(initial(), m_documents, *m_tokenizer, smallRun(2), {base / ".", m_tokenizerFile, base});
                }).find("input model")
                != std::string::npos);
        options = smallRun(2);
        options.ctx = 20; // the sentences do not fit
        QVERIFY(errorOf([&] { trainer(options); }).find("tokens, more than") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestTrainingRun)
#include "tst_trainingrun.moc"
