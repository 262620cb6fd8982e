#include "quant/scheme.h"

#include "util/error.h"

#include <array>
#include <charconv>
#include <cctype>
#include <vector>

namespace bitcliff {

namespace {

constexpr int64_t kMaxGroupSize = 1 << 20; // rtn/hqq: no real row is longer
constexpr int kMinBlockwiseGroup = 32;     // bitsandbytes block sizes: powers of two 32..4096
constexpr int kMaxBlockwiseGroup = 4096;
constexpr int kMxfp4Block = 32;

struct GgufEntry
{
    std::string_view name;
    DType type;
    int bits;       // nominal bits of the weight codes
    bool symmetric; // false when the blocks carry a minimum
};

constexpr std::array<GgufEntry, 13> kGgufTypes{{
    {"q8_0", DType::Q8_0, 8, true},
    {"q4_0", DType::Q4_0, 4, true},
    {"q4_1", DType::Q4_1, 4, false},
    {"q5_0", DType::Q5_0, 5, true},
    {"q5_1", DType::Q5_1, 5, false},
    {"q2_k", DType::Q2_K, 2, false},
    {"q3_k", DType::Q3_K, 3, true},
    {"q4_k", DType::Q4_K, 4, false},
    {"q5_k", DType::Q5_K, 5, false},
    {"q6_k", DType::Q6_K, 6, true},
    {"iq4_nl", DType::IQ4_NL, 4, true}, // codebook of 16 levels, one fp16 scale per 32
    {"f16", DType::F16, 16, true},   // plain 16-bit floats: convert_hf_to_gguf's --outtype f16 / bf16
    {"bf16", DType::BF16, 16, true},
}};

const GgufEntry *ggufEntry(DType type)
{
    for (const GgufEntry &e : kGgufTypes)
        if (e.type == type)
            return &e;
    return nullptr;
}

// What an option sets; one option per slot.
enum Slot { Bits, Block, Symmetry, Clip, DoubleQuant, Strict, SlotCount };

constexpr unsigned bit(Slot s) { return 1u << s; }
constexpr unsigned kWholeRowsAllowed = 1u << SlotCount; // channel | tensor (rtn only)

class Parser
{
public:
    explicit Parser(std::string_view text)
        : m_text(text)
    {
    }

    QuantScheme parse()
    {
        std::vector<std::string> tokens = split();
        parseMethod(tokens.front());
        m_allowed |= bit(Strict); // every method may refuse to fall back
        for (size_t i = 1; i < tokens.size(); ++i)
            parseOption(tokens[i]);
        return m_scheme;
    }

private:
    [[noreturn]] void fail(const std::string &reason) const
    {
        throw Error("bad scheme '" + std::string(m_text) + "': " + reason);
    }

    std::vector<std::string> split() const
    {
        size_t begin = 0, end = m_text.size();
        while (begin < end && std::isspace(static_cast<unsigned char>(m_text[begin])))
            ++begin;
        while (end > begin && std::isspace(static_cast<unsigned char>(m_text[end - 1])))
            --end;
        std::vector<std::string> tokens(1);
        for (size_t i = begin; i < end; ++i) {
            const char c = m_text[i];
            if (c == ':')
                tokens.emplace_back();
            else
                tokens.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (tokens.front().empty())
            fail("no method");
        return tokens;
    }

    void parseMethod(const std::string &name)
    {
        QuantScheme &s = m_scheme;
        m_methodName = name;
        if (name == "rtn") {
            s.method = QuantMethod::Rtn;
            m_allowed = bit(Bits) | bit(Block) | bit(Symmetry) | bit(Clip) | kWholeRowsAllowed;
        } else if (name == "nf4" || name == "fp4") {
            s.method = name == "nf4" ? QuantMethod::Nf4 : QuantMethod::Fp4;
            s.groupSize = 64;
            m_allowed = bit(Block) | (name == "nf4" ? bit(DoubleQuant) : 0u);
        } else if (name == "mxfp4") {
            s.method = QuantMethod::Mxfp4;
            s.groupSize = kMxfp4Block;
        } else if (name == "fp8") {
            s.method = QuantMethod::Fp8;
            s.bits = 8;
            s.granularity = Granularity::Channel;
            s.groupSize = 0;
        } else if (name == "hqq") {
            s.method = QuantMethod::Hqq;
            s.groupSize = 64;
            s.symmetric = false;
            m_allowed = bit(Bits) | bit(Block);
        } else {
            for (const GgufEntry &e : kGgufTypes) {
                if (name == e.name) {
                    s.method = QuantMethod::Gguf;
                    s.ggufType = e.type;
                    s.bits = e.bits;
                    s.symmetric = e.symmetric;
                    s.groupSize = dtypeTraits(e.type).blockSize;
                    return;
                }
            }
            fail("unknown method '" + name + "'");
        }
    }

    // The number after a one-letter prefix ("b4", "g128"); false if the rest is not digits.
    static bool number(const std::string &option, int64_t &value)
    {
        if (option.size() < 2)
            return false;
        for (size_t i = 1; i < option.size(); ++i)
            if (!std::isdigit(static_cast<unsigned char>(option[i])))
                return false;
        const auto result = std::from_chars(option.data() + 1, option.data() + option.size(), value);
        if (result.ec == std::errc::result_out_of_range)
            value = INT64_MAX; // reported as out of range below
        return true;
    }

    void parseOption(const std::string &option)
    {
        if (option.empty())
            fail("empty option");
        int64_t value = 0;
        Slot slot;
        if ((option[0] == 'b' || option[0] == 'g') && number(option, value))
            slot = option[0] == 'b' ? Bits : Block;
        else if (option == "channel" || option == "tensor")
            slot = Block;
        else if (option == "sym" || option == "asym")
            slot = Symmetry;
        else if (option == "clip")
            slot = Clip;
        else if (option == "dq")
            slot = DoubleQuant;
        else if (option == "strict")
            slot = Strict;
        else
            fail("unknown option '" + option + "'");

        const bool wholeRows = option == "channel" || option == "tensor";
        if (!(m_allowed & bit(slot)) || (wholeRows && !(m_allowed & kWholeRowsAllowed)))
            fail("option '" + option + "' not allowed for " + m_methodName);
        const std::string &previous = m_seen[slot];
        if (previous == option)
            fail("option '" + option + "' given twice");
        if (!previous.empty())
            fail("conflicting options '" + previous + "' and '" + option + "'");
        m_seen[slot] = option;

        QuantScheme &s = m_scheme;
        const std::string digits = option.substr(1);
        switch (slot) {
        case Bits: {
            const int low = s.method == QuantMethod::Hqq ? 1 : 2;
            if (value < low || value > 8)
                fail("bits " + digits + " out of range " + std::to_string(low) + "..8");
            s.bits = static_cast<int>(value);
            break;
        }
        case Block:
            if (wholeRows) {
                s.granularity = option == "channel" ? Granularity::Channel : Granularity::Tensor;
                s.groupSize = 0;
            } else {
                checkGroupSize(value, digits);
                s.granularity = Granularity::Group;
                s.groupSize = static_cast<int>(value);
            }
            break;
        case Symmetry:
            s.symmetric = option == "sym";
            break;
        case Clip:
            s.mseClip = true;
            break;
        case DoubleQuant:
            s.doubleQuant = true;
            break;
        case Strict:
            s.strict = true;
            break;
        case SlotCount:
            break;
        }
    }

    void checkGroupSize(int64_t value, const std::string &digits) const
    {
        if (m_scheme.method == QuantMethod::Nf4 || m_scheme.method == QuantMethod::Fp4) {
            const bool powerOfTwo = value > 0 && (value & (value - 1)) == 0;
            if (!powerOfTwo || value < kMinBlockwiseGroup || value > kMaxBlockwiseGroup)
                fail("group size " + digits + " is not a power of two from 32 to 4096");
        } else if (value < 1 || value > kMaxGroupSize) {
            fail("group size " + digits + " out of range 1.." + std::to_string(kMaxGroupSize));
        }
    }

    std::string_view m_text;
    QuantScheme m_scheme;
    std::string m_methodName;
    unsigned m_allowed = 0;
    std::array<std::string, SlotCount> m_seen;
};

} // namespace

QuantScheme QuantScheme::parse(std::string_view text) { return Parser(text).parse(); }

std::string QuantScheme::toString() const { return strict ? baseText() + ":strict" : baseText(); }

std::string QuantScheme::baseText() const
{
    const std::string group = "g" + std::to_string(groupSize);
    switch (method) {
    case QuantMethod::Rtn: {
        std::string s = "rtn:b" + std::to_string(bits) + ":";
        s += granularity == Granularity::Group ? group : granularity == Granularity::Channel ? "channel" : "tensor";
        s += symmetric ? ":sym" : ":asym";
        if (mseClip)
            s += ":clip";
        return s;
    }
    case QuantMethod::Nf4:
        return "nf4:" + group + (doubleQuant ? ":dq" : "");
    case QuantMethod::Fp4:
        return "fp4:" + group;
    case QuantMethod::Mxfp4:
        return "mxfp4";
    case QuantMethod::Fp8:
        return "fp8";
    case QuantMethod::Hqq:
        return "hqq:b" + std::to_string(bits) + ":" + group;
    case QuantMethod::Gguf:
        if (const GgufEntry *e = ggufEntry(ggufType))
            return std::string(e->name);
        return "gguf?";
    }
    return "?";
}

void QuantScheme::checkRowLength(int64_t cols, const std::string &tensorName) const
{
    if (cols < 1)
        throw Error(tensorName + ": rows are empty");
    const std::string length = std::to_string(cols);
    if (method == QuantMethod::Gguf) {
        const GgufEntry *e = ggufEntry(ggufType);
        if (!e)
            throw Error(tensorName + ": not a GGUF block type: " + std::string(dtypeName(ggufType)));
        const int block = dtypeTraits(ggufType).blockSize;
        if (cols % block != 0)
            throw Error(tensorName + ": row length " + length + " is not a multiple of the " + std::string(e->name)
                        + " block size " + std::to_string(block));
        return;
    }
    if (method == QuantMethod::Rtn && granularity == Granularity::Tensor)
        return;
    const int64_t block = blockLength(cols);
    const std::string what = method == QuantMethod::Mxfp4 ? "mxfp4 block size " : "group size ";
    if (block < 1)
        throw Error(tensorName + ": " + what + std::to_string(block));
    if (cols % block != 0)
        throw Error(tensorName + ": " + what + std::to_string(block) + " does not divide the row length " + length);
}

int64_t QuantScheme::blockLength(int64_t cols) const
{
    switch (method) {
    case QuantMethod::Mxfp4:
        return kMxfp4Block;
    case QuantMethod::Fp8:
        return cols;
    case QuantMethod::Gguf:
        return dtypeTraits(ggufType).blockSize;
    case QuantMethod::Nf4:
    case QuantMethod::Fp4:
    case QuantMethod::Hqq:
        return groupSize;
    case QuantMethod::Rtn:
        break;
    }
    switch (granularity) {
    case Granularity::Tensor:
        return 0;
    case Granularity::Channel:
        return cols;
    case Granularity::Group:
        break;
    }
    return groupSize;
}

} // namespace bitcliff
