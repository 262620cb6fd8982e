#include "analysis/clifffindings.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace bitcliff::app {

namespace {

// The bit-widths at which the "falls first" findings look: where the cliff usually is.
constexpr std::array<int, 2> cliffBits { 3, 2 };
const std::string english = "en";

struct Sweep
{
    const ResultCells &cells;
    std::map<int, size_t> positions; // cell index -> position in `cells`
    std::optional<int> baseline;

    const ResultCell &cell(int index) const { return cells[positions.at(index)]; }
    const ResultCell *baselineCell() const { return baseline ? &cell(*baseline) : nullptr; }
};

std::string lower(std::string text)
{
    for (char &c : text)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::optional<MetricReading> readMetric(const Sweep &sweep, int index, CliffMetric metric)
{
    const ResultCell &cell = sweep.cell(index);
    const ResultCell *base = sweep.baselineCell();
    switch (metric) {
    case CliffMetric::Accuracy: {
        const std::string key = "/accuracy/overall/acc";
        const std::optional<CellValue> value = cellValue(cell, index, key);
        const std::optional<CellValue> baseline = base ? cellValue(*base, *sweep.baseline, key) : std::nullopt;
        if (!value || !baseline)
            return std::nullopt;
        return MetricReading { *value, baseline, {}, {}, {} };
    }
    case CliffMetric::Perplexity: {
        MetricReading reading;
        reading.ppl = cellValue(cell, index, "/ppl");
        reading.basePpl = base ? cellValue(*base, *sweep.baseline, "/ppl") : std::nullopt;
        reading.kld = cellValue(cell, index, "/kld/mean");
        if (const std::optional<CellValue> ratio = cellValue(cell, index, "/ln_ppl_ratio/value")) {
            reading.value = *ratio;
            return reading;
        }
        if (!reading.ppl || !reading.basePpl || reading.basePpl->value <= 0)
            return std::nullopt;
        reading.value = *reading.ppl;
        reading.baseline = reading.basePpl;
        return reading;
    }
    case CliffMetric::SameTop: {
        const std::optional<CellValue> value = cellValue(cell, index, "/same_top/p");
        if (!value)
            return std::nullopt;
        return MetricReading { *value, {}, {}, {}, {} };
    }
    }
    return std::nullopt;
}

// The ok quantized cells of `method`, by bits, then bpw, then index.
std::vector<int> methodCells(const Sweep &sweep, const std::string &method)
{
    std::vector<int> indices;
    for (const auto &[index, position] : sweep.positions) {
        const ResultCell &cell = sweep.cells[position];
        if (cellOk(cell) && !isUnquantized(cell) && stringAt(cell, "/method") == method)
            indices.push_back(index);
    }
    std::stable_sort(indices.begin(), indices.end(), [&](int a, int b) {
        const ResultCell &ca = sweep.cell(a), &cb = sweep.cell(b);
        if (cellBits(ca) != cellBits(cb))
            return cellBits(ca) < cellBits(cb);
        return numberAt(ca, "/bpw").value_or(0) < numberAt(cb, "/bpw").value_or(0);
    });
    return indices;
}

void addThresholds(const Sweep &sweep, const std::string &method, CliffMetric metric, CliffFindings &findings)
{
    std::vector<int> cells;
    std::map<int, MetricReading> readings;
    for (const int index : methodCells(sweep, method))
        if (std::optional<MetricReading> reading = readMetric(sweep, index, metric)) {
            cells.push_back(index);
            readings.emplace(index, *reading);
        }
    if (cells.empty())
        return;
    for (const double tolerance : cliffTolerances) {
        ThresholdFinding finding;
        finding.method = method;
        finding.metric = metric;
        finding.tolerance = tolerance;
        finding.cells = cells;
        for (const int index : cells) {
            const MetricReading &reading = readings.at(index);
            if (!finding.cell) {
                if (!withinTolerance(reading, metric, tolerance))
                    continue;
                const ResultCell &cell = sweep.cell(index);
                finding.cell = index;
                finding.bits = cellBits(cell);
                finding.scheme = stringAt(cell, "/scheme");
                finding.bpw = cellValue(cell, index, "/bpw");
                finding.reading = reading;
            } else if (cellBits(sweep.cell(index)) > finding.bits && !withinTolerance(reading, metric, tolerance)) {
                finding.notWithinAbove.push_back(index);
            }
        }
        findings.thresholds.push_back(std::move(finding));
    }
}

std::optional<AccuracyDrop> accuracyDrop(const Sweep &sweep, int index, const std::string &key)
{
    const std::optional<CellValue> acc = cellValue(sweep.cell(index), index, key);
    const ResultCell *base = sweep.baselineCell();
    const std::optional<CellValue> baseAcc = base ? cellValue(*base, *sweep.baseline, key) : std::nullopt;
    if (!acc || !baseAcc)
        return std::nullopt;
    return AccuracyDrop { *acc, *baseAcc, (baseAcc->value - acc->value) * 100 };
}

std::vector<std::string> objectKeys(const ResultCell &cell, const std::string &pointer)
{
    std::vector<std::string> keys;
    if (const ResultCell *object = objectAt(cell, pointer))
        for (const auto &[key, value] : object->items())
            keys.push_back(key);
    return keys;
}

void addTiers(const Sweep &sweep, int index, const std::string &method, CliffFindings &findings)
{
    const ResultCell &cell = sweep.cell(index);
    const ResultCell *base = sweep.baselineCell();
    if (!base)
        return;
    std::vector<std::string> tiers;
    for (const std::string &tier : objectKeys(cell, "/accuracy/by_difficulty"))
        if (numberAt(cell, "/accuracy/by_difficulty/" + pointerToken(tier) + "/acc")
            && numberAt(*base, "/accuracy/by_difficulty/" + pointerToken(tier) + "/acc"))
            tiers.push_back(tier);
    if (tiers.size() < 2)
        return;
    tiers = orderedTiers(tiers);
    const auto drop = [&](const std::string &tier) {
        return *accuracyDrop(sweep, index, "/accuracy/by_difficulty/" + pointerToken(tier) + "/acc");
    };
    TierFinding finding;
    finding.method = method;
    finding.bits = cellBits(cell);
    finding.cell = index;
    finding.scheme = stringAt(cell, "/scheme");
    finding.easiest = tiers.front();
    finding.hardest = tiers.back();
    finding.easy = drop(finding.easiest);
    finding.hard = drop(finding.hardest);
    finding.differencePp = finding.hard.dropPp - finding.easy.dropPp;
    findings.tiers.push_back(std::move(finding));
}

void addScripts(const Sweep &sweep, int index, const std::string &method, CliffFindings &findings)
{
    const ResultCell &cell = sweep.cell(index);
    std::set<std::string> languages;
    for (const std::string &language : objectKeys(cell, "/accuracy/by_language"))
        languages.insert(language);
    if (cell.contains("texts") && cell["texts"].is_array())
        for (const ResultCell &text : cell["texts"])
            if (text.is_object() && text.contains("language") && text["language"].is_string())
                languages.insert(text["language"].get<std::string>());
    const auto accuracyKey = [](const std::string &language) {
        return "/accuracy/by_language/" + pointerToken(language) + "/acc";
    };
    const auto textValue = [&](const std::string &language, const std::string &field) -> std::optional<CellValue> {
        const int position = textPosition(cell, language);
        if (position < 0)
            return std::nullopt;
        return cellValue(cell, index, "/texts/" + std::to_string(position) + field);
    };
    for (const std::string &language : languages) {
        if (isLatinScript(language))
            continue;
        ScriptFinding finding;
        finding.method = method;
        finding.bits = cellBits(cell);
        finding.cell = index;
        finding.scheme = stringAt(cell, "/scheme");
        finding.language = language;
        // Each comparison only when both the language and English have the figure.
        const std::optional<AccuracyDrop> accuracy = accuracyDrop(sweep, index, accuracyKey(language));
        const std::optional<AccuracyDrop> englishAccuracy = accuracyDrop(sweep, index, accuracyKey(english));
        if (accuracy && englishAccuracy) {
            finding.accuracy.emplace(*accuracy);
            finding.englishAccuracy.emplace(*englishAccuracy);
            finding.differencePp = accuracy->dropPp - englishAccuracy->dropPp;
        }
        const std::optional<CellValue> ratio = textValue(language, "/ln_ppl_ratio/value");
        const std::optional<CellValue> englishRatio = textValue(english, "/ln_ppl_ratio/value");
        if (ratio && englishRatio) {
            finding.lnPplRatio = ratio;
            finding.englishLnPplRatio = englishRatio;
        }
        const std::optional<CellValue> kld = textValue(language, "/kld/mean");
        const std::optional<CellValue> englishKld = textValue(english, "/kld/mean");
        if (kld && englishKld) {
            finding.kld = kld;
            finding.englishKld = englishKld;
        }
        if (finding.accuracy || finding.lnPplRatio || finding.kld)
            findings.scripts.push_back(std::move(finding));
    }
}

void addFloor(const Sweep &sweep, int index, const std::string &method, CliffFindings &findings)
{
    FloorFinding finding;
    finding.method = method;
    finding.cell = index;
    finding.scheme = stringAt(sweep.cell(index), "/scheme");
    finding.bpw = cellValue(sweep.cell(index), index, "/bpw");
    std::optional<MetricReading> reading = readMetric(sweep, index, CliffMetric::Accuracy);
    if (!reading) {
        finding.metric = CliffMetric::Perplexity;
        reading = readMetric(sweep, index, CliffMetric::Perplexity);
    }
    if (!reading)
        return;
    finding.reading = *reading;
    finding.within1 = withinTolerance(*reading, finding.metric, cliffTolerances[0]);
    finding.within5 = withinTolerance(*reading, finding.metric, cliffTolerances[1]);
    if (finding.metric == CliffMetric::Accuracy)
        finding.loss = (reading->baseline->value - reading->value.value) * 100;
    else if (reading->baseline) // PPL / base PPL
        finding.loss = (reading->value.value / reading->baseline->value - 1) * 100;
    else // exp(ln PPL ratio)
        finding.loss = std::expm1(reading->value.value) * 100;
    findings.floor.push_back(std::move(finding));
}

} // namespace

bool withinTolerance(const MetricReading &reading, CliffMetric metric, double tolerance)
{
    switch (metric) {
    case CliffMetric::Accuracy:
        return reading.baseline && reading.value.value >= (1 - tolerance) * reading.baseline->value;
    case CliffMetric::Perplexity:
        if (reading.baseline)
            return reading.value.value <= (1 + tolerance) * reading.baseline->value;
        return reading.value.value <= std::log1p(tolerance);
    case CliffMetric::SameTop:
        return reading.value.value >= 1 - tolerance;
    }
    return false;
}

const std::vector<std::string> &latinScriptLanguages()
{
    static const std::vector<std::string> languages { "af", "az", "br", "bs", "ca", "co", "cs", "cy", "da", "de", "en",
        "eo", "es", "et", "eu", "fi", "fil", "fo", "fr", "fy", "ga", "gd", "gl", "ha", "haw", "hr", "ht", "hu", "id",
        "ig", "is", "it", "jv", "ku", "la", "lb", "lt", "lv", "mg", "mi", "ms", "mt", "nb", "nl", "nn", "no", "oc",
        "pl", "pt", "qu", "rm", "ro", "sk", "sl", "sm", "sn", "so", "sq", "st", "su", "sv", "sw", "tl", "tk", "tr",
        "uz", "vi", "wo", "xh", "yo", "zu" };
    return languages;
}

bool isLatinScript(const std::string &language)
{
    const std::string tag = lower(language);
    const size_t dash = tag.find_first_of("-_");
    if (dash != std::string::npos) {
        // A script subtag (4 letters) overrides the language's usual script.
        for (size_t start = dash + 1; start < tag.size();) {
            const size_t end = std::min(tag.find_first_of("-_", start), tag.size());
            const std::string subtag = tag.substr(start, end - start);
            if (subtag.size() == 4 && std::all_of(subtag.begin(), subtag.end(), [](char c) {
                    return std::isalpha(static_cast<unsigned char>(c));
                }))
                return subtag == "latn";
            start = end + 1;
        }
    }
    const std::string primary = tag.substr(0, dash);
    const std::vector<std::string> &latin = latinScriptLanguages();
    return std::find(latin.begin(), latin.end(), primary) != latin.end();
}

std::vector<std::string> orderedTiers(std::vector<std::string> tiers)
{
    static const std::vector<std::string> known { "easy", "medium", "hard" };
    const auto rank = [](const std::string &tier) {
        return int(std::find(known.begin(), known.end(), tier) - known.begin());
    };
    const bool allKnown = std::all_of(tiers.begin(), tiers.end(), [&](const std::string &t) { return rank(t) < 3; });
    if (allKnown)
        std::sort(
            tiers.begin(), tiers.end(), [&](const std::string &a, const std::string &b) { return rank(a) < rank(b); });
    else
        std::sort(tiers.begin(), tiers.end());
    return tiers;
}

CliffFindings findCliffs(const ResultCells &cells)
{
    Sweep sweep { cells, {}, {} };
    for (size_t position = 0; position < cells.size(); ++position)
        sweep.positions.emplace(cellIndex(cells[position], position), position); // the first of a duplicate wins
    CliffFindings findings;
    for (const auto &[index, position] : sweep.positions) {
        const ResultCell &cell = cells[position];
        if (!cellOk(cell)) {
            std::string error = stringAt(cell, "/error");
            if (error.empty())
                error = stringAt(cell, "/status").empty() ? "no status" : "no error message";
            findings.failed.push_back({ index, stringAt(cell, "/scheme"), error });
        } else if (isUnquantized(cell) && !sweep.baseline) {
            sweep.baseline = index;
        }
    }
    findings.baseline = sweep.baseline;
    for (size_t position = 0; position < cells.size(); ++position) {
        const ResultCell &cell = cells[position];
        const std::string method = stringAt(cell, "/method");
        if (cellOk(cell) && !isUnquantized(cell) && !method.empty()
            && std::find(findings.methods.begin(), findings.methods.end(), method) == findings.methods.end())
            findings.methods.push_back(method);
    }
    for (const std::string &method : findings.methods)
        for (const CliffMetric metric : { CliffMetric::Accuracy, CliffMetric::Perplexity, CliffMetric::SameTop })
            addThresholds(sweep, method, metric, findings);
    for (const int bits : cliffBits)
        for (const std::string &method : findings.methods)
            for (const int index : methodCells(sweep, method))
                if (cellBits(sweep.cell(index)) == bits) {
                    addTiers(sweep, index, method, findings);
                    addScripts(sweep, index, method, findings);
                }
    for (const std::string &method : findings.methods)
        for (const int index : methodCells(sweep, method))
            if (cellBits(sweep.cell(index)) == 4)
                addFloor(sweep, index, method, findings);
    return findings;
}

} // namespace bitcliff::app
