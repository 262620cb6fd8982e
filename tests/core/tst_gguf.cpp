// GGUF reader and writer: files built in memory with serializeGguf and read back
// (metadata of every value type, tensor infos, alignment, architecture summary), then
// opened as models from a buffer and from a real file, with rows read back as floats.
#include "formats/ggmltypes.h"
#include "formats/gguf.h"
#include "formats/ggufwriter.h"
#include "formats/model.h"
#include "util/atomicwrite.h"
#include "util/error.h"
#include "util/floatformats.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace bitcliff;

namespace {

GgufValue value(uint32_t type, std::variant<uint64_t, int64_t, double, bool, std::string, GgufArray> payload)
{
    GgufValue v;
    v.type = type;
    v.value = std::move(payload);
    return v;
}
GgufValue u32(uint64_t x) { return value(GgufType::U32, x); }
GgufValue f32(double x) { return value(GgufType::F32, x); }
GgufValue str(std::string s) { return value(GgufType::String, std::move(s)); }
GgufValue array(uint32_t elementType, GgufArray items)
{
    GgufValue v = value(GgufType::Array, std::move(items));
    v.arrayType = elementType;
    return v;
}
GgufValue stringArray(int count)
{
    GgufArray items;
    for (int i = 0; i < count; ++i)
        items.push_back(str("tok" + std::to_string(i)));
    return array(GgufType::String, std::move(items));
}

bool sameValue(const GgufValue &a, const GgufValue &b)
{
    if (a.type != b.type)
        return false;
    if (a.type == GgufType::F32)
        return static_cast<float>(std::get<double>(a.value)) == static_cast<float>(std::get<double>(b.value));
    if (a.value.index() != b.value.index())
        return false;
    if (const auto *u = std::get_if<uint64_t>(&a.value))
        return *u == std::get<uint64_t>(b.value);
    if (const auto *i = std::get_if<int64_t>(&a.value))
        return *i == std::get<int64_t>(b.value);
    if (const auto *d = std::get_if<double>(&a.value))
        return *d == std::get<double>(b.value);
    if (const auto *f = std::get_if<bool>(&a.value))
        return *f == std::get<bool>(b.value);
    if (const auto *t = std::get_if<std::string>(&a.value))
        return *t == std::get<std::string>(b.value);
    const auto &x = std::get<GgufArray>(a.value);
    const auto &y = std::get<GgufArray>(b.value);
    if (a.arrayType != b.arrayType || x.size() != y.size())
        return false;
    for (size_t i = 0; i < x.size(); ++i)
        if (!sameValue(x[i], y[i]))
            return false;
    return true;
}

std::vector<std::byte> bytesOf(const void *data, size_t size)
{
    std::vector<std::byte> out(size);
    std::memcpy(out.data(), data, size);
    return out;
}

std::vector<std::byte> f32Data(const std::vector<float> &values) { return bytesOf(values.data(), values.size() * 4); }

std::vector<std::byte> halfData(const std::vector<float> &values, uint16_t (*convert)(float))
{
    std::vector<uint16_t> bits;
    for (float v : values)
        bits.push_back(convert(v));
    return bytesOf(bits.data(), bits.size() * 2);
}

// Q8_0 rows of one block each: d = 0.5, q = the value·2 (values must be multiples of 0.5).
std::vector<std::byte> q8Data(const std::vector<float> &values)
{
    std::vector<std::byte> out;
    for (size_t block = 0; block < values.size() / 32; ++block) {
        const uint16_t d = 0x3800;
        const auto header = bytesOf(&d, 2);
        out.insert(out.end(), header.begin(), header.end());
        for (size_t j = 0; j < 32; ++j)
            out.push_back(static_cast<std::byte>(static_cast<int8_t>(values[block * 32 + j] * 2.0f)));
    }
    return out;
}

// 3 rows × 32 values exact in every tested type: -8 ... 15.75 in steps of 0.25 (halves for Q8_0).
std::vector<float> sampleValues(bool halves)
{
    std::vector<float> values(96);
    for (size_t i = 0; i < values.size(); ++i)
        values[i] = halves ? static_cast<float>(i) * 0.5f - 24.0f : static_cast<float>(i) * 0.25f - 8.0f;
    return values;
}

GgufTensorEntry tensor(std::string name, std::vector<int64_t> shape, GgmlType type, std::vector<std::byte> data)
{
    return {std::move(name), std::move(shape), ggmlTypeCode(type), std::move(data)};
}

std::vector<std::pair<std::string, GgufValue>> llamaMetadata()
{
    return {{"general.architecture", str("llama")},
            {"general.name", str("tiny")},
            {"llama.block_count", u32(2)},
            {"llama.embedding_length", u32(64)},
            {"llama.feed_forward_length", u32(172)},
            {"llama.attention.head_count", u32(8)},
            {"llama.attention.head_count_kv", u32(2)},
            {"llama.context_length", u32(2048)},
            {"llama.rope.freq_base", f32(500000.0)},
            {"llama.attention.layer_norm_rms_epsilon", f32(1e-5)},
            {"llama.rope.scaling.type", str("linear")},
            {"llama.rope.scaling.factor", f32(2.0)},
            {"tokenizer.ggml.tokens", stringArray(1000)}};
}

std::vector<GgufTensorEntry> readableTensors()
{
    return {tensor("token_embd.weight", {3, 32}, GgmlType::F32, f32Data(sampleValues(false))),
            tensor("blk.0.attn_norm.weight", {3, 32}, GgmlType::F16, halfData(sampleValues(false), floatToFp16)),
            tensor("blk.0.ffn_up.weight", {3, 32}, GgmlType::BF16, halfData(sampleValues(false), floatToBf16)),
            tensor("blk.0.attn_q.weight", {3, 32}, GgmlType::Q8_0, q8Data(sampleValues(true)))};
}

struct ValueCase
{
    const char *name;
    GgufValue value;
    std::string display;
};

const std::vector<ValueCase> &valueCases()
{
    static const std::vector<ValueCase> cases = [] {
        GgufArray counting;
        for (int i = 0; i < 20; ++i)
            counting.push_back(value(GgufType::I32, int64_t{i}));
        GgufArray inner1{value(GgufType::U8, uint64_t{1}), value(GgufType::U8, uint64_t{2})};
        GgufArray inner2{value(GgufType::U8, uint64_t{3})};
        return std::vector<ValueCase>{
            {"u8", value(GgufType::U8, uint64_t{200}), "200"},
            {"i8", value(GgufType::I8, int64_t{-100}), "-100"},
            {"u16", value(GgufType::U16, uint64_t{60000}), "60000"},
            {"i16", value(GgufType::I16, int64_t{-30000}), "-30000"},
            {"u32", value(GgufType::U32, uint64_t{4000000000u}), "4000000000"},
            {"i32", value(GgufType::I32, int64_t{-2000000000}), "-2000000000"},
            {"f32", f32(1.5), "1.5"},
            {"f32 inexact", f32(0.1), "0.1"},
            {"bool", value(GgufType::Bool, true), "true"},
            {"string", str("h\xc3\xa9llo w\xc3\xb6rld"), "h\xc3\xa9llo w\xc3\xb6rld"},
            {"empty string", str(""), ""},
            {"u64", value(GgufType::U64, uint64_t{9223372036854775813ull}), "9223372036854775813"},
            {"i64", value(GgufType::I64, int64_t{-4611686018427387904ll}), "-4611686018427387904"},
            {"f64", value(GgufType::F64, 0.1), "0.1"},
            {"u32 array", array(GgufType::U32, {u32(1), u32(2), u32(3)}), "[1, 2, 3]"},
            {"string array", array(GgufType::String, {str("a"), str("b\nc")}), "[\"a\", \"b\\nc\"]"},
            {"long array", array(GgufType::I32, counting), "[0, 1, 2, 3, 4, 5, 6, 7, ... (20 items)]"},
            {"empty array", array(GgufType::String, {}), "[]"},
            {"nested array", array(GgufType::Array, {array(GgufType::U8, inner1), array(GgufType::U8, inner2)}),
             "[[1, 2], [3]]"},
        };
    }();
    return cases;
}

} // namespace

class TestGguf : public QObject
{
    Q_OBJECT

private slots:
    void metadataRoundTrip_data()
    {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < valueCases().size(); ++i)
            QTest::newRow(valueCases()[i].name) << static_cast<int>(i);
    }

    void metadataRoundTrip()
    {
        QFETCH(int, index);
        const ValueCase &c = valueCases()[static_cast<size_t>(index)];
        const auto bytes = serializeGguf({{"general.name", str("x")}, {"test.value", c.value}}, {});
        const GgufContents contents = parseGguf(bytes, "mem");
        QCOMPARE(contents.version, 3u);
        QCOMPARE(contents.metadata.size(), size_t(2));
        QCOMPARE(contents.metadata[1].first, std::string("test.value"));
        const GgufValue *read = contents.find("test.value");
        QVERIFY(read);
        QVERIFY(sameValue(*read, c.value));
        QCOMPARE(read->toDisplayString(), c.display);
        QVERIFY(!contents.find("missing"));
    }

    void displaySummarizesArrays()
    {
        QCOMPARE(stringArray(100).toDisplayString(2), std::string("[\"tok0\", \"tok1\", ... (100 items)]"));
        QCOMPARE(stringArray(5).toDisplayString(0), std::string("[... (5 items)]"));
        QVERIFY(str(std::string(1000, 'x')).toDisplayString().size() == 1000); // plain strings whole
        QVERIFY(array(GgufType::String, {str(std::string(1000, 'y'))}).toDisplayString().size() < 80);
    }

    void tensorInfos_data()
    {
        QTest::addColumn<int>("alignment");
        QTest::newRow("align 32") << 32;
        QTest::newRow("align 64") << 64;
        QTest::newRow("align 1") << 1;
    }

    void tensorInfos()
    {
        QFETCH(int, alignment);
        const std::vector<GgufTensorEntry> tensors = {
            tensor("token_embd.weight", {4, 8}, GgmlType::F32, std::vector<std::byte>(128, std::byte{1})),
            tensor("blk.0.attn_q.weight", {2, 64}, GgmlType::Q8_0, std::vector<std::byte>(136, std::byte{2})),
            tensor("blk.0.ffn_down.weight", {1, 256}, GgmlType::Q4_K, std::vector<std::byte>(144, std::byte{3})),
            tensor("odd.f16", {3}, GgmlType::F16, std::vector<std::byte>(6, std::byte{4})),
            tensor("cube.bf16", {2, 3, 4}, GgmlType::BF16, std::vector<std::byte>(48, std::byte{5})),
            tensor("scalar", {}, GgmlType::F32, std::vector<std::byte>(4, std::byte{6})),
            tensor("iq", {2, 256}, GgmlType::IQ2_XS, std::vector<std::byte>(148, std::byte{7})),
            {"mystery", {5}, 99, std::vector<std::byte>(10, std::byte{8})},
        };
        const auto bytes = serializeGguf({{"general.architecture", str("llama")}}, tensors, uint64_t(alignment));
        const GgufContents contents = parseGguf(bytes, "mem");
        QCOMPARE(contents.alignment, uint64_t(alignment));
        QCOMPARE(contents.find("general.alignment") != nullptr, alignment != 32);
        QCOMPARE(contents.dataOffset % uint64_t(alignment), uint64_t(0));
        QCOMPARE(contents.tensors.size(), tensors.size());

        struct Expected
        {
            std::vector<int64_t> shape;
            DType dtype;
            const char *label;
            uint64_t byteSize;
        };
        const std::vector<Expected> expected = {
            {{4, 8}, DType::F32, "F32", 128},   {{2, 64}, DType::Q8_0, "Q8_0", 136},
            {{1, 256}, DType::Q4_K, "Q4_K", 144}, {{3}, DType::F16, "F16", 6},
            {{2, 3, 4}, DType::BF16, "BF16", 48}, {{}, DType::F32, "F32", 4},
            {{2, 256}, DType::Unsupported, "IQ2_XS", 148}, {{5}, DType::Unsupported, "type 99", 0},
        };
        uint64_t relative = 0;
        for (size_t i = 0; i < tensors.size(); ++i) {
            const TensorInfo &info = contents.tensors[i];
            QCOMPARE(info.name, tensors[i].name);
            QCOMPARE(info.shape, expected[i].shape);
            QCOMPARE(info.dtype, expected[i].dtype);
            QCOMPARE(info.dtypeLabel, std::string(expected[i].label));
            QCOMPARE(info.byteSize, expected[i].byteSize);
            QCOMPARE(info.offset, contents.dataOffset + relative); // absolute
            QVERIFY(std::memcmp(bytes.data() + info.offset, tensors[i].data.data(), tensors[i].data.size()) == 0);
            relative += (tensors[i].data.size() + uint64_t(alignment) - 1) / uint64_t(alignment) * uint64_t(alignment);
        }
    }

    // The raw ne order on disk is the reverse of the PyTorch shape.
    void neIsReversedOnDisk()
    {
        const auto bytes =
            serializeGguf({}, {tensor("t", {2, 3, 32}, GgmlType::F32, std::vector<std::byte>(768))});
        // Header 24, name (8 + 1), n_dims 4, then ne[0..2].
        uint64_t ne[3];
        std::memcpy(ne, bytes.data() + 24 + 9 + 4, sizeof ne);
        QCOMPARE(ne[0], uint64_t(32));
        QCOMPARE(ne[1], uint64_t(3));
        QCOMPARE(ne[2], uint64_t(2));
    }

    void versions()
    {
        auto bytes = serializeGguf({{"general.name", str("v")}}, readableTensors());
        bytes[4] = std::byte{2};
        QCOMPARE(parseGguf(bytes, "v2").version, 2u);
        bytes[4] = std::byte{1};
        try {
            parseGguf(bytes, "v1.gguf");
            QFAIL("version 1 accepted");
        } catch (const FormatError &e) {
            QVERIFY(std::string(e.what()).starts_with("v1.gguf: "));
            QVERIFY(std::string(e.what()).find("version 1") != std::string::npos);
        }
    }

    void errorNamesTensorAndRange()
    {
        const auto whole = serializeGguf({}, {tensor("blk.0.attn_q.weight", {1, 32}, GgmlType::F32, f32Data(std::vector<float>(32)))});
        QVERIFY(whole.size() > 10);
        // A copy of all but the last 10 bytes (resize() here trips a GCC -O1 false positive).
        const std::vector<std::byte> bytes(whole.begin(), whole.end() - 10);
        try {
            parseGguf(bytes, "cut.gguf");
            QFAIL("truncated data accepted");
        } catch (const FormatError &e) {
            const std::string message = e.what();
            QVERIFY2(message.find("tensor 'blk.0.attn_q.weight'") != std::string::npos, message.c_str());
            QVERIFY2(message.find("lies past the end of the file (" + std::to_string(bytes.size()) + " bytes)")
                         != std::string::npos,
                     message.c_str());
        }
    }

    void writerAlignment()
    {
        for (uint64_t bad : { 0, 48 }) {
            try {
                serializeGguf({}, {}, bad);
                QFAIL("a bad alignment was written");
            } catch (const Error &e) {
                QCOMPARE(
                    std::string(e.what()), "GGUF writer: alignment " + std::to_string(bad) + " is not a power of two");
            }
        }
        const auto bytes = serializeGguf({}, {}, 32);
        QCOMPARE(bytes.size(), size_t(32)); // header padded to the data section
        QVERIFY(parseGguf(bytes, "empty").metadata.empty());
    }

    void architecture()
    {
        const GgufContents llama = parseGguf(
            serializeGguf(llamaMetadata(), {tensor("token_embd.weight", {3, 32}, GgmlType::F32,
                                                   f32Data(sampleValues(false)))}),
            "llama");
        const ArchitectureSummary a = ggufArchitecture(llama);
        QVERIFY(a.known);
        QCOMPARE(a.name, std::string("llama"));
        QCOMPARE(a.layers, 2);
        QCOMPARE(a.hiddenSize, 64);
        QCOMPARE(a.intermediateSize, 172);
        QCOMPARE(a.heads, 8);
        QCOMPARE(a.kvHeads, 2);
        QCOMPARE(a.headDim, 8);
        QCOMPARE(a.contextLength, 2048);
        QCOMPARE(a.ropeTheta, 500000.0);
        QCOMPARE(static_cast<float>(a.rmsNormEps), 1e-5f);
        QCOMPARE(a.vocabSize, 1000); // from tokenizer.ggml.tokens
        QCOMPARE(a.ropeScaling, std::string("linear x2"));
        QVERIFY(a.tieWordEmbeddings); // no output.weight

        const GgufContents qwen = parseGguf(
            serializeGguf({{"general.architecture", str("qwen2")},
                           {"qwen2.embedding_length", u32(896)},
                           {"qwen2.attention.head_count", u32(14)},
                           {"qwen2.attention.key_length", u32(128)},
                           {"qwen2.vocab_size", u32(151936)},
                           {"tokenizer.ggml.tokens", stringArray(3)}},
                          {tensor("token_embd.weight", {1}, GgmlType::F32, std::vector<std::byte>(4)),
                           tensor("output.weight", {1}, GgmlType::F32, std::vector<std::byte>(4))}),
            "qwen");
        const ArchitectureSummary q = ggufArchitecture(qwen);
        QCOMPARE(q.name, std::string("qwen2"));
        QCOMPARE(q.headDim, 128); // key_length wins over 896 / 14
        QCOMPARE(q.kvHeads, 14);  // defaults to heads
        QCOMPARE(q.vocabSize, 151936);
        QVERIFY(!q.tieWordEmbeddings);
        QVERIFY(q.ropeScaling.empty());

        const ArchitectureSummary none = ggufArchitecture(parseGguf(serializeGguf({}, {}), "none"));
        QVERIFY(!none.known);
        QVERIFY(none.name.empty());
    }

    void modelFromBuffer()
    {
        auto file = MappedFile::fromBuffer(serializeGguf(llamaMetadata(), readableTensors()), "mem.gguf");
        const auto model = modelFromGguf(file);
        QCOMPARE(model->format(), ModelFormat::Gguf);
        QCOMPARE(model->sourcePath(), std::string("mem.gguf"));
        QCOMPARE(model->tensors().size(), size_t(4));
        QCOMPARE(model->architecture().layers, 2);
        const TensorInfo *q = model->find("blk.0.attn_q.weight");
        QVERIFY(q);
        QCOMPARE(q->layer, 0);
        QCOMPARE(q->role, TensorRole::AttnQ);
        QCOMPARE(model->parameterCount(), int64_t(4 * 96));
        bool sawTokens = false;
        for (const auto &[key, text] : model->metadata()) {
            if (key == "tokenizer.ggml.tokens") {
                sawTokens = true;
                QVERIFY(text.find("(1000 items)") != std::string::npos);
                QVERIFY(text.size() < 200);
            }
        }
        QVERIFY(sawTokens);
        QVERIFY_THROWS_EXCEPTION(Error, modelFromGguf(nullptr));
    }

    void readRows_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("halves");
        QTest::newRow("F32") << "token_embd.weight" << false;
        QTest::newRow("F16") << "blk.0.attn_norm.weight" << false;
        QTest::newRow("BF16") << "blk.0.ffn_up.weight" << false;
        QTest::newRow("Q8_0") << "blk.0.attn_q.weight" << true;
    }

    void readRows()
    {
        QFETCH(QString, name);
        QFETCH(bool, halves);
        // Alignment 1 puts the blocks at odd offsets: the readers must not rely on alignment.
        for (uint64_t alignment : {uint64_t(32), uint64_t(1)}) {
            const auto model =
                modelFromGguf(MappedFile::fromBuffer(serializeGguf(llamaMetadata(), readableTensors(), alignment), "m"));
            const TensorInfo *info = model->find(name.toStdString());
            QVERIFY(info);
            QCOMPARE(info->rows(), int64_t(3));
            QCOMPARE(info->cols(), int64_t(32));
            const std::vector<float> expected = sampleValues(halves);
            std::vector<float> out(64, -1.0f);
            model->readRows(*info, 1, 3, out.data());
            for (size_t i = 0; i < out.size(); ++i)
                QCOMPARE(out[i], expected[32 + i]);
        }
    }

    void openModelFromFile_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::newRow("gguf extension") << "model.gguf";
        QTest::newRow("other extension") << "weights.bin"; // dispatched on the magic
    }

    void openModelFromFile()
    {
        QFETCH(QString, fileName);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path path = std::filesystem::path(dir.path().toStdString()) / fileName.toStdString();
        writeGguf(path, llamaMetadata(), readableTensors(), 64);
        const auto model = openModel(path);
        QCOMPARE(model->format(), ModelFormat::Gguf);
        QCOMPARE(model->sourcePath(), path.string());
        QCOMPARE(model->architecture().hiddenSize, 64);
        const TensorInfo *info = model->find("blk.0.attn_q.weight");
        QVERIFY(info);
        QCOMPARE(info->offset % 64, uint64_t(0));
        std::vector<float> out(96);
        model->readRows(*info, 0, 3, out.data());
        QCOMPARE(out, sampleValues(true));
        QCOMPARE(openGgufFile(path)->tensors().size(), size_t(4));
    }

    void openModelRejectsBadGgufFile()
    {
        QTemporaryDir dir;
        const std::filesystem::path path = std::filesystem::path(dir.path().toStdString()) / "bad.gguf";
        auto bytes = serializeGguf(llamaMetadata(), readableTensors());
        bytes.resize(100);
        writeFileAtomically(path, bytes);
        try {
            openModel(path);
            QFAIL("a truncated GGUF file was opened");
        } catch (const FormatError &e) { // cut inside the tensor infos: the first read past the end says so
            QVERIFY2(std::string(e.what()).starts_with(path.string() + ": "), e.what());
            QVERIFY2(std::string(e.what()).find("the file ends inside the") != std::string::npos
                    || std::string(e.what()).find("bytes left") != std::string::npos,
                e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestGguf)
#include "tst_gguf.moc"
