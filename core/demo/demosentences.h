#pragma once
// Short generated sentences, parallel in English (common script) and Hindi (rare script,
// Devanagari digits): the same content in both, so per-script perplexity compares scripts and
// not topics. Five templates from demolexicon.h, grammatical in both languages (Hindi verbs
// agree with the subject's gender, nouns and adjectives take their oblique forms before के):
//   habitual     The little girl eats an apple in the garden every morning.
//                छोटी लड़की हर सुबह बगीचे में सेब खाती है।
//   progressive  The farmer is cooking lentils at home now. / किसान अभी घर पर दाल पका रहा है।
//   future       My sister will buy a book tomorrow. / मेरी बहन कल किताब खरीदेगी।
//   possession   The old man has 12 goats. / बूढ़े आदमी के पास १२ बकरियाँ हैं।
//   description  Our village is small and the river is wide. / हमारा गाँव छोटा है और नदी चौड़ी है।
#include "demo/demorandom.h"
#include "demo/demoscript.h"

#include <string>
#include <vector>

namespace bitcliff {

struct DemoSentence
{
    std::string en; // also the sentence's identity (demodataset.h holds sentences out by it)
    std::string hi;
    const std::string &text(DemoScript script) const { return script == DemoScript::Common ? en : hi; }
};

// A passage: sentences joined by single spaces.
struct DemoPassage
{
    std::vector<DemoSentence> sentences;
    std::string text(DemoScript script) const;
};

DemoSentence sampleSentence(DemoRng &rng);

} // namespace bitcliff
