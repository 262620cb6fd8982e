#pragma once
// Tolerant reading of sweep cells (results.jsonl lines, see the sweep results schema): a key
// that is missing, null or of another type reads as absent instead of throwing, so a report
// can be made from cells of an older or partial sweep. Values are addressed by JSON pointer
// (RFC 6901, "/accuracy/overall/acc"), which is also how the report names where a number
// came from.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace bitcliff::app {

using ResultCell = nlohmann::ordered_json;
using ResultCells = std::vector<ResultCell>;

// One number read from one cell: the cell's index (its "cell") and the value's JSON pointer.
struct CellValue
{
    int cell = -1;
    std::string key;
    double value = 0;
};

// The cells of a results.jsonl text, one JSON object per line. Blank lines are skipped; a line
// that is not a JSON object (a line cut short by a killed writer) is skipped too and named in
// `problems` ("results.jsonl line 7: not a JSON object: ...") when given.
ResultCells parseResultsJsonl(
    const std::string &text, std::vector<std::string> *problems = nullptr, const std::string &source = "results.jsonl");

// The cell's "cell", else its position in the list.
int cellIndex(const ResultCell &cell, size_t position);
// "bits", or -1 when absent.
int cellBits(const ResultCell &cell);
bool cellOk(const ResultCell &cell); // "status" is "ok"
bool isUnquantized(const ResultCell &cell); // "scheme" is "unquantized"

// The finite number at `pointer`; absent when the key is missing or not a finite number.
std::optional<double> numberAt(const ResultCell &cell, const std::string &pointer);
// The string at `pointer`, or "" when absent.
std::string stringAt(const ResultCell &cell, const std::string &pointer);
// The value at `pointer` of any type (arrays: texts, chunks), or nullptr.
const ResultCell *valueAt(const ResultCell &cell, const std::string &pointer);
// The object at `pointer`, or nullptr.
const ResultCell *objectAt(const ResultCell &cell, const std::string &pointer);
// numberAt as a CellValue of the cell `index`.
std::optional<CellValue> cellValue(const ResultCell &cell, int index, const std::string &pointer);

// `token` escaped for use as one JSON pointer segment ("~" -> "~0", "/" -> "~1").
std::string pointerToken(const std::string &token);

// The position of texts[] whose "language" is `language` (the first such text), or -1.
int textPosition(const ResultCell &cell, const std::string &language);

} // namespace bitcliff::app
