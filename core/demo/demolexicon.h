#pragma once
// The words of the demo sentences, in English and Hindi side by side, with what Hindi grammar
// needs: a noun's gender and oblique form (before के/में/पर), an adjective's masculine,
// feminine and masculine-oblique forms, a verb's stem and future forms. Each verb lists the
// objects it takes, each thing the adjectives that fit it, so the sentences make sense.
#include <string>
#include <vector>

namespace bitcliff::demolexicon {

struct Adjective
{
    std::string en;
    std::string masculine, feminine, masculineOblique; // equal for invariant adjectives (खुश)
};

struct Person
{
    std::string en;            // "boy"
    std::string hi, hiOblique; // लड़का, लड़के
    bool feminine = false;
    bool family = false; // spoken of as "my brother" / मेरा भाई instead of "the boy"
    bool young = false;  // may be "little", never "old"
};

struct Phrase
{
    std::string en, hi;
};

struct Verb
{
    std::string enThird, enIng, enBase; // eats, eating, eat
    std::string hiStem;                 // खा: habitual खाता/खाती, progressive खा रहा/रही
    std::string hiFutureMasculine, hiFutureFeminine; // खाएगा, खाएगी
    std::vector<Phrase> objects;        // "an apple" / सेब
};

struct Thing
{
    std::string en, hi;
    bool feminine = false;
    std::vector<int> adjectives; // indices into thingAdjectives()
};

struct CountedNoun
{
    std::string enPlural, hiPlural; // "cows" / गायें
};

const std::vector<Person> &people();
const std::vector<Adjective> &personAdjectives(); // little and old depend on Person::young
const std::vector<Verb> &verbs();
const std::vector<Phrase> &places();           // "in the garden" / बगीचे में
const std::vector<Phrase> &habitualTimes();    // "every morning" / हर सुबह
const std::vector<Phrase> &futureTimes();      // "tomorrow" / कल
const std::vector<Thing> &things();
const std::vector<Adjective> &thingAdjectives();
const std::vector<CountedNoun> &countedNouns();

// Indices of the person adjectives only the young (little) or only adults (old) take.
inline constexpr int kLittle = 0;
inline constexpr int kOld = 1;

} // namespace bitcliff::demolexicon
