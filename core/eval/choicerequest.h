#pragma once
// Multiple-choice requests as lm-eval-harness builds them: the continuation is
// " " + choice, trailing spaces of the context move onto it, and the continuation's tokens are
// those of encode(context + continuation) past the length of encode(context).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bitcliff {

class Tokenizer;

struct ChoiceRequest
{
    std::vector<int32_t> tokens; // everything the model sees (BOS when the model adds one)
    int continuationStart = 0;   // tokens[continuationStart..] are scored
};

ChoiceRequest makeChoiceRequest(const Tokenizer &tokenizer, std::string_view context, std::string_view choice,
                                bool addBos);

// Length in Unicode code points, the length acc_norm divides by.
int64_t codePointCount(std::string_view utf8);

// acc / acc_norm decision: the index of the highest log-likelihood (first wins on ties), and
// of the highest log-likelihood per code point of the choice text.
int bestChoice(const std::vector<double> &logLikelihoods);
int bestChoiceNormalized(const std::vector<double> &logLikelihoods, const std::vector<std::string> &choices);

} // namespace bitcliff
