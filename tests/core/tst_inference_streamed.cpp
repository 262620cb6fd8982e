// Streamed weights (WeightResidency::Streamed): matrices materialized from the mapped model at
// each batch give the resident engine's logits bit for bit, for HF and GGUF files, with and
// without a fake-quantization scheme (row-local, per-tensor and nf4 dq ranges), tied or not,
// in one batch or token by token. Automatic keeps a model that fits resident, and a streamed
// load reads no weight matrix: the matrices are read when the session evaluates.
#include "formats/model.h"
#include "infer/transformer.h"
#include "quant/ggufexport.h"
#include "support/tinytransformer.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <random>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

std::vector<int32_t> randomTokens(size_t count, int vocab, unsigned seed)
{
    std::mt19937 random(seed);
    std::uniform_int_distribution<int32_t> token(0, vocab - 1);
    std::vector<int32_t> tokens(count);
    for (int32_t &t : tokens)
        t = token(random);
    return tokens;
}

std::shared_ptr<const TransformerWeights> load(
    const std::shared_ptr<const Model> &model, WeightResidency residency, const QString &scheme = {})
{
    InferenceOptions options;
    options.residency = residency;
    if (!scheme.isEmpty())
        options.scheme = QuantScheme::parse(scheme.toStdString());
    return loadTransformer(model, options);
}

// Logits of `tokens` evaluated in chunks of the given sizes (one chunk: one batch).
std::vector<float> logitsOf(const std::shared_ptr<const TransformerWeights> &weights,
                            const std::vector<int32_t> &tokens, const std::vector<size_t> &chunks)
{
    const auto vocab = size_t(configOf(*weights).vocab);
    InferenceSession session(weights, int(tokens.size()));
    std::vector<float> logits(tokens.size() * vocab);
    size_t begin = 0;
    for (size_t size : chunks) {
        const size_t first = begin * vocab;
        session.evaluate(std::span(tokens).subspan(begin, size), 0, std::span(logits).subspan(first, size * vocab));
        begin += size;
    }
    return logits;
}

std::vector<float> logitsOf(
    const std::shared_ptr<const TransformerWeights> &weights, const std::vector<int32_t> &tokens)
{
    return logitsOf(weights, tokens, { tokens.size() });
}

bool sameBits(const std::vector<float> &a, const std::vector<float> &b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

} // namespace

class TestInferenceStreamed : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void streamedEqualsResident_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<bool>("tied");
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("gguf"); // exported with this type and evaluated without a scheme
        QTest::newRow("llama GQA F16") << "llama"
                                       << "F16" << false << ""
                                       << "";
        QTest::newRow("qwen2 bias") << "qwen2"
                                    << "F32" << false << ""
                                    << "";
        QTest::newRow("llama tied") << "llama"
                                    << "BF16" << true << ""
                                    << "";
        QTest::newRow("gguf q4_0") << "llama"
                                   << "F32" << false << ""
                                   << "q4_0";
        QTest::newRow("gguf q4_0 qwen2 tied") << "qwen2"
                                              << "F16" << true << ""
                                              << "q4_0";
        QTest::newRow("q4_k") << "llama"
                              << "F16" << false << "q4_k"
                              << "";
        QTest::newRow("q4_k tied") << "llama"
                                   << "F16" << true << "q4_k"
                                   << "";
        QTest::newRow("rtn:b3:g32:asym") << "qwen2"
                                         << "F32" << false << "rtn:b3:g32:asym"
                                         << "";
        QTest::newRow("rtn:b4:tensor:sym") << "llama"
                                           << "F32" << false << "rtn:b4:tensor:sym"
                                           << "";
        QTest::newRow("nf4:g32:dq tied") << "llama"
                                         << "F32" << true << "nf4:g32:dq"
                                         << "";
    }

    void streamedEqualsResident()
    {
        QFETCH(QString, family);
        QFETCH(QString, dtype);
        QFETCH(bool, tied);
        QFETCH(QString, scheme);
        QFETCH(QString, gguf);
        test::TinyTransformerSpec spec;
        spec.family = family.toStdString();
        spec.dtype = dtype.toStdString();
        spec.tied = tied;
        spec.hidden = 256; // rows of 256 for q4_k; matrices of several row chunks
        spec.intermediate = 512;
        const fs::path dir = path(QTest::currentDataTag());
        test::writeTinyTransformer(dir, spec);
        std::shared_ptr<const Model> model = openModel(dir);
        if (!gguf.isEmpty()) {
            const fs::path file = dir.string() + ".gguf";
            QVERIFY(exportQuantizedGguf(*model, QuantScheme::parse(gguf.toStdString()), file) > 0);
            model = openModel(file);
            QCOMPARE(model->find("blk.0.ffn_down.weight")->dtype, DType::Q4_0);
        }

        const auto resident = load(model, WeightResidency::Resident, scheme);
        const auto streamed = load(model, WeightResidency::Streamed, scheme);
        QVERIFY(!isStreamed(*resident));
        QVERIFY(isStreamed(*streamed));
        const std::vector<int32_t> tokens = randomTokens(40, spec.vocab, 11);
        const std::vector<float> expected = logitsOf(resident, tokens), actual = logitsOf(streamed, tokens);
        QCOMPARE(actual, expected);
        QVERIFY(sameBits(actual, expected));
        if (!scheme.isEmpty()) // the scheme changed the weights streamed
            QVERIFY(actual != logitsOf(load(model, WeightResidency::Streamed), tokens));
    }

    void kvCacheTokenByToken_data()
    {
        QTest::addColumn<bool>("tied");
        QTest::addColumn<QString>("scheme");
        QTest::newRow("F16") << false << "";
        QTest::newRow("rtn:b3:g32:asym") << false << "rtn:b3:g32:asym";
        // The tied table materialized for the output serves the next token's lookup.
        QTest::newRow("tied rtn:b4:tensor:sym") << true << "rtn:b4:tensor:sym";
    }

    void kvCacheTokenByToken()
    {
        QFETCH(bool, tied);
        QFETCH(QString, scheme);
        test::TinyTransformerSpec spec;
        spec.dtype = "F16";
        spec.tied = tied;
        spec.llama3Rope = true;
        const fs::path dir = path(QTest::currentDataTag());
        test::writeTinyTransformer(dir, spec);
        const auto model = openModel(dir);
        const auto resident = load(model, WeightResidency::Resident, scheme);
        const auto streamed = load(model, WeightResidency::Streamed, scheme);
        const std::vector<int32_t> tokens = randomTokens(23, spec.vocab, 3);

        const std::vector<size_t> oneByOne(tokens.size(), 1), mixed { 5, 1, 9, 8 };
        const std::vector<float> batch = logitsOf(streamed, tokens);
        QCOMPARE(batch, logitsOf(resident, tokens));
        for (const std::vector<size_t> &chunks : { oneByOne, mixed }) {
            const std::vector<float> incremental = logitsOf(streamed, tokens, chunks);
            QCOMPARE(incremental, logitsOf(resident, tokens, chunks));
            float worst = 0, scale = 0;
            for (size_t i = 0; i < batch.size(); ++i) {
                worst = std::max(worst, std::abs(incremental[i] - batch[i]));
                scale = std::max(scale, std::abs(batch[i]));
            }
            QVERIFY2(worst <= 1e-5f * scale, qPrintable(QString::number(double(worst / scale))));
        }
    }

    void sessionsShareStreamedWeights()
    {
        // Two sessions over the same streamed weights, interleaved: each has its own buffer.
        const fs::path dir = path("shared");
        test::TinyTransformerSpec spec;
        spec.tied = true;
        test::writeTinyTransformer(dir, spec);
        const auto model = openModel(dir);
        const auto streamed = load(model, WeightResidency::Streamed, "q8_0");
        const std::vector<int32_t> a = randomTokens(10, spec.vocab, 1), b = randomTokens(10, spec.vocab, 2);
        InferenceSession first(streamed, 10), second(streamed, 10);
        std::vector<float> logitsA, logitsB;
        for (size_t i = 0; i < a.size(); ++i) {
            std::vector<float> row(size_t(spec.vocab));
            first.evaluate(std::span(a).subspan(i, 1), 0, row);
            logitsA.insert(logitsA.end(), row.begin(), row.end());
            second.evaluate(std::span(b).subspan(i, 1), 0, row);
            logitsB.insert(logitsB.end(), row.begin(), row.end());
        }
        const auto resident = load(model, WeightResidency::Resident, "q8_0");
        QCOMPARE(logitsA, logitsOf(resident, a, std::vector<size_t>(a.size(), 1)));
        QCOMPARE(logitsB, logitsOf(resident, b, std::vector<size_t>(b.size(), 1)));
    }

    void automaticKeepsSmallModelsResident()
    {
        const fs::path dir = path("automatic");
        test::writeTinyTransformer(dir, {});
        const auto model = openModel(dir);
        QVERIFY(!isStreamed(*loadTransformer(model, {})));
        QVERIFY(!isStreamed(*load(model, WeightResidency::Automatic, "q4_0")));
        QVERIFY(!isStreamed(*load(model, WeightResidency::Resident)));
        QVERIFY(isStreamed(*load(model, WeightResidency::Streamed)));
    }

    void streamedLoadReadsNoMatrix()
    {
        // Weights loaded streamed, then every weight matrix in the file negated (its F16 sign
        // bits flipped in place, seen through the mapping): the streamed weights evaluate the
        // new matrices, so the load had read none of them.
        const fs::path dir = path("readsnone");
        test::TinyTransformerSpec spec;
        spec.dtype = "F16";
        test::writeTinyTransformer(dir, spec);
        const auto model = openModel(dir);
        const auto before = load(model, WeightResidency::Resident);
        const auto streamed = load(model, WeightResidency::Streamed);
        {
            std::fstream file(dir / "model.safetensors", std::ios::in | std::ios::out | std::ios::binary);
            int flipped = 0;
            for (const TensorInfo &t : model->tensors()) {
                if (t.shape.size() != 2 || t.role == TensorRole::Embed)
                    continue;
                std::vector<char> bytes(t.byteSize);
                file.seekg(std::streamoff(t.offset));
                file.read(bytes.data(), std::streamsize(bytes.size()));
                for (size_t i = 1; i < bytes.size(); i += 2)
                    bytes[i] = char(bytes[i] ^ 0x80);
                file.seekp(std::streamoff(t.offset));
                file.write(bytes.data(), std::streamsize(bytes.size()));
                ++flipped;
            }
            QCOMPARE(flipped, spec.layers * 7 + 1);
            QVERIFY(file.good());
        }
        const std::vector<int32_t> tokens = randomTokens(12, spec.vocab, 5);
        const std::vector<float> fromStream = logitsOf(streamed, tokens);
        QCOMPARE(fromStream, logitsOf(load(model, WeightResidency::Resident), tokens));
        QVERIFY(fromStream != logitsOf(before, tokens));
    }

private:
    fs::path path(const char *name) const { return test::subdirectory(m_dir.path().toStdString(), name); }

    QTemporaryDir m_dir;
};

QTEST_APPLESS_MAIN(TestInferenceStreamed)
#include "tst_inference_streamed.moc"
