#include "report/sweephtml.h"

#include "report/sweephtmlparts.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#ifndef BITCLIFF_VERSION
#define BITCLIFF_VERSION "unknown"
#endif

namespace bitcliff::app {

using namespace Qt::StringLiterals;

namespace sweephtml {

QString escape(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0xfffe || u == 0xffff)
            continue; // not allowed in XML
        switch (u) {
        case '&':
            escaped += "&amp;"_L1;
            break;
        case '<':
            escaped += "&lt;"_L1;
            break;
        case '>':
            escaped += "&gt;"_L1;
            break;
        case '"':
            escaped += "&quot;"_L1;
            break;
        case '\'':
            escaped += "&#39;"_L1;
            break;
        default:
            escaped += c;
        }
    }
    return escaped;
}

QString escape(const std::string &text)
{
    return escape(QString::fromStdString(text));
}

QString formatNumber(double value, Format format)
{
    // printf's rounding (exact ties to even), as the C library and most readers of the data round.
    char buffer[64];
    switch (format) {
    case Format::Percent1:
        std::snprintf(buffer, sizeof buffer, "%.1f", value * 100);
        break;
    case Format::Fixed1:
        std::snprintf(buffer, sizeof buffer, "%.1f", value);
        break;
    case Format::Fixed2:
        std::snprintf(buffer, sizeof buffer, "%.2f", value);
        break;
    case Format::Significant3:
        std::snprintf(buffer, sizeof buffer, "%#.3g", value); // "0.200", not "0.2"
        break;
    case Format::Integer:
        std::snprintf(buffer, sizeof buffer, "%lld", std::llround(value));
        break;
    }
    QString text = QString::fromLatin1(buffer);
    // "-0.0" says the value was a tiny negative: shown rounded, it is zero.
    if (text.startsWith(u'-') && !text.contains(QRegularExpression(u"[1-9]"_s)))
        text.remove(0, 1);
    return text;
}

namespace {

QString formatName(Format format)
{
    switch (format) {
    case Format::Percent1:
        return u"pct1"_s;
    case Format::Fixed1:
        return u"fix1"_s;
    case Format::Fixed2:
        return u"fix2"_s;
    case Format::Significant3:
        return u"sig3"_s;
    case Format::Integer:
        return u"int"_s;
    }
    return {};
}

} // namespace

QString num(const CellValue &value, Format format)
{
    return "<span class=\"num\" data-cell=\""_L1 + QString::number(value.cell) + "\" data-key=\""_L1 + escape(value.key)
        + "\" data-format=\""_L1 + formatName(format) + "\">"_L1 + formatNumber(value.value, format) + "</span>"_L1;
}

QString num(const ResultCell &cell, int index, const std::string &pointer, Format format, const QString &absent)
{
    const std::optional<CellValue> value = cellValue(cell, index, pointer);
    return value ? num(*value, format) : absent;
}

QString derived(double value, Format format)
{
    return "<span class=\"derived\">"_L1 + formatNumber(value, format) + "</span>"_L1;
}

} // namespace sweephtml

using namespace sweephtml;

namespace {

const auto css = R"(
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 80em; padding: 0 1em; color: #1a1a1a; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; } h4 { margin-bottom: 0.3em; }
code { font-family: ui-monospace, monospace; font-size: 0.95em; }
.criterion { color: #555; font-size: 0.92em; }
.warning { background: #fff3cd; border: 1px solid #e0c060; padding: 0.5em 0.8em; }
.error { color: #a00000; }
.num, .derived { font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: right; vertical-align: top; }
th { background: #f0f0f0; } td.text { text-align: left; }
tr.failed td { background: #fbeaea; }
figure { margin: 1.5em 0; } figure svg { max-width: 100%; height: auto; }
figcaption { font-weight: bold; margin-bottom: 0.4em; }
dl.repro dt { font-weight: bold; margin-top: 0.5em; } dl.repro dd { margin-left: 1.5em; word-break: break-all; }
)"_L1;

struct Indexed
{
    int index;
    const ResultCell *cell;
};

// The cells in order of their index.
std::vector<Indexed> indexed(const ResultCells &cells)
{
    std::vector<Indexed> list;
    for (size_t position = 0; position < cells.size(); ++position)
        list.push_back({ cellIndex(cells[position], position), &cells[position] });
    std::stable_sort(list.begin(), list.end(), [](const Indexed &a, const Indexed &b) { return a.index < b.index; });
    return list;
}

// "0–3, 5, 7–8"
QString ranges(std::vector<int> indices)
{
    std::sort(indices.begin(), indices.end());
    QStringList parts;
    for (size_t i = 0; i < indices.size();) {
        size_t j = i;
        while (j + 1 < indices.size() && indices[j + 1] <= indices[j] + 1)
            ++j;
        parts << (j == i ? QString::number(indices[i])
                         : QString::number(indices[i]) + u"\u2013"_s + QString::number(indices[j]));
        i = j + 1;
    }
    return parts.join(", "_L1);
}

QString modelPathOf(const SweepReportInput &input)
{
    if (!input.modelPath.isEmpty())
        return input.modelPath;
    for (const ResultCell &cell : input.cells)
        if (const std::string path = stringAt(cell, "/repro/model/path"); !path.empty())
            return QString::fromStdString(path);
    return {};
}

QString summary(const SweepReportInput &input, const std::vector<Indexed> &cells, const QString &modelPath)
{
    int ok = 0;
    QStringList schemes, times;
    for (const Indexed &c : cells) {
        ok += cellOk(*c.cell);
        schemes << "<code>"_L1 + escape(stringAt(*c.cell, "/scheme")) + "</code>"_L1;
        if (const std::string time = stringAt(*c.cell, "/repro/time"); !time.empty())
            times << QString::fromStdString(time);
    }
    std::sort(times.begin(), times.end()); // ISO 8601 UTC sorts as text
    const QDateTime generated = input.generated.isValid() ? input.generated : QDateTime::currentDateTimeUtc();
    QString html = u"<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"summary\">\n"_s;
    const auto row = [&html](const QString &name, const QString &value) {
        html += "<tr><th>"_L1 + name + "</th><td class=\"text\">"_L1 + value + "</td></tr>\n"_L1;
    };
    row(u"Model"_s, "<code>"_L1 + escape(modelPath) + "</code>"_L1);
    row(u"Report written"_s, escape(generated.toUTC().toString(Qt::ISODate)));
    if (!times.isEmpty())
        row(u"Cells run"_s,
            escape(times.front()) + (times.size() > 1 ? u" \u2013 "_s + escape(times.back()) : QString()));
    row(u"Cells"_s,
        QString::number(cells.size()) + " ("_L1 + QString::number(ok) + " ok, "_L1
            + QString::number(int(cells.size()) - ok) + " failed): "_L1 + schemes.join(", "_L1));
    const std::optional<int> baseline = input.findings.baseline;
    const ResultCell *base = nullptr;
    for (const Indexed &c : cells)
        if (baseline && c.index == *baseline)
            base = c.cell;
    QStringList data;
    for (const Indexed &c : cells) {
        const std::string text = stringAt(*c.cell, "/repro/text/reference");
        const std::string tasks = stringAt(*c.cell, "/repro/tasks/reference");
        if (!text.empty())
            data << "text <code>"_L1 + escape(text) + "</code>"_L1;
        if (!tasks.empty())
            data << "tasks <code>"_L1 + escape(tasks) + "</code>"_L1;
        if (!data.isEmpty())
            break;
    }
    if (base) {
        if (numberAt(*base, "/tokens_scored"))
            data << num(*base, *baseline, "/tokens_scored", Format::Integer) + " tokens scored"_L1;
        if (numberAt(*base, "/accuracy/overall/n"))
            data << num(*base, *baseline, "/accuracy/overall/n", Format::Integer) + " task items"_L1;
    }
    row(u"Evaluation data"_s, data.isEmpty() ? u"not recorded"_s : data.join(", "_L1));
    row(u"BitCliff"_s, escape(QStringLiteral(BITCLIFF_VERSION)));
    return html + "</table>\n</section>\n"_L1;
}

QString charts(const std::vector<SweepChart> &list)
{
    QString html = u"<section id=\"charts\">\n<h2>Charts</h2>\n"_s;
    if (list.empty())
        html += "<p>No charts.</p>\n"_L1;
    for (size_t i = 0; i < list.size(); ++i) {
        const SweepChart &chart = list[i];
        html += "<figure>\n<figcaption>"_L1 + escape(chart.title) + "</figcaption>\n"_L1;
        const QByteArray svg = inlineSvg(chart.svg, "chart"_L1 + QString::number(i + 1) + "-"_L1);
        html += svg.isEmpty() ? u"<p class=\"error\">This chart is not an SVG document.</p>"_s : QString::fromUtf8(svg);
        // Only a relative link: the report stays self-contained and loads nothing.
        if (!chart.pngFile.isEmpty() && !chart.pngFile.contains(':'_L1) && !chart.pngFile.startsWith('/'_L1))
            html += "\n<p><a href=\""_L1 + escape(chart.pngFile) + "\">PNG</a></p>"_L1;
        html += "\n</figure>\n"_L1;
    }
    return html + "</section>\n"_L1;
}

void addOnce(std::vector<std::string> &list, const std::string &name)
{
    if (std::find(list.begin(), list.end(), name) == list.end())
        list.push_back(name);
}

QString resultsTable(const std::vector<Indexed> &cells)
{
    std::vector<std::string> difficulties, languages;
    for (const Indexed &c : cells) {
        if (const ResultCell *object = objectAt(*c.cell, "/accuracy/by_difficulty"))
            for (const auto &item : object->items())
                addOnce(difficulties, item.key());
        if (const ResultCell *object = objectAt(*c.cell, "/accuracy/by_language"))
            for (const auto &item : object->items())
                addOnce(languages, item.key());
    }
    difficulties = orderedTiers(difficulties);
    QString html = u"<section id=\"results\">\n<h2>Results</h2>\n<table class=\"results\">\n<thead><tr><th>Cell</th>"
                   "<th>Scheme</th><th>Method</th><th>Bits</th><th>bpw</th><th>Status</th><th>PPL</th><th>KLD</th>"
                   "<th>Same top %</th><th>Accuracy %</th>"_s;
    for (const std::string &d : difficulties)
        html += "<th>"_L1 + escape(d) + " %</th>"_L1;
    for (const std::string &l : languages)
        html += "<th>"_L1 + escape(l) + " %</th>"_L1;
    html += "</tr></thead>\n<tbody>\n"_L1;
    for (const Indexed &c : cells) {
        const ResultCell &cell = *c.cell;
        const bool ok = cellOk(cell);
        const auto td = [&](const std::string &pointer, Format format) {
            return "<td>"_L1 + num(cell, c.index, pointer, format) + "</td>"_L1;
        };
        html += (ok ? "<tr>"_L1 : "<tr class=\"failed\">"_L1) + "<td>"_L1 + QString::number(c.index)
            + "</td><td class=\"text\"><code>"_L1 + escape(stringAt(cell, "/scheme"))
            + "</code></td><td class=\"text\">"_L1 + escape(stringAt(cell, "/method")) + "</td>"_L1
            + td("/bits", Format::Integer) + td("/bpw", Format::Fixed2) + "<td class=\"text\">"_L1
            + escape(stringAt(cell, "/status"));
        if (!ok && !stringAt(cell, "/error").empty())
            html += "<br/><span class=\"error\">"_L1 + escape(stringAt(cell, "/error")) + "</span>"_L1;
        html += "</td>"_L1 + td("/ppl", Format::Fixed2) + td("/kld/mean", Format::Significant3)
            + td("/same_top/p", Format::Percent1) + td("/accuracy/overall/acc", Format::Percent1);
        for (const std::string &d : difficulties)
            html += td("/accuracy/by_difficulty/" + pointerToken(d) + "/acc", Format::Percent1);
        for (const std::string &l : languages)
            html += td("/accuracy/by_language/" + pointerToken(l) + "/acc", Format::Percent1);
        html += "</tr>\n"_L1;
    }
    return html + "</tbody>\n</table>\n</section>\n"_L1;
}

// A repro value of one cell as text: strings as they are, a list of files as "name sha256"
// (or "name bytes"), anything else as JSON.
QString reproText(const ResultCell &cell, const std::string &pointer)
{
    try {
        const ResultCell::json_pointer path(pointer);
        if (!cell.contains(path))
            return {};
        const ResultCell &value = cell.at(path);
        if (value.is_string())
            return QString::fromStdString(value.get<std::string>());
        if (value.is_array()) {
            QStringList files;
            for (const ResultCell &file : value) {
                if (!file.is_object()) {
                    files << QString::fromStdString(file.dump());
                    continue;
                }
                QString name = QString::fromStdString(file.value("name", std::string()));
                if (file.contains("sha256") && file["sha256"].is_string())
                    name += " sha256 "_L1 + QString::fromStdString(file["sha256"].get<std::string>());
                else if (file.contains("bytes") && file["bytes"].is_number())
                    name += " ("_L1 + QString::fromStdString(file["bytes"].dump()) + " bytes)"_L1;
                files << name;
            }
            return files.join("; "_L1);
        }
        return QString::fromStdString(value.dump(-1, ' ', false, ResultCell::error_handler_t::replace));
    } catch (const nlohmann::json::exception &) {
        return {};
    }
}

QString reproduce(const std::vector<Indexed> &cells)
{
    static const std::vector<std::pair<QString, std::string>> fields { { u"Model path"_s, "/repro/model/path" },
        { u"Model fingerprint (SHA-256)"_s, "/repro/model/fingerprint" }, { u"Model files"_s, "/repro/model/files" },
        { u"Text"_s, "/repro/text/reference" }, { u"Text files"_s, "/repro/text/files" },
        { u"Tasks"_s, "/repro/tasks/reference" }, { u"Task files"_s, "/repro/tasks/files" },
        { u"Context (tokens)"_s, "/repro/ctx" }, { u"Max generated tokens"_s, "/repro/max_tokens" },
        { u"Seed"_s, "/repro/seed" }, { u"BitCliff version"_s, "/repro/version" },
        { u"Threads"_s, "/repro/machine/threads" }, { u"BLAS kernels"_s, "/repro/machine/blas" },
        { u"Host"_s, "/repro/machine/host" } };
    QString html = u"<section id=\"reproduce\">\n<h2>Reproduce</h2>\n<dl class=\"repro\">\n"_s;
    for (const auto &[label, pointer] : fields) {
        // Distinct values in order of first appearance, each with the cells that have it.
        std::vector<std::pair<QString, std::vector<int>>> values;
        for (const Indexed &c : cells) {
            const QString text = reproText(*c.cell, pointer);
            if (text.isEmpty())
                continue;
            auto it = std::find_if(values.begin(), values.end(), [&](const auto &v) { return v.first == text; });
            if (it == values.end())
                values.push_back({ text, { c.index } });
            else
                it->second.push_back(c.index);
        }
        if (values.empty())
            continue;
        html += "<dt>"_L1 + escape(label) + "</dt>\n"_L1;
        for (const auto &[text, indices] : values) {
            const ResultCell &first = *std::find_if(cells.begin(), cells.end(), [&](const Indexed &c) {
                return c.index == indices.front();
            })->cell;
            const QString shown = numberAt(first, pointer) ? num(first, indices.front(), pointer, Format::Integer)
                                                           : "<code>"_L1 + escape(text) + "</code>"_L1;
            html += "<dd>"_L1 + shown + (values.size() > 1 ? " (cells "_L1 + ranges(indices) + ")"_L1 : QString())
                + "</dd>\n"_L1;
        }
    }
    return html + "</dl>\n</section>\n"_L1;
}

} // namespace

QByteArray inlineSvg(const QByteArray &svg, const QString &idPrefix)
{
    QString text = QString::fromUtf8(svg);
    static const QRegularExpression start(u"<svg[\\s>/]"_s);
    const qsizetype begin = text.indexOf(start);
    const qsizetype end = text.lastIndexOf("</svg>"_L1);
    if (begin < 0)
        return {};
    if (end > begin)
        text = text.mid(begin, end + 6 - begin);
    else
        text = text.mid(begin);
    static const QRegularExpression id(u"\\bid=\"([^\"]*)\""_s);
    static const QRegularExpression url(u"url\\(#([^)]*)\\)"_s);
    static const QRegularExpression href(u"href=\"#([^\"]*)\""_s);
    text.replace(id, "id=\""_L1 + idPrefix + "\\1\""_L1);
    text.replace(url, "url(#"_L1 + idPrefix + "\\1)"_L1);
    text.replace(href, "href=\"#"_L1 + idPrefix + "\\1\""_L1);
    return text.toUtf8();
}

QByteArray sweepReportHtml(const SweepReportInput &input)
{
    const std::vector<Indexed> cells = indexed(input.cells);
    const QString modelPath = modelPathOf(input);
    const QString title = !input.title.isEmpty()
        ? input.title
        : "Quantization sweep of "_L1 + (modelPath.isEmpty() ? u"a model"_s : QFileInfo(modelPath).fileName());
    QString html = u"<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n"
                   "<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"generator\" content=\"BitCliff "_s
        + escape(QStringLiteral(BITCLIFF_VERSION)) + "\"/>\n<title>"_L1 + escape(title) + "</title>\n<style>"_L1 + css
        + "</style>\n</head>\n<body>\n<h1>"_L1 + escape(title) + "</h1>\n"_L1;
    html += summary(input, cells, modelPath);
    html += findingsSection(input.cells, input.findings);
    html += charts(input.charts);
    html += resultsTable(cells);
    html += reproduce(cells);
    html += "</body>\n</html>\n"_L1;
    return html.toUtf8();
}

} // namespace bitcliff::app
