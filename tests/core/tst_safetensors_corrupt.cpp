// Corrupt safetensors files: an enum of defects, each applied to valid generated files
// from seeded generators, must be rejected with a one-line Error. Truncations and random
// byte flips must parse or throw Error, never crash (ASan/UBSan builds check the "never").
#include "formats/model.h"
#include "formats/safetensors.h"
#include "util/error.h"

#include <QTest>

#include <cstring>
#include <random>

using namespace bitcliff;

namespace {

enum class Defect {
    Truncated8,
    HugeHeaderLength,
    HeaderPastEnd,
    NotJson,
    NotUtf8,
    NotObject,
    MissingDtype,
    MissingShape,
    MissingOffsets,
    WrongFieldType,
    EntryNotObject,
    UnknownDtype,
    NegativeShape,
    FractionalShape,
    HugeShape,
    OffsetsReversed,
    OffsetsArity,
    OffsetsPastEnd,
    SizeMismatch,
    PartialByte,
    Gap,
    Overlap,
    TrailingBytes,
    DuplicateKey,
    DuplicateField,
    BadMetadata,
    DeepNesting,
    LongArray,
    TruncatedData,
};

// Name of each defect and what its message must mention (alternatives separated by '|'),
// so that a defect is caught by the check meant for it, not by an accident. Where the
// generated file decides which check applies, corrupt() narrows it to that one.
constexpr std::pair<const char *, const char *> kDefects[] = {
    { "Truncated8", "too short" },
    { "HugeHeaderLength", "exceeds the limit" },
    { "HeaderPastEnd", "runs past the end" },
    { "NotJson", "not valid UTF-8 JSON" },
    { "NotUtf8", "ill-formed UTF-8" },
    { "NotObject", "header is not a JSON object" },
    { "MissingDtype", "no dtype" },
    { "MissingShape", "no shape" },
    { "MissingOffsets", "needs data_offsets" },
    { "WrongFieldType", "(per file)" },
    { "EntryNotObject", "is not a JSON object" },
    { "UnknownDtype", "unknown dtype" },
    { "NegativeShape", "shape entry" },
    { "FractionalShape", "shape entry" },
    { "HugeShape", "(per file)" },
    { "OffsetsReversed", "reversed data_offsets" },
    { "OffsetsArity", "needs data_offsets" },
    { "OffsetsPastEnd", "past the end of the" },
    { "SizeMismatch", "but data_offsets span" },
    { "PartialByte", "whole number of bytes" },
    { "Gap", "gap of" },
    { "Overlap", "overlaps" },
    { "TrailingBytes", "not covered by any tensor" },
    { "DuplicateKey", "duplicate key" },
    { "DuplicateField", "duplicate key" },
    { "BadMetadata", "(per file)" },
    { "DeepNesting", "nests deeper" },
    { "LongArray", "more than 4096 items" },
    { "TruncatedData", "past the end of the" },
};
constexpr int kDefectCount = static_cast<int>(std::size(kDefects));
static_assert(kDefectCount == static_cast<int>(Defect::TruncatedData) + 1);

bool mentionsAny(const std::string &message, std::string_view alternatives)
{
    while (!alternatives.empty()) {
        const size_t bar = alternatives.find('|');
        if (message.find(alternatives.substr(0, bar)) != std::string::npos)
            return true;
        alternatives = bar == std::string_view::npos ? std::string_view() : alternatives.substr(bar + 1);
    }
    return false;
}

// One header entry, fields kept as raw JSON text so that defects can put anything there.
struct Entry
{
    std::string name;
    std::string dtype;  // JSON text, e.g. "\"F32\""
    std::string shape;  // e.g. "[2,3]"
    std::string offsets; // e.g. "[0,24]"
    std::string extra;  // raw text appended inside the object (",\"k\":...")
    std::string raw;    // when set, the whole value instead of an object
    uint64_t begin = 0;
    uint64_t end = 0;
    int bits = 0;
    std::vector<uint64_t> dims;
};

struct Spec
{
    std::vector<Entry> entries;
    std::string metadata; // raw JSON value of __metadata__, empty for none
    uint64_t dataSize = 0;
};

std::string dimsText(const std::vector<uint64_t> &dims)
{
    std::string text = "[";
    for (size_t i = 0; i < dims.size(); ++i)
        text += (i ? "," : "") + std::to_string(dims[i]);
    return text + "]";
}

std::string offsetsText(uint64_t begin, uint64_t end)
{
    return "[" + std::to_string(begin) + "," + std::to_string(end) + "]";
}

std::string entryText(const Entry &e)
{
    std::string text = "{";
    std::string sep;
    if (!e.dtype.empty())
        text += std::exchange(sep, ",") + "\"dtype\":" + e.dtype;
    if (!e.shape.empty())
        text += std::exchange(sep, ",") + "\"shape\":" + e.shape;
    if (!e.offsets.empty())
        text += std::exchange(sep, ",") + "\"data_offsets\":" + e.offsets;
    return text + e.extra + "}";
}

std::string headerText(const Spec &spec)
{
    std::string text = "{";
    if (!spec.metadata.empty())
        text += "\"__metadata__\":" + spec.metadata + (spec.entries.empty() ? "" : ",");
    for (size_t i = 0; i < spec.entries.size(); ++i) {
        const Entry &e = spec.entries[i];
        text += (i ? "," : "") + ("\"" + e.name + "\":") + (e.raw.empty() ? entryText(e) : e.raw);
    }
    return text + "}";
}

std::vector<std::byte> assemble(std::string header, uint64_t dataSize, std::mt19937 &rng)
{
    header.append((8 - header.size() % 8) % 8, ' ');
    std::vector<std::byte> out(8 + header.size() + dataSize);
    const uint64_t length = header.size();
    std::memcpy(out.data(), &length, 8);
    std::memcpy(out.data() + 8, header.data(), header.size());
    for (size_t i = 8 + header.size(); i < out.size(); ++i)
        out[i] = static_cast<std::byte>(rng());
    return out;
}

// A valid file's spec: 2-6 tensors of assorted dtypes and shapes, all non-empty.
Spec validSpec(std::mt19937 &rng)
{
    static const std::pair<const char *, int> dtypes[] = {
        {"F32", 32}, {"F16", 16}, {"BF16", 16}, {"F8_E4M3", 8}, {"I64", 64}, {"U8", 8}, {"F4", 4}};
    Spec spec;
    const int count = 2 + static_cast<int>(rng() % 5);
    for (int i = 0; i < count; ++i) {
        Entry e;
        e.name = "model.layers." + std::to_string(i) + ".mlp.up_proj.weight";
        const auto &[dtype, bits] = dtypes[rng() % std::size(dtypes)];
        e.bits = bits;
        const size_t rank = rng() % 4;
        uint64_t count = 1;
        for (size_t d = 0; d < rank; ++d) {
            e.dims.push_back(1 + rng() % 5);
            count *= e.dims.back();
        }
        if (bits == 4 && count % 2) {
            e.dims.push_back(2);
            count *= 2;
        }
        e.dtype = std::string("\"") + dtype + "\"";
        e.shape = dimsText(e.dims);
        e.begin = spec.dataSize;
        e.end = e.begin + count * static_cast<uint64_t>(bits) / 8;
        e.offsets = offsetsText(e.begin, e.end);
        spec.dataSize = e.end;
        spec.entries.push_back(e);
    }
    if (rng() % 2)
        spec.metadata = R"({"format":"pt"})";
    // Readers must not rely on order: shuffle the header entries.
    std::shuffle(spec.entries.begin(), spec.entries.end(), rng);
    return spec;
}

void writeU64(std::vector<std::byte> &bytes, uint64_t value) { std::memcpy(bytes.data(), &value, 8); }

// The file with `defect`; `reason` receives what its message must mention.
std::vector<std::byte> corrupt(Defect defect, std::mt19937 &rng, std::string &reason)
{
    reason = kDefects[static_cast<int>(defect)].second;
    Spec spec = validSpec(rng);
    Entry &hit = spec.entries[rng() % spec.entries.size()];
    switch (defect) {
    case Defect::Truncated8: {
        std::vector<std::byte> bytes = assemble(headerText(spec), spec.dataSize, rng);
        bytes.resize(rng() % 8);
        return bytes;
    }
    case Defect::HugeHeaderLength: {
        std::vector<std::byte> bytes = assemble(headerText(spec), spec.dataSize, rng);
        writeU64(bytes, 100'000'001ull + (uint64_t(rng()) << (rng() % 33)));
        return bytes;
    }
    case Defect::HeaderPastEnd: {
        std::vector<std::byte> bytes = assemble(headerText(spec), spec.dataSize, rng);
        writeU64(bytes, bytes.size() - 8 + 1 + rng() % 1000);
        return bytes;
    }
    case Defect::NotJson: {
        static const char *texts[] = {"not json", "{\"a\": [1, 2", "{'single': 1}", "{\"a\":1,}", "", "{} {}"};
        return assemble(texts[rng() % std::size(texts)], spec.dataSize, rng);
    }
    case Defect::NotUtf8: {
        static const char *bad[] = {"\xff", "\xc3\x28", "\xe2\x82", "\xed\xa0\x80", "\xf8\x88\x80\x80\x80"};
        hit.name += bad[rng() % std::size(bad)];
        break;
    }
    case Defect::NotObject: {
        static const char *texts[] = {"[1,2,3]", "\"string\"", "42", "null", "true"};
        return assemble(texts[rng() % std::size(texts)], spec.dataSize, rng);
    }
    case Defect::MissingDtype:
        hit.dtype.clear();
        break;
    case Defect::MissingShape:
        hit.shape.clear();
        break;
    case Defect::MissingOffsets:
        hit.offsets.clear();
        break;
    case Defect::WrongFieldType: {
        std::string *fields[] = {&hit.dtype, &hit.shape, &hit.offsets};
        static const char *values[] = {"7", "\"F32\"", "{}", "null", "[\"1\"]", "[[1]]", "true"};
        std::string &field = *fields[rng() % 3];
        do
            field = values[rng() % std::size(values)];
        while (field == "\"F32\"" && &field == &hit.dtype);
        if (&field == &hit.dtype)
            reason = "has no dtype string";
        else if (&field == &hit.offsets)
            reason = "needs data_offsets";
        else
            reason = field.starts_with('[') ? "has a shape entry that is not a non-negative integer"
                                            : "has no shape array";
        break;
    }
    case Defect::EntryNotObject: {
        static const char *values[] = {"[1,2]", "\"F32\"", "3", "null"};
        hit.raw = values[rng() % std::size(values)];
        break;
    }
    case Defect::UnknownDtype: {
        static const char *names[] = {"\"F12\"", "\"f32\"", "\"Q4_0\"", "\"\"", "\"F32 \"", "\"FLOAT\""};
        hit.dtype = names[rng() % std::size(names)];
        break;
    }
    case Defect::NegativeShape:
        hit.shape = (rng() % 2 ? "[-" : "[2,-") + std::to_string(1 + rng() % 9) + "]";
        break;
    case Defect::FractionalShape:
        hit.shape = rng() % 2 ? "[1.5]" : "[2e0,1]";
        break;
    case Defect::HugeShape: {
        // A dimension past int64, an element count past int64, or a number JSON cannot hold
        // as an integer.
        static const std::pair<const char *, const char *> shapes[]
            = { { "[9223372036854775808]", "has an absurd dimension 9223372036854775808" },
                  { "[4294967296,4294967296]", "has an absurd shape" },
                  { "[18446744073709551615]", "has an absurd dimension 18446744073709551615" },
                  { "[3037000500,3037000500,2]", "has an absurd shape" },
                  { "[0,4611686018427387904,4]", "has an absurd shape" },
                  { "[1152921504606846976,16]", "has an absurd shape" },
                  { "[99999999999999999999999]", "has a shape entry that is not a non-negative integer" } };
        const auto &[shape, why] = shapes[rng() % std::size(shapes)];
        hit.shape = shape;
        reason = why;
        break;
    }
    case Defect::OffsetsReversed:
        if (hit.begin == hit.end)
            hit.end += 1;
        hit.offsets = offsetsText(hit.end, hit.begin);
        break;
    case Defect::OffsetsArity:
        hit.offsets = rng() % 2 ? "[" + std::to_string(hit.begin) + "]"
                                : "[" + std::to_string(hit.begin) + "," + std::to_string(hit.end) + ",0]";
        break;
    case Defect::OffsetsPastEnd: {
        const uint64_t past = spec.dataSize + 1 + rng() % 1000;
        hit.offsets = rng() % 2 ? offsetsText(hit.begin, past) : offsetsText(past, past + 4);
        break;
    }
    case Defect::SizeMismatch:
        hit.dims.push_back(2 + rng() % 3);
        hit.shape = dimsText(hit.dims);
        break;
    case Defect::PartialByte:
        hit.dtype = "\"F4\"";
        hit.shape = "[" + std::to_string(2 * (hit.end - hit.begin) + 1) + "]";
        break;
    case Defect::Gap: {
        const uint64_t gap = 1 + rng() % 16;
        for (Entry &e : spec.entries) {
            if (e.begin >= hit.begin) {
                e.begin += gap;
                e.end += gap;
                e.offsets = offsetsText(e.begin, e.end);
            }
        }
        spec.dataSize += gap;
        break;
    }
    case Defect::Overlap: {
        Entry alias = hit;
        alias.name += ".alias";
        spec.entries.push_back(alias);
        break;
    }
    case Defect::TrailingBytes:
        spec.dataSize += 1 + rng() % 64;
        break;
    case Defect::DuplicateKey:
        spec.entries.push_back(hit);
        break;
    case Defect::DuplicateField:
        hit.extra = rng() % 2 ? ",\"dtype\":" + hit.dtype : ",\"shape\":" + hit.shape;
        break;
    case Defect::BadMetadata: {
        static const std::pair<const char *, const char *> values[]
            = { { R"({"format":1})", "__metadata__ value of 'format' is not a string" },
                  { R"(["pt"])", "__metadata__ is not a JSON object" },
                  { R"("pt")", "__metadata__ is not a JSON object" },
                  { R"({"a":{"b":"c"}})", "__metadata__ value of 'a' is not a string" },
                  { R"({"a":"x","a":"y"})", "duplicate key 'a' in header" } };
        const auto &[metadata, why] = values[rng() % std::size(values)];
        spec.metadata = metadata;
        reason = why;
        break;
    }
    case Defect::DeepNesting: {
        const int depth = 17 + static_cast<int>(rng() % 2000);
        hit.extra = ",\"x\":" + std::string(static_cast<size_t>(depth), '[') + std::string(static_cast<size_t>(depth), ']');
        break;
    }
    case Defect::LongArray: {
        // Ones keep the element count, so only the length check can object.
        std::string ones = "[1";
        for (uint64_t d : hit.dims)
            ones += "," + std::to_string(d);
        for (int i = 0; i < 4097 + static_cast<int>(rng() % 1000); ++i)
            ones += ",1";
        hit.shape = ones + "]";
        break;
    }
    case Defect::TruncatedData: {
        std::vector<std::byte> bytes = assemble(headerText(spec), spec.dataSize, rng);
        bytes.resize(bytes.size() - 1 - rng() % spec.dataSize);
        return bytes;
    }
    }
    return assemble(headerText(spec), spec.dataSize, rng);
}

// Either a clean parse whose catalog is safe to read, or an Error: nothing else.
void parseOrReject(const std::vector<std::byte> &bytes)
{
    try {
        SafetensorsContents contents = parseSafetensors(bytes, "fuzz");
        for (const TensorInfo &t : contents.tensors)
            QVERIFY(t.offset <= bytes.size() && t.byteSize <= bytes.size() - t.offset);
        const Model model(ModelFormat::Safetensors, "fuzz", {}, std::move(contents.tensors),
                          {MappedFile::fromBuffer(bytes, "fuzz")});
        std::vector<float> out;
        for (const TensorInfo &t : model.tensors()) {
            if (!t.supported())
                continue;
            out.resize(static_cast<size_t>(t.elementCount()));
            model.readRows(t, 0, t.rows(), out.data());
        }
    } catch (const Error &e) {
        QVERIFY(std::string_view(e.what()).find('\n') == std::string_view::npos);
    }
}

} // namespace

class TestSafetensorsCorrupt : public QObject
{
    Q_OBJECT

private slots:
    void validFilesParse()
    {
        for (unsigned seed = 0; seed < 200; ++seed) {
            std::mt19937 rng(seed);
            const Spec spec = validSpec(rng);
            const std::vector<std::byte> bytes = assemble(headerText(spec), spec.dataSize, rng);
            const SafetensorsContents contents = parseSafetensors(bytes, "valid");
            QCOMPARE(contents.tensors.size(), spec.entries.size());
        }
    }

    void defects_data()
    {
        QTest::addColumn<int>("defect");
        QTest::addColumn<unsigned>("seed");
        for (int d = 0; d < kDefectCount; ++d)
            for (unsigned seed = 1; seed <= 8; ++seed)
                QTest::addRow("%s/%u", kDefects[d].first, seed) << d << seed;
    }

    void defects()
    {
        QFETCH(int, defect);
        QFETCH(unsigned, seed);
        std::mt19937 rng(seed * 7919u + static_cast<unsigned>(defect));
        std::string reason;
        const std::vector<std::byte> bytes = corrupt(static_cast<Defect>(defect), rng, reason);
        try {
            parseSafetensors(bytes, "corrupt.safetensors");
            QFAIL("corrupt file was accepted");
        } catch (const Error &e) {
            const std::string message = e.what();
            QVERIFY2(message.starts_with("corrupt.safetensors: "), message.c_str());
            QVERIFY2(message.size() > std::string("corrupt.safetensors: ").size(), message.c_str());
            QVERIFY2(message.find('\n') == std::string::npos && message.find('\r') == std::string::npos,
                     message.c_str());
            QVERIFY2(message.size() < 400, message.c_str());
            QVERIFY2(mentionsAny(message, reason), (message + " (expected: " + reason + ")").c_str());
        }
    }

    void everyTruncationIsRejected()
    {
        std::mt19937 rng(42);
        const Spec spec = validSpec(rng);
        const std::vector<std::byte> bytes = assemble(headerText(spec), spec.dataSize, rng);
        QVERIFY(spec.dataSize > 0);
        parseSafetensors(bytes, "whole");
        for (size_t length = 0; length < bytes.size(); ++length) {
            const std::vector<std::byte> prefix(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(length));
            QVERIFY_THROWS_EXCEPTION(Error, parseSafetensors(prefix, "prefix"));
        }
    }

    void randomByteFlips()
    {
        for (unsigned seed = 0; seed < 40; ++seed) {
            std::mt19937 rng(seed);
            const Spec spec = validSpec(rng);
            const std::vector<std::byte> valid = assemble(headerText(spec), spec.dataSize, rng);
            const size_t headerEnd = 8 + headerText(spec).size();
            for (int round = 0; round < 100; ++round) {
                std::vector<std::byte> bytes = valid;
                const int flips = 1 + static_cast<int>(rng() % 4);
                for (int f = 0; f < flips; ++f) {
                    // Mostly hit the length and the header, where the structure is.
                    const size_t limit = rng() % 4 ? headerEnd
                                                   : bytes.size();
                    bytes[rng() % limit] ^= static_cast<std::byte>(1 + rng() % 255);
                }
                parseOrReject(bytes);
                if (QTest::currentTestFailed())
                    return;
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestSafetensorsCorrupt)
#include "tst_safetensors_corrupt.moc"
