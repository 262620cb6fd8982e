#include "support/evalfixtures.h"

#include "support/tokenizerfixtures.h"

namespace bitcliff::test {

TinyTransformer writeEvaluableModel(const std::filesystem::path &directory, TinyTransformerSpec spec)
{
    const Merges merges = {{"t", "h"}, {"th", "e"}, {" ", "the"}, {"a", "n"}, {"i", "n"}, {"o", "n"}, {"e", "r"}};
    const auto tokenizer = byteLevelTokenizer(merges);
    spec.vocab = std::max(spec.vocab, 256 + int(merges.size()) + 1);
    TinyTransformer model = writeTinyTransformer(directory, spec);
    writeTextFile(directory / "tokenizer.json", tokenizer.dump());
    return model;
}

std::string sampleText(int words)
{
    static const char *vocabulary[] = {"the", "river", "runs", "past", "an", "old", "mill", "and", "into",
                                       "green", "fields", "where", "children", "play", "in", "summer", "light"};
    std::string text;
    unsigned state = 12345;
    for (int i = 0; i < words; ++i) {
        state = state * 1103515245u + 12345u;
        text += vocabulary[(state >> 16) % (sizeof vocabulary / sizeof *vocabulary)];
        text += (i % 11 == 10) ? ".\n" : " ";
    }
    return text;
}

std::string labelledTaskLines()
{
    return R"({"id":"1","kind":"choice","context":"the river","choices":["runs","mill"],"gold":0,"difficulty":"easy","language":"en"})"
           "\n"
           R"({"id":"2","kind":"choice","context":"green","choices":["fields","the"],"gold":0,"difficulty":"hard","language":"de"})"
           "\n"
           R"({"id":"3","kind":"generate","prompt":"play in","answer":"4","difficulty":"hard","language":"de"})"
           "\n";
}

} // namespace bitcliff::test
