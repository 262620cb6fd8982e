#include "demo/demosentences.h"

#include "demo/demolexicon.h"

namespace bitcliff {

namespace lex = demolexicon;

namespace {

template<typename T>
const T &pick(const std::vector<T> &list, DemoRng &rng)
{
    return list[size_t(rng.below(list.size()))];
}

std::string capitalized(std::string text)
{
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
        text[0] = char(text[0] - 'a' + 'A');
    return text;
}

// A person with an optional adjective, in English and in Hindi's direct and oblique cases.
struct Subject
{
    std::string en, hi, hiOblique;
    bool feminine = false;
};

Subject sampleSubject(DemoRng &rng)
{
    const lex::Person &person = pick(lex::people(), rng);
    Subject subject;
    subject.feminine = person.feminine;
    std::string enAdjective, hiAdjective, hiObliqueAdjective;
    if (rng.chance(0.5)) {
        int index;
        do
            index = int(rng.below(lex::personAdjectives().size()));
        while ((index == lex::kLittle && !person.young) || (index == lex::kOld && person.young));
        const lex::Adjective &adjective = lex::personAdjectives()[size_t(index)];
        enAdjective = adjective.en + " ";
        hiAdjective = (person.feminine ? adjective.feminine : adjective.masculine) + " ";
        hiObliqueAdjective = (person.feminine ? adjective.feminine : adjective.masculineOblique) + " ";
    }
    subject.en = (person.family ? "my " : "the ") + enAdjective + person.en;
    const std::string my = person.family ? (person.feminine ? "मेरी " : "मेरा ") : "";
    const std::string myOblique = person.family ? (person.feminine ? "मेरी " : "मेरे ") : "";
    subject.hi = my + hiAdjective + person.hi;
    subject.hiOblique = myOblique + hiObliqueAdjective + person.hiOblique;
    return subject;
}

enum class Tense { Habitual, Progressive, Future };

DemoSentence action(Tense tense, DemoRng &rng)
{
    const Subject subject = sampleSubject(rng);
    const lex::Verb &verb = pick(lex::verbs(), rng);
    const lex::Phrase &object = pick(verb.objects, rng);
    const lex::Phrase *place = rng.chance(0.6) ? &pick(lex::places(), rng) : nullptr;
    static const lex::Phrase kNow{"now", "अभी"};
    const lex::Phrase *time = nullptr;
    std::string enVerb, hiVerb;
    switch (tense) {
    case Tense::Habitual:
        time = rng.chance(0.7) ? &pick(lex::habitualTimes(), rng) : nullptr;
        enVerb = verb.enThird;
        hiVerb = verb.hiStem + (subject.feminine ? "ती है" : "ता है");
        break;
    case Tense::Progressive:
        time = rng.chance(0.5) ? &kNow : nullptr;
        enVerb = "is " + verb.enIng;
        hiVerb = verb.hiStem + (subject.feminine ? " रही है" : " रहा है");
        break;
    case Tense::Future:
        time = rng.chance(0.8) ? &pick(lex::futureTimes(), rng) : nullptr;
        enVerb = "will " + verb.enBase;
        hiVerb = subject.feminine ? verb.hiFutureFeminine : verb.hiFutureMasculine;
        break;
    }
    DemoSentence sentence;
    sentence.en = capitalized(subject.en) + " " + enVerb + " " + object.en + (place ? " " + place->en : "")
                + (time ? " " + time->en : "") + ".";
    sentence.hi = subject.hi + (time ? " " + time->hi : "") + (place ? " " + place->hi : "") + " " + object.hi + " "
                + hiVerb + "।";
    return sentence;
}

DemoSentence possession(DemoRng &rng)
{
    const Subject subject = sampleSubject(rng);
    const lex::CountedNoun &noun = pick(lex::countedNouns(), rng);
    const int count = rng.between(2, 99);
    DemoSentence sentence;
    sentence.en = capitalized(subject.en) + " has " + demoNumber(count, DemoScript::Common) + " " + noun.enPlural + ".";
    sentence.hi = subject.hiOblique + " के पास " + demoNumber(count, DemoScript::Rare) + " " + noun.hiPlural + " हैं।";
    return sentence;
}

// "my house is big" / मेरा घर बड़ा है
lex::Phrase describe(size_t thingIndex, DemoRng &rng)
{
    const lex::Thing &thing = lex::things()[thingIndex];
    const lex::Adjective &adjective = lex::thingAdjectives()[size_t(thing.adjectives[size_t(rng.below(thing.adjectives.size()))])];
    const uint64_t owner = rng.below(4); // the (2 in 4), my, our
    const std::string en = owner == 2 ? "my " : owner == 3 ? "our " : "the ";
    std::string hi;
    if (owner == 2)
        hi = thing.feminine ? "मेरी " : "मेरा ";
    else if (owner == 3)
        hi = thing.feminine ? "हमारी " : "हमारा ";
    return {en + thing.en + " is " + adjective.en,
            hi + thing.hi + " " + (thing.feminine ? adjective.feminine : adjective.masculine) + " है"};
}

DemoSentence description(DemoRng &rng)
{
    const size_t first = size_t(rng.below(lex::things().size()));
    lex::Phrase clause = describe(first, rng);
    if (rng.chance(0.4)) {
        size_t second;
        do
            second = size_t(rng.below(lex::things().size()));
        while (second == first);
        const lex::Phrase more = describe(second, rng);
        clause.en += " and " + more.en;
        clause.hi += " और " + more.hi;
    }
    return {capitalized(clause.en) + ".", clause.hi + "।"};
}

} // namespace

std::string DemoPassage::text(DemoScript script) const
{
    std::string out;
    for (const DemoSentence &sentence : sentences)
        out += (out.empty() ? "" : " ") + sentence.text(script);
    return out;
}

DemoSentence sampleSentence(DemoRng &rng)
{
    const double u = rng.uniform();
    if (u < 0.30)
        return action(Tense::Habitual, rng);
    if (u < 0.50)
        return action(Tense::Progressive, rng);
    if (u < 0.70)
        return action(Tense::Future, rng);
    if (u < 0.85)
        return possession(rng);
    return description(rng);
}

} // namespace bitcliff
