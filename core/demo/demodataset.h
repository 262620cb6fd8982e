#pragma once
// The demo data's held-out split: per tier a set of test questions, each asked in both
// scripts, and a set of test passages, parallel in both. Training draws never return a
// held-out question or sentence: a question is held out by its identity (DemoQuestion::key),
// so its common and rare items are both kept out of training. A hard question is also kept
// out of training when it shares a run of 3 or more steps with a held-out one (15-2-3-6-1:
// would otherwise write out the whole scratchpad of the held-out 15-2-3-6:, and 13-3-6-1: its
// last three steps). A training sentence is refused
// when a held-out sentence occurs in it, in either language (Hindi has no articles: the
// held-out पानी साफ़ है। would otherwise hide in मेरा पानी साफ़ है।). Deterministic from the seed.
#include "demo/demoarithmetic.h"
#include "demo/demosentences.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace bitcliff {

struct DemoSplitOptions
{
    uint64_t seed = 1;               // the split only; training streams take their own seeds
    int testQuestionsPerTier = 500;  // each asked in both scripts: 2 x 500 items per tier
    int testPassages = 50;
    int sentencesPerTestPassage = 4;
};

class DemoDataset
{
public:
    // Throws Error when a tier cannot spare the test questions (more than half its questions).
    explicit DemoDataset(const DemoSplitOptions &options = {});

    const DemoSplitOptions &options() const { return m_options; }

    // A test question, or a hard one sharing 3+ consecutive steps with a test question.
    bool isHeldOut(const DemoQuestion &question) const;
    // Whether `key` (DemoQuestion::key) is a test question's.
    bool isHeldOutQuestion(std::string_view key) const;
    // Whether a held-out sentence occurs in `sentence` (English in English, Hindi in Hindi).
    bool isHeldOut(const DemoSentence &sentence) const;

    // In the order drawn; distinct.
    const std::vector<DemoQuestion> &testQuestions(DemoTier tier) const;
    const std::vector<DemoPassage> &testPassages() const { return m_testPassages; }

    // sampleQuestion / sampleSentence, drawn again while the draw is held out.
    DemoQuestion trainingQuestion(DemoTier tier, DemoRng &rng) const;
    DemoSentence trainingSentence(DemoRng &rng) const;

private:
    DemoSplitOptions m_options;
    std::vector<DemoQuestion> m_testQuestions[3];
    std::vector<DemoPassage> m_testPassages;
    std::unordered_set<std::string> m_heldOutQuestions;
    std::unordered_set<std::string> m_heldOutChains; // keys of the test hard questions' runs of 3+ steps
};

} // namespace bitcliff
