#include "demo/demotasks.h"

#include "demo/demostream.h"
#include "util/atomicwrite.h"
#include "util/error.h"

#include <nlohmann/json.hpp>


namespace bitcliff {

std::vector<TaskItem> demoTestTasks(const DemoDataset &data)
{
    std::vector<TaskItem> items;
    for (const DemoTier tier : kDemoTiers) {
        const auto &questions = data.testQuestions(tier);
        for (size_t i = 0; i < questions.size(); ++i) {
            std::string number = std::to_string(i + 1);
            number.insert(0, number.size() < 4 ? 4 - number.size() : 0, '0'); // 0001
            for (const DemoScript script : kDemoScripts) {
                const DemoItem rendered = renderQuestion(questions[i], script);
                TaskItem item;
                item.id = std::string("demo-") + demoTierName(tier) + "-" + number + "-" + demoLanguage(script);
                item.kind = TaskKind::Generate;
                item.context = rendered.prompt;
                item.answer = rendered.answer;
                item.difficulty = demoTierName(tier);
                item.language = demoLanguage(script);
                item.source = kDemoTaskFileName;
                item.match = tier == DemoTier::Hard ? AnswerMatch::LastNumber : AnswerMatch::Auto;
                items.push_back(std::move(item));
            }
        }
    }
    return items;
}

std::string demoTaskJsonLines(const DemoDataset &data)
{
    std::string out;
    for (const TaskItem &item : demoTestTasks(data)) {
        nlohmann::ordered_json line = {{"id", item.id},         {"kind", "generate"},
                                       {"prompt", item.context}, {"answer", item.answer},
                                       {"difficulty", item.difficulty}, {"language", item.language}};
        if (item.match == AnswerMatch::LastNumber)
            line["match"] = "last_number";
        out += line.dump() + "\n";
    }
    return out;
}

std::string demoCorpusText(const DemoDataset &data, DemoScript script)
{
    std::string out;
    for (const DemoPassage &passage : data.testPassages())
        out += (out.empty() ? "" : "\n") + passage.text(script) + "\n";
    return out;
}

std::string demoCalibrationText(const DemoDataset &data, size_t codePoints)
{
    DemoMix mix;
    mix.rareScriptShare = 0.0;
    mix.digitPairShare = 0.0;
    mix.sentenceShare = 0.5; // the held-out texts are sentences, the tasks arithmetic
    DemoTrainingStream stream(data, mix, 7);
    std::string text;
    for (const DemoDocument &document : stream.takeCodePoints(codePoints))
        text += document.text() + "\n";
    return text;
}

void writeDemoTestFiles(const DemoDataset &data, const std::filesystem::path &directory)
{
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error)
        throw Error(directory.string() + ": cannot create the directory (" + error.message() + ")");
    auto write = [&](const std::string &name, const std::string &text) {
        writeFileAtomically(directory / name, std::as_bytes(std::span(text.data(), text.size())));
    };
    write(kDemoTaskFileName, demoTaskJsonLines(data));
    for (const DemoScript script : kDemoScripts)
        write(std::string(demoLanguage(script)) + ".txt", demoCorpusText(data, script));
}

} // namespace bitcliff
