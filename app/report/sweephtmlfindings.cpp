// The Findings section of the sweep report: one sentence per finding, every figure marked
// with where it came from.
#include "report/sweephtmlparts.h"

#include <QStringList>

#include <cmath>
#include <map>

namespace bitcliff::app::sweephtml {

namespace {

using namespace Qt::StringLiterals;

class Cells
{
public:
    explicit Cells(const ResultCells &cells)
    {
        for (size_t position = 0; position < cells.size(); ++position)
            m_cells.emplace(cellIndex(cells[position], position), &cells[position]);
    }
    const ResultCell &operator[](int index) const { return *m_cells.at(index); }

    QString scheme(int index) const { return "<code>"_L1 + escape(stringAt((*this)[index], "/scheme")) + "</code>"_L1; }
    QString bits(int index) const { return num((*this)[index], index, "/bits", Format::Integer, u"?"_s); }
    // "<code>q4_k</code> (4 bits, 4.53 bpw)"
    QString label(int index) const
    {
        QString text = scheme(index) + " ("_L1 + bits(index) + " bits"_L1;
        if (numberAt((*this)[index], "/bpw"))
            text += ", "_L1 + num((*this)[index], index, "/bpw", Format::Fixed2) + " bpw"_L1;
        return text + ")"_L1;
    }

private:
    std::map<int, const ResultCell *> m_cells;
};

QString tolerance(double t)
{
    return QString::number(t * 100, 'g', 3) + u"\u00a0%"_s;
}

QString percent(const CellValue &value)
{
    return num(value, Format::Percent1) + u"\u00a0%"_s;
}

QString method(const std::string &name)
{
    return "<b>"_L1 + escape(name) + "</b>"_L1;
}

// "loses 4.0 pp" / "gains 1.0 pp": points of accuracy lost.
QString loss(double points)
{
    return (points >= 0 ? "loses "_L1 : "gains "_L1) + derived(std::abs(points), Format::Fixed1) + " pp"_L1;
}

// "loses 4.0 pp (86.0 % vs 90.0 %)"
QString drop(const AccuracyDrop &d)
{
    return loss(d.dropPp) + " ("_L1 + percent(d.acc) + " vs "_L1 + percent(d.base) + ")"_L1;
}

// "4.0 pp (86.0 % vs 90.0 %)", negative for a gain.
QString points(const AccuracyDrop &d)
{
    return derived(d.dropPp, Format::Fixed1) + " pp ("_L1 + percent(d.acc) + " vs "_L1 + percent(d.base) + ")"_L1;
}

QString metricName(CliffMetric metric)
{
    switch (metric) {
    case CliffMetric::Accuracy:
        return u"Task accuracy"_s;
    case CliffMetric::Perplexity:
        return u"Perplexity"_s;
    case CliffMetric::SameTop:
        return u"Same top token"_s;
    }
    return {};
}

QString criterion(CliffMetric metric)
{
    switch (metric) {
    case CliffMetric::Accuracy:
        return u"Within x\u00a0%: overall accuracy at least (1\u00a0\u2212\u00a0x) times the unquantized model's "
               "(a relative criterion)."_s;
    case CliffMetric::Perplexity:
        return u"Within x\u00a0%: ln PPL ratio \u2264 ln(1\u00a0+\u00a0x), that is perplexity at most x above the "
               "unquantized model's. The ratio is the one measured with the KLD, on the same tokens "
               "(ln_ppl_ratio); a cell without it is compared by its perplexity."_s;
    case CliffMetric::SameTop:
        return u"Within x\u00a0%: the most likely token is the unquantized model's on at least "
               "(100\u00a0\u2212\u00a0x)\u00a0% of the scored tokens."_s;
    }
    return {};
}

QString readingText(CliffMetric metric, const MetricReading &reading)
{
    switch (metric) {
    case CliffMetric::Accuracy:
        return percent(reading.value) + " vs "_L1 + percent(*reading.baseline);
    case CliffMetric::Perplexity: {
        QStringList parts;
        if (!reading.baseline)
            parts << "ln PPL ratio "_L1 + num(reading.value, Format::Significant3);
        if (reading.ppl && reading.basePpl)
            parts << "PPL "_L1 + num(*reading.ppl, Format::Fixed2) + " vs "_L1 + num(*reading.basePpl, Format::Fixed2);
        if (reading.kld)
            parts << "KLD "_L1 + num(*reading.kld, Format::Significant3);
        return parts.join("; "_L1);
    }
    case CliffMetric::SameTop:
        return "same top token on "_L1 + percent(reading.value) + " of tokens"_L1;
    }
    return {};
}

QString thresholdSentence(const Cells &cells, const ThresholdFinding &f)
{
    const QString within = tolerance(f.tolerance);
    const QString of = f.metric == CliffMetric::SameTop ? u"of the unquantized model's top tokens"_s
        : f.metric == CliffMetric::Accuracy             ? u"of the unquantized accuracy"_s
                                                        : u"of the unquantized perplexity"_s;
    if (!f.cell) {
        const QString which = f.cells.size() == 1 ? "its one cell ("_L1 + cells.label(f.cells.front()) + ") is not"_L1
                                                  : "none of its "_L1 + QString::number(f.cells.size()) + " cells ("_L1
                + cells.bits(f.cells.front()) + u"\u2013"_s + cells.bits(f.cells.back()) + " bits) is"_L1;
        return method(f.method) + ": "_L1 + which + " within "_L1 + within + " "_L1 + of + "."_L1;
    }
    QString text = method(f.method) + ": "_L1 + cells.label(*f.cell) + " is the lowest bit-width within "_L1 + within
        + " "_L1 + of + " ("_L1 + readingText(f.metric, *f.reading) + ")."_L1;
    if (!f.notWithinAbove.empty()) {
        QStringList above;
        for (const int index : f.notWithinAbove)
            above << cells.scheme(index) + " ("_L1 + cells.bits(index) + " bits)"_L1;
        text += " Not monotonic: "_L1 + above.join(", "_L1) + (above.size() == 1 ? " is"_L1 : " are"_L1)
            + " not within "_L1 + within + "."_L1;
    }
    return text;
}

QString thresholds(const Cells &cells, const CliffFindings &findings)
{
    QString html = u"<h3>Lowest bit-width within 1\u00a0% and 5\u00a0% of the unquantized model</h3>\n"_s;
    if (findings.thresholds.empty())
        return html + "<p>No quantized cell has a figure to compare with the unquantized model.</p>\n"_L1;
    for (const CliffMetric metric : { CliffMetric::Accuracy, CliffMetric::Perplexity, CliffMetric::SameTop }) {
        QString items;
        for (const ThresholdFinding &f : findings.thresholds)
            if (f.metric == metric)
                items += "<li>"_L1 + thresholdSentence(cells, f) + "</li>\n"_L1;
        if (!items.isEmpty())
            html += "<h4>"_L1 + metricName(metric) + "</h4>\n<p class=\"criterion\">"_L1 + criterion(metric)
                + "</p>\n<ul>\n"_L1 + items + "</ul>\n"_L1;
    }
    return html;
}

QString tiers(const Cells &cells, const CliffFindings &findings)
{
    QString html = u"<h3>Hard falls first</h3>\n<p class=\"criterion\">At 3 and 2 bits, the accuracy lost against "
                   "the unquantized model by the hardest and by the easiest difficulty tier, in percentage "
                   "points (pp).</p>\n"_s;
    for (const int bits : { 3, 2 }) {
        QString items;
        for (const TierFinding &f : findings.tiers) {
            if (f.bits != bits)
                continue;
            const QString difference = f.differencePp == 0 ? u"as much as the easiest"_s
                                                           : derived(std::abs(f.differencePp), Format::Fixed1)
                    + (f.differencePp > 0 ? " pp more than the easiest"_L1 : " pp less than the easiest"_L1);
            items += "<li>"_L1 + method(f.method) + ", "_L1 + cells.label(f.cell) + ": the hardest tier, <i>"_L1
                + escape(f.hardest) + "</i>, "_L1 + drop(f.hard) + "; the easiest, <i>"_L1 + escape(f.easiest)
                + "</i>, "_L1 + drop(f.easy) + ". The hardest tier loses "_L1 + difference + ".</li>\n"_L1;
        }
        html += "<h4>At "_L1 + QString::number(bits) + " bits</h4>\n"_L1
            + (items.isEmpty() ? "<p>No cell at "_L1 + QString::number(bits)
                        + " bits has accuracy by difficulty for both it and the unquantized model.</p>\n"_L1
                               : "<ul>\n"_L1 + items + "</ul>\n"_L1);
    }
    return html;
}

QString scripts(const Cells &cells, const CliffFindings &findings)
{
    QString html = u"<h3>The rarer script falls first</h3>\n<p class=\"criterion\">At 3 and 2 bits, each language "
                   "not written in Latin script against English in the same cell: accuracy lost against the "
                   "unquantized model (pp), ln PPL ratio and mean KLD of its text.</p>\n"_s;
    for (const int bits : { 3, 2 }) {
        QString items;
        for (const ScriptFinding &f : findings.scripts) {
            if (f.bits != bits)
                continue;
            QStringList parts;
            if (f.accuracy) {
                const double d = *f.differencePp;
                parts << "accuracy "_L1 + drop(*f.accuracy) + " against English's drop of "_L1
                        + points(*f.englishAccuracy) + ", "_L1
                        + (d == 0 ? u"the same"_s
                                  : derived(std::abs(d), Format::Fixed1) + (d > 0 ? " pp more"_L1 : " pp less"_L1));
            }
            if (f.lnPplRatio)
                parts << "ln PPL ratio "_L1 + num(*f.lnPplRatio, Format::Significant3) + " vs English's "_L1
                        + num(*f.englishLnPplRatio, Format::Significant3);
            if (f.kld)
                parts << "KLD "_L1 + num(*f.kld, Format::Significant3) + " vs English's "_L1
                        + num(*f.englishKld, Format::Significant3);
            items += "<li>"_L1 + method(f.method) + ", "_L1 + cells.label(f.cell) + ", <b>"_L1 + escape(f.language)
                + "</b>: "_L1 + parts.join("; "_L1) + ".</li>\n"_L1;
        }
        html += "<h4>At "_L1 + QString::number(bits) + " bits</h4>\n"_L1
            + (items.isEmpty() ? "<p>No cell at "_L1 + QString::number(bits)
                        + " bits has a non-Latin language to compare with English.</p>\n"_L1
                               : "<ul>\n"_L1 + items + "</ul>\n"_L1);
    }
    return html;
}

QString floorSentence(const Cells &cells, const FloorFinding &f)
{
    const QString verdict = f.within1 ? u"hold"_s
        : f.within5                   ? u"hold within 5\u00a0% but not 1\u00a0%"_s
                                      : u"do not hold"_s;
    QString what;
    if (f.metric == CliffMetric::Accuracy) {
        what = loss(f.loss) + " of accuracy ("_L1 + readingText(f.metric, f.reading) + ")"_L1;
    } else {
        what = (f.loss >= 0 ? "raises perplexity by "_L1 : "lowers perplexity by "_L1)
            + derived(std::abs(f.loss), Format::Fixed1) + u"\u00a0% ("_s + readingText(f.metric, f.reading) + ")"_L1;
    }
    const QString band = f.within1 ? u"within 1\u00a0%"_s : f.within5 ? u"within 5\u00a0%"_s : u"more than 5\u00a0%"_s;
    return "4-bit weights (W4A16) "_L1 + verdict + " for "_L1 + method(f.method) + ": "_L1 + cells.label(f.cell)
        + " "_L1 + what + ", "_L1 + band + "."_L1;
}

} // namespace

QString findingsSection(const ResultCells &sweepCells, const CliffFindings &findings)
{
    const Cells cells(sweepCells);
    QString html = u"<section id=\"findings\">\n<h2>Findings</h2>\n"_s;
    if (!findings.baseline)
        html += "<p class=\"warning\" id=\"no-baseline\"><b>No baseline:</b> the sweep has no successful unquantized "
                "cell, so nothing can be compared with the unquantized model's accuracy or perplexity. Only "
                "figures each cell measured against the unquantized model itself (ln PPL ratio, same top token, "
                "KLD) are used below.</p>\n"_L1;
    html += thresholds(cells, findings);
    html += u"<h3>The 4-bit floor (W4A16)</h3>\n"_s;
    if (findings.floor.empty()) {
        html += "<p>No method has a 4-bit cell to compare with the unquantized model.</p>\n"_L1;
    } else {
        html += "<p class=\"criterion\">Each method's 4-bit cells against the unquantized model: by accuracy, else "
                "by perplexity.</p>\n<ul>\n"_L1;
        for (const FloorFinding &f : findings.floor)
            html += "<li>"_L1 + floorSentence(cells, f) + "</li>\n"_L1;
        html += "</ul>\n"_L1;
    }
    html += tiers(cells, findings);
    html += scripts(cells, findings);
    html += u"<h3>Failed cells</h3>\n"_s;
    if (findings.failed.empty()) {
        html += "<p>No cell failed.</p>\n"_L1;
    } else {
        html += "<ul class=\"failed\">\n"_L1;
        for (const FailedCell &f : findings.failed)
            html += "<li>Cell "_L1 + num(cells[f.cell], f.cell, "/cell", Format::Integer, QString::number(f.cell))
                + ", <code>"_L1 + escape(f.scheme) + "</code>: <span class=\"error\">"_L1 + escape(f.error)
                + "</span></li>\n"_L1;
        html += "</ul>\n"_L1;
    }
    return html + "</section>\n"_L1;
}

} // namespace bitcliff::app::sweephtml
