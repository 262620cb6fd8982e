#include "eval/evalworkload.h"

#include "tokenize/tokenizer.h"
#include "util/error.h"

#include <algorithm>

namespace bitcliff {

namespace {

int64_t codePoints(const std::string &text)
{
    int64_t count = 0;
    for (const char c : text)
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return count;
}

} // namespace


EvalWorkload prepareWorkload(const EvalSpec &spec)
{
    const Tokenizer &tokenizer = *spec.tokenizer;
    const bool bos = tokenizer.addsBos() && tokenizer.bosId() >= 0;
    EvalWorkload workload;
    workload.maxContext = spec.nCtx;
    for (const CorpusText &text : spec.texts) {
        PreparedText prepared;
        prepared.text = &text;
        prepared.tokens = tokenizer.encode(text.text, bos);
        prepared.bos = bos ? tokenizer.bosId() : -1;
        try {
            prepared.plan = planPerplexity(int64_t(prepared.tokens.size()), spec.nCtx);
        } catch (const Error &error) {
            throw Error(text.name + ": " + error.what());
        }
        workload.textTokens += double(prepared.plan.chunks) * spec.nCtx;
        workload.texts.push_back(std::move(prepared));
    }
    for (const TaskItem &item : spec.tasks) {
        PreparedTask prepared;
        int length = 0;
        if (item.kind == TaskKind::Choice) {
            for (const std::string &choice : item.choices) {
                prepared.choices.push_back(makeChoiceRequest(tokenizer, item.context, choice, bos));
                length = std::max(length, int(prepared.choices.back().tokens.size()));
                prepared.tokens += double(prepared.choices.back().tokens.size());
            }
        } else {
            prepared.prompt = tokenizer.encode(item.context, bos);
            // Prompt and answer tokenized apart, as a trainer sees a prompt/answer pair.
            prepared.answered = prepared.prompt;
            for (const int32_t token : tokenizer.encode(item.answer, false))
                prepared.answered.push_back(token);
            prepared.answerCodePoints = codePoints(item.answer);
            length = int(std::max(prepared.prompt.size() + size_t(spec.maxNewTokens), prepared.answered.size()));
            prepared.tokens = double(length) + double(prepared.answered.size());
        }
        workload.taskTokens += prepared.tokens;
        workload.maxContext = std::max(workload.maxContext, length);
        workload.tasks.push_back(std::move(prepared));
    }
    return workload;
}

} // namespace bitcliff
