// bitcliff-cli train as a user runs it, on a tiny Llama with a byte-level tokenizer: the held-out
// loss falls, the checkpoint opens in `eval` and, exported to GGUF, in llama.cpp; prompt/answer
// JSONL and QAT run; Ctrl-C leaves a checkpoint that --resume finishes bitwise like an
// uninterrupted run; bad input is refused in one line before anything is written.
#include "formats/model.h"
#include "quant/ggufexport.h"
#include "support/clirunner.h"
#include "support/evalfixtures.h"
#include "support/tokenizerfixtures.h"
#include "train/checkpoint.h"
#include "train/trainerstate.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fstream>
#include <iterator>
#include <map>
#include <random>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

const fs::path kLlamaCpp = BITCLIFF_LLAMACPP_TESTS;
constexpr int kContext = 64;

test::CliRun cli(const QStringList &arguments) { return test::runCli(QStringLiteral(BITCLIFF_CLI), arguments, 300000); }

QString qs(const fs::path &path) { return QString::fromStdString(path.string()); }

// The file's bytes; empty when it cannot be read.
std::string fileBytes(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Short sentences from a small grammar, one paragraph each: easy to learn.
std::string sentenceText(int count, unsigned seed)
{
    const char *subjects[] = {"the cat", "a dog", "my friend", "the bird"};
    const char *verbs[] = {"sees", "likes", "finds", "hears"};
    const char *objects[] = {"the ball", "a tree", "the sun", "some bread"};
    std::mt19937 random(seed);
    std::string text;
    for (int i = 0; i < count; ++i)
        text += std::string(subjects[random() % 4]) + " " + verbs[random() % 4] + " " + objects[random() % 4] + ".\n\n";
    return text;
}

// Sums with two-digit results: an answer " 57" is three byte tokens, four counted with the line end.
std::string sumLines(int count)
{
    std::string lines;
    for (int i = 0; i < count; ++i) {
        const int a = 10 + (i * 7) % 40, b = (i * 13) % 50;
        lines += "{\"prompt\": \"" + std::to_string(a) + " + " + std::to_string(b) + " =\", \"answer\": \" "
                 + std::to_string(a + b) + "\"}\n";
    }
    return lines;
}

train::TrainerState stateOf(const fs::path &checkpoint)
{
    return train::trainerStateFromJson(train::readTrainerState(checkpoint), "trainer_state.json");
}

// The first "held-out loss before training" and the last progress line's held-out loss.
std::pair<double, double> heldOutLosses(const QByteArray &out)
{
    const QString text = QString::fromUtf8(out);
    const auto before = QRegularExpression("held-out loss before training: ([0-9.]+)").match(text);
    double after = -1;
    for (auto it = QRegularExpression("\nstep [^\n]*  held-out ([0-9.]+)").globalMatch(text); it.hasNext();)
        after = it.next().captured(1).toDouble();
    return {before.hasMatch() ? before.captured(1).toDouble() : -1, after};
}

} // namespace

class TestCliTrain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = m_dir.path().toStdString();
        m_model = m_root / "model";
        test::TinyTransformerSpec spec; // hidden 64, SwiGLU 96: every row fits q8_0's blocks of 32
        spec.layers = 2;
        test::writeEvaluableModel(m_model, spec);
        m_modelFiles = modelFiles();
        m_text = m_root / "sentences.txt";
        test::writeTextFile(m_text, sentenceText(240, 1));
        m_evalText = m_root / "eval.txt";
        test::writeTextFile(m_evalText, sentenceText(40, 2));
        m_sums = m_root / "sums.jsonl";
        test::writeTextFile(m_sums, sumLines(200));
    }

    void cleanupTestCase() { QVERIFY(modelFiles() == m_modelFiles); } // the source model untouched

    void trainingLowersTheHeldOutLoss()
    {
        const fs::path out = m_root / "trained";
        const auto run = train({"--data", qs(m_text), "--steps", "20", "--held-out", "24", "--out", qs(out)});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.startsWith("training needs "), run.out.constData());
        const auto [before, after] = heldOutLosses(run.out);
        qInfo("held-out loss %.4f before, %.4f after 20 steps", before, after);
        QVERIFY(before > 0 && after > 0);
        QVERIFY2(after < before - 1.0, run.out.constData());
        QVERIFY2(run.out.contains("wrote the checkpoint of step 20, held-out loss") && run.out.contains(qs(out).toUtf8()),
                 run.out.constData());
        const train::TrainerState state = stateOf(out);
        QCOMPARE(state.step, int64_t(20));
        QVERIFY(!state.heldOutLosses.empty() && state.heldOutLosses.back().step == 20);
        QVERIFY(std::abs(state.heldOutLosses.back().loss - after) < 1e-4);
        for (const char *file : {"config.json", "model.safetensors", "tokenizer.json", "optimizer.safetensors"})
            QVERIFY2(fs::exists(out / file), file);
    }

    // --resume with a larger --steps extends a finished run into another folder, leaving it as it was.
    void resumeExtendsARun()
    {
        const fs::path trained = m_root / "trained", extended = m_root / "extended";
        const std::string before = fileBytes(trained / "model.safetensors");
        const auto run = train({"--data", qs(m_text), "--steps", "30", "--resume", qs(trained), "--out", qs(extended)});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const train::TrainerState state = stateOf(extended), original = stateOf(trained);
        QCOMPARE(state.step, int64_t(30));
        QCOMPARE(original.step, int64_t(20));
        QVERIFY(std::equal(original.losses.begin(), original.losses.end(), state.losses.begin()));
        QVERIFY(!before.empty() && fileBytes(trained / "model.safetensors") == before);
    }

    // The checkpoint is a model `eval` runs, and it predicts unseen sentences better than the source.
    void evalRunsTheCheckpoint()
    {
        const auto trained = cli({"eval", qs(m_root / "trained"), "--text", qs(m_evalText), "--ctx", "64", "--json"});
        const auto source = cli({"eval", qs(m_model), "--text", qs(m_evalText), "--ctx", "64", "--json"});
        QVERIFY2(trained.exitCode == 0 && source.exitCode == 0, trained.err.constData());
        const double ppl = QJsonDocument::fromJson(trained.out).object()["ppl"].toDouble();
        const double sourcePpl = QJsonDocument::fromJson(source.out).object()["ppl"].toDouble();
        qInfo("eval PPL of unseen sentences: %.3f trained, %.3f source model", ppl, sourcePpl);
        QVERIFY(ppl > 1.0 && ppl < sourcePpl / 2);
    }

    // `quantize --scheme q8_0 --out X.gguf` of the checkpoint loads in llama.cpp, which gives the
    // perplexity `eval` gives on the same file.
    void exportedCheckpointRunsInLlamaCpp()
    {
        const fs::path gguf = m_root / "trained-q8_0.gguf";
        const auto exported = cli({"quantize", qs(m_root / "trained"), "--scheme", "q8_0", "--out", qs(gguf)});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        const auto ours = cli({"eval", qs(gguf), "--text", qs(m_evalText), "--ctx", QString::number(kContext), "--json"});
        QVERIFY2(ours.exitCode == 0, ours.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(ours.out).object();

        const nlohmann::json theirs = llamaCppPerplexity(gguf);
        QVERIFY2(!theirs.contains("error"), ("llama.cpp: " + theirs.value("error", std::string())).c_str());
        const double ppl = theirs["perplexity"]["ppl"].get<double>();
        qInfo("q8_0 GGUF: PPL llama.cpp %.5f, bitcliff-cli %.5f", ppl, json["ppl"].toDouble());
        QCOMPARE(json["tokens_scored"].toInt(), theirs["perplexity"]["tokens_scored"].get<int>());
        QVERIFY(std::abs(json["ppl"].toDouble() - ppl) < 1e-2 * ppl); // llama.cpp rounds activations to 8 bits
    }

    // {"prompt","answer"}: loss on the answers only (three digits' tokens and the line end each).
    void promptAnswerJsonl()
    {
        const fs::path out = m_root / "sums";
        const auto run = train({"--data", qs(m_sums), "--steps", "20", "--held-out", "20", "--out", qs(out)});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("data: 180 training documents in ") && run.out.contains("(720 tokens with loss), 20 held out"),
                 run.out.constData());
        const auto [before, after] = heldOutLosses(run.out);
        qInfo("answers: held-out loss %.4f before, %.4f after 20 steps", before, after);
        QVERIFY(before > 0 && after > 0 && after < before - 1.0);
    }

    void qatRuns()
    {
        const fs::path out = m_root / "qat";
        const auto run = train({"--data", qs(m_text), "--steps", "10", "--qat", "rtn:b4:g32", "--out", qs(out)});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("QAT working copy") && run.out.contains("QAT rtn:b4:g32:sym"), run.out.constData());
        const train::TrainerState state = stateOf(out);
        QVERIFY(state.options.qat && state.options.qat->toString() == "rtn:b4:g32:sym");
        const auto [before, after] = heldOutLosses(run.out);
        qInfo("QAT: held-out loss %.4f before, %.4f after 10 steps", before, after);
        QVERIFY(before > 0 && after > 0 && after < before);
    }

    // SIGINT after the first progress line: a checkpoint of the completed steps, exit 130, and
    // --resume ends with the bytes an uninterrupted run of the same steps writes.
    void interruptedRunResumesBitwise()
    {
        const QStringList options{"--data", qs(m_text), "--steps", "300", "--eval-every", "100"};
        const fs::path whole = m_root / "whole", resumed = m_root / "resumed";
        const auto reference = train(options + QStringList{"--out", qs(whole)});
        QVERIFY2(reference.exitCode == 0, reference.err.constData());

        QProcess process;
        process.start(QStringLiteral(BITCLIFF_CLI), arguments(options + QStringList{"--out", qs(resumed)}));
        QVERIFY(process.waitForStarted());
        QByteArray out;
        while (!out.contains("\nstep ") && process.state() == QProcess::Running) {
            process.waitForReadyRead(30000);
            out += process.readAllStandardOutput();
        }
        QVERIFY2(process.state() == QProcess::Running, out.constData());
        QCOMPARE(::kill(pid_t(process.processId()), SIGINT), 0);
        QVERIFY(process.waitForFinished(60000));
        const QByteArray err = process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 130);
        QVERIFY2(test::isOneLine(err), err.constData());
        const auto match = QRegularExpression("^interrupted at step (\\d+): checkpoint in (.+) \\(resume with --resume (.+)\\)$")
                               .match(QString::fromUtf8(err.trimmed()));
        QVERIFY2(match.hasMatch(), err.constData());
        const int64_t step = match.captured(1).toLongLong();
        qInfo("interrupted at step %lld of 300", (long long)step);
        QVERIFY(step >= 1 && step < 300);
        QCOMPARE(match.captured(2), qs(resumed));
        QCOMPARE(stateOf(resumed).step, step);

        // A changed option is refused; the same command with --resume finishes the run.
        const auto changed = train(options + QStringList{"--lr", "0.01", "--resume", qs(resumed)});
        QVERIFY(changed.exitCode == 1 && test::isOneLine(changed.err) && changed.err.contains("--lr 0.01 differs"));
        const auto finished = train(options + QStringList{"--out", qs(resumed), "--resume", qs(resumed)});
        QVERIFY2(finished.exitCode == 0, finished.err.constData());
        QVERIFY(finished.out.contains("resuming " + qs(resumed).toUtf8() + " at step " + QByteArray::number(step)));
        for (const char *file : {"model.safetensors", "optimizer.safetensors"}) {
            const std::string bytes = fileBytes(whole / file);
            QVERIFY2(!bytes.empty() && fileBytes(resumed / file) == bytes, file);
        }
        QVERIFY(stateOf(resumed).losses == stateOf(whole).losses);
    }

    // train-demo as a user runs it, on a tiny budget: progress lines with loss, tokens/s and
    // time left; a demo model folder that `demo --model` sweeps with its variants.
    void trainDemoWritesTheDemoModel()
    {
        const fs::path out = m_root / "demo-model";
        const auto run = cli({"train-demo", "--out", qs(out), "--tokens", "30000", "--variant-tokens", "6000",
                              "--recovery-steps", "1", "--threads", "2"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("[1/5 base] step") && run.out.contains("tokens/s") && run.out.contains("left"),
                 run.out.constData());
        QVERIFY(run.out.contains("[5/5 recovery-b2]"));
        QVERIFY(fs::is_regular_file(out / "demo.json"));
        QVERIFY(fs::is_regular_file(out / "variants/qat-b2/model.safetensors"));
        const auto bad = cli({"train-demo", "--out", qs(out), "extra"});
        QCOMPARE(bad.exitCode, 2);
    }

    void badInputIsRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        const QString model = qs(m_model), text = qs(m_text), out = qs(m_root / "refused");
        const fs::path notUtf8 = m_root / "latin1.txt", empty = m_root / "empty.txt", longLine = m_root / "long.txt";
        test::writeTextFile(notUtf8, "caf\xe9 au lait\n");
        test::writeTextFile(empty, "\n\n");
        test::writeTextFile(longLine, "short one\n\n" + std::string(200, 'x') + "\n");
        const fs::path gguf = m_root / "model.gguf";
        exportQuantizedGguf(*openModel(m_model), QuantScheme::parse("q8_0"), gguf);
        const QStringList steps{"--steps", "5", "--out", out};
        QTest::newRow("not UTF-8") << QStringList{model, "--data", qs(notUtf8)} + steps << "UTF-8";
        QTest::newRow("empty") << QStringList{model, "--data", qs(empty)} + steps << "no training documents";
        QTest::newRow("longer than ctx") << QStringList{model, "--data", qs(longLine), "--ctx", "64"} + steps << "has 201";
        QTest::newRow("QAT fits nothing") << QStringList{model, "--data", text, "--qat", "q4_k:strict"} + steps
                                          << "cannot be quantized";
        QTest::newRow("bad scheme") << QStringList{model, "--data", text, "--qat", "rtn:b99"} + steps << "bad scheme";
        QTest::newRow("out is PATH") << QStringList{model, "--data", text, "--steps", "5", "--out", model}
                                     << "is the input model's folder";
        QTest::newRow("out inside PATH") << QStringList{model, "--data", text, "--steps", "5", "--out", model + "/sub"}
                                         << "inside the input model's folder";
        QTest::newRow("GGUF") << QStringList{qs(gguf), "--data", text} + steps << "GGUF is not supported";
        QTest::newRow("unwritable out") << QStringList{model, "--data", text, "--steps", "5", "--out", "/proc/x"}
                                        << "cannot write the output folder";
        QTest::newRow("no memory") << QStringList{model, "--data", text, "--batch", "100000000"} + steps
                                   << "training needs";
    }

    void badInputIsRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const auto run = cli(QStringList{"train"} + arguments);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(test::isOneLine(run.err) && run.err.contains(expected.toUtf8()), run.err.constData());
        const QString out = arguments[arguments.indexOf("--out") + 1];
        QVERIFY(!fs::exists(out.toStdString()) || out == qs(m_model));
        QVERIFY(modelFiles() == m_modelFiles);
        for (const auto &entry : fs::directory_iterator(m_root)) // no temporary left beside --out
            QVERIFY2(entry.path().filename().string().find(".tmp-bitcliff-") == std::string::npos,
                     entry.path().c_str());
    }

private:
    QStringList arguments(const QStringList &options) const
    {
        return QStringList{"train", qs(m_model), "--batch", "8", "--ctx", QString::number(kContext), "--lr", "3e-3",
                           "--threads", "2"}
               + options;
    }

    test::CliRun train(const QStringList &options) const { return cli(arguments(options)); }

    // Every file of the source model folder with its bytes.
    std::map<std::string, std::string> modelFiles() const
    {
        std::map<std::string, std::string> files;
        for (const auto &entry : fs::recursive_directory_iterator(m_model))
            files[entry.path().string()] = entry.is_regular_file() ? fileBytes(entry.path()) : std::string();
        return files;
    }

    // llama.cpp's perplexity of the eval text on `gguf` (tests/llamacpp/reference.mjs).
    nlohmann::json llamaCppPerplexity(const fs::path &gguf) const
    {
        nlohmann::json model = nlohmann::json::object();
        model["model"] = gguf.string();
        model["perplexity"] = {{"text", fileBytes(m_evalText)}, {"n_ctx", kContext}};
        nlohmann::json request = nlohmann::json::object();
        request["models"] = nlohmann::json::array({model});
        const fs::path file = gguf.string() + ".request.json";
        std::ofstream(file) << request.dump();
        const QString node = QStringLiteral(BITCLIFF_NODE);
        if (node.isEmpty() || node.endsWith(QStringLiteral("NOTFOUND")))
            return {{"error", "node was not found when the build was configured (tools/install-deps.sh)"}};
        const auto run = test::runCli(node, {qs(kLlamaCpp / "reference.mjs"), qs(file)}, 300000);
        if (run.exitCode != 0)
            return {{"error", run.err.trimmed().toStdString()}};
        return nlohmann::json::parse(run.out.toStdString())["models"][0];
    }

    QTemporaryDir m_dir;
    fs::path m_root, m_model, m_text, m_evalText, m_sums;
    std::map<std::string, std::string> m_modelFiles;
};

QTEST_GUILESS_MAIN(TestCliTrain)
#include "tst_clitrain.moc"
