#pragma once
// The trained demo model's own tokenizer: byte-level BPE (tokenize/bpetrainer.h) learned on a
// sample of the training mix, so the rare script gets the merges its share earns (fewer: more
// tokens per character). (demotokenizer.h is the synthetic checkpoint's byte tokenizer.)
#include "demo/demostream.h"
#include "tokenize/bpetrainer.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bitcliff {

struct DemoTokenizerOptions
{
    size_t sampleCodePoints = 400000; // of training documents
    uint64_t sampleSeed = 1;          // the sample's DemoTrainingStream seed
    BpeTrainerOptions bpe;            // vocabulary 512, <|begin_of_text|>, <|end_of_text|>
};

// The texts of training documents drawn from DemoTrainingStream(data, mix, seed), until they
// hold at least `codePoints` code points.
std::vector<std::string> demoTokenizerSample(const DemoDataset &data, const DemoMix &mix, uint64_t seed,
                                             size_t codePoints);

BpeTrainingResult trainDemoTokenizer(const DemoDataset &data, const DemoMix &mix = {},
                                     const DemoTokenizerOptions &options = {}, const ProgressCallback &progress = {});

} // namespace bitcliff
