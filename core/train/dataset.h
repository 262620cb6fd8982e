#pragma once
// Training documents → packed sequences for Batches.
//
// Tokens of a document: a text document is encode(text) followed by the line end
// (encode("\n")); a prompt/answer document is encode(prompt), encode(answer), line end. Loss is
// taken on predicting every token of a text document and on the answer's tokens and the line
// end of a prompt/answer document (the model learns to end its answer), never on predicting
// BOS or the prompt.
//
// Packing: the documents are shuffled (seeded), the first ones held out; each part is then
// packed greedily in that order into sequences of `context` tokens that start with BOS (when
// the tokenizer's own setup adds one, Tokenizer::addsBos); documents are appended whole and
// never split: one that no longer fits starts the next sequence. The rest of a sequence is
// padding (token 0, target -1). Position i's target is token i+1 when its loss is taken, else
// -1; the last position of a sequence has none.
#include "train/batch.h"
#include "train/trainingdocuments.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace bitcliff {
class Tokenizer;
}

namespace bitcliff::train {

struct HeldOutSplit
{
    int64_t documents = 0; // this many documents, when > 0
    double fraction = 0.0; // else this fraction of them (rounded to the nearest count)
};

struct PackOptions
{
    int64_t context = 256; // tokens per sequence
    uint64_t seed = 0;     // document shuffle
    HeldOutSplit heldOut;
    int threads = 0;       // tokenization workers (0: one per core)
};

// Sequences of one length, row after row.
struct SequenceSet
{
    int64_t length = 0;
    std::vector<int32_t> tokens;  // count() × length
    std::vector<int32_t> targets; // count() × length, -1 where no loss is taken

    int64_t count() const { return length > 0 ? int64_t(tokens.size()) / length : 0; }
    int64_t countedTargets() const;
    // A batch of the sequences at `indices`, in that order.
    Batch batch(std::span<const int64_t> indices) const;
};

struct TrainingData
{
    SequenceSet train;
    SequenceSet heldOut; // empty when nothing is held out
    int64_t trainDocuments = 0;
    int64_t heldOutDocuments = 0;

    // Hex hash of every token and target of both sets: a resumed run checks it gets the same data.
    std::string fingerprint() const;
};

// Throws Error for no documents, a context < 2, a held-out split that leaves no training
// document, or a document that does not fit the context (naming it and its token count).
TrainingData packDocuments(const std::vector<TrainingDocument> &documents, const Tokenizer &tokenizer,
                           const PackOptions &options);

} // namespace bitcliff::train
