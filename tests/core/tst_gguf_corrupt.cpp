// Corrupt GGUF files, after llama.cpp's tests/test-gguf.cpp: an enum of defects, each applied
// to valid files generated from seeded generators, must be rejected with a one-line
// FormatError that names the defect: each defect has the message of the check meant for it,
// so a check that went missing cannot hide behind a later one that happens to fire.
// Truncations at every length, byte flips at every position and random mutations must parse
// or throw Error, never crash (the ASan/UBSan build checks "never"). Files are written here
// by a raw encoder independent of ggufwriter.cpp, so that any field can be given any value.
#include "formats/ggmltypes.h"
#include "formats/gguf.h"
#include "formats/model.h"
#include "util/error.h"

#include <QRegularExpression>
#include <QTest>

#include <cstring>
#include <optional>
#include <random>

using namespace bitcliff;

namespace {

enum class Defect {
    None,
    BadMagic,
    BadVersion,
    TruncatedHeader,
    HugeTensorCount,
    HugeKvCount,
    HugeStringLength,
    HugeKey,
    BadValueType,
    BadArrayElementType,
    HugeArrayCount,
    ArrayTooDeep,
    DuplicateKey,
    TooManyDims,
    NegativeDimension,
    DimensionOverflow,
    HugeDimension,
    BadAlignment,
    BadAlignmentType,
    OffsetNotAligned,
    OffsetPastEnd,
    BlockSizeMismatch,
    DuplicateTensorName,
    EmptyTensorName,
    HugeTensorName,
    TruncatedMetadata,
    TruncatedTensorInfo,
    TruncatedData,
};

constexpr const char *kDefectNames[] = {
    "None", "BadMagic", "BadVersion", "TruncatedHeader", "HugeTensorCount", "HugeKvCount", "HugeStringLength",
    "HugeKey", "BadValueType", "BadArrayElementType", "HugeArrayCount", "ArrayTooDeep", "DuplicateKey",
    "TooManyDims", "NegativeDimension", "DimensionOverflow", "HugeDimension", "BadAlignment", "BadAlignmentType",
    "OffsetNotAligned", "OffsetPastEnd", "BlockSizeMismatch", "DuplicateTensorName", "EmptyTensorName",
    "HugeTensorName", "TruncatedMetadata", "TruncatedTensorInfo", "TruncatedData",
};
constexpr int kDefectCount = static_cast<int>(std::size(kDefectNames));

// What the message must say for each defect (a regular expression). Where the generated
// file decides which check applies (a version that looks byte-swapped, an offset that
// overflows), withDefect() gives the one for that file instead.
constexpr const char *kReasons[] = {
    "", // None
    R"(: not a GGUF file \(magic 0x[0-9a-f]{8}\)$)", // BadMagic
    "", // BadVersion: per file
    "", // TruncatedHeader: per file
    R"(: tensor count \d+ cannot fit in the \d+ bytes left in the file$)", // HugeTensorCount
    R"(: metadata count \d+ cannot fit in the \d+ bytes left in the file$)", // HugeKvCount
    R"((key|tensor name|string value) length \d+ exceeds the \d+ bytes left in the file$)", // HugeStringLength
    R"(: key of \d+ bytes \(at most 65536\)$)", // HugeKey
    R"(: unknown value type \d+$)", // BadValueType
    R"(: unknown array element type \d+$)", // BadArrayElementType
    R"(: array of \d+ items cannot fit in the \d+ bytes left in the file$)", // HugeArrayCount
    R"(: arrays nested more than \d+ levels deep$)", // ArrayTooDeep
    R"(: key '[^']*': duplicate key$)", // DuplicateKey
    R"(: \d+ dimensions \(at most 4\)$)", // TooManyDims
    R"(: dimension \d is negative \(-\d+\)$)", // NegativeDimension
    R"(: the element count overflows 64 bits$)", // DimensionOverflow
    "", // HugeDimension: per file
    R"(: general.alignment \d+ is not a power of two$)", // BadAlignment
    R"(: general.alignment has type \w+, not u32$)", // BadAlignmentType
    R"(: offset \d+ is not a multiple of the alignment \d+$)", // OffsetNotAligned
    "", // OffsetPastEnd: per file
    R"(: row length \d+ is not a multiple of the Q(8_0|4_K) block size (32|256)$)", // BlockSizeMismatch
    R"(: tensor '[^']*': duplicate tensor name$)", // DuplicateTensorName
    R"(: tensor #\d+: empty tensor name$)", // EmptyTensorName
    R"(: tensor #\d+: tensor name of \d+ bytes \(at most 65536\)$)", // HugeTensorName
    // A file cut short fails at the first read, count or length that needs more bytes.
    R"(: (the file ends inside the .* \(\d+ bytes needed at offset \d+, \d+ left\))"
    R"(|.*(length|count) \d+ (exceeds|cannot fit in) the \d+ bytes left.*)$)", // TruncatedMetadata
    R"(: (the file ends inside the .* \(\d+ bytes needed at offset \d+, \d+ left\))"
    R"(|.*(length|count) \d+ (exceeds|cannot fit in) the \d+ bytes left.*)$)", // TruncatedTensorInfo
    R"(: tensor '[^']*': data \[\d+, \d+\) lies past the end of the file \(\d+ bytes\)$)", // TruncatedData
};
static_assert(std::size(kReasons) == std::size(kDefectNames));
constexpr int kSeedsPerDefect = 6;

using Bytes = std::vector<std::byte>;

template <typename T>
void put(Bytes &out, T value)
{
    const size_t at = out.size();
    out.resize(at + sizeof(T));
    std::memcpy(out.data() + at, &value, sizeof(T));
}

void putString(Bytes &out, std::string_view text, std::optional<uint64_t> length = {})
{
    put<uint64_t>(out, length.value_or(text.size()));
    for (char c : text)
        out.push_back(static_cast<std::byte>(c));
}

struct RawKv
{
    std::string key;
    std::optional<uint64_t> keyLength; // overrides the written length
    uint32_t type = 0;
    Bytes payload; // the encoded value
};

struct RawTensor
{
    std::string name;
    std::optional<uint64_t> nameLength;
    std::optional<uint32_t> dims; // overrides ne.size()
    std::vector<uint64_t> ne;
    uint32_t type = 0;
    uint64_t offset = 0;    // written in the tensor info
    uint64_t placement = 0; // where the data really goes, relative to the data section
    Bytes data;
};

struct RawFile
{
    char magic[4] = {'G', 'G', 'U', 'F'};
    uint32_t version = 3;
    std::optional<uint64_t> tensorCount;
    std::optional<uint64_t> kvCount;
    std::vector<RawKv> kvs;
    std::vector<RawTensor> tensors;
    uint64_t alignment = 32;
    std::optional<size_t> truncateTo;
};

// Section boundaries of a written file.
struct Layout
{
    size_t tensorInfoBegin = 0;
    size_t tensorInfoEnd = 0;
    size_t dataOffset = 0;
    size_t lastDataBegin = 0; // the tensor whose data ends last
    size_t lastDataEnd = 0;
};

Bytes writeRaw(const RawFile &file, Layout *layout = nullptr)
{
    Bytes out;
    for (char c : file.magic)
        out.push_back(static_cast<std::byte>(c));
    put<uint32_t>(out, file.version);
    put<uint64_t>(out, file.tensorCount.value_or(file.tensors.size()));
    put<uint64_t>(out, file.kvCount.value_or(file.kvs.size()));
    for (const RawKv &kv : file.kvs) {
        putString(out, kv.key, kv.keyLength);
        put<uint32_t>(out, kv.type);
        out.insert(out.end(), kv.payload.begin(), kv.payload.end());
    }
    Layout l;
    l.tensorInfoBegin = out.size();
    for (const RawTensor &t : file.tensors) {
        putString(out, t.name, t.nameLength);
        put<uint32_t>(out, t.dims.value_or(static_cast<uint32_t>(t.ne.size())));
        for (uint64_t n : t.ne)
            put<uint64_t>(out, n);
        put<uint32_t>(out, t.type);
        put<uint64_t>(out, t.offset);
    }
    l.tensorInfoEnd = out.size();
    out.resize(out.size() + (file.alignment - out.size() % file.alignment) % file.alignment);
    l.dataOffset = out.size();
    for (const RawTensor &t : file.tensors) {
        const size_t begin = l.dataOffset + t.placement;
        const size_t end = begin + t.data.size();
        out.resize(std::max(out.size(), (end + file.alignment - 1) / file.alignment * file.alignment));
        if (!t.data.empty())
            std::memcpy(out.data() + begin, t.data.data(), t.data.size());
        if (end > l.lastDataEnd && !t.data.empty()) {
            l.lastDataBegin = begin;
            l.lastDataEnd = end;
        }
    }
    if (file.truncateTo)
        out.resize(std::min(out.size(), *file.truncateTo));
    if (layout)
        *layout = l;
    return out;
}

uint64_t between(std::mt19937 &rng, uint64_t lo, uint64_t hi)
{
    std::mt19937_64 wide(rng());
    return std::uniform_int_distribution<uint64_t>(lo, hi)(wide);
}

template <typename T>
Bytes encoded(T value)
{
    Bytes out;
    put<T>(out, value);
    return out;
}

Bytes encodedString(std::string_view text)
{
    Bytes out;
    putString(out, text);
    return out;
}

// A random valid metadata value: its type code and encoding.
RawKv randomKv(std::mt19937 &rng, std::string key)
{
    RawKv kv;
    kv.key = std::move(key);
    switch (between(rng, 0, 7)) {
    case 0: kv.type = 0; kv.payload = encoded<uint8_t>(static_cast<uint8_t>(rng())); break;
    case 1: kv.type = 5; kv.payload = encoded<int32_t>(static_cast<int32_t>(rng())); break;
    case 2: kv.type = 6; kv.payload = encoded<float>(static_cast<float>(rng() % 1000) / 7.0f); break;
    case 3: kv.type = 7; kv.payload = encoded<uint8_t>(rng() % 2); break;
    case 4: kv.type = 8; kv.payload = encodedString(std::string(between(rng, 0, 20), 'a')); break;
    case 5: kv.type = 12; kv.payload = encoded<double>(0.25); break;
    case 6: { // u32 array
        kv.type = 9;
        const uint64_t n = between(rng, 0, 6);
        put<uint32_t>(kv.payload, 4);
        put<uint64_t>(kv.payload, n);
        for (uint64_t i = 0; i < n; ++i)
            put<uint32_t>(kv.payload, static_cast<uint32_t>(rng()));
        break;
    }
    default: { // string array
        kv.type = 9;
        const uint64_t n = between(rng, 0, 4);
        put<uint32_t>(kv.payload, 8);
        put<uint64_t>(kv.payload, n);
        for (uint64_t i = 0; i < n; ++i)
            putString(kv.payload, "tok" + std::to_string(i));
        break;
    }
    }
    return kv;
}

// A valid file: a few metadata entries and 2-4 small tensors of readable types.
RawFile generateValid(std::mt19937 &rng)
{
    RawFile file;
    const uint64_t alignments[] = {32, 64, 16, 8};
    file.alignment = alignments[between(rng, 0, 3)];
    file.kvs.push_back({"general.architecture", {}, 8, encodedString("llama")});
    if (file.alignment != 32)
        file.kvs.push_back({"general.alignment", {}, 4, encoded<uint32_t>(static_cast<uint32_t>(file.alignment))});
    const uint64_t extra = between(rng, 2, 6);
    for (uint64_t i = 0; i < extra; ++i)
        file.kvs.push_back(randomKv(rng, "test.key" + std::to_string(i)));

    const GgmlType types[] = {GgmlType::F32, GgmlType::F16, GgmlType::BF16, GgmlType::Q8_0,
                              GgmlType::Q4_0, GgmlType::Q4_K, GgmlType::Q6_K};
    const uint64_t count = between(rng, 2, 4);
    uint64_t placement = 0;
    for (uint64_t i = 0; i < count; ++i) {
        RawTensor t;
        t.name = "blk." + std::to_string(i) + ".attn_q.weight";
        const GgmlTypeInfo *info = findGgmlType(ggmlTypeCode(types[between(rng, 0, std::size(types) - 1)]));
        t.type = info->code;
        const uint64_t blocks = between(rng, 1, info->blockSize == 1 ? 40 : 2);
        t.ne = {blocks * static_cast<uint64_t>(info->blockSize), between(rng, 1, 3)};
        if (between(rng, 0, 3) == 0)
            t.ne.push_back(between(rng, 1, 2));
        uint64_t bytes = blocks * static_cast<uint64_t>(info->typeSize);
        for (size_t d = 1; d < t.ne.size(); ++d)
            bytes *= t.ne[d];
        t.data.resize(bytes);
        for (std::byte &b : t.data)
            b = static_cast<std::byte>(rng());
        t.offset = t.placement = placement;
        placement += (bytes + file.alignment - 1) / file.alignment * file.alignment;
        file.tensors.push_back(std::move(t));
    }
    return file;
}

RawKv &randomKvOf(RawFile &file, std::mt19937 &rng) { return file.kvs[between(rng, 0, file.kvs.size() - 1)]; }
RawTensor &randomTensorOf(RawFile &file, std::mt19937 &rng)
{
    return file.tensors[between(rng, 0, file.tensors.size() - 1)];
}

// The file with `defect`; `reason` receives what its message must say (see kReasons).
Bytes withDefect(Defect defect, unsigned seed, std::string &reason)
{
    reason = kReasons[static_cast<int>(defect)];
    std::mt19937 rng(seed);
    RawFile file = generateValid(rng);
    Layout layout;
    const uint64_t size = writeRaw(file, &layout).size();
    constexpr uint64_t kMax64 = UINT64_MAX;
    switch (defect) {
    case Defect::None:
        break;
    case Defect::BadMagic:
        do {
            for (char &c : file.magic)
                c = static_cast<char>(rng());
        } while (std::memcmp(file.magic, "GGUF", 4) == 0);
        break;
    case Defect::BadVersion: {
        const uint32_t versions[] = {0, 1, 4, 5, 0x03000000u, 0x02000000u,
                                     static_cast<uint32_t>(between(rng, 4, UINT32_MAX))};
        file.version = versions[between(rng, 0, std::size(versions) - 1)];
        if (file.version == 1)
            reason = R"(: GGUF version 1 \(32-bit counts\) is not supported$)";
        else if (file.version != 0 && (file.version & 0xFFFFu) == 0)
            reason = R"(: GGUF version \d+ looks byte-swapped: big-endian GGUF files are not supported$)";
        else
            reason = R"(: unsupported GGUF version \d+ \(2 and 3 are supported\)$)";
        break;
    }
    case Defect::TruncatedHeader:
        file.truncateTo = between(rng, 0, 23);
        reason = *file.truncateTo < 4 ? R"(: the file is \d bytes, too short to be GGUF$)"
                                      : R"(: the file is \d+ bytes, shorter than the 24-byte GGUF header$)";
        break;
    case Defect::HugeTensorCount:
        file.tensorCount = between(rng, size / 24 + 1, kMax64);
        break;
    case Defect::HugeKvCount:
        file.kvCount = between(rng, size / 13 + 1, kMax64);
        break;
    case Defect::HugeStringLength:
        switch (between(rng, 0, 2)) {
        case 0: randomKvOf(file, rng).keyLength = between(rng, size, kMax64); break;
        case 1: randomTensorOf(file, rng).nameLength = between(rng, size, kMax64); break;
        default: {
            RawKv kv{"test.string", {}, 8, {}};
            put<uint64_t>(kv.payload, between(rng, size, kMax64));
            put<uint32_t>(kv.payload, 0x41414141);
            file.kvs.push_back(kv);
        }
        }
        break;
    case Defect::HugeKey:
        randomKvOf(file, rng).key = std::string(between(rng, 65537, 70000), 'k');
        break;
    case Defect::BadValueType:
        randomKvOf(file, rng).type = static_cast<uint32_t>(between(rng, 13, UINT32_MAX));
        break;
    case Defect::BadArrayElementType: {
        RawKv kv{"test.array", {}, 9, {}};
        put<uint32_t>(kv.payload, static_cast<uint32_t>(between(rng, 13, UINT32_MAX)));
        put<uint64_t>(kv.payload, 1);
        put<uint32_t>(kv.payload, 0);
        file.kvs.insert(file.kvs.begin() + static_cast<long>(between(rng, 0, file.kvs.size())), kv);
        break;
    }
    case Defect::HugeArrayCount: {
        RawKv kv{"test.array", {}, 9, {}};
        put<uint32_t>(kv.payload, static_cast<uint32_t>(between(rng, 0, 12)));
        put<uint64_t>(kv.payload, between(rng, size, kMax64));
        file.kvs.push_back(kv);
        break;
    }
    case Defect::ArrayTooDeep: {
        RawKv kv{"test.nested", {}, 9, {}};
        const uint64_t levels = between(rng, 4, 8);
        for (uint64_t i = 0; i + 1 < levels; ++i) {
            put<uint32_t>(kv.payload, 9);
            put<uint64_t>(kv.payload, 1);
        }
        put<uint32_t>(kv.payload, 0); // innermost: one u8
        put<uint64_t>(kv.payload, 1);
        kv.payload.push_back(std::byte{7});
        file.kvs.push_back(kv);
        break;
    }
    case Defect::DuplicateKey: {
        RawKv copy = randomKv(rng, randomKvOf(file, rng).key);
        file.kvs.insert(file.kvs.begin() + static_cast<long>(between(rng, 0, file.kvs.size())), copy);
        break;
    }
    case Defect::TooManyDims:
        randomTensorOf(file, rng).dims = static_cast<uint32_t>(between(rng, 5, UINT32_MAX));
        break;
    case Defect::NegativeDimension: {
        RawTensor &t = randomTensorOf(file, rng);
        t.ne[between(rng, 0, t.ne.size() - 1)] |= uint64_t{1} << 63;
        break;
    }
    case Defect::DimensionOverflow: {
        RawTensor &t = randomTensorOf(file, rng);
        if (between(rng, 0, 1) == 0)
            t.ne = {between(rng, 1 << 16, 1 << 20), between(rng, 1 << 16, 1 << 20), between(rng, 1 << 16, 1 << 20),
                    between(rng, 1 << 16, 1 << 20)}; // product >= 2^64
        else
            t.ne = {uint64_t{1} << 22, between(rng, uint64_t{1} << 22, uint64_t{1} << 40),
                    between(rng, uint64_t{1} << 22, uint64_t{1} << 40)};
        break;
    }
    case Defect::HugeDimension: {
        RawTensor &t = randomTensorOf(file, rng);
        t.ne[1] = between(rng, size + 1, uint64_t { 1 } << 40);
        uint64_t elements = 1;
        for (uint64_t n : t.ne)
            elements *= n;
        // More elements than any type could pack in the file, or just more bytes than it has.
        reason = elements / 64 > size ? R"(: shape \[[0-9, ]+\] has more elements than a file of \d+ bytes could hold$)"
                                      : R"(: data \[\d+, \d+\) lies past the end of the file \(\d+ bytes\)$)";
        break;
    }
    case Defect::BadAlignment: {
        const uint32_t values[] = {0, 3, 48, 100, 0x80000001u, static_cast<uint32_t>(between(rng, 0, 1000)) * 2 + 3};
        const uint32_t alignment = values[between(rng, 0, std::size(values) - 1)];
        std::erase_if(file.kvs, [](const RawKv &kv) { return kv.key == "general.alignment"; });
        file.kvs.push_back({"general.alignment", {}, 4, encoded<uint32_t>(alignment)});
        break;
    }
    case Defect::BadAlignmentType: {
        std::erase_if(file.kvs, [](const RawKv &kv) { return kv.key == "general.alignment"; });
        switch (between(rng, 0, 3)) {
        case 0: file.kvs.push_back({"general.alignment", {}, 5, encoded<int32_t>(32)}); break;
        case 1: file.kvs.push_back({"general.alignment", {}, 10, encoded<uint64_t>(32)}); break;
        case 2: file.kvs.push_back({"general.alignment", {}, 2, encoded<uint16_t>(32)}); break;
        default: file.kvs.push_back({"general.alignment", {}, 8, encodedString("32")}); break;
        }
        break;
    }
    case Defect::OffsetNotAligned:
        randomTensorOf(file, rng).offset += between(rng, 1, file.alignment - 1);
        break;
    case Defect::OffsetPastEnd: {
        RawTensor &t = randomTensorOf(file, rng);
        t.offset = between(rng, size / file.alignment + 1, kMax64 / file.alignment) * file.alignment;
        uint64_t end = 0;
        const bool overflows = __builtin_add_overflow(layout.dataOffset, t.offset, &end)
            || __builtin_add_overflow(end, t.data.size(), &end);
        reason = overflows ? R"(: data offset \d+ \+ \d+ bytes overflows 64 bits$)"
                           : R"(: data \[\d+, \d+\) lies past the end of the file \(\d+ bytes\)$)";
        break;
    }
    case Defect::BlockSizeMismatch: {
        RawTensor &t = randomTensorOf(file, rng);
        const GgmlType type = between(rng, 0, 1) ? GgmlType::Q8_0 : GgmlType::Q4_K;
        const uint64_t block = static_cast<uint64_t>(findGgmlType(ggmlTypeCode(type))->blockSize);
        t.type = ggmlTypeCode(type);
        t.ne[0] = block * between(rng, 0, 2) + between(rng, 1, block - 1);
        break;
    }
    case Defect::DuplicateTensorName: {
        const uint64_t a = between(rng, 0, file.tensors.size() - 1);
        const uint64_t b = (a + between(rng, 1, file.tensors.size() - 1)) % file.tensors.size();
        file.tensors[b].name = file.tensors[a].name;
        break;
    }
    case Defect::EmptyTensorName:
        randomTensorOf(file, rng).name.clear();
        break;
    case Defect::HugeTensorName:
        randomTensorOf(file, rng).name = std::string(between(rng, 65537, 70000), 'n');
        break;
    case Defect::TruncatedMetadata:
        file.truncateTo = between(rng, 24, layout.tensorInfoBegin - 1);
        break;
    case Defect::TruncatedTensorInfo:
        file.truncateTo = between(rng, layout.tensorInfoBegin, layout.tensorInfoEnd - 1);
        break;
    case Defect::TruncatedData:
        file.truncateTo = between(rng, layout.lastDataBegin, layout.lastDataEnd - 1);
        break;
    }
    return writeRaw(file);
}

// Reads every supported tensor (a few rows each) of a file that parsed.
void exercise(const Bytes &bytes)
{
    const auto model = modelFromGguf(MappedFile::fromBuffer(bytes, "mutant"));
    std::vector<float> out;
    for (const TensorInfo &t : model->tensors()) {
        if (!t.supported())
            continue;
        const int64_t rows = std::min<int64_t>(t.rows(), 4);
        if (rows * t.cols() > (int64_t{1} << 22))
            continue;
        out.resize(static_cast<size_t>(rows * t.cols()));
        model->readRows(t, 0, rows, out.data());
    }
}

// Parses (and on success reads) the bytes: ok, or an Error with a one-line message.
// Returns whether it parsed.
bool parsesOrThrowsError(const Bytes &bytes)
{
    try {
        parseGguf(bytes, "mutant");
        exercise(bytes);
        return true;
    } catch (const Error &e) {
        const std::string message = e.what();
        if (message.empty() || message.find('\n') != std::string::npos)
            qFatal("bad error message: '%s'", message.c_str());
        return false;
    }
}

Bytes smallValidFile(unsigned seed)
{
    std::mt19937 rng(seed);
    return writeRaw(generateValid(rng));
}

} // namespace

class TestGgufCorrupt : public QObject
{
    Q_OBJECT

private slots:
    void defects_data()
    {
        QTest::addColumn<int>("defect");
        QTest::addColumn<unsigned>("seed");
        for (int d = 0; d < kDefectCount; ++d)
            for (unsigned seed = 1; seed <= kSeedsPerDefect; ++seed)
                QTest::addRow("%s/%u", kDefectNames[d], seed) << d << seed * 7919u + static_cast<unsigned>(d);
    }

    void defects()
    {
        QFETCH(int, defect);
        QFETCH(unsigned, seed);
        std::string reason;
        const Bytes bytes = withDefect(static_cast<Defect>(defect), seed, reason);
        if (static_cast<Defect>(defect) == Defect::None) {
            const GgufContents contents = parseGguf(bytes, "valid");
            QVERIFY(contents.tensors.size() >= 2);
            exercise(bytes);
            return;
        }
        try {
            parseGguf(bytes, "corrupt.gguf");
            QFAIL("the corrupt file was accepted");
        } catch (const Error &e) {
            const std::string message = e.what();
            QVERIFY2(dynamic_cast<const FormatError *>(&e), message.c_str());
            QVERIFY(message.starts_with("corrupt.gguf: "));
            QVERIFY(message.size() > std::string("corrupt.gguf: ").size());
            QVERIFY2(message.find('\n') == std::string::npos, message.c_str());
            QVERIFY2(message.size() < 400, message.c_str());
            const QRegularExpression expected(QString::fromStdString(reason));
            QVERIFY2(expected.isValid(), qPrintable(expected.errorString()));
            QVERIFY2(expected.match(QString::fromStdString(message)).hasMatch(),
                qPrintable(
                    QStringLiteral("'%1' does not match %2").arg(QString::fromStdString(message), expected.pattern())));
        }
    }

    // Every prefix of a valid file: only those holding all tensor data may parse.
    void truncateEveryLength_data()
    {
        QTest::addColumn<unsigned>("seed");
        for (unsigned seed : {3u, 11u, 42u})
            QTest::addRow("seed %u", seed) << seed;
    }

    void truncateEveryLength()
    {
        QFETCH(unsigned, seed);
        std::mt19937 rng(seed);
        Layout layout;
        const Bytes valid = writeRaw(generateValid(rng), &layout);
        for (size_t length = 0; length <= valid.size(); ++length) {
            const Bytes prefix(valid.begin(), valid.begin() + static_cast<long>(length));
            const bool parsed = parsesOrThrowsError(prefix);
            if (length < layout.lastDataEnd && parsed)
                QFAIL(qPrintable(QStringLiteral("a %1-byte prefix parsed").arg(length)));
        }
        QVERIFY(parsesOrThrowsError(valid));
    }

    void flipEveryByte()
    {
        const Bytes valid = smallValidFile(5);
        std::mt19937 rng(99);
        for (size_t at = 0; at < valid.size(); ++at) {
            for (uint8_t mask : {uint8_t(0x01), uint8_t(0x80), uint8_t(0xFF), static_cast<uint8_t>(rng() | 1)}) {
                Bytes mutant = valid;
                mutant[at] ^= std::byte{mask};
                parsesOrThrowsError(mutant);
            }
        }
    }

    // Several changes at once, including 64-bit fields set to boundary values.
    void randomMutations()
    {
        std::mt19937 rng(2024);
        const uint64_t interesting[] = {0, 1, 31, 32, 33, 255, 65535, 1ull << 31, 1ull << 32, 1ull << 63,
                                        UINT64_MAX, UINT64_MAX - 1, 0x7FFFFFFFFFFFFFFFull};
        int parsed = 0;
        for (int round = 0; round < 3000; ++round) {
            Bytes mutant = smallValidFile(static_cast<unsigned>(round % 17));
            const uint64_t changes = between(rng, 1, 6);
            for (uint64_t c = 0; c < changes && !mutant.empty(); ++c) {
                const size_t at = between(rng, 0, mutant.size() - 1);
                if (between(rng, 0, 1) == 0 || at + 8 > mutant.size()) {
                    mutant[at] = static_cast<std::byte>(rng());
                } else {
                    uint64_t v = interesting[between(rng, 0, std::size(interesting) - 1)];
                    if (between(rng, 0, 3) == 0)
                        v = mutant.size() + between(rng, 0, 64);
                    std::memcpy(mutant.data() + at, &v, 8);
                }
            }
            if (between(rng, 0, 9) == 0)
                mutant.resize(between(rng, 0, mutant.size()));
            parsed += parsesOrThrowsError(mutant) ? 1 : 0;
        }
        qInfo("%d of 3000 mutants still parsed", parsed);
    }
};

QTEST_APPLESS_MAIN(TestGgufCorrupt)
#include "tst_gguf_corrupt.moc"
