#include "eval/taskset.h"

#include "util/error.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>

namespace bitcliff {
namespace {

using nlohmann::json;

class LineParser
{
public:
    LineParser(const json &object, std::string where)
        : m_object(object)
        , m_where(std::move(where))
    {
    }

    [[noreturn]] void fail(const std::string &problem) const { throw Error(m_where + ": " + problem); }

    std::string text(const char *key, bool required) const
    {
        const auto it = m_object.find(key);
        if (it == m_object.end() || it->is_null()) {
            if (required)
                fail(std::string("missing \"") + key + "\"");
            return {};
        }
        if (!it->is_string())
            fail(std::string("\"") + key + "\" must be a string");
        return it->get<std::string>();
    }

    const json &field(const char *key) const
    {
        const auto it = m_object.find(key);
        if (it == m_object.end())
            fail(std::string("missing \"") + key + "\"");
        return *it;
    }

private:
    const json &m_object;
    std::string m_where;
};

TaskItem parseItem(const LineParser &line)
{
    TaskItem item;
    item.id = line.text("id", true);
    const std::string kind = line.text("kind", true);
    item.difficulty = line.text("difficulty", false);
    item.language = line.text("language", false);
    if (kind == "choice") {
        item.kind = TaskKind::Choice;
        item.context = line.text("context", true);
        const json &choices = line.field("choices");
        if (!choices.is_array() || choices.size() < 2)
            line.fail("\"choices\" must be an array of at least two strings");
        for (const json &choice : choices) {
            if (!choice.is_string())
                line.fail("\"choices\" must be an array of at least two strings");
            item.choices.push_back(choice.get<std::string>());
        }
        const json &gold = line.field("gold");
        if (!gold.is_number_integer() || gold.get<int64_t>() < 0 || gold.get<int64_t>() >= int64_t(item.choices.size()))
            line.fail("\"gold\" must be an index into the " + std::to_string(item.choices.size()) + " choices");
        item.gold = gold.get<int>();
    } else if (kind == "generate") {
        item.kind = TaskKind::Generate;
        item.context = line.text("prompt", true);
        item.answer = line.text("answer", true);
        if (item.answer.empty())
            line.fail("\"answer\" is empty");
        const std::string match = line.text("match", false);
        if (match == "last_number")
            item.match = AnswerMatch::LastNumber;
        else if (!match.empty())
            line.fail("unknown \"match\" '" + match + "' (expected \"last_number\" or none)");
        if (item.match == AnswerMatch::LastNumber && expectedAnswer(item.answer, item.match).empty())
            line.fail("\"answer\" has no number for \"match\": \"last_number\"");
    } else {
        line.fail("unknown \"kind\" '" + kind + "' (expected \"choice\" or \"generate\")");
    }
    return item;
}

} // namespace

std::vector<TaskItem> parseTaskLines(std::string_view text, const std::string &label)
{
    std::vector<TaskItem> items;
    std::set<std::string> ids;
    size_t lineNumber = 0;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view lineText = text.substr(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (!lineText.empty() && lineText.back() == '\r')
            lineText.remove_suffix(1);
        if (lineText.find_first_not_of(" \t") == std::string_view::npos)
            continue;
        const std::string where = label + ":" + std::to_string(lineNumber);
        json object;
        try {
            object = json::parse(lineText);
        } catch (const json::parse_error &error) {
            throw Error(where + ": not valid JSON (at byte " + std::to_string(error.byte) + ")");
        }
        if (!object.is_object())
            throw Error(where + ": each line must be a JSON object");
        const LineParser line(object, where);
        TaskItem item = parseItem(line);
        if (!ids.insert(item.id).second)
            line.fail("duplicate id '" + item.id + "'");
        item.source = std::filesystem::path(label).filename().string();
        items.push_back(std::move(item));
    }
    if (items.empty())
        throw Error(label + ": no task items");
    return items;
}

std::vector<TaskItem> loadTaskFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string() + ": cannot open the task file");
    std::ostringstream text;
    text << in.rdbuf();
    return parseTaskLines(text.str(), path.string());
}

} // namespace bitcliff
