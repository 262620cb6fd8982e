// Rows that do not fit a type's blocks, against llama.cpp's own quantizer: models whose hidden
// size is 192, 576 or 80 (not multiples of 256; 80 not even of 32) with odd vocabularies are
// written as F16 GGUF files, then quantized twice — by BitCliff's GGUF export and by
// llama_model_quantize() (llama-quantize --pure) in node-llama-cpp's libllama — and every
// tensor must come out with the same type and the same bytes. This is what proves BitCliff's
// per-tensor fallbacks (Q4_K → Q5_0, Q2_K → Q4_0, … then F16) are llama.cpp's. Fails, never
// skips, when the library is missing.
#include "formats/hfggufmapping.h"
#include "formats/model.h"
#include "quant/ggufexport.h"
#include "quant/plansummary.h"
#include "support/llamaquantize.h"
#include "support/tinytransformer.h"
#include "support/tokenizerfixtures.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

const fs::path kLlamaCpp = BITCLIFF_LLAMACPP_TESTS;

const char *const kTypes[] = { "q2_k", "q3_k", "q4_k", "q5_k", "q6_k", "q4_0", "q4_1", "q5_0", "q5_1", "q8_0" };

struct Shape
{
    const char *name;
    int hidden, intermediate, heads, kvHeads, vocab;
    bool tied;
};

// 192: GQA 3/1 heads, K-quants fall back on every attention matrix; 576: SmolLM's width,
// tied; 80: rows of 80 fit no 32-block either, so the fallback ends at F16.
constexpr Shape kShapes[] = {
    { "hidden192", 192, 512, 3, 1, 256 + 45, false },
    { "hidden576", 576, 1536, 9, 3, 256 + 109, true },
    { "hidden80", 80, 256, 2, 1, 256 + 11, false },
};

std::string dtypeText(DType type)
{
    return std::string(dtypeName(type));
}

// `count` merges of two lower-case letters: a vocabulary of 256 + count tokens.
test::Merges letterMerges(int count)
{
    test::Merges merges;
    for (int i = 0; i < count; ++i)
        merges.push_back({ std::string(1, char('a' + i / 26)), std::string(1, char('a' + i % 26)) });
    return merges;
}

} // namespace

class TestLlamaCppFallback : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(m_llama.error().empty(), m_llama.error().c_str());
        QVERIFY(m_dir.isValid());
        for (const Shape &shape : kShapes) {
            const fs::path hf = fs::path(m_dir.path().toStdString()) / shape.name;
            test::TinyTransformerSpec spec;
            spec.hidden = shape.hidden;
            spec.intermediate = shape.intermediate;
            spec.heads = shape.heads;
            spec.kvHeads = shape.kvHeads;
            spec.vocab = shape.vocab;
            spec.tied = shape.tied;
            test::writeTinyTransformer(hf, spec);
            test::writeTextFile(hf / "tokenizer.json", test::byteLevelTokenizer(letterMerges(spec.vocab - 256)).dump());
            exportQuantizedGguf(*openModel(hf), QuantScheme::parse("f16"), hf.string() + "-f16.gguf");
        }
    }

    void typesAndBytesEqualLlamaQuantize_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::addColumn<QString>("type");
        for (const Shape &shape : kShapes)
            for (const char *type : kTypes)
                QTest::newRow((std::string(shape.name) + " " + type).c_str()) << shape.name << type;
    }

    void typesAndBytesEqualLlamaQuantize()
    {
        QFETCH(QString, shape);
        QFETCH(QString, type);
        const std::string base = m_dir.path().toStdString() + "/" + shape.toStdString();
        const fs::path source = base + "-f16.gguf", ours = base + "-" + type.toStdString() + "-ours.gguf",
                       theirs = base + "-" + type.toStdString() + "-llama.gguf";
        const QuantScheme scheme = QuantScheme::parse(type.toStdString());
        const auto input = openModel(source);
        exportQuantizedGguf(*input, scheme, ours);

        QCOMPARE(m_llama.quantize(source, theirs, ggufFileType(scheme.ggufType), true), 0u);

        const auto a = openModel(ours), b = openModel(theirs);
        QCOMPARE(a->tensors().size(), b->tensors().size());
        int fellBack = 0;
        for (const TensorInfo &t : b->tensors()) {
            const TensorInfo *mine = a->find(t.name);
            QVERIFY2(mine, ("BitCliff's file lacks " + t.name).c_str());
            QVERIFY2(mine->dtype == t.dtype,
                (t.name + ": BitCliff " + dtypeText(mine->dtype) + ", llama.cpp " + dtypeText(t.dtype)).c_str());
            const auto x = a->rawBytes(*mine), y = b->rawBytes(t);
            QVERIFY2(x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size()) == 0,
                (t.name + " (" + dtypeText(t.dtype) + "): bytes differ").c_str());
            fellBack += t.shape.size() >= 2 && t.dtype != scheme.ggufType ? 1 : 0;
        }
        // What BitCliff reports for the scheme on the source is what both files hold.
        const PlanSummary summary = summarizePlan(*input, scheme);
        QCOMPARE(summary.fellBack, fellBack);
        const bool kQuant = scheme.groupSize == 256;
        if (kQuant || shape == QLatin1String("hidden80"))
            QVERIFY2(fellBack > 0, "the shape was meant to make some tensors fall back");
    }

private:
    test::LlamaQuantizer m_llama{kLlamaCpp};
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestLlamaCppFallback)
#include "tst_llamacppfallback.moc"
