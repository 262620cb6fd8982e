#pragma once
// The demo model's training documents: an endless, deterministic stream drawn from the
// training side of a DemoDataset (held-out questions and sentences never appear). Each
// document is {prompt, answer}; the trainer takes its loss on the answer. Arithmetic puts the
// question in the prompt ("17+31=") and the answer or scratchpad in the answer; sentence
// passages and digit pairs have an empty prompt, so the loss covers their whole text.
// Tokenizing prompt and answer apart gives the same tokens as the whole text: the demo
// tokenizer's pre-tokenizer splits after '=' and ':' anyway.
#include "demo/demodataset.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bitcliff {

// Shares are of tokens, counted as Unicode code points (the demo tokenizer spends about one
// token per digit or operator in either script).
struct DemoMix
{
    // Arithmetic tokens by tier (normalised; the study's 20/30/50 easy/medium/hard).
    double easyShare = 0.2, mediumShare = 0.3, hardShare = 0.5;
    // Arithmetic items and sentence passages in the rare script (Devanagari digits, Hindi).
    double rareScriptShare = 0.10;
    // Of all tokens: sentence passages, and digit-pairing documents ("१५=15 7=७ ...") that
    // teach the rare digits by their common twins (the study's rare script at 10 % without
    // such help was not learned in one run).
    double sentenceShare = 0.08;
    double digitPairShare = 0.02;
    int pairsPerDocument = 4;
    int maxPairedNumber = 199; // pairs cover 0..199 (arithmetic numbers go up to 198)
    int minSentencesPerPassage = 2, maxSentencesPerPassage = 4;
};

// Throws Error naming the first bad field.
void validateDemoMix(const DemoMix &mix);

enum class DemoDocumentKind : uint8_t { Arithmetic, Sentences, DigitPairs };

struct DemoDocument
{
    DemoDocumentKind kind = DemoDocumentKind::Arithmetic;
    DemoTier tier = DemoTier::Easy;         // Arithmetic
    DemoScript script = DemoScript::Common; // DigitPairs: Rare
    std::string key;                        // Arithmetic: DemoQuestion::key()
    std::string prompt;
    std::string answer;
    std::string text() const { return prompt + answer; }
};

// Code points of UTF-8 text.
size_t codePointCount(const std::string &text);

class DemoTrainingStream
{
public:
    // The categories the stream draws from, in the order of shares()/produced().
    enum Category { Easy, Medium, Hard, Sentences, DigitPairs, CategoryCount };

    // `data` must outlive the stream. Throws Error for a bad mix (validateDemoMix).
    DemoTrainingStream(const DemoDataset &data, const DemoMix &mix = {}, uint64_t seed = 1);

    DemoDocument next();
    std::vector<DemoDocument> take(size_t documents);
    // Documents until they hold at least `codePoints` code points.
    std::vector<DemoDocument> takeCodePoints(size_t codePoints);

    // Target share of code points per category, and code points produced so far.
    const std::array<double, CategoryCount> &shares() const { return m_shares; }
    const std::array<size_t, CategoryCount> &produced() const { return m_produced; }

private:
    DemoDocument draw(Category category, DemoRng &rng) const;

    const DemoDataset &m_data;
    DemoMix m_mix;
    DemoRng m_rng;
    std::array<double, CategoryCount> m_shares{};
    std::array<double, CategoryCount> m_drawWeights{}; // share / mean document length
    std::array<size_t, CategoryCount> m_produced{};
};

} // namespace bitcliff
