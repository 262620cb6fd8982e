#include "demo/demodataset.h"

#include "util/error.h"

namespace bitcliff {

namespace {
// Independent random streams of one seed.
constexpr uint64_t kQuestionStream = 1;
constexpr uint64_t kSentenceStream = 2;
} // namespace

DemoDataset::DemoDataset(const DemoSplitOptions &options)
    : m_options(options)
{
    if (options.testQuestionsPerTier < 1 || options.testPassages < 0 || options.sentencesPerTestPassage < 1)
        throw Error("demo data: test questions per tier must be at least 1, test passages not negative, "
                    "sentences per passage at least 1");
    DemoRng questions(options.seed, kQuestionStream);
    for (const DemoTier tier : kDemoTiers) {
        if (2 * uint64_t(options.testQuestionsPerTier) > demoQuestionCount(tier))
            throw Error("demo data: " + std::to_string(options.testQuestionsPerTier) + " test questions would hold out more than half of the "
                        + std::to_string(demoQuestionCount(tier)) + " " + demoTierName(tier) + " questions");
        auto &list = m_testQuestions[size_t(tier)];
        while (list.size() < size_t(options.testQuestionsPerTier)) {
            DemoQuestion question = sampleQuestion(tier, questions);
            if (m_heldOutQuestions.insert(question.key()).second)
                list.push_back(std::move(question));
        }
    }
    DemoRng sentences(options.seed, kSentenceStream);
    std::unordered_set<std::string> distinct;
    for (int p = 0; p < options.testPassages; ++p) {
        DemoPassage passage;
        while (passage.sentences.size() < size_t(options.sentencesPerTestPassage)) {
            DemoSentence sentence = sampleSentence(sentences);
            if (distinct.insert(sentence.en).second)
                passage.sentences.push_back(std::move(sentence));
        }
        m_testPassages.push_back(std::move(passage));
    }
}

bool DemoDataset::isHeldOutQuestion(std::string_view key) const
{
    return m_heldOutQuestions.contains(std::string(key));
}

bool DemoDataset::isHeldOut(const DemoSentence &sentence) const
{
    for (const DemoPassage &passage : m_testPassages)
        for (const DemoSentence &heldOut : passage.sentences)
            if (sentence.en.find(heldOut.en) != std::string::npos || sentence.hi.find(heldOut.hi) != std::string::npos)
                return true;
    return false;
}

const std::vector<DemoQuestion> &DemoDataset::testQuestions(DemoTier tier) const
{
    return m_testQuestions[size_t(tier)];
}

DemoQuestion DemoDataset::trainingQuestion(DemoTier tier, DemoRng &rng) const
{
    for (;;) {
        DemoQuestion question = sampleQuestion(tier, rng);
        if (!isHeldOut(question))
            return question;
    }
}

DemoSentence DemoDataset::trainingSentence(DemoRng &rng) const
{
    for (;;) {
        DemoSentence sentence = sampleSentence(rng);
        if (!isHeldOut(sentence))
            return sentence;
    }
}

} // namespace bitcliff
