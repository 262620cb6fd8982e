#include "demo/demotokenizertraining.h"

namespace bitcliff {

std::vector<std::string> demoTokenizerSample(const DemoDataset &data, const DemoMix &mix, uint64_t seed,
                                             size_t codePoints)
{
    DemoTrainingStream stream(data, mix, seed);
    std::vector<std::string> texts;
    for (const DemoDocument &document : stream.takeCodePoints(codePoints))
        texts.push_back(document.text());
    return texts;
}

BpeTrainingResult trainDemoTokenizer(const DemoDataset &data, const DemoMix &mix, const DemoTokenizerOptions &options,
                                     const ProgressCallback &progress)
{
    return trainByteLevelBpe(demoTokenizerSample(data, mix, options.sampleSeed, options.sampleCodePoints), options.bpe,
                             progress);
}

} // namespace bitcliff
