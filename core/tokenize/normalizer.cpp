#include "tokenize/normalizer.h"

#include "tokenize/splitpattern.h"
#include "tokenize/utf8.h"
#include "util/error.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

namespace bitcliff {

namespace {

std::u16string toUtf16(std::string_view text)
{
    std::u16string out(text.size(), u'\0'); // UTF-16 never needs more units than UTF-8 bytes
    int32_t length = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(reinterpret_cast<UChar *>(out.data()), int32_t(out.size()), &length, text.data(),
                  int32_t(text.size()), &status);
    if (U_FAILURE(status))
        throw Error(std::string("text conversion to UTF-16 failed: ") + u_errorName(status));
    out.resize(size_t(length));
    return out;
}

std::string toUtf8(const std::u16string &text)
{
    std::string out(text.size() * 3, '\0');
    int32_t length = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strToUTF8(out.data(), int32_t(out.size()), &length, reinterpret_cast<const UChar *>(text.data()),
                int32_t(text.size()), &status);
    if (U_FAILURE(status))
        throw Error(std::string("text conversion to UTF-8 failed: ") + u_errorName(status));
    out.resize(size_t(length));
    return out;
}

const UNormalizer2 *icuNormalizer(NormalizerStep::Kind kind)
{
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = nullptr;
    switch (kind) {
    case NormalizerStep::Kind::Nfc:
        normalizer = unorm2_getNFCInstance(&status);
        break;
    case NormalizerStep::Kind::Nfd:
        normalizer = unorm2_getNFDInstance(&status);
        break;
    case NormalizerStep::Kind::Nfkc:
        normalizer = unorm2_getNFKCInstance(&status);
        break;
    default:
        normalizer = unorm2_getNFKDInstance(&status);
        break;
    }
    if (U_FAILURE(status) || !normalizer)
        throw Error(std::string("Unicode normalization is not available: ") + u_errorName(status));
    return normalizer;
}

bool isAscii(std::string_view text)
{
    for (const char c : text)
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    return true;
}

std::string unicodeNormalized(std::string_view text, NormalizerStep::Kind kind)
{
    if (isAscii(text)) // ASCII is invariant under all four forms
        return std::string(text);
    const UNormalizer2 *normalizer = icuNormalizer(kind);
    const std::u16string source = toUtf16(text);
    UErrorCode status = U_ZERO_ERROR;
    const auto *units = reinterpret_cast<const UChar *>(source.data());
    if (unorm2_isNormalized(normalizer, units, int32_t(source.size()), &status) && U_SUCCESS(status))
        return std::string(text);
    status = U_ZERO_ERROR;
    int32_t capacity = int32_t(source.size() * 2 + 16);
    for (int attempt = 0; attempt < 2; ++attempt) {
        std::u16string target(size_t(capacity), u'\0');
        status = U_ZERO_ERROR;
        const int32_t length = unorm2_normalize(normalizer, units, int32_t(source.size()),
                                                reinterpret_cast<UChar *>(target.data()), capacity, &status);
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            capacity = length;
            continue;
        }
        if (U_FAILURE(status))
            break;
        target.resize(size_t(length));
        return toUtf8(target);
    }
    throw Error(std::string("Unicode normalization failed: ") + u_errorName(status));
}

std::string lowercased(std::string_view text)
{
    if (isAscii(text)) {
        std::string out(text);
        for (char &c : out)
            if (c >= 'A' && c <= 'Z')
                c = char(c - 'A' + 'a');
        return out;
    }
    const std::u16string source = toUtf16(text);
    std::u16string target(source.size() * 2 + 16, u'\0');
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length = u_strToLower(reinterpret_cast<UChar *>(target.data()), int32_t(target.size()),
                                        reinterpret_cast<const UChar *>(source.data()), int32_t(source.size()), "",
                                        &status);
    if (U_FAILURE(status))
        throw Error(std::string("lowercasing failed: ") + u_errorName(status));
    target.resize(size_t(length));
    return toUtf8(target);
}

std::string stripped(std::string_view text, bool left, bool right)
{
    size_t begin = 0, end = text.size();
    while (left && begin < end && isWhiteSpace(utf8::codePointAt(text, begin)))
        begin += utf8::sequenceLength(text, begin);
    while (right && end > begin) {
        size_t last = end - 1;
        while (last > begin && (static_cast<unsigned char>(text[last]) & 0xC0) == 0x80)
            --last;
        if (!isWhiteSpace(utf8::codePointAt(text, last)))
            break;
        end = last;
    }
    return std::string(text.substr(begin, end - begin));
}

std::string replaced(std::string_view text, const SplitPattern &pattern, const std::string &with)
{
    std::vector<std::pair<size_t, size_t>> matches;
    pattern.findAll(text, matches);
    if (matches.empty())
        return std::string(text);
    std::string out;
    out.reserve(text.size() + matches.size() * with.size());
    size_t previous = 0;
    for (const auto &[begin, end] : matches) {
        out.append(text.substr(previous, begin - previous));
        out += with;
        previous = end;
    }
    out.append(text.substr(previous));
    return out;
}

} // namespace

Normalizer::Normalizer(std::vector<NormalizerStep> steps)
    : m_steps(std::move(steps))
{
}

std::string Normalizer::apply(std::string_view text) const
{
    std::string current(text);
    for (const NormalizerStep &step : m_steps) {
        switch (step.kind) {
        case NormalizerStep::Kind::Nfc:
        case NormalizerStep::Kind::Nfd:
        case NormalizerStep::Kind::Nfkc:
        case NormalizerStep::Kind::Nfkd:
            current = unicodeNormalized(current, step.kind);
            break;
        case NormalizerStep::Kind::Prepend:
            if (!current.empty())
                current.insert(0, step.text);
            break;
        case NormalizerStep::Kind::Replace:
            current = replaced(current, *step.pattern, step.text);
            break;
        case NormalizerStep::Kind::Strip:
            current = stripped(current, step.left, step.right);
            break;
        case NormalizerStep::Kind::Lowercase:
            current = lowercased(current);
            break;
        }
    }
    return current;
}

std::vector<NormalizerStep> sentencePieceEscaping(bool prependSpace)
{
    constexpr const char *kMetaspace = "\xE2\x96\x81";
    std::vector<NormalizerStep> steps(prependSpace ? 2 : 1);
    if (prependSpace) {
        steps.front().kind = NormalizerStep::Kind::Prepend;
        steps.front().text = kMetaspace;
    }
    steps.back().kind = NormalizerStep::Kind::Replace;
    steps.back().text = kMetaspace;
    steps.back().pattern = std::make_shared<const SplitPattern>(" ", false);
    return steps;
}

bool isWordCharacter(char32_t c)
{
    // Rust regex's \w: alphabetic, marks, decimal digits, connector punctuation, joiners.
    const auto u = UChar32(c);
    return u_hasBinaryProperty(u, UCHAR_ALPHABETIC) || u_hasBinaryProperty(u, UCHAR_JOIN_CONTROL)
        || (U_GET_GC_MASK(u) & (U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK)) != 0;
}

bool isWhiteSpace(char32_t c) { return u_isUWhiteSpace(UChar32(c)); }

} // namespace bitcliff
