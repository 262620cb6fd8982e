#include "eval/answerextraction.h"

#include "tokenize/utf8.h"

#include <unicode/uchar.h>

#include <cctype>

namespace bitcliff {
namespace {

std::string_view trim(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::string_view firstContentLine(std::string_view text)
{
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = trim(text.substr(start, end - start));
        if (!line.empty())
            return line;
        start = end + 1;
    }
    return {};
}

// Every Unicode decimal digit (general category Nd: full-width, Devanagari, Arabic-Indic...)
// becomes its ASCII digit, the full-width minus (U+FF0D) and the minus sign (U+2212) '-';
// anything else, invalid UTF-8 included, is copied.
std::string asciiDigits(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const size_t length = utf8::sequenceLength(text, i);
        if (length <= 1) {
            out.push_back(text[i]);
            ++i;
            continue;
        }
        const char32_t c = utf8::codePointAt(text, i);
        if (u_charType(UChar32(c)) == U_DECIMAL_DIGIT_NUMBER)
            out.push_back(char('0' + u_charDigitValue(UChar32(c))));
        else if (c == U'\uFF0D' || c == U'\u2212')
            out.push_back('-');
        else
            out.append(text.substr(i, length));
        i += length;
    }
    return out;
}

bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

bool isNumber(std::string_view text)
{
    size_t i = (!text.empty() && text[0] == '-') ? 1 : 0;
    if (i == text.size())
        return false;
    bool dot = false;
    for (; i < text.size(); ++i) {
        if (text[i] == '.' && !dot)
            dot = true;
        else if (!isDigit(text[i]))
            return false;
    }
    return text.back() != '.';
}

// The number that starts with the digit at line[i]: a sign when a '-' stands right before it
// and no digit before that, digits with ',' thousands separators dropped, optional decimals.
// `end` receives the offset after it.
std::string numberAt(const std::string &line, size_t i, size_t &end)
{
    const bool sign = i > 0 && line[i - 1] == '-' && (i < 2 || !isDigit(line[i - 2]));
    std::string number = sign ? "-" : "";
    size_t j = i;
    for (; j < line.size(); ++j) {
        const char c = line[j];
        if (isDigit(c))
            number.push_back(c);
        else if (c == ',' && j + 1 < line.size() && isDigit(line[j + 1]))
            continue;
        else
            break;
    }
    if (j + 1 < line.size() && line[j] == '.' && isDigit(line[j + 1])) {
        number.push_back('.');
        for (++j; j < line.size() && isDigit(line[j]); ++j)
            number.push_back(line[j]);
    }
    end = j;
    return number;
}

// The first or the last number of `line` (ASCII digits), "" when it has none.
std::string findNumber(const std::string &line, bool last)
{
    std::string found;
    for (size_t i = 0; i < line.size();) {
        if (!isDigit(line[i])) {
            ++i;
            continue;
        }
        found = numberAt(line, i, i);
        if (!last)
            break;
    }
    return found;
}

} // namespace

std::string expectedAnswer(std::string_view expected, AnswerMatch match)
{
    const std::string normalized = asciiDigits(trim(expected));
    if (match == AnswerMatch::LastNumber)
        return findNumber(normalized, true);
    return normalized;
}

std::string extractAnswer(std::string_view generated, std::string_view expected, AnswerMatch match)
{
    const std::string line = asciiDigits(firstContentLine(generated));
    if (match == AnswerMatch::LastNumber)
        return findNumber(line, true);
    if (isNumber(asciiDigits(trim(expected))))
        return findNumber(line, false);
    std::string_view answer = line;
    if (!answer.empty() && answer.back() == '.')
        answer.remove_suffix(1);
    return std::string(trim(answer));
}

bool answerMatches(std::string_view generated, std::string_view expected, AnswerMatch match)
{
    const std::string answer = extractAnswer(generated, expected, match);
    return !answer.empty() && answer == expectedAnswer(expected, match);
}

bool generationComplete(std::string_view generated)
{
    const size_t newline = generated.find('\n', generated.find_first_not_of(" \t\r\n"));
    return generated.find_first_not_of(" \t\r\n") != std::string_view::npos && newline != std::string_view::npos;
}

} // namespace bitcliff
