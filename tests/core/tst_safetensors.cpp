// safetensors reader: values of every supported dtype come back exactly, the catalog has
// the right offsets and shapes, and well-formed oddities (scalars, empty tensors, unknown
// but valid dtypes) are accepted.
#include "formats/model.h"
#include "formats/safetensors.h"
#include "formats/safetensorswriter.h"
#include "util/error.h"
#include "util/floatformats.h"

#include <QTemporaryDir>
#include <QTest>

#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>

using namespace bitcliff;

namespace {

template<typename T>
std::vector<std::byte> bytesOf(const std::vector<T> &values)
{
    std::vector<std::byte> out(values.size() * sizeof(T));
    if (!out.empty())
        std::memcpy(out.data(), values.data(), out.size());
    return out;
}

std::shared_ptr<const Model> modelFrom(std::vector<std::byte> bytes, const std::string &label = "test.safetensors")
{
    SafetensorsContents contents = parseSafetensors(bytes, label);
    auto file = MappedFile::fromBuffer(std::move(bytes), label);
    return std::make_shared<const Model>(ModelFormat::Safetensors, label, ArchitectureSummary{},
                                         std::move(contents.tensors),
                                         std::vector<std::shared_ptr<const MappedFile>>{file},
                                         std::move(contents.metadata));
}

std::vector<float> readAll(const Model &model, const std::string &name)
{
    const TensorInfo *tensor = model.find(name);
    if (!tensor)
        throw Error("no tensor " + name);
    std::vector<float> out(static_cast<size_t>(tensor->elementCount()));
    model.readRows(*tensor, 0, tensor->rows(), out.data());
    return out;
}

// A file whose header is exactly `header` (padded) followed by `dataSize` zero bytes.
std::vector<std::byte> rawFile(std::string header, size_t dataSize)
{
    header.append((8 - header.size() % 8) % 8, ' ');
    std::vector<std::byte> out(8 + header.size() + dataSize);
    const uint64_t length = header.size();
    std::memcpy(out.data(), &length, 8);
    std::memcpy(out.data() + 8, header.data(), header.size());
    return out;
}

QString errorOf(const std::vector<std::byte> &bytes)
{
    try {
        parseSafetensors(bytes, "bad.safetensors");
    } catch (const Error &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

bool sameBits(float a, float b) { return std::bit_cast<uint32_t>(a) == std::bit_cast<uint32_t>(b); }

} // namespace

class TestSafetensors : public QObject
{
    Q_OBJECT

private slots:
    void f32ValuesAndRows()
    {
        const std::vector<float> values{1.5f, -2.25f, 0.0f, 3e-38f, -1e30f, 7.0f};
        const auto model = modelFrom(serializeSafetensors({{"w", "F32", {2, 3}, bytesOf(values)}}));
        const TensorInfo *w = model->find("w");
        QVERIFY(w);
        QCOMPARE(w->dtype, DType::F32);
        QCOMPARE(w->rows(), 2);
        QCOMPARE(w->cols(), 3);
        QCOMPARE(model->rowBytes(*w), uint64_t(12));
        QCOMPARE(readAll(*model, "w"), values);
        float row[3];
        model->readRows(*w, 1, 2, row);
        QCOMPARE(row[0], 3e-38f);
        QCOMPARE(row[2], 7.0f);
    }

    void f16Values()
    {
        // 1, -2, smallest subnormal 2^-24, largest subnormal, -0, max 65504, +inf, 1/3 rounded.
        const std::vector<uint16_t> bits{0x3C00, 0xC000, 0x0001, 0x03FF, 0x8000, 0x7BFF, 0x7C00, 0x3555};
        const auto model = modelFrom(serializeSafetensors({{"h", "F16", {8}, bytesOf(bits)}}));
        const std::vector<float> got = readAll(*model, "h");
        QCOMPARE(got[0], 1.0f);
        QCOMPARE(got[1], -2.0f);
        QCOMPARE(got[2], std::ldexp(1.0f, -24));
        QCOMPARE(got[3], 1023.0f * std::ldexp(1.0f, -24));
        QVERIFY(sameBits(got[4], -0.0f));
        QCOMPARE(got[5], 65504.0f);
        QVERIFY(std::isinf(got[6]) && got[6] > 0);
        QCOMPARE(got[7], 0.333251953125f);
        QCOMPARE(floatToFp16(1.0f / 3.0f), uint16_t(0x3555));
    }

    void bf16ValuesAndRounding()
    {
        // 1 + 2^-8 is a tie between 1 and 1 + 2^-7: even wins (1). 1 + 3·2^-8 ties up to 1 + 2^-6.
        const std::vector<float> source{1.0f, -3.140625f, 1.0f + std::ldexp(1.0f, -8),
                                        1.0f + 3 * std::ldexp(1.0f, -8), -0.0f, 1e-40f};
        std::vector<uint16_t> bits;
        for (float v : source)
            bits.push_back(floatToBf16(v));
        QCOMPARE(bits[2], uint16_t(0x3F80));
        QCOMPARE(bits[3], uint16_t(0x3F82));
        const auto model = modelFrom(serializeSafetensors({{"b", "BF16", {3, 2}, bytesOf(bits)}}));
        const std::vector<float> got = readAll(*model, "b");
        QCOMPARE(got[0], 1.0f);
        QCOMPARE(got[1], -3.140625f);
        QCOMPARE(got[2], 1.0f);
        QCOMPARE(got[3], 1.0f + std::ldexp(1.0f, -6));
        QVERIFY(sameBits(got[4], -0.0f));
        QVERIFY(got[5] > 0 && got[5] < 1.2e-38f); // subnormal bf16 survives as subnormal
        QCOMPARE(got[5], bf16ToFloat(bits[5]));
    }

    void e4m3Values()
    {
        // 1, -1, max 448, smallest subnormal 2^-9, 7·2^-9, -0, NaN (S.1111.111), -448, 0.0111.001.
        const std::vector<uint8_t> bits{0x38, 0xB8, 0x7E, 0x01, 0x07, 0x80, 0x7F, 0xFE, 0x39};
        const auto model = modelFrom(serializeSafetensors({{"q", "F8_E4M3", {9}, bytesOf(bits)}}));
        QCOMPARE(model->find("q")->dtype, DType::F8_E4M3);
        const std::vector<float> got = readAll(*model, "q");
        QCOMPARE(got[0], 1.0f);
        QCOMPARE(got[1], -1.0f);
        QCOMPARE(got[2], 448.0f);
        QCOMPARE(got[3], std::ldexp(1.0f, -9));
        QCOMPARE(got[4], 7.0f * std::ldexp(1.0f, -9));
        QVERIFY(sameBits(got[5], -0.0f));
        QVERIFY(std::isnan(got[6]));
        QCOMPARE(got[7], -448.0f);
        QCOMPARE(got[8], 1.125f);
    }

    void catalogOffsetsAndOrder()
    {
        const std::vector<std::byte> bytes = serializeSafetensors({
            {"z.first", "F32", {2}, bytesOf(std::vector<float>{1, 2})},
            {"a.second", "F16", {3}, bytesOf(std::vector<uint16_t>{0x3C00, 0x3C00, 0x3C00})},
            {"m.third", "BF16", {1, 1}, bytesOf(std::vector<uint16_t>{0x4000})},
        });
        uint64_t headerLength = 0;
        std::memcpy(&headerLength, bytes.data(), 8);
        const SafetensorsContents contents = parseSafetensors(bytes, "x", 3);
        QCOMPARE(contents.tensors.size(), size_t(3));
        // Storage order, whatever the JSON key order.
        QCOMPARE(contents.tensors[0].name, std::string("z.first"));
        QCOMPARE(contents.tensors[1].name, std::string("a.second"));
        QCOMPARE(contents.tensors[2].name, std::string("m.third"));
        QCOMPARE(contents.tensors[0].offset, 8 + headerLength);
        QCOMPARE(contents.tensors[1].offset, 8 + headerLength + 8);
        QCOMPARE(contents.tensors[2].offset, 8 + headerLength + 14);
        QCOMPARE(contents.tensors[1].byteSize, uint64_t(6));
        QCOMPARE(contents.tensors[2].dtypeLabel, std::string("BF16"));
        for (const TensorInfo &t : contents.tensors)
            QCOMPARE(t.fileIndex, 3);
        QCOMPARE(contents.tensors[2].offset + contents.tensors[2].byteSize, uint64_t(bytes.size()));
    }

    void unsupportedDtypesAreListed()
    {
        const auto model = modelFrom(serializeSafetensors({
            {"ids", "I64", {2}, bytesOf(std::vector<int64_t>{7, 8})},
            {"mask", "BOOL", {3}, bytesOf(std::vector<uint8_t>{1, 0, 1})},
            {"packed", "F4", {2, 3}, bytesOf(std::vector<uint8_t>{0x12, 0x34, 0x56})},
            {"cplx", "C64", {1}, bytesOf(std::vector<float>{1, 2})},
            {"w", "F32", {1}, bytesOf(std::vector<float>{5})},
        }));
        QCOMPARE(model->tensors().size(), size_t(5));
        const TensorInfo *ids = model->find("ids");
        QVERIFY(!ids->supported());
        QCOMPARE(ids->dtypeLabel, std::string("I64"));
        QCOMPARE(model->find("packed")->byteSize, uint64_t(3));
        QCOMPARE(model->find("cplx")->byteSize, uint64_t(8));
        float out[2];
        QVERIFY_THROWS_EXCEPTION(Error, model->readRows(*ids, 0, 1, out));
        QCOMPARE(readAll(*model, "w"), std::vector<float>{5});
    }

    void scalarAndEmptyShapes()
    {
        const auto model = modelFrom(serializeSafetensors({
            {"scalar", "F32", {}, bytesOf(std::vector<float>{42.5f})},
            {"noRows", "F16", {0, 4}, {}},
            {"noCols", "BF16", {4, 0}, {}},
            {"empty3d", "F32", {2, 0, 3}, {}},
        }));
        const TensorInfo *scalar = model->find("scalar");
        QVERIFY(scalar->shape.empty());
        QCOMPARE(scalar->elementCount(), 1);
        QCOMPARE(scalar->rows(), 1);
        QCOMPARE(scalar->cols(), 1);
        QCOMPARE(readAll(*model, "scalar"), std::vector<float>{42.5f});
        for (const char *name : {"noRows", "noCols", "empty3d"}) {
            const TensorInfo *t = model->find(name);
            QCOMPARE(t->elementCount(), 0);
            QCOMPARE(t->byteSize, uint64_t(0));
            QCOMPARE(t->rows(), 0);
            QVERIFY(readAll(*model, name).empty());
        }
        QCOMPARE(model->find("noRows")->cols(), 4);
    }

    void emptyHeader()
    {
        const std::vector<std::byte> bytes = serializeSafetensors({});
        const SafetensorsContents contents = parseSafetensors(bytes, "x");
        QVERIFY(contents.tensors.empty());
        QVERIFY(contents.metadata.empty());
    }

    void metadata()
    {
        const std::vector<std::byte> bytes = serializeSafetensors(
            {{"w", "F32", {1}, bytesOf(std::vector<float>{1})}}, {{"format", "pt"}, {"note", "quantized by \"us\""}});
        const auto model = modelFrom(bytes);
        Model::Metadata metadata = model->metadata();
        std::sort(metadata.begin(), metadata.end());
        QCOMPARE(metadata.size(), size_t(2));
        QCOMPARE(metadata[0].first, std::string("format"));
        QCOMPARE(metadata[0].second, std::string("pt"));
        QCOMPARE(metadata[1].second, std::string("quantized by \"us\""));
    }

    void threeDimensionalRows()
    {
        std::vector<float> values(2 * 3 * 4);
        for (size_t i = 0; i < values.size(); ++i)
            values[i] = static_cast<float>(i) * 0.5f;
        const auto model = modelFrom(serializeSafetensors({{"t", "F32", {2, 3, 4}, bytesOf(values)}}));
        const TensorInfo *t = model->find("t");
        QCOMPARE(t->rows(), 6);
        QCOMPARE(t->cols(), 4);
        QCOMPARE(model->rowBytes(*t), uint64_t(16));
        float row[4];
        model->readRows(*t, 5, 6, row);
        QCOMPARE(row[0], 10.0f);
        QCOMPARE(row[3], 11.5f);
    }

    void preciseMessages()
    {
        const QString size = errorOf(rawFile(R"({"x":{"dtype":"F32","shape":[3,4],"data_offsets":[0,40]}})", 40));
        QCOMPARE(size, QString("bad.safetensors: tensor 'x' needs 48 bytes for shape [3, 4] F32 but data_offsets span 40"));
        const QString dtype = errorOf(rawFile(R"({"x":{"dtype":"F12","shape":[1],"data_offsets":[0,4]}})", 4));
        QVERIFY2(dtype.contains("unknown dtype 'F12'"), qPrintable(dtype));
        const QString utf8 = errorOf(rawFile("{\"\xff\xfe\":{}}", 0));
        QVERIFY2(utf8.startsWith("bad.safetensors: header is not valid UTF-8 JSON: "), qPrintable(utf8));
        QVERIFY(!utf8.contains('\n'));
        const QString duplicate = errorOf(rawFile(
            R"({"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})",
            4));
        QVERIFY2(duplicate.contains("duplicate key 'x'"), qPrintable(duplicate));
        // Control characters in a tensor name must not break the one-line message.
        const QString control = errorOf(rawFile(R"({"a\nb":{"dtype":"F32","shape":[1],"data_offsets":[0,8]}})", 8));
        QVERIFY2(control.contains("'a\\x0ab'") && !control.contains('\n'), qPrintable(control));
    }

    void printableExcerptCapsAndEscapes()
    {
        QCOMPARE(printableExcerpt("plain"), std::string("plain"));
        QCOMPARE(printableExcerpt("a\tb\xc3\xa9"), std::string("a\\x09b\\xc3\\xa9"));
        QCOMPARE(printableExcerpt(std::string(100, 'x'), 10), std::string(10, 'x') + "...");
    }

    void openFileWithAndWithoutConfig()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path path = dir.filePath("weights.safetensors").toStdString();
        writeSafetensors(path, {{"model.layers.2.self_attn.k_proj.weight", "F32", {1, 2},
                                 bytesOf(std::vector<float>{0.25f, -4})}});
        auto model = openSafetensorsFile(path);
        QCOMPARE(model->format(), ModelFormat::Safetensors);
        QCOMPARE(model->sourcePath(), path.string());
        QVERIFY(!model->architecture().known);
        const TensorInfo &k = model->tensors().front();
        QCOMPARE(k.layer, 2);
        QCOMPARE(k.role, TensorRole::AttnK);
        QCOMPARE(readAll(*model, k.name), (std::vector<float>{0.25f, -4}));

        std::ofstream(dir.filePath("config.json").toStdString())
            << R"({"architectures":["Qwen2ForCausalLM"],"hidden_size":896,"num_attention_heads":14})";
        model = openSafetensorsFile(path);
        QVERIFY(model->architecture().known);
        QCOMPARE(model->architecture().name, std::string("Qwen2ForCausalLM"));
        QCOMPARE(model->architecture().headDim, 64);
    }
};

QTEST_APPLESS_MAIN(TestSafetensors)
#include "tst_safetensors.moc"
