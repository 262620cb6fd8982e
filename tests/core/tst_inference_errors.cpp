// Errors of the inference engine, each one line: unsupported architectures and rope
// scalings, missing tensors, cache overflow and bad arguments (the session stays usable),
// cancel while loading, and models or KV caches that do not fit in the memory available
// (refused before anything is allocated).
#include "formats/model.h"
#include "infer/transformer.h"
#include "support/tinytransformer.h"
#include "util/error.h"
#include "util/meminfo.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <nlohmann/json.hpp>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

std::string errorOf(const std::function<void()> &fn)
{
    try {
        fn();
    } catch (const Error &e) {
        return e.what();
    }
    return "(no error)";
}

bool mentions(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

} // namespace

class TestInferenceErrors : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void configurationErrors_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("omit");
        QTest::addColumn<QString>("mention");
        QTest::newRow("unsupported architecture") << "GemmaForCausalLM" << ""
                                                  << "unsupported architecture 'GemmaForCausalLM' (BitCliff runs llama, qwen2, qwen3)";
        QTest::newRow("missing tensor") << "llama" << "model.layers.1.mlp.up_proj.weight"
                                        << "tensor 'model.layers.1.mlp.up_proj.weight' is missing";
        QTest::newRow("missing qk norm") << "qwen3" << "model.layers.0.self_attn.k_norm.weight"
                                         << "model.layers.0.self_attn.k_norm.weight";
        QTest::newRow("missing output norm") << "qwen2" << "model.norm.weight" << "model.norm.weight";
    }

    void configurationErrors()
    {
        QFETCH(QString, family);
        QFETCH(QString, omit);
        QFETCH(QString, mention);
        test::TinyTransformerSpec spec;
        spec.family = family.toStdString();
        if (!omit.isEmpty())
            spec.omit = {omit.toStdString()};
        const fs::path dir = path(QTest::currentDataTag());
        test::writeTinyTransformer(dir, spec);
        const auto model = openModel(dir);
        const std::string error = errorOf([&] { loadTransformer(model, {}); });
        QVERIFY2(mentions(error, mention.toStdString()), error.c_str());
        QVERIFY2(!mentions(error, "\n"), error.c_str());
        QCOMPARE(errorOf([&] { transformerConfigFor(*model); }), error);
    }

    void ropeScalingTypes()
    {
        // linear: every frequency divided by the factor; yarn is refused by name.
        const fs::path dir = path("rope");
        test::writeTinyTransformer(dir, {});
        auto withScaling = [&](const std::string &scaling) {
            std::ifstream in(dir / "config.json");
            nlohmann::json config = nlohmann::json::parse(in);
            config["rope_scaling"] = nlohmann::json::parse(scaling);
            std::ofstream(dir / "config.json") << config.dump();
            return openModel(dir);
        };
        const TransformerConfig linear = transformerConfigFor(*withScaling(R"({"type": "linear", "factor": 2.5})"));
        QCOMPARE(linear.ropeFreqFactors, std::vector<float>(size_t(linear.headDim / 2), 2.5f));
        QVERIFY(transformerConfigFor(*withScaling(R"({"rope_type": "default"})")).ropeFreqFactors.empty());
        const auto yarn = withScaling(R"({"rope_type": "yarn", "factor": 4.0})");
        const std::string error = errorOf([&] { transformerConfigFor(*yarn); });
        QVERIFY2(mentions(error, "rope scaling 'yarn' is not supported"), error.c_str());
    }

    void sessionErrors()
    {
        const fs::path dir = path("session");
        test::TinyTransformerSpec spec;
        test::writeTinyTransformer(dir, spec);
        InferenceSession session(loadTransformer(openModel(dir), {}), 8);
        std::vector<float> logits(size_t(spec.vocab));
        const std::vector<int32_t> five{1, 2, 3, 4, 5}, four{1, 2, 3, 4};
        session.evaluate(five, 4, logits);
        const std::string overflow = errorOf([&] { session.evaluate(four, 3, logits); });
        QVERIFY2(mentions(overflow, "4 tokens at position 5 overflow the context of 8 positions"), overflow.c_str());
        QCOMPARE(session.position(), 5); // nothing was appended
        const std::vector<int32_t> outside{spec.vocab};
        QVERIFY(mentions(errorOf([&] { session.evaluate(outside, 0, logits); }), "outside the vocabulary"));
        QVERIFY(mentions(errorOf([&] { session.evaluate(std::span(four).subspan(0, 2), 0, logits); }), "logits given"));
        QVERIFY(mentions(errorOf([&] { session.truncate(6); }), "truncate"));
        QCOMPARE(session.position(), 5);
        std::vector<float> three(size_t(spec.vocab));
        session.evaluate(std::span(four).subspan(0, 3), 2, three); // fills the context exactly
        QCOMPARE(session.position(), 8);
        QVERIFY(mentions(errorOf([] { InferenceSession(nullptr, 4); }), "without weights"));
    }

    void cancelDuringLoad()
    {
        const fs::path dir = path("cancel");
        test::TinyTransformerSpec spec;
        spec.layers = 6;
        spec.hidden = 512;
        spec.intermediate = 1536;
        test::writeTinyTransformer(dir, spec);
        const auto model = openModel(dir);
        // Before anything is read, and while HQQ fake-quantizes the tensors (0.7 s of work on
        // two cores in an optimized build; progress is polled every 50 ms).
        for (int stopAt : {1, 2}) {
            InferenceOptions options;
            options.scheme = QuantScheme::parse("hqq:b4:g64");
            int calls = 0;
            QVERIFY_THROWS_EXCEPTION(Cancelled, loadTransformer(model, options, [&](double) { return ++calls < stopAt; }));
            QVERIFY(stopAt == 1 ? calls == 1 : calls >= 2); // workers finish their tensors meanwhile
        }
        double last = 0;
        loadTransformer(model, {}, [&](double fraction) {
            last = fraction;
            return true;
        });
        QCOMPARE(last, 1.0);
    }

    void refusesWhatDoesNotFitInMemory()
    {
        // One layer with an FFN of 2^23 channels: 824 GB as float32, 412 GB of BF16 that exist
        // only as a hole in the file. Refused before anything is allocated or read.
        const fs::path dir = path("huge");
        fs::create_directories(dir);
        const int64_t hidden = 8192, ffn = int64_t(1) << 23, vocab = 32;
        nlohmann::ordered_json header = nlohmann::ordered_json::object();
        uint64_t offset = 0;
        auto add = [&](const std::string &name, std::vector<int64_t> shape) {
            uint64_t bytes = 2;
            for (int64_t d : shape)
                bytes *= uint64_t(d);
            header[name] = {{"dtype", "BF16"}, {"shape", shape}, {"data_offsets", {offset, offset + bytes}}};
            offset += bytes;
        };
        add("model.embed_tokens.weight", {vocab, hidden});
        add("model.layers.0.input_layernorm.weight", {hidden});
        add("model.layers.0.self_attn.q_proj.weight", {hidden, hidden});
        add("model.layers.0.self_attn.k_proj.weight", {1024, hidden});
        add("model.layers.0.self_attn.v_proj.weight", {1024, hidden});
        add("model.layers.0.self_attn.o_proj.weight", {hidden, hidden});
        add("model.layers.0.post_attention_layernorm.weight", {hidden});
        add("model.layers.0.mlp.gate_proj.weight", {ffn, hidden});
        add("model.layers.0.mlp.up_proj.weight", {ffn, hidden});
        add("model.layers.0.mlp.down_proj.weight", {hidden, ffn});
        add("model.norm.weight", {hidden});
        add("lm_head.weight", {vocab, hidden});
        std::string text = header.dump();
        text.append((8 - text.size() % 8) % 8, ' ');
        const fs::path file = dir / "model.safetensors";
        {
            std::ofstream out(file, std::ios::binary);
            const uint64_t n = text.size();
            out.write(reinterpret_cast<const char *>(&n), 8);
            out.write(text.data(), std::streamsize(text.size()));
        }
        fs::resize_file(file, 8 + text.size() + offset);
        std::ofstream(dir / "config.json") << R"({"architectures": ["LlamaForCausalLM"], "hidden_size": 8192,
            "intermediate_size": 8388608, "num_hidden_layers": 1, "num_attention_heads": 64,
            "num_key_value_heads": 8, "vocab_size": 32})";
        const uint64_t needed = uint64_t(2 * offset);
        if (availableMemoryBytes() > needed)
            QSKIP("this machine has more memory than the huge model needs");
        const std::string error = errorOf([&] { loadTransformer(openModel(dir), {}); });
        QVERIFY2(mentions(error, "inference needs 768.6 GiB as float32, "), error.c_str());
        QVERIFY2(mentions(error, " GiB available") && !mentions(error, "\n"), error.c_str());

        // The KV cache of a session is checked the same way.
        const fs::path small = path("kvhuge");
        test::writeTinyTransformer(small, {});
        const auto weights = loadTransformer(openModel(small), {});
        const std::string kv = errorOf([&] { InferenceSession(weights, 1 << 30); });
        QVERIFY2(mentions(kv, "a KV cache of 1073741824 positions needs 512.0 GiB"), kv.c_str());
    }

private:
    fs::path path(const char *name) const { return test::subdirectory(m_dir.path().toStdString(), name); }

    QTemporaryDir m_dir;
};

QTEST_APPLESS_MAIN(TestInferenceErrors)
#include "tst_inference_errors.moc"
