#include "eval/textevaluation.h"

#include "util/parallelfor.h"

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

// The chunk as the model runs it: llama.cpp puts BOS in place of the first token when the
// model adds one. Its last token is left out: no scored position sees it (causal attention),
// and its logits would predict past the chunk.
std::vector<int32_t> chunkTokens(const PreparedText &text, int index)
{
    std::vector<int32_t> tokens = perplexityChunk(text.tokens, text.plan, index, text.bos);
    tokens.pop_back();
    return tokens;
}

// work(position, worker) for the chunk's scored positions, on the model's threads (the
// metrics of a 32k-150k vocabulary cost as much as a small model's forward pass). Each
// position writes its own result, and callers add them up in order: the figures do not
// depend on the thread count.
void forEachScored(const PerplexityPlan &plan, int threads, const std::function<void(size_t, int)> &work)
{
    parallelForEach(size_t(plan.scoredPerChunk()), threads, [](size_t) { return uint64_t(1); }, work, {});
}

} // namespace

TextEvaluation evaluateText(CachedSequence &model, const PreparedText &text, NllAccumulator &total, WorkMeter &meter)
{
    TextEvaluation result = describe(text);
    NllAccumulator nll;
    const int first = text.plan.firstScored;
    const size_t vocab = size_t(model.vocab());
    std::vector<double> values(size_t(text.plan.scoredPerChunk()));
    for (int chunk = 0; chunk < text.plan.chunks; ++chunk) {
        const std::span<const float> logits = model.run(chunkTokens(text, chunk), first);
        const size_t offset = size_t(chunk) * size_t(text.plan.nCtx) + size_t(first) + 1; // the first scored's next
        forEachScored(text.plan, model.threads(), [&](size_t i, int) {
            values[i] = -LogitRow(logits.subspan(i * vocab, vocab)).logProb(text.tokens[offset + i]);
        });
        for (const double value : values) {
            nll.add(value);
            total.add(value);
        }
        meter.advance(text.plan.nCtx);
    }
    result.perplexity = perplexityOf(nll);
    return result;
}

std::vector<TextEvaluation> compareText(CachedSequence &base, const std::vector<CachedSequence *> &quantized,
    const PreparedText &text, std::vector<LogitComparisonAccumulator> &totals, WorkMeter &meter)
{
    std::vector<LogitComparisonAccumulator> comparisons(quantized.size());
    const int first = text.plan.firstScored;
    const size_t vocab = size_t(base.vocab()), schemes = quantized.size();
    const int threads = base.threads();
    std::vector<std::vector<double>> baseExps(
        size_t(parallelWorkerCount(size_t(text.plan.scoredPerChunk()), threads)), std::vector<double>(vocab));
    std::vector<std::span<const float>> logits(schemes);
    std::vector<ComparedPosition> compared(size_t(text.plan.scoredPerChunk()) * schemes);
    for (int chunk = 0; chunk < text.plan.chunks; ++chunk) {
        const std::vector<int32_t> tokens = chunkTokens(text, chunk);
        // Every model's logits of the chunk at once (each sequence keeps its own): the base
        // row of a position is prepared once, for all schemes, while it is in cache.
        const std::span<const float> baseLogits = base.run(tokens, first);
        meter.advance(text.plan.nCtx);
        for (size_t s = 0; s < schemes; ++s) {
            logits[s] = quantized[s]->run(tokens, first);
            meter.advance(text.plan.nCtx);
        }
        const size_t offset = size_t(chunk) * size_t(text.plan.nCtx) + size_t(first) + 1; // the first scored's next
        forEachScored(text.plan, threads, [&](size_t i, int worker) {
            double *exps = baseExps[size_t(worker)].data();
            const LogitRow baseRow(baseLogits.subspan(i * vocab, vocab), exps);
            const int32_t next = text.tokens[offset + i];
            for (size_t s = 0; s < schemes; ++s)
                compared[i * schemes + s] = comparePosition(baseRow, exps, logits[s].subspan(i * vocab, vocab), next);
        });
        for (size_t i = 0; i < compared.size(); ++i) {
            comparisons[i % schemes].add(compared[i]);
            totals[i % schemes].add(compared[i]);
        }
        for (size_t s = 0; s < schemes; ++s) {
            comparisons[s].endChunk();
            totals[s].endChunk();
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
