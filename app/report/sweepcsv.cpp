#include "report/sweepcsv.h"

#include "analysis/clifffindings.h"
#include "util/atomicwrite.h"

#include <algorithm>
#include <cstdio>
#include <span>
#include <utility>

namespace bitcliff::app {

namespace {

// The fixed columns and where each one's value is in a cell.
const std::vector<std::pair<std::string, std::string>> fixedColumns { { "cell", "/cell" }, { "scheme", "/scheme" },
    { "method", "/method" }, { "bits", "/bits" }, { "status", "/status" }, { "error", "/error" }, { "bpw", "/bpw" },
    { "bpw_model", "/bpw_model" }, { "ppl", "/ppl" }, { "ppl_err", "/ppl_err" }, { "kld", "/kld/mean" },
    { "kld_err", "/kld/err" }, { "same_top", "/same_top/p" }, { "ln_ppl_ratio", "/ln_ppl_ratio/value" },
    { "acc", "/accuracy/overall/acc" }, { "acc_err", "/accuracy/overall/acc_err" },
    { "answer_nats_per_char", "/accuracy/overall/answer_nats_per_char" } };

struct DiscoveredColumns
{
    std::vector<std::string> difficulties, languages, texts;
};

void addOnce(std::vector<std::string> &list, const std::string &name)
{
    if (std::find(list.begin(), list.end(), name) == list.end())
        list.push_back(name);
}

DiscoveredColumns discover(const ResultCells &cells)
{
    DiscoveredColumns found;
    for (const ResultCell &cell : cells) {
        for (const auto &[pointer, list] : { std::pair { "/accuracy/by_difficulty", &found.difficulties },
                 std::pair { "/accuracy/by_language", &found.languages } })
            if (const ResultCell *object = objectAt(cell, pointer))
                for (const auto &item : object->items())
                    addOnce(*list, item.key());
        if (cell.is_object() && cell.contains("texts") && cell["texts"].is_array())
            for (const ResultCell &text : cell["texts"])
                if (text.is_object() && text.contains("name") && text["name"].is_string())
                    addOnce(found.texts, text["name"].get<std::string>());
    }
    found.difficulties = orderedTiers(found.difficulties);
    return found;
}

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.7g", value);
    return text;
}

// The field of the value at `pointer`: strings as they are, integers exactly, other numbers
// with 7 significant digits, anything else (absent, null, objects) empty.
std::string field(const ResultCell &cell, const std::string &pointer)
{
    if (const std::optional<double> value = numberAt(cell, pointer)) {
        const ResultCell &json = cell.at(ResultCell::json_pointer(pointer));
        return json.is_number_integer() ? json.dump() : number(*value);
    }
    return csvField(stringAt(cell, pointer));
}

// The ppl of the text named `name` (the first such text).
std::string textPpl(const ResultCell &cell, const std::string &name)
{
    if (!cell.is_object() || !cell.contains("texts") || !cell["texts"].is_array())
        return {};
    const ResultCell &texts = cell["texts"];
    for (size_t i = 0; i < texts.size(); ++i)
        if (texts[i].is_object() && texts[i].contains("name") && texts[i]["name"] == name)
            return field(cell, "/texts/" + std::to_string(i) + "/ppl");
    return {};
}

void writeAtomically(const std::filesystem::path &path, const std::string &text)
{
    writeFileAtomically(path, std::span(reinterpret_cast<const std::byte *>(text.data()), text.size()));
}

} // namespace

std::string csvField(const std::string &text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

std::vector<std::string> sweepCsvColumns(const ResultCells &cells)
{
    std::vector<std::string> columns;
    for (const auto &[name, pointer] : fixedColumns)
        columns.push_back(name);
    const DiscoveredColumns found = discover(cells);
    for (const std::string &difficulty : found.difficulties)
        columns.push_back("acc_" + difficulty);
    for (const std::string &language : found.languages)
        columns.push_back("acc_" + language);
    for (const std::string &difficulty : found.difficulties)
        columns.push_back("answer_nats_per_char_" + difficulty);
    for (const std::string &language : found.languages)
        columns.push_back("answer_nats_per_char_" + language);
    for (const std::string &text : found.texts)
        columns.push_back("ppl_" + text);
    return columns;
}

std::string sweepResultsCsv(const ResultCells &cells)
{
    std::string csv;
    const auto endLine = [&csv] {
        csv.back() = '\r'; // the trailing comma
        csv += '\n';
    };
    for (const std::string &column : sweepCsvColumns(cells))
        csv += csvField(column) + ',';
    endLine();
    const DiscoveredColumns found = discover(cells);
    for (size_t position = 0; position < cells.size(); ++position) {
        const ResultCell &cell = cells[position];
        for (const auto &[name, pointer] : fixedColumns)
            csv += (name == "cell" ? std::to_string(cellIndex(cell, position)) : field(cell, pointer)) + ',';
        for (const std::string &difficulty : found.difficulties)
            csv += field(cell, "/accuracy/by_difficulty/" + pointerToken(difficulty) + "/acc") + ',';
        for (const std::string &language : found.languages)
            csv += field(cell, "/accuracy/by_language/" + pointerToken(language) + "/acc") + ',';
        for (const std::string &difficulty : found.difficulties)
            csv += field(cell, "/accuracy/by_difficulty/" + pointerToken(difficulty) + "/answer_nats_per_char") + ',';
        for (const std::string &language : found.languages)
            csv += field(cell, "/accuracy/by_language/" + pointerToken(language) + "/answer_nats_per_char") + ',';
        for (const std::string &text : found.texts)
            csv += textPpl(cell, text) + ',';
        endLine();
    }
    return csv;
}

std::string sweepResultsJson(const ResultCells &cells)
{
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    for (const ResultCell &cell : cells)
        array.push_back(cell);
    // Replace invalid UTF-8 instead of throwing: an error message may quote raw bytes.
    return array.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
}

void writeSweepResultsCsv(const std::filesystem::path &path, const ResultCells &cells)
{
    writeAtomically(path, sweepResultsCsv(cells));
}

void writeSweepResultsJson(const std::filesystem::path &path, const ResultCells &cells)
{
    writeAtomically(path, sweepResultsJson(cells));
}

} // namespace bitcliff::app
