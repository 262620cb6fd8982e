// `bitcliff-cli quantize --scheme gptq:... --calib` on the bundled demo model, as a user runs
// it: the GPTQ checkpoint reopens (BitCliff's GPTQ reader) to exactly the values of the
// fake-quantized checkpoint of the same recipe (the plan's values: the CLI is deterministic,
// so two runs calibrate alike), with the quantization config and everything GPTQ did not
// quantize copied; the GGUF file of gptq:q4_0 dequantizes to exactly its plan too, and
// llama.cpp loads it and gives the perplexity BitCliff gives on it; the report prints per
// tensor as for any scheme; mistakes are refused in one line before anything is written.
#include "formats/hfggufmapping.h"
#include "formats/model.h"
#include "quant/modelquantizer.h"
#include "support/clirunner.h"
#include "support/fixtures.h"
#include "support/llamacppperplexity.h"
#include "tokenize/hftokenizerjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

const fs::path kDemo = fs::path(QT_TESTCASE_SOURCEDIR) / ".." / "resources" / "demo-model";
const fs::path kLlamaCpp = BITCLIFF_LLAMACPP_TESTS;
constexpr int kContext = 128;

test::CliRun cli(const QStringList &arguments) { return test::runCli(QStringLiteral(BITCLIFF_CLI), arguments, 300000); }

QString qs(const fs::path &path) { return QString::fromStdString(path.string()); }

// The calibration every run here uses: 16 windows of 128 tokens of the demo's English text.
QStringList gptq(const QString &recipe, const fs::path &out, const QStringList &more = {})
{
    return QStringList{"quantize", qs(kDemo), "--scheme", recipe, "--calib", qs(kDemo / "calibration" / "en.txt"),
                       "--calib-seqs", "16", "--calib-len", "128", "--threads", "2", "--out", qs(out)}
        + more;
}

bool bitwiseEqual(const std::vector<float> &a, const std::vector<float> &b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// `values` of an HF q/k tensor in the row order a llama GGUF file stores them.
std::vector<float> ggufRowOrder(const Model &source, const TensorInfo &t, std::vector<float> values)
{
    const int heads = permutedHeads("llama", t.name, source.architecture());
    if (heads == 0)
        return values;
    const int64_t headDim = t.rows() / heads, cols = t.cols();
    std::vector<float> permuted(values.size());
    for (int64_t r = 0; r < t.rows(); ++r)
        std::copy_n(values.begin() + permutedSourceRow(r, headDim) * cols, cols, permuted.begin() + r * cols);
    return permuted;
}

} // namespace

class TestCliGptq : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!fs::exists(kDemo / "model.safetensors"))
            QSKIP("no bundled demo model");
        QVERIFY(m_dir.isValid());
        m_root = m_dir.path().toStdString();
        m_source = openModel(kDemo);
    }

    void gptqCheckpointHoldsThePlan()
    {
        const fs::path checkpoint = m_root / "gptq-b4", fake = m_root / "fake-b4";
        const auto written = cli(gptq("gptq:b4:g128", checkpoint, {"--json"}));
        QVERIFY2(written.exitCode == 0, written.err.constData());
        QVERIFY2(written.err.contains("wrote " + qs(checkpoint).toUtf8() + " (28 linears as GPTQ v1 int4 g128; 10 tensors "
                                      "copied as stored"),
                 written.err.constData());
        QVERIFY2(written.err.contains("note: model.embed_tokens.weight is unquantized in the checkpoint"),
                 written.err.constData());
        const auto faked = cli(gptq("gptq:b4:g128", fake, {"--format", "fake"}));
        QVERIFY2(faked.exitCode == 0, faked.err.constData());
        QVERIFY2(faked.out.contains("with gptq:b4:g128:sym\ngptq: 28 matrices from 16 × 128 tokens of en.txt"),
                 faked.out.constData());

        const auto ours = openModel(checkpoint), plan = openModel(fake);
        const QJsonObject json = QJsonDocument::fromJson(written.out).object();
        QCOMPARE(json["scheme"].toString(), QStringLiteral("gptq:b4:g128:sym"));
        QVERIFY(json["calibration"].toString().startsWith(QStringLiteral("gptq: 28 matrices from 16 × 128 tokens")));
        const QJsonArray tensors = json["tensors"].toArray();
        QCOMPARE(tensors.size(), qsizetype(m_source->tensors().size()));
        int packed = 0;
        for (qsizetype i = 0; i < tensors.size(); ++i) {
            const TensorInfo &t = m_source->tensors()[size_t(i)];
            const QJsonObject entry = tensors[i].toObject();
            QCOMPARE(entry["name"].toString().toStdString(), t.name);
            const std::vector<float> original = test::tensorValues(*m_source, t.name), planned = test::tensorValues(*plan, t.name);
            if (entry["quantized"].toBool()) { // the report measures the plan's values
                double sse = 0;
                for (size_t k = 0; k < original.size(); ++k)
                    sse += double(original[k] - planned[k]) * double(original[k] - planned[k]);
                const double mse = entry["mse"].toDouble();
                QVERIFY2(std::abs(mse - sse / double(original.size())) <= 1e-6 * mse, t.name.c_str());
            }
            if (ours->find(t.name)->dtype != DType::GPTQ) { // copied from the source as stored
                const auto a = m_source->rawBytes(t), b = ours->rawBytes(*ours->find(t.name));
                QVERIFY2(std::equal(a.begin(), a.end(), b.begin(), b.end()), t.name.c_str());
                continue;
            }
            ++packed;
            QVERIFY2(bitwiseEqual(test::tensorValues(*ours, t.name), planned), t.name.c_str());
        }
        QCOMPARE(packed, 28);

        std::ifstream in(checkpoint / "config.json");
        const nlohmann::json config = nlohmann::json::parse(in);
        QCOMPARE(config["model_type"].get<std::string>(), std::string("llama")); // the source's keys kept
        const nlohmann::json &q = config["quantization_config"];
        for (const char *key : {"quant_method", "checkpoint_format", "bits", "group_size", "desc_act", "sym",
                                "static_groups", "damp_percent", "true_sequential", "pack_dtype", "lm_head"})
            QVERIFY2(q.contains(key), key);
        QCOMPARE(q["quant_method"].get<std::string>(), std::string("gptq"));
        QCOMPARE(q["checkpoint_format"].get<std::string>(), std::string("gptq"));
        QCOMPARE(q["bits"].get<int>(), 4);
        QCOMPARE(q["sym"].get<bool>(), true);
        QCOMPARE(q["desc_act"].get<bool>(), false);
        QCOMPARE(q["damp_percent"].get<double>(), 0.01);
        QVERIFY(fs::exists(checkpoint / "quantize_config.json") && fs::exists(checkpoint / "tokenizer.json"));
    }

    // Every tensor of the GGUF file is the plan's — GPTQ's codes, q4_0 rounding of the tied
    // embedding, norms as stored — and llama.cpp runs the file to BitCliff's perplexity.
    void ggufHoldsThePlanAndRunsInLlamaCpp()
    {
        const fs::path gguf = m_root / "gptq-q4_0.gguf", fake = m_root / "fake-q4_0";
        const auto written = cli(gptq("gptq:q4_0", gguf));
        QVERIFY2(written.exitCode == 0, written.err.constData());
        QVERIFY2(written.err.contains("(29 tensors quantized, 28 as GPTQ's q4_0 blocks"), written.err.constData());
        const auto faked = cli(gptq("gptq:q4_0", fake, {"--format", "fake"}));
        QVERIFY2(faked.exitCode == 0, faked.err.constData());
        const auto file = openModel(gguf), plan = openModel(fake);
        for (const TensorInfo &t : m_source->tensors()) {
            const TensorInfo &stored = *file->find(ggufTensorName(t.name));
            QVERIFY2(bitwiseEqual(test::tensorValues(*file, stored.name), ggufRowOrder(*m_source, t, test::tensorValues(*plan, t.name))),
                     t.name.c_str());
            QCOMPARE(stored.dtype, t.shape.size() == 2 ? DType::Q4_0 : DType::F32);
        }

        const fs::path text = kDemo / "eval" / "text" / "en.txt";
        const auto ours = cli({"eval", qs(gguf), "--text", qs(text), "--ctx", QString::number(kContext), "--json"});
        QVERIFY2(ours.exitCode == 0, ours.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(ours.out).object();
        // The recipe evaluated on the source: the same weights (Q/K rows in the HF order).
        const auto recipe = cli({"eval", qs(kDemo), "--text", qs(text), "--ctx", QString::number(kContext),
                                 "--scheme", "gptq:q4_0", "--calib", qs(kDemo / "calibration" / "en.txt"),
                                 "--calib-seqs", "16", "--calib-len", "128", "--threads", "2", "--json"});
        QVERIFY2(recipe.exitCode == 0, recipe.err.constData());
        const QJsonArray runs = QJsonDocument::fromJson(recipe.out).object()["runs"].toArray();
        const double planPpl = runs.last().toObject()["ppl"].toDouble(), filePpl = json["ppl"].toDouble();
        const double floatPpl = runs.first().toObject()["ppl"].toDouble();

        const nlohmann::json theirs = test::llamaCppPerplexity(QStringLiteral(BITCLIFF_NODE), kLlamaCpp, gguf,
                                                               hfjson::readTextFile(text), kContext);
        QVERIFY2(!theirs.contains("error"), ("llama.cpp: " + theirs.value("error", std::string())).c_str());
        const double llamaPpl = theirs["ppl"].get<double>();
        qInfo("gptq:q4_0 on the demo model, en.txt at n_ctx %d: PPL float32 %.5f; the recipe %.5f; its GGUF file: "
              "bitcliff-cli %.5f, llama.cpp %.5f ± %.5f (%d tokens scored)",
              kContext, floatPpl, planPpl, filePpl, llamaPpl, theirs["ppl_err"].get<double>(),
              theirs["tokens_scored"].get<int>());
        QVERIFY2(std::abs(filePpl - planPpl) < 1e-4 * planPpl, qPrintable(QString::number(filePpl - planPpl)));
        QCOMPARE(json["tokens_scored"].toInt(), theirs["tokens_scored"].get<int>());
        QVERIFY(std::abs(filePpl - llamaPpl) < 1e-2 * llamaPpl); // llama.cpp rounds activations to 8 bits
    }

    void refusedBeforeAnythingIsWritten_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mention");
        const QString calib = qs(kDemo / "calibration" / "en.txt"), out = qs(m_root / "refused");
        const QStringList source = {"quantize", qs(kDemo), "--out", out};
        QTest::newRow("no calibration") << source + QStringList{"--scheme", "gptq:b4:g128"} << 2
                                        << "gptq:b4:g128:sym needs calibration text";
        QTest::newRow("gguf grid as a GPTQ checkpoint")
            << source + QStringList{"--scheme", "gptq:q4_0", "--calib", calib, "--format", "gptq"} << 2
            << "a GPTQ checkpoint stores rtn grids";
        QTest::newRow("gguf grid, folder") << source + QStringList{"--scheme", "gptq:q5_0", "--calib", calib} << 2
                                           << "--format fake";
        QTest::newRow("rtn grid as GGUF")
            << QStringList{"quantize", qs(kDemo), "--scheme", "gptq:b4:g128", "--calib", calib, "--out", out + ".gguf"}
            << 2 << "needs a GGUF grid";
        QTest::newRow("bits GPTQ cannot pack") << source + QStringList{"--scheme", "gptq:b5:g64", "--calib", calib} << 1
                                               << "2, 3, 4 or 8 bits";
        QTest::newRow("unknown format") << source + QStringList{"--scheme", "gptq:b4:g64", "--calib", calib, "--format", "awq"}
                                        << 2 << "gptq or fake";
        QTest::newRow("one tensor") << source + QStringList{"--scheme", "gptq:b4:g64", "--calib", calib, "--tensor",
                                                            "model.layers.0.mlp.up_proj.weight"}
                                    << 2 << "--tensor is for plain schemes";
        QTest::newRow("calibration for a plain scheme") << source + QStringList{"--scheme", "q4_0", "--calib", calib} << 2
                                                        << "--calib is for calibrated recipes";
    }

    void refusedBeforeAnythingIsWritten()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, mention);
        const auto run = cli(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(test::isOneLine(run.err), run.err.constData());
        QVERIFY2(run.err.contains(mention.toUtf8()), run.err.constData());
        QVERIFY(run.out.isEmpty());
        QVERIFY(!fs::exists(m_root / "refused") && !fs::exists(m_root / "refused.gguf"));
    }

    // A GGUF source has no safetensors to copy into a GPTQ checkpoint: refused before calibrating.
    void ggufSourceRefusedForGptqCheckpoint()
    {
        const fs::path source = m_root / "source-q8_0.gguf";
        const auto exported = cli({"quantize", qs(kDemo), "--scheme", "q8_0", "--out", qs(source)});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        const auto run = cli({"quantize", qs(source), "--scheme", "gptq:b4:g128", "--calib",
                              qs(kDemo / "calibration" / "en.txt"), "--out", qs(m_root / "from-gguf")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(test::isOneLine(run.err) && run.err.contains("needs a Hugging Face (safetensors) source"),
                 run.err.constData());
        QVERIFY(!fs::exists(m_root / "from-gguf"));
    }

private:
    QTemporaryDir m_dir;
    fs::path m_root;
    std::shared_ptr<const Model> m_source;
};

QTEST_GUILESS_MAIN(TestCliGptq)
#include "tst_cligptq.moc"
