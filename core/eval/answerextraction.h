#pragma once
// Exact-match scoring of generation tasks: the model's greedy output is cut at its first
// non-empty line. By default a numeric expected answer is compared with the first number in
// that line, any other answer with the whole line, trimmed and without a final period.
// `AnswerMatch::LastNumber` compares the last number of the line with the last number of the
// expected answer (a worked solution such as "15-2=13;13-3=10;10-6=4" is scored on its "4").
// Numbers are read in any script: every Unicode decimal digit (full-width, Devanagari ०-९,
// Arabic-Indic...) counts as its ASCII digit, ',' thousands separators are dropped, and a '-'
// right before the digits is a sign unless a digit precedes it ("10-6" is 10 and 6).
#include <cstdint>
#include <string>
#include <string_view>

namespace bitcliff {

enum class AnswerMatch : uint8_t {
    Auto,      // numeric expected answer: first number of the line; otherwise the whole line
    LastNumber // last number of the line against the last number of the expected answer
};

// The answer the model gave, as it is compared ("" when the output has none).
std::string extractAnswer(std::string_view generated, std::string_view expected,
                          AnswerMatch match = AnswerMatch::Auto);
// What that is compared with: the expected answer as `match` reads it ("" when LastNumber
// finds no number in it).
std::string expectedAnswer(std::string_view expected, AnswerMatch match = AnswerMatch::Auto);
bool answerMatches(std::string_view generated, std::string_view expected, AnswerMatch match = AnswerMatch::Auto);

// Whether greedy generation can stop: a line with content has been completed.
bool generationComplete(std::string_view generated);

} // namespace bitcliff
