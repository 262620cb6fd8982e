#include "demo/demodataset.h"

#include "util/error.h"

namespace bitcliff {

namespace {

// Independent random streams of one seed.
constexpr uint64_t kQuestionStream = 1;
constexpr uint64_t kSentenceStream = 2;

// The keys of every run of at least kDemoHardMinSteps consecutive steps of a hard question,
// each as a question that starts from the value before its first step.
std::vector<std::string> chainKeys(const DemoQuestion &question)
{
    std::vector<std::string> keys;
    const std::vector<int> values = question.values();
    const size_t steps = question.steps.size();
    for (size_t first = 0; first + kDemoHardMinSteps <= steps; ++first)
        for (size_t end = first + kDemoHardMinSteps; end <= steps; ++end) {
            DemoQuestion run{DemoTier::Hard, values[first], {}};
            run.steps.assign(question.steps.begin() + long(first), question.steps.begin() + long(end));
            keys.push_back(run.key());
        }
    return keys;
}

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
            if (!m_heldOutQuestions.insert(question.key()).second)
                continue;
            if (tier == DemoTier::Hard)
                for (std::string &key : chainKeys(question))
                    m_heldOutChains.insert(std::move(key));
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

bool DemoDataset::isHeldOut(const DemoQuestion &question) const
{
    if (question.tier != DemoTier::Hard)
        return isHeldOutQuestion(question.key());
    for (const std::string &key : chainKeys(question))
        if (m_heldOutChains.contains(key))
            return true;
    return false;
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
