#include "analysis/resultcell.h"

#include <algorithm>
#include <cmath>

namespace bitcliff::app {

namespace {

const ResultCell *at(const ResultCell &cell, const std::string &pointer)
{
    try {
        const ResultCell::json_pointer path(pointer);
        if (!cell.contains(path))
            return nullptr;
        return &cell.at(path);
    } catch (const nlohmann::json::exception &) {
        return nullptr; // a malformed pointer or an array index that is not a number
    }
}

} // namespace

ResultCells parseResultsJsonl(const std::string &text, std::vector<std::string> *problems, const std::string &source)
{
    ResultCells cells;
    size_t lineNumber = 0;
    for (size_t start = 0; start < text.size();) {
        const size_t end = std::min(text.find('\n', start), text.size());
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        std::string problem;
        try {
            ResultCell cell = ResultCell::parse(line);
            if (cell.is_object())
                cells.push_back(std::move(cell));
            else
                problem = "not a JSON object";
        } catch (const nlohmann::json::exception &e) {
            problem = std::string("not a JSON object: ") + e.what();
        }
        if (!problem.empty() && problems)
            problems->push_back(source + " line " + std::to_string(lineNumber) + ": " + problem);
    }
    return cells;
}

int cellIndex(const ResultCell &cell, size_t position)
{
    const std::optional<double> index = numberAt(cell, "/cell");
    return index ? int(*index) : int(position);
}

int cellBits(const ResultCell &cell)
{
    const std::optional<double> bits = numberAt(cell, "/bits");
    return bits ? int(*bits) : -1;
}

bool cellOk(const ResultCell &cell)
{
    return stringAt(cell, "/status") == "ok";
}

bool isUnquantized(const ResultCell &cell)
{
    return stringAt(cell, "/scheme") == "unquantized";
}

std::optional<double> numberAt(const ResultCell &cell, const std::string &pointer)
{
    const ResultCell *value = at(cell, pointer);
    if (!value || !value->is_number())
        return std::nullopt;
    const double number = value->get<double>();
    if (!std::isfinite(number))
        return std::nullopt;
    return number;
}

std::string stringAt(const ResultCell &cell, const std::string &pointer)
{
    const ResultCell *value = at(cell, pointer);
    return value && value->is_string() ? value->get<std::string>() : std::string();
}

const ResultCell *valueAt(const ResultCell &cell, const std::string &pointer)
{
    return at(cell, pointer);
}

const ResultCell *objectAt(const ResultCell &cell, const std::string &pointer)
{
    const ResultCell *value = at(cell, pointer);
    return value && value->is_object() ? value : nullptr;
}

std::optional<CellValue> cellValue(const ResultCell &cell, int index, const std::string &pointer)
{
    const std::optional<double> value = numberAt(cell, pointer);
    if (!value)
        return std::nullopt;
    return CellValue { index, pointer, *value };
}

std::string pointerToken(const std::string &token)
{
    std::string escaped;
    for (const char c : token) {
        if (c == '~')
            escaped += "~0";
        else if (c == '/')
            escaped += "~1";
        else
            escaped += c;
    }
    return escaped;
}

int textPosition(const ResultCell &cell, const std::string &language)
{
    const ResultCell *texts = at(cell, "/texts");
    if (!texts || !texts->is_array())
        return -1;
    for (size_t i = 0; i < texts->size(); ++i) {
        const ResultCell &text = (*texts)[i];
        if (text.is_object() && text.contains("language") && text["language"].is_string()
            && text["language"].get<std::string>() == language)
            return int(i);
    }
    return -1;
}

} // namespace bitcliff::app
