#include "eval/evalworkload.h"

#include "tokenize/tokenizer.h"
#include "util/error.h"

#include <algorithm>

namespace bitcliff {

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
            length = int(prepared.prompt.size()) + spec.maxNewTokens;
            prepared.tokens = double(length);
        }
        workload.taskTokens += prepared.tokens;
        workload.maxContext = std::max(workload.maxContext, length);
        workload.tasks.push_back(std::move(prepared));
    }
    return workload;
}

} // namespace bitcliff
