#include "demo/demostream.h"

#include "util/error.h"

#include <cmath>

namespace bitcliff {

namespace {

constexpr uint64_t kStreamStream = 3;     // the documents
constexpr uint64_t kEstimateStream = 4;   // mean document lengths
constexpr int kEstimateDraws = 2000;

void require(bool ok, const std::string &what)
{
    if (!ok)
        throw Error("demo mix: " + what);
}

bool isShare(double value) { return std::isfinite(value) && value >= 0 && value <= 1; }

} // namespace

void validateDemoMix(const DemoMix &mix)
{
    for (const double share : {mix.easyShare, mix.mediumShare, mix.hardShare})
        require(std::isfinite(share) && share >= 0, "tier shares must be finite and not negative");
    require(mix.easyShare + mix.mediumShare + mix.hardShare > 0, "at least one tier share must be positive");
    require(isShare(mix.rareScriptShare), "rareScriptShare must be in [0, 1]");
    require(isShare(mix.sentenceShare) && isShare(mix.digitPairShare), "sentenceShare and digitPairShare must be in [0, 1]");
    require(mix.sentenceShare + mix.digitPairShare < 1, "sentenceShare + digitPairShare must leave room for arithmetic");
    require(mix.pairsPerDocument >= 1, "pairsPerDocument must be at least 1");
    require(mix.maxPairedNumber >= 9, "maxPairedNumber must be at least 9");
    require(mix.minSentencesPerPassage >= 1 && mix.maxSentencesPerPassage >= mix.minSentencesPerPassage,
            "sentences per passage: 1 <= min <= max");
}

size_t codePointCount(const std::string &text)
{
    size_t count = 0;
    for (const char c : text)
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
}

DemoTrainingStream::DemoTrainingStream(const DemoDataset &data, const DemoMix &mix, uint64_t seed)
    : m_data(data)
    , m_mix(mix)
    , m_rng(seed, kStreamStream)
{
    validateDemoMix(mix);
    const double arithmetic = 1 - mix.sentenceShare - mix.digitPairShare;
    const double tiers = mix.easyShare + mix.mediumShare + mix.hardShare;
    m_shares = {arithmetic * mix.easyShare / tiers, arithmetic * mix.mediumShare / tiers,
                arithmetic * mix.hardShare / tiers, mix.sentenceShare, mix.digitPairShare};
    // Categories are drawn by share / mean length, so that their code points follow the shares.
    DemoRng estimate(seed, kEstimateStream);
    double total = 0;
    for (int c = 0; c < CategoryCount; ++c) {
        size_t length = 0;
        for (int i = 0; i < kEstimateDraws; ++i)
            length += codePointCount(draw(Category(c), estimate).text());
        m_drawWeights[size_t(c)] = m_shares[size_t(c)] * kEstimateDraws / double(length);
        total += m_drawWeights[size_t(c)];
    }
    for (double &weight : m_drawWeights)
        weight /= total;
}

DemoDocument DemoTrainingStream::draw(Category category, DemoRng &rng) const
{
    DemoDocument document;
    document.script = rng.chance(m_mix.rareScriptShare) ? DemoScript::Rare : DemoScript::Common;
    if (category <= Hard) {
        document.kind = DemoDocumentKind::Arithmetic;
        document.tier = DemoTier(category);
        const DemoQuestion question = m_data.trainingQuestion(document.tier, rng);
        const DemoItem item = renderQuestion(question, document.script);
        document.key = question.key();
        document.prompt = item.prompt;
        document.answer = item.answer;
    } else if (category == Sentences) {
        document.kind = DemoDocumentKind::Sentences;
        DemoPassage passage;
        const int count = rng.between(m_mix.minSentencesPerPassage, m_mix.maxSentencesPerPassage);
        for (int i = 0; i < count; ++i)
            passage.sentences.push_back(m_data.trainingSentence(rng));
        document.answer = passage.text(document.script);
    } else {
        document.kind = DemoDocumentKind::DigitPairs;
        document.script = DemoScript::Rare;
        for (int i = 0; i < m_mix.pairsPerDocument; ++i) {
            const int number = rng.between(0, m_mix.maxPairedNumber);
            const std::string rare = demoNumber(number, DemoScript::Rare), common = std::to_string(number);
            document.answer += (i ? " " : "") + (rng.chance(0.5) ? rare + "=" + common : common + "=" + rare);
        }
    }
    return document;
}

DemoDocument DemoTrainingStream::next()
{
    double u = m_rng.uniform();
    int category = 0;
    while (category + 1 < CategoryCount && u >= m_drawWeights[size_t(category)]) {
        u -= m_drawWeights[size_t(category)];
        ++category;
    }
    while (m_drawWeights[size_t(category)] == 0) // rounding at the end of the table
        --category;
    DemoDocument document = draw(Category(category), m_rng);
    m_produced[size_t(category)] += codePointCount(document.text());
    return document;
}

std::vector<DemoDocument> DemoTrainingStream::take(size_t documents)
{
    std::vector<DemoDocument> out;
    out.reserve(documents);
    while (out.size() < documents)
        out.push_back(next());
    return out;
}

std::vector<DemoDocument> DemoTrainingStream::takeCodePoints(size_t codePoints)
{
    std::vector<DemoDocument> out;
    size_t total = 0;
    while (total < codePoints) {
        out.push_back(next());
        total += codePointCount(out.back().text());
    }
    return out;
}

} // namespace bitcliff
