#include "demo/demolexicon.h"

namespace bitcliff::demolexicon {

const std::vector<Person> &people()
{
    static const std::vector<Person> list = {
        {"boy", "लड़का", "लड़के", false, false, true},
        {"girl", "लड़की", "लड़की", true, false, true},
        {"child", "बच्चा", "बच्चे", false, false, true},
        {"farmer", "किसान", "किसान", false, false, false},
        {"teacher", "अध्यापक", "अध्यापक", false, false, false},
        {"teacher", "अध्यापिका", "अध्यापिका", true, false, false},
        {"doctor", "डॉक्टर", "डॉक्टर", false, false, false},
        {"woman", "औरत", "औरत", true, false, false},
        {"man", "आदमी", "आदमी", false, false, false},
        {"student", "छात्र", "छात्र", false, false, false},
        {"student", "छात्रा", "छात्रा", true, false, false},
        {"shopkeeper", "दुकानदार", "दुकानदार", false, false, false},
        {"brother", "भाई", "भाई", false, true, true},
        {"sister", "बहन", "बहन", true, true, true},
        {"friend", "दोस्त", "दोस्त", false, true, false},
        {"friend", "सहेली", "सहेली", true, true, false},
    };
    return list;
}

const std::vector<Adjective> &personAdjectives()
{
    static const std::vector<Adjective> list = {
        {"little", "छोटा", "छोटी", "छोटे"}, // kLittle
        {"old", "बूढ़ा", "बूढ़ी", "बूढ़े"},   // kOld
        {"tall", "लंबा", "लंबी", "लंबे"},
        {"happy", "खुश", "खुश", "खुश"},
        {"clever", "होशियार", "होशियार", "होशियार"},
        {"kind", "दयालु", "दयालु", "दयालु"},
    };
    return list;
}

const std::vector<Verb> &verbs()
{
    static const std::vector<Verb> list = {
        {"eats", "eating", "eat", "खा", "खाएगा", "खाएगी",
         {{"an apple", "सेब"}, {"a mango", "आम"}, {"a banana", "केला"}, {"bread", "रोटी"}, {"rice", "चावल"},
          {"an orange", "संतरा"}, {"sweets", "मिठाई"}}},
        {"drinks", "drinking", "drink", "पी", "पिएगा", "पिएगी",
         {{"water", "पानी"}, {"milk", "दूध"}, {"tea", "चाय"}, {"juice", "जूस"}, {"coffee", "कॉफ़ी"}}},
        {"reads", "reading", "read", "पढ़", "पढ़ेगा", "पढ़ेगी",
         {{"a book", "किताब"}, {"a newspaper", "अखबार"}, {"a letter", "चिट्ठी"}, {"a story", "कहानी"},
          {"a poem", "कविता"}}},
        {"writes", "writing", "write", "लिख", "लिखेगा", "लिखेगी",
         {{"a letter", "चिट्ठी"}, {"a story", "कहानी"}, {"a poem", "कविता"}, {"a song", "गाना"}}},
        {"buys", "buying", "buy", "खरीद", "खरीदेगा", "खरीदेगी",
         {{"fruit", "फल"}, {"vegetables", "सब्ज़ियाँ"}, {"a book", "किताब"}, {"a pencil", "पेंसिल"},
          {"milk", "दूध"}, {"rice", "चावल"}, {"shoes", "जूते"}, {"a shirt", "कमीज़"}}},
        {"cooks", "cooking", "cook", "पका", "पकाएगा", "पकाएगी",
         {{"rice", "चावल"}, {"dinner", "रात का खाना"}, {"vegetables", "सब्ज़ी"}, {"lentils", "दाल"}}},
        {"sings", "singing", "sing", "गा", "गाएगा", "गाएगी", {{"a song", "गाना"}, {"a lullaby", "लोरी"}}},
        {"washes", "washing", "wash", "धो", "धोएगा", "धोएगी",
         {{"clothes", "कपड़े"}, {"the dishes", "बर्तन"}, {"fruit", "फल"}, {"the car", "गाड़ी"}}},
        {"draws", "drawing", "draw", "बना", "बनाएगा", "बनाएगी",
         {{"a picture", "तस्वीर"}, {"a map", "नक्शा"}, {"a flower", "फूल"}}},
    };
    return list;
}

const std::vector<Phrase> &places()
{
    static const std::vector<Phrase> list = {
        {"in the garden", "बगीचे में"}, {"at home", "घर पर"},       {"in the kitchen", "रसोई में"},
        {"at school", "स्कूल में"},     {"in the village", "गाँव में"}, {"in the market", "बाज़ार में"},
        {"in the park", "पार्क में"},    {"by the river", "नदी के किनारे"}, {"in the city", "शहर में"},
        {"on the roof", "छत पर"},
    };
    return list;
}

const std::vector<Phrase> &habitualTimes()
{
    static const std::vector<Phrase> list = {
        {"every morning", "हर सुबह"}, {"every evening", "हर शाम"},    {"every day", "हर दिन"},
        {"on Sundays", "रविवार को"},  {"at night", "रात को"},         {"in the afternoon", "दोपहर को"},
    };
    return list;
}

const std::vector<Phrase> &futureTimes()
{
    static const std::vector<Phrase> list = {
        {"tomorrow", "कल"}, {"next week", "अगले हफ़्ते"}, {"on Monday", "सोमवार को"}, {"in the evening", "शाम को"},
    };
    return list;
}

namespace {
enum ThingAdjective { Big, Small, New, Old, Long, Wide, Deep, Cold, Sweet, Tall, Clean, Beautiful, Hot, Interesting };
} // namespace

const std::vector<Adjective> &thingAdjectives()
{
    static const std::vector<Adjective> list = {
        {"big", "बड़ा", "बड़ी", "बड़े"},       {"small", "छोटा", "छोटी", "छोटे"},
        {"new", "नया", "नई", "नए"},          {"old", "पुराना", "पुरानी", "पुराने"},
        {"long", "लंबा", "लंबी", "लंबे"},       {"wide", "चौड़ा", "चौड़ी", "चौड़े"},
        {"deep", "गहरा", "गहरी", "गहरे"},     {"cold", "ठंडा", "ठंडी", "ठंडे"},
        {"sweet", "मीठा", "मीठी", "मीठे"},     {"tall", "ऊँचा", "ऊँची", "ऊँचे"},
        {"clean", "साफ़", "साफ़", "साफ़"},       {"beautiful", "सुंदर", "सुंदर", "सुंदर"},
        {"hot", "गरम", "गरम", "गरम"},         {"interesting", "दिलचस्प", "दिलचस्प", "दिलचस्प"},
    };
    return list;
}

const std::vector<Thing> &things()
{
    static const std::vector<Thing> list = {
        {"house", "घर", false, {Big, Small, New, Old, Clean, Beautiful}},
        {"river", "नदी", true, {Long, Wide, Deep, Clean, Beautiful, Cold}},
        {"tea", "चाय", true, {Hot, Cold, Sweet}},
        {"room", "कमरा", false, {Big, Small, Clean, Cold}},
        {"road", "सड़क", true, {Long, Wide, New, Old, Clean}},
        {"tree", "पेड़", false, {Tall, Old, Big, Beautiful}},
        {"mountain", "पहाड़", false, {Tall, Big, Beautiful, Cold}},
        {"book", "किताब", true, {New, Old, Big, Small, Interesting}},
        {"milk", "दूध", false, {Hot, Cold, Sweet}},
        {"garden", "बगीचा", false, {Big, Small, Beautiful, Clean}},
        {"city", "शहर", false, {Big, Small, Old, Beautiful, Clean}},
        {"car", "गाड़ी", true, {New, Old, Big, Small, Clean}},
        {"village", "गाँव", false, {Small, Big, Beautiful, Old, Clean}},
        {"water", "पानी", false, {Cold, Hot, Clean}},
        {"school", "स्कूल", false, {Big, Small, New, Old, Clean}},
        {"shirt", "कमीज़", true, {New, Old, Clean, Beautiful}},
    };
    return list;
}

const std::vector<CountedNoun> &countedNouns()
{
    static const std::vector<CountedNoun> list = {
        {"cows", "गायें"},     {"goats", "बकरियाँ"}, {"books", "किताबें"},   {"pencils", "पेंसिलें"},
        {"mangoes", "आम"},    {"bananas", "केले"},   {"apples", "सेब"},       {"eggs", "अंडे"},
        {"chairs", "कुर्सियाँ"}, {"horses", "घोड़े"},   {"birds", "चिड़ियाँ"},   {"coins", "सिक्के"},
        {"sheep", "भेड़ें"},    {"toys", "खिलौने"},   {"flowers", "फूल"},
    };
    return list;
}

} // namespace bitcliff::demolexicon
