#include "train/dataset.h"

#include "tokenize/tokenizer.h"
#include "train/seededshuffle.h"
#include "util/error.h"
#include "util/parallelfor.h"

#include <cmath>
#include <cstdio>

namespace bitcliff::train {

namespace {

// The stream of the document shuffle (derivedSeed): apart from the trainer's epoch orders.
constexpr uint64_t kDocumentStream = 0xD0C5;

struct TokenizedDocument
{
    std::vector<int32_t> tokens;
    std::vector<uint8_t> counted; // 1: the loss of predicting this token is taken
};

TokenizedDocument tokenize(const TrainingDocument &document, const Tokenizer &tokenizer,
                           const std::vector<int32_t> &lineEnd)
{
    TokenizedDocument out;
    const auto append = [&out](const std::vector<int32_t> &tokens, bool counted) {
        out.tokens.insert(out.tokens.end(), tokens.begin(), tokens.end());
        out.counted.insert(out.counted.end(), tokens.size(), counted ? 1 : 0);
    };
    if (document.kind == TrainingDocument::Kind::Text) {
        append(tokenizer.encode(document.text, false), true);
    } else {
        append(tokenizer.encode(document.prompt, false), false);
        append(tokenizer.encode(document.answer, false), true);
    }
    append(lineEnd, true);
    return out;
}

std::string describe(const TrainingDocument &document, size_t index)
{
    return "document " + std::to_string(index + 1) + (document.origin.empty() ? "" : " (" + document.origin + ")");
}

// Packs the documents at `order` greedily into sequences of `context`.
SequenceSet pack(const std::vector<TokenizedDocument> &documents, std::span<const int64_t> order, int64_t context,
                 int32_t bos)
{
    SequenceSet set;
    set.length = context;
    std::vector<int32_t> tokens;
    std::vector<uint8_t> counted;
    const auto flush = [&] {
        if (tokens.size() <= (bos >= 0 ? 1u : 0u))
            return;
        const size_t base = set.tokens.size();
        set.tokens.resize(base + size_t(context), 0);
        set.targets.resize(base + size_t(context), -1);
        std::copy(tokens.begin(), tokens.end(), set.tokens.begin() + std::ptrdiff_t(base));
        for (size_t i = 0; i + 1 < tokens.size(); ++i)
            if (counted[i + 1])
                set.targets[base + i] = tokens[i + 1];
        tokens.clear();
        counted.clear();
    };
    for (const int64_t index : order) {
        const TokenizedDocument &document = documents[size_t(index)];
        if (int64_t(tokens.size() + document.tokens.size()) > context)
            flush();
        if (tokens.empty() && bos >= 0) {
            tokens.push_back(bos);
            counted.push_back(0);
        }
        tokens.insert(tokens.end(), document.tokens.begin(), document.tokens.end());
        counted.insert(counted.end(), document.counted.begin(), document.counted.end());
    }
    flush();
    return set;
}

int64_t heldOutCount(const HeldOutSplit &split, int64_t documents)
{
    if (split.documents < 0 || split.fraction < 0.0 || split.fraction >= 1.0)
        throw Error("held-out split: a count >= 0 or a fraction in [0, 1) expected");
    const int64_t count = split.documents > 0 ? split.documents : std::llround(split.fraction * double(documents));
    if (count >= documents)
        throw Error("held-out split: " + std::to_string(count) + " of " + std::to_string(documents)
                    + " documents held out leaves none to train on");
    return count;
}

void hashBytes(uint64_t &hash, const void *data, size_t size)
{
    const auto *bytes = static_cast<const unsigned char *>(data);
    for (size_t i = 0; i < size; ++i)
        hash = (hash ^ bytes[i]) * 0x100000001B3ull; // FNV-1a
}

} // namespace

int64_t SequenceSet::countedTargets() const
{
    return std::count_if(targets.begin(), targets.end(), [](int32_t t) { return t >= 0; });
}

Batch SequenceSet::batch(std::span<const int64_t> indices) const
{
    Batch batch;
    batch.sequences = int64_t(indices.size());
    batch.length = length;
    batch.tokens.reserve(indices.size() * size_t(length));
    batch.targets.reserve(indices.size() * size_t(length));
    for (const int64_t index : indices) {
        if (index < 0 || index >= count())
            throw Error("sequence " + std::to_string(index) + " out of range (" + std::to_string(count()) + ")");
        const auto first = std::ptrdiff_t(index * length);
        batch.tokens.insert(batch.tokens.end(), tokens.begin() + first, tokens.begin() + first + length);
        batch.targets.insert(batch.targets.end(), targets.begin() + first, targets.begin() + first + length);
    }
    return batch;
}

std::string TrainingData::fingerprint() const
{
    uint64_t hash = 0xCBF29CE484222325ull;
    for (const SequenceSet *set : {&train, &heldOut}) {
        hashBytes(hash, &set->length, sizeof set->length);
        hashBytes(hash, set->tokens.data(), set->tokens.size() * sizeof(int32_t));
        hashBytes(hash, set->targets.data(), set->targets.size() * sizeof(int32_t));
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
    return text;
}

TrainingData packDocuments(const std::vector<TrainingDocument> &documents, const Tokenizer &tokenizer,
                           const PackOptions &options)
{
    if (documents.empty())
        throw Error("no training documents");
    if (options.context < 2)
        throw Error("a training context of " + std::to_string(options.context) + " tokens is too short");
    const int32_t bos = tokenizer.addsBos() ? tokenizer.bosId() : -1;
    const std::vector<int32_t> lineEnd = tokenizer.encode("\n", false);

    std::vector<TokenizedDocument> tokenized(documents.size());
    parallelForEach(
        documents.size(), options.threads,
        [&](size_t i) {
            const TrainingDocument &d = documents[i];
            return uint64_t(d.text.size() + d.prompt.size() + d.answer.size()) + 1;
        },
        [&](size_t i, int) { tokenized[i] = tokenize(documents[i], tokenizer, lineEnd); }, {});
    const int64_t room = options.context - (bos >= 0 ? 1 : 0);
    for (size_t i = 0; i < tokenized.size(); ++i)
        if (int64_t(tokenized[i].tokens.size()) > room)
            throw Error(describe(documents[i], i) + " has " + std::to_string(tokenized[i].tokens.size())
                        + " tokens, more than the " + std::to_string(room) + " a context of "
                        + std::to_string(options.context) + " tokens holds" + (bos >= 0 ? " after BOS" : ""));

    const int64_t count = int64_t(documents.size());
    const std::vector<int64_t> order = shuffledOrder(count, derivedSeed(options.seed, kDocumentStream));
    const int64_t heldOut = heldOutCount(options.heldOut, count);
    const std::span<const int64_t> all(order);
    TrainingData data;
    data.heldOut = pack(tokenized, all.first(size_t(heldOut)), options.context, bos);
    data.train = pack(tokenized, all.subspan(size_t(heldOut)), options.context, bos);
    data.heldOut.length = options.context;
    data.trainDocuments = count - heldOut;
    data.heldOutDocuments = heldOut;
    if (data.train.countedTargets() == 0)
        throw Error("the training documents have no token to learn (every target is masked)");
    return data;
}

} // namespace bitcliff::train
