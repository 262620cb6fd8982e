#pragma once
// Exact-match scoring of generation tasks: the model's greedy output is cut at its first
// non-empty line; a numeric expected answer is compared with the first number in that line
// (full-width digits and thousands separators normalised), any other answer with the whole
// line, trimmed and without a final period.
#include <string>
#include <string_view>

namespace bitcliff {

// The answer the model gave, as it is compared ("" when the output has none).
std::string extractAnswer(std::string_view generated, std::string_view expected);
bool answerMatches(std::string_view generated, std::string_view expected);

// Whether greedy generation can stop: a line with content has been completed.
bool generationComplete(std::string_view generated);

} // namespace bitcliff
