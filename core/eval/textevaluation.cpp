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

TextEvaluation compareText(CachedSequence &base, CachedSequence &quantized, const PreparedText &text,
                           LogitComparisonAccumulator &total, WorkMeter &meter)
{
    TextEvaluation result = describe(text);
    LogitComparisonAccumulator comparison;
    const int first = text.plan.firstScored;
    const size_t vocab = size_t(base.vocab());
    for (int chunk = 0; chunk < text.plan.chunks; ++chunk) {
        const std::vector<int32_t> tokens = chunkTokens(text, chunk);
        const std::span<const float> baseLogits = base.run(tokens, first);
        meter.advance(text.plan.nCtx);
        const std::span<const float> quantizedLogits = quantized.run(tokens, first);
        const int64_t offset = int64_t(chunk) * text.plan.nCtx;
        for (int j = first; j < text.plan.nCtx - 1; ++j) {
            const size_t row = size_t(j - first) * vocab;
            const LogitRow baseRow(baseLogits.subspan(row, vocab));
            const LogitRow quantizedRow(quantizedLogits.subspan(row, vocab));
            const int32_t next = text.tokens[size_t(offset + j + 1)];
            comparison.add(baseRow, quantizedRow, next);
            total.add(baseRow, quantizedRow, next);
        }
        meter.advance(text.plan.nCtx);
    }
    result.comparison = comparison.result();
    result.perplexity = result.comparison->quantized;
    return result;
}

} // namespace bitcliff
