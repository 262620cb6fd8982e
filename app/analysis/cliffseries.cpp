#include "analysis/cliffseries.h"

#include "analysis/clifffindings.h"
#include "analysis/confidence.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace bitcliff::app {

namespace {

// The translation context "CliffSeries" (bitcliff::CliffSeries is a chart type): lupdate reads
// CliffSeriesText::tr("…") calls, where a free tr() would land in the namespace's context,
// which the running application never looks up.
struct CliffSeriesText
{
    Q_DECLARE_TR_FUNCTIONS(CliffSeries)
};

bool isTextMetric(CliffChartMetric metric)
{
    return metric != CliffChartMetric::Accuracy && metric != CliffChartMetric::AnswerLoss;
}

// The JSON pointer of the object holding the metric for one slice label, or "" when the cell
// has none: "" + "/accuracy/by_language/ru", "/texts/2" ...
std::string basePointer(const ResultCell &cell, CliffChartMetric metric, CliffSlice slice, const std::string &label)
{
    if (!isTextMetric(metric)) {
        switch (slice) {
        case CliffSlice::Overall:
            return "/accuracy/overall";
        case CliffSlice::Difficulty:
            return "/accuracy/by_difficulty/" + pointerToken(label);
        case CliffSlice::Language:
            return "/accuracy/by_language/" + pointerToken(label);
        case CliffSlice::TaskFile:
            return "/accuracy/by_task/" + pointerToken(label);
        case CliffSlice::LanguageDifficulty:
            return "/accuracy/by_language_difficulty/" + pointerToken(label);
        }
    }
    if (slice == CliffSlice::Overall)
        return "";
    if (slice == CliffSlice::Language) {
        const int position = textPosition(cell, label);
        return position < 0 ? std::string("-") : "/texts/" + std::to_string(position);
    }
    return "-"; // texts carry no difficulty or task file
}

struct Reading
{
    double value = NAN, lo = NAN, hi = NAN;
    QString note;
};

Reading readMetric(const ResultCell &cell, CliffChartMetric metric, const std::string &base, uint64_t seed)
{
    Reading r;
    if (base == "-")
        return r;
    auto at = [&](const char *key) {
        return numberAt(cell, base + key);
    };
    switch (metric) {
    case CliffChartMetric::LnPplRatio:
        if (const auto v = at("/ln_ppl_ratio/value")) {
            r.value = *v;
            if (const auto e = at("/ln_ppl_ratio/err"))
                r.lo = *v - *e, r.hi = *v + *e, r.note = CliffSeriesText::tr("interval: ± 1 standard error");
        } else if (isUnquantized(cell)) {
            r.value = 0;
        }
        break;
    case CliffChartMetric::Perplexity:
        if (const auto v = at("/ppl")) {
            r.value = *v;
            if (const auto e = at("/ppl_err"))
                r.lo = *v - *e, r.hi = *v + *e, r.note = CliffSeriesText::tr("interval: ± 1 standard error");
        }
        break;
    case CliffChartMetric::Kld:
        if (const auto v = at("/kld/mean")) {
            r.value = *v;
            std::vector<double> chunks;
            if (const ResultCell *list = valueAt(cell, base + "/kld/chunks"); list && list->is_array())
                for (const ResultCell &chunk : *list)
                    if (chunk.is_number())
                        chunks.push_back(chunk.get<double>());
            const auto [lo, hi] = bootstrapMeanInterval(chunks, seed);
            if (std::isfinite(lo)) {
                r.lo = lo, r.hi = hi;
                r.note = CliffSeriesText::tr("interval: 95 % bootstrap over %1 chunks").arg(chunks.size());
            } else if (const auto e = at("/kld/err")) {
                r.lo = std::max(0.0, *v - *e), r.hi = *v + *e;
                r.note = CliffSeriesText::tr("interval: ± 1 standard error");
            }
        }
        break;
    case CliffChartMetric::SameTop:
        if (const auto v = at("/same_top/p")) {
            r.value = 100 * *v;
            const auto n = numberAt(cell, (base.empty() ? std::string() : base) + "/tokens_scored");
            const auto [lo, hi] = wilsonInterval(*v, n.value_or(0));
            if (std::isfinite(lo))
                r.lo = 100 * lo, r.hi = 100 * hi, r.note = CliffSeriesText::tr("interval: 95 % Wilson");
        } else if (isUnquantized(cell)) {
            r.value = 100;
        }
        break;
    case CliffChartMetric::Accuracy:
        if (const auto v = at("/acc")) {
            r.value = 100 * *v;
            const double n = at("/n").value_or(0);
            const auto [lo, hi] = wilsonInterval(*v, n);
            if (std::isfinite(lo)) {
                r.lo = 100 * lo, r.hi = 100 * hi;
                r.note = CliffSeriesText::tr("interval: 95 % Wilson, %1 items").arg(n);
            }
        }
        break;
    case CliffChartMetric::AnswerLoss:
        // 0 means no answer characters were scored (a log axis has no place for it either).
        if (const auto v = at("/answer_nats_per_char"); v && *v > 0)
            r.value = *v;
        break;
    }
    return r;
}

QString yName(CliffChartMetric metric)
{
    switch (metric) {
    case CliffChartMetric::LnPplRatio:
        return CliffSeriesText::tr("ln(PPL ratio)");
    case CliffChartMetric::Perplexity:
        return CliffSeriesText::tr("PPL");
    case CliffChartMetric::Kld:
        return CliffSeriesText::tr("KLD");
    case CliffChartMetric::SameTop:
        return CliffSeriesText::tr("same top token");
    case CliffChartMetric::Accuracy:
        return CliffSeriesText::tr("accuracy");
    case CliffChartMetric::AnswerLoss:
        return CliffSeriesText::tr("answer loss");
    }
    return {};
}

QString sliceTitle(CliffSlice slice)
{
    switch (slice) {
    case CliffSlice::Overall:
        return {};
    case CliffSlice::Difficulty:
        return CliffSeriesText::tr("by difficulty");
    case CliffSlice::Language:
        return CliffSeriesText::tr("by language");
    case CliffSlice::TaskFile:
        return CliffSeriesText::tr("by task file");
    case CliffSlice::LanguageDifficulty:
        return CliffSeriesText::tr("by language and difficulty");
    }
    return {};
}

CliffPanel panelFor(const ResultCells &cells, const CliffChartRequest &request, const std::string &label)
{
    CliffPanel panel;
    panel.title = label.empty() ? CliffSeriesText::tr("overall") : QString::fromStdString(label);
    std::map<std::string, CliffSeries> byMethod;
    for (size_t i = 0; i < cells.size(); ++i) {
        const ResultCell &cell = cells[i];
        if (!cellOk(cell))
            continue;
        const Reading r
            = readMetric(cell, request.metric, basePointer(cell, request.metric, request.slice, label), request.seed);
        if (!std::isfinite(r.value))
            continue;
        if (isUnquantized(cell)) {
            if (request.metric != CliffChartMetric::Kld)
                panel.baseline = r.value;
            continue;
        }
        const std::string method = stringAt(cell, "/method");
        CliffPoint point;
        point.x = request.x == CliffXAxis::StoredBits ? numberAt(cell, "/bpw").value_or(NAN) : double(cellBits(cell));
        point.y = r.value;
        point.lo = r.lo;
        point.hi = r.hi;
        point.scheme = QString::fromStdString(stringAt(cell, "/scheme"));
        point.cell = cellIndex(cell, i);
        QStringList lines;
        lines << CliffSeriesText::tr("%1 nominal bits, %2 bits per weight stored")
                     .arg(cellBits(cell))
                     .arg(numberAt(cell, "/bpw").value_or(NAN), 0, 'f', 2);
        if (!r.note.isEmpty())
            lines << r.note;
        point.tooltip = lines.join('\n');
        CliffSeries &series = byMethod[method];
        series.method = methodDisplayName(QString::fromStdString(method));
        series.points.push_back(point);
    }
    for (auto &[method, series] : byMethod) {
        std::sort(series.points.begin(), series.points.end(),
            [](const CliffPoint &a, const CliffPoint &b) { return a.x < b.x; });
        panel.series.push_back(std::move(series));
    }
    return panel;
}

template<typename Visit> void forEachOkCell(const ResultCells &cells, Visit visit)
{
    for (const ResultCell &cell : cells)
        if (cellOk(cell))
            visit(cell);
}

std::vector<std::string> keysAt(const ResultCells &cells, const std::string &pointer)
{
    std::set<std::string> keys;
    forEachOkCell(cells, [&](const ResultCell &cell) {
        if (const ResultCell *object = objectAt(cell, pointer); object && object->is_object())
            for (const auto &[key, value] : object->items())
                keys.insert(key);
    });
    return { keys.begin(), keys.end() };
}

std::vector<std::string> textLanguages(const ResultCells &cells)
{
    std::set<std::string> languages;
    forEachOkCell(cells, [&](const ResultCell &cell) {
        if (const ResultCell *texts = valueAt(cell, "/texts"); texts && texts->is_array())
            for (const ResultCell &text : *texts)
                if (text.is_object() && text.contains("language") && text["language"].is_string()
                    && !text["language"].get<std::string>().empty())
                    languages.insert(text["language"].get<std::string>());
    });
    return { languages.begin(), languages.end() };
}

// Latin-script languages first (English leading), then the others: the reader compares the
// rarer scripts against the common one.
QStringList languageOrder(std::vector<std::string> languages)
{
    std::stable_sort(languages.begin(), languages.end(), [](const std::string &a, const std::string &b) {
        const int ra = a == "en" ? 0 : (isLatinScript(a) ? 1 : 2), rb = b == "en" ? 0 : (isLatinScript(b) ? 1 : 2);
        return ra < rb;
    });
    QStringList out;
    for (const std::string &language : languages)
        out << QString::fromStdString(language);
    return out;
}

} // namespace

bool hasMetric(const ResultCells &cells, CliffChartMetric metric)
{
    bool found = false;
    forEachOkCell(cells, [&](const ResultCell &cell) {
        if (!isUnquantized(cell) || !isTextMetric(metric) || metric == CliffChartMetric::Perplexity)
            found = found
                || std::isfinite(readMetric(cell, metric, basePointer(cell, metric, CliffSlice::Overall, ""), 0).value);
    });
    return found;
}

QStringList sliceLabels(const ResultCells &cells, CliffChartMetric metric, CliffSlice slice)
{
    QStringList labels;
    switch (slice) {
    case CliffSlice::Overall:
        return { QString() };
    case CliffSlice::Difficulty:
        if (!isTextMetric(metric))
            for (const std::string &tier : orderedTiers(keysAt(cells, "/accuracy/by_difficulty")))
                labels << QString::fromStdString(tier);
        return labels;
    case CliffSlice::Language:
        return languageOrder(isTextMetric(metric) ? textLanguages(cells) : keysAt(cells, "/accuracy/by_language"));
    case CliffSlice::TaskFile:
        if (!isTextMetric(metric))
            for (const std::string &task : keysAt(cells, "/accuracy/by_task"))
                labels << QString::fromStdString(task);
        return labels;
    case CliffSlice::LanguageDifficulty:
        if (!isTextMetric(metric)) { // language by language, tiers in order: a row per script
            const std::vector<std::string> keys = keysAt(cells, "/accuracy/by_language_difficulty");
            const std::vector<std::string> tiers = orderedTiers(keysAt(cells, "/accuracy/by_difficulty"));
            for (const QString &language : languageOrder(keysAt(cells, "/accuracy/by_language")))
                for (const std::string &tier : tiers) {
                    const std::string key = language.toStdString() + "/" + tier;
                    if (std::find(keys.begin(), keys.end(), key) != keys.end())
                        labels << QString::fromStdString(key);
                }
        }
        return labels;
    }
    return labels;
}

QString metricTitle(CliffChartMetric metric)
{
    switch (metric) {
    case CliffChartMetric::LnPplRatio:
        return CliffSeriesText::tr("ln(PPL quantized / PPL unquantized)");
    case CliffChartMetric::Perplexity:
        return CliffSeriesText::tr("perplexity");
    case CliffChartMetric::Kld:
        return CliffSeriesText::tr("mean KLD to the unquantized model (nats)");
    case CliffChartMetric::SameTop:
        return CliffSeriesText::tr("same top token as unquantized (%)");
    case CliffChartMetric::Accuracy:
        return CliffSeriesText::tr("task accuracy (%)");
    case CliffChartMetric::AnswerLoss:
        return CliffSeriesText::tr("answer loss (nats/char)");
    }
    return {};
}

CliffChartData cliffChartData(const ResultCells &cells, const CliffChartRequest &request)
{
    CliffChartData data;
    data.yTitle = metricTitle(request.metric);
    data.yName = yName(request.metric);
    data.xTitle = request.x == CliffXAxis::StoredBits
        ? CliffSeriesText::tr("bits per weight as stored (scales included)")
        : CliffSeriesText::tr("nominal bits per weight");
    data.logY = request.metric == CliffChartMetric::Kld || request.metric == CliffChartMetric::Perplexity
        || request.metric == CliffChartMetric::AnswerLoss;
    data.floorX = 4.0;
    const QString slice = sliceTitle(request.slice);
    data.title = slice.isEmpty() ? CliffSeriesText::tr("The accuracy cliff: %1").arg(yName(request.metric))
                                 : CliffSeriesText::tr("The accuracy cliff: %1, %2").arg(yName(request.metric), slice);
    for (const QString &label : sliceLabels(cells, request.metric, request.slice))
        data.panels.push_back(panelFor(cells, request, label.toStdString()));
    return data;
}

MetricDisagreementData metricDisagreementData(const ResultCells &cells)
{
    MetricDisagreementData data;
    data.title = CliffSeriesText::tr("Per language: perplexity change, KLD and accuracy change at each scheme");
    std::vector<const ResultCell *> schemes;
    const ResultCell *baseline = nullptr;
    forEachOkCell(cells, [&](const ResultCell &cell) {
        if (isUnquantized(cell))
            baseline = &cell;
        else
            schemes.push_back(&cell);
    });
    std::stable_sort(schemes.begin(), schemes.end(), [](const ResultCell *a, const ResultCell *b) {
        return numberAt(*a, "/bpw").value_or(0) > numberAt(*b, "/bpw").value_or(0);
    });
    std::vector<std::string> languages = textLanguages(cells);
    for (const std::string &language : keysAt(cells, "/accuracy/by_language"))
        if (std::find(languages.begin(), languages.end(), language) == languages.end())
            languages.push_back(language);
    data.languages = languageOrder(languages);
    for (const ResultCell *cell : schemes)
        data.schemes << QString::fromStdString(stringAt(*cell, "/scheme"));
    for (const QString &language : data.languages) {
        const std::string lang = language.toStdString();
        QVector<MetricDisagreementCell> row;
        for (const ResultCell *cell : schemes) {
            MetricDisagreementCell entry;
            if (const int t = textPosition(*cell, lang); t >= 0) {
                const std::string base = "/texts/" + std::to_string(t);
                entry.lnPplRatio = numberAt(*cell, base + "/ln_ppl_ratio/value").value_or(NAN);
                entry.kld = numberAt(*cell, base + "/kld/mean").value_or(NAN);
            }
            const std::string acc = "/accuracy/by_language/" + pointerToken(lang) + "/acc";
            if (baseline)
                if (const auto q = numberAt(*cell, acc), b = numberAt(*baseline, acc); q && b)
                    entry.deltaAccuracy = 100 * (*q - *b);
            row.push_back(entry);
        }
        data.cells.push_back(row);
    }
    return data;
}

QVector<SweepResultRow> sweepResultRows(const ResultCells &cells)
{
    QVector<SweepResultRow> rows;
    for (size_t i = 0; i < cells.size(); ++i) {
        const ResultCell &cell = cells[i];
        SweepResultRow row;
        row.cell = cellIndex(cell, i);
        row.scheme = QString::fromStdString(stringAt(cell, "/scheme"));
        row.method = methodDisplayName(QString::fromStdString(stringAt(cell, "/method")));
        row.bits = cellBits(cell);
        row.status = QString::fromStdString(stringAt(cell, "/status"));
        row.error = QString::fromStdString(stringAt(cell, "/error"));
        row.bpw = numberAt(cell, "/bpw").value_or(0);
        row.ppl = numberAt(cell, "/ppl");
        row.kld = numberAt(cell, "/kld/mean");
        row.sameTop = numberAt(cell, "/same_top/p");
        row.accuracy = numberAt(cell, "/accuracy/overall/acc");
        row.seconds = numberAt(cell, "/seconds");
        rows.push_back(row);
    }
    return rows;
}

QString methodDisplayName(const QString &method)
{
    // A variant's series: "rtn:g32@qat" -> "RTN g32 [qat]" (its own colour: " · " would key
    // the colour by the method before it).
    if (const qsizetype at = method.indexOf('@'); at >= 0)
        return methodDisplayName(method.left(at)) + QStringLiteral(" [") + method.mid(at + 1) + QLatin1Char(']');
    if (method == QLatin1String("gguf-k"))
        return CliffSeriesText::tr("GGUF K-quants");
    if (method == QLatin1String("gguf-legacy"))
        return CliffSeriesText::tr("GGUF legacy");
    if (method == QLatin1String("unquantized"))
        return CliffSeriesText::tr("unquantized");
    // Modifiers keep their text: "rtn:g128:sym+rot+a4" -> "RTN g128 sym + rot + a4".
    const qsizetype plus = method.indexOf('+');
    QStringList parts = method.left(plus).split(':');
    if (!parts.isEmpty())
        parts.front() = parts.front().toUpper();
    QString name = parts.join(' ');
    if (plus >= 0)
        name += QStringLiteral(" + ") + method.mid(plus + 1).split('+').join(QStringLiteral(" + "));
    return name;
}

} // namespace bitcliff::app
