#include "eval/textevaluation.h"

namespace bitcliff {
namespace {

TextEvaluation describe(const PreparedText &text)
{
    TextEvaluation result;
    result.name = text.text->name;
    result.language = text.text->language;
    result.fertility = measureFertility(text.text->text, int64_t(text.tokens.size()));
    return result;
}

// The chunk as the model sees it: llama.cpp puts BOS in place of the first token when the
// model adds one.
std::vector<int32_t> chunkTokens(const PreparedText &text, int index)
{
    return perplexityChunk(text.tokens, text.plan, index, text.bos);
}

} // namespace

TextEvaluation evaluateText(CachedSequence &model, const PreparedText &text, NllAccumulator &total, WorkMeter &meter)
{
    TextEvaluation result = describe(text);
    NllAccumulator nll;
    const int first = text.plan.firstScored;
    const size_t vocab = size_t(model.vocab());
    for (int chunk = 0; chunk < text.plan.chunks; ++chunk) {
        const std::vector<int32_t> tokens = chunkTokens(text, chunk);
        const std::span<const float> logits = model.run(tokens, first);
        const int64_t offset = int64_t(chunk) * text.plan.nCtx;
        for (int j = first; j < text.plan.nCtx - 1; ++j) {
            const LogitRow row(logits.subspan(size_t(j - first) * vocab, vocab));
            const double value = -row.logProb(text.tokens[size_t(offset + j + 1)]);
            nll.add(value);
            total.add(value);
        }
        meter.advance(text.plan.nCtx);
    }
    result.perplexity = perplexityOf(nll);
    return result;
}

std::vector<TextEvaluation> compareText(CachedSequence &base, const std::vector<CachedSequence *> &quantized,
                                        const PreparedText &text, std::vector<LogitComparisonAccumulator> &totals,
                                        WorkMeter &meter)
{
    std::vector<LogitComparisonAccumulator> comparisons(quantized.size());
    const int first = text.plan.firstScored;
    const size_t vocab = size_t(base.vocab());
    std::vector<LogitRow> baseRows;
    for (int chunk = 0; chunk < text.plan.chunks; ++chunk) {
        const std::vector<int32_t> tokens = chunkTokens(text, chunk);
        const std::span<const float> baseLogits = base.run(tokens, first);
        baseRows.clear();
        for (int j = first; j < text.plan.nCtx - 1; ++j)
            baseRows.emplace_back(baseLogits.subspan(size_t(j - first) * vocab, vocab));
        meter.advance(text.plan.nCtx);
        const int64_t offset = int64_t(chunk) * text.plan.nCtx;
        for (size_t s = 0; s < quantized.size(); ++s) {
            const std::span<const float> logits = quantized[s]->run(tokens, first);
            for (int j = first; j < text.plan.nCtx - 1; ++j) {
                const LogitRow row(logits.subspan(size_t(j - first) * vocab, vocab));
                const ComparedPosition position =
                    comparePosition(baseRows[size_t(j - first)], row, text.tokens[size_t(offset + j + 1)]);
                comparisons[s].add(position);
                totals[s].add(position);
            }
            meter.advance(text.plan.nCtx);
        }
    }
    std::vector<TextEvaluation> results;
    for (const LogitComparisonAccumulator &comparison : comparisons) {
        TextEvaluation result = describe(text);
        result.comparison = comparison.result();
        result.perplexity = result.comparison->quantized;
        results.push_back(std::move(result));
    }
    return results;
}

} // namespace bitcliff
