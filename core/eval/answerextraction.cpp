#include "eval/answerextraction.h"

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

// Full-width digits (U+FF10..U+FF19, EF BC 90..99) and minus (U+FF0D) become ASCII.
std::string asciiDigits(std::string_view text)
{
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
        if (i + 2 < text.size() && byte(i) == 0xEF && byte(i + 1) == 0xBC && byte(i + 2) >= 0x90 && byte(i + 2) <= 0x99) {
            out.push_back(char('0' + (byte(i + 2) - 0x90)));
            i += 2;
        } else if (i + 2 < text.size() && byte(i) == 0xEF && byte(i + 1) == 0xBC && byte(i + 2) == 0x8D) {
            out.push_back('-');
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

bool isNumber(std::string_view text)
{
    size_t i = (!text.empty() && text[0] == '-') ? 1 : 0;
    if (i == text.size())
        return false;
    bool dot = false;
    for (; i < text.size(); ++i) {
        if (text[i] == '.' && !dot)
            dot = true;
        else if (!std::isdigit(static_cast<unsigned char>(text[i])))
            return false;
    }
    return text.back() != '.';
}

// The first number of `line`: optional minus, digits with ',' thousands separators dropped,
// optional decimals.
std::string firstNumber(const std::string &line)
{
    for (size_t i = 0; i < line.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(line[i])))
            continue;
        std::string number = (i > 0 && line[i - 1] == '-') ? "-" : "";
        size_t j = i;
        for (; j < line.size(); ++j) {
            const char c = line[j];
            if (std::isdigit(static_cast<unsigned char>(c)))
                number.push_back(c);
            else if (c == ',' && j + 1 < line.size() && std::isdigit(static_cast<unsigned char>(line[j + 1])))
                continue;
            else
                break;
        }
        if (j + 1 < line.size() && line[j] == '.' && std::isdigit(static_cast<unsigned char>(line[j + 1]))) {
            number.push_back('.');
            for (++j; j < line.size() && std::isdigit(static_cast<unsigned char>(line[j])); ++j)
                number.push_back(line[j]);
        }
        return number;
    }
    return {};
}

} // namespace

std::string extractAnswer(std::string_view generated, std::string_view expected)
{
    const std::string line = asciiDigits(firstContentLine(generated));
    if (isNumber(trim(expected)))
        return firstNumber(line);
    std::string_view answer = line;
    if (!answer.empty() && answer.back() == '.')
        answer.remove_suffix(1);
    return std::string(trim(answer));
}

bool answerMatches(std::string_view generated, std::string_view expected)
{
    const std::string answer = extractAnswer(generated, expected);
    return !answer.empty() && answer == trim(expected);
}

bool generationComplete(std::string_view generated)
{
    const size_t newline = generated.find('\n', generated.find_first_not_of(" \t\r\n"));
    return generated.find_first_not_of(" \t\r\n") != std::string_view::npos && newline != std::string_view::npos;
}

} // namespace bitcliff
