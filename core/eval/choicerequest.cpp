#include "eval/choicerequest.h"

#include "tokenize/tokenizer.h"

#include <algorithm>

namespace bitcliff {

ChoiceRequest makeChoiceRequest(const Tokenizer &tokenizer, std::string_view context, std::string_view choice,
                                bool addBos)
{
    std::string continuation = " " + std::string(choice);
    std::string contextText(context);
    const size_t kept = contextText.find_last_not_of(' ') == std::string::npos ? 0
                                                                                : contextText.find_last_not_of(' ') + 1;
    continuation.insert(0, contextText.substr(kept));
    contextText.resize(kept);

    const std::vector<int32_t> whole = tokenizer.encode(contextText + continuation, false);
    const size_t contextLength = std::min(tokenizer.encode(contextText, false).size(), whole.size() - 1);
    ChoiceRequest request;
    const int32_t bos = tokenizer.bosId();
    if (addBos && bos >= 0)
        request.tokens.push_back(bos);
    request.tokens.insert(request.tokens.end(), whole.begin(), whole.end());
    request.continuationStart = int(request.tokens.size() - (whole.size() - contextLength));
    if (request.continuationStart == 0) {
        // Nothing precedes the first scored token: lm-eval puts the end-of-text token there.
        const int32_t start = bos >= 0 ? bos : tokenizer.eosId();
        if (start >= 0) {
            request.tokens.insert(request.tokens.begin(), start);
            request.continuationStart = 1;
        }
    }
    return request;
}

int64_t codePointCount(std::string_view utf8)
{
    int64_t count = 0;
    for (const char c : utf8)
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return count;
}

int bestChoice(const std::vector<double> &logLikelihoods)
{
    return int(std::max_element(logLikelihoods.begin(), logLikelihoods.end()) - logLikelihoods.begin());
}

int bestChoiceNormalized(const std::vector<double> &logLikelihoods, const std::vector<std::string> &choices)
{
    std::vector<double> normalized(logLikelihoods.size());
    for (size_t i = 0; i < normalized.size(); ++i)
        normalized[i] = logLikelihoods[i] / double(std::max<int64_t>(1, codePointCount(choices[i])));
    return bestChoice(normalized);
}

} // namespace bitcliff
