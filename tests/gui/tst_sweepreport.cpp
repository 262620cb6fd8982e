// The sweep report on cells generated from a model of the cliff (sweepcliffmodel.h): the
// findings against expectations derived from the generating figures, the HTML parsed back
// with every marked figure checked against its cell, escaping, failed cells, the CSV and JSON
// files, text-only sweeps and sweeps without a baseline.
#include "analysis/clifffindings.h"
#include "analysis/cliffseries.h"
#include "guitestutils.h"
#include "report/sweepcsv.h"
#include "report/sweephtml.h"
#include "sweepcliffmodel.h"

#include <QBuffer>
#include <QFile>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

using namespace bitcliff;
using namespace bitcliff::app;
using namespace bitcliff::test;
using Json = nlohmann::ordered_json;

namespace {

const std::string scriptError = "cannot load <script>alert('x')</script> & \"quoted\", line 2";

// The truth cells of `method`, by bits.
std::vector<const TruthCell *> methodTruth(const std::vector<TruthCell> &truth, const std::string &method)
{
    std::vector<const TruthCell *> cells;
    for (const TruthCell &t : truth)
        if (t.method == method)
            cells.push_back(&t);
    std::sort(cells.begin(), cells.end(), [](const TruthCell *a, const TruthCell *b) { return a->bits < b->bits; });
    return cells;
}

const ThresholdFinding *threshold(
    const CliffFindings &findings, const std::string &method, CliffMetric metric, double tolerance)
{
    for (const ThresholdFinding &f : findings.thresholds)
        if (f.method == method && f.metric == metric && f.tolerance == tolerance)
            return &f;
    return nullptr;
}

// How the report shows a figure, per its data-format (the contract in sweephtml.h).
QString shown(double value, const QString &format)
{
    char text[64];
    if (format == QLatin1String("pct1"))
        std::snprintf(text, sizeof text, "%.1f", value * 100);
    else if (format == QLatin1String("fix1"))
        std::snprintf(text, sizeof text, "%.1f", value);
    else if (format == QLatin1String("fix2"))
        std::snprintf(text, sizeof text, "%.2f", value);
    else if (format == QLatin1String("sig3"))
        std::snprintf(text, sizeof text, "%#.3g", value);
    else if (format == QLatin1String("int"))
        std::snprintf(text, sizeof text, "%lld", std::llround(value));
    else
        return QStringLiteral("unknown format ") + format;
    QString s = QString::fromLatin1(text);
    if (s.startsWith(QLatin1Char('-')) && !s.contains(QRegularExpression(QStringLiteral("[1-9]"))))
        s.remove(0, 1);
    return s;
}

struct MarkedFigure
{
    int cell;
    std::string key;
    QString format, text;
};

struct ParsedReport
{
    QString error; // the XML parser's, empty when well-formed
    QString htmlLang;
    QString text; // all character data
    std::vector<MarkedFigure> figures;
    QStringList derived;
    int svgElements = 0;
};

// Parses the report as XML (it is written to be well-formed) and collects the marked figures.
ParsedReport parseReport(const QByteArray &html)
{
    ParsedReport parsed;
    QXmlStreamReader xml(html);
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QXmlStreamAttributes attributes = xml.attributes();
            if (xml.name() == QLatin1String("html"))
                parsed.htmlLang = attributes.value(QLatin1String("lang")).toString();
            if (xml.name() == QLatin1String("svg"))
                ++parsed.svgElements;
            const QString cls = attributes.value(QLatin1String("class")).toString();
            if (xml.name() == QLatin1String("span") && cls == QLatin1String("num")) {
                MarkedFigure figure { attributes.value(QLatin1String("data-cell")).toInt(),
                    attributes.value(QLatin1String("data-key")).toString().toStdString(),
                    attributes.value(QLatin1String("data-format")).toString(), {} };
                figure.text = xml.readElementText();
                parsed.text += figure.text;
                parsed.figures.push_back(figure);
            } else if (xml.name() == QLatin1String("span") && cls == QLatin1String("derived")) {
                parsed.derived << xml.readElementText();
                parsed.text += parsed.derived.back();
            }
        } else if (xml.isCharacters()) {
            parsed.text += xml.text();
        }
    }
    if (xml.hasError())
        parsed.error = xml.errorString() + QStringLiteral(" at line ") + QString::number(xml.lineNumber());
    return parsed;
}

// Every marked figure equals, as shown, the value at its key in its cell; returns how many.
int checkFigures(const ParsedReport &parsed, const std::vector<Json> &cells)
{
    int checked = 0;
    for (const MarkedFigure &figure : parsed.figures) {
        const auto cell
            = std::find_if(cells.begin(), cells.end(), [&](const Json &c) { return c["cell"] == figure.cell; });
        if (cell == cells.end()) {
            qWarning("no cell %d", figure.cell);
            return -1;
        }
        const Json::json_pointer pointer(figure.key);
        if (!cell->contains(pointer) || !cell->at(pointer).is_number()) {
            qWarning("cell %d has no number at %s", figure.cell, figure.key.c_str());
            return -1;
        }
        const QString expected = shown(cell->at(pointer).get<double>(), figure.format);
        if (figure.text != expected) {
            qWarning("cell %d %s: shown %s, value %s", figure.cell, figure.key.c_str(), qPrintable(figure.text),
                qPrintable(expected));
            return -1;
        }
        ++checked;
    }
    return checked;
}

bool hasFigure(const ParsedReport &parsed, int cell, const std::string &key)
{
    return std::any_of(parsed.figures.begin(), parsed.figures.end(),
        [&](const MarkedFigure &f) { return f.cell == cell && f.key == key; });
}

QByteArray sampleSvg()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(QSize(200, 100));
    generator.setViewBox(QRect(0, 0, 200, 100));
    generator.setTitle(QStringLiteral("cliff"));
    QPainter painter(&generator);
    QLinearGradient gradient(0, 0, 200, 0);
    gradient.setColorAt(0, Qt::red);
    gradient.setColorAt(1, Qt::blue);
    painter.fillRect(QRect(0, 0, 200, 50), gradient);
    painter.drawLine(0, 90, 200, 10);
    painter.drawText(10, 80, QStringLiteral("accuracy"));
    painter.end();
    return buffer.data();
}

// RFC 4180 parsing, independent of the writer.
std::vector<std::vector<std::string>> parseCsv(const std::string &text)
{
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false, fieldStarted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"' && !fieldStarted) {
            quoted = fieldStarted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
            fieldStarted = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(field);
            field.clear();
            fieldStarted = false;
            rows.emplace_back();
            ++i;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (rows.back().empty() && field.empty())
        rows.pop_back();
    return rows;
}

std::string readAll(const QString &path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

class TestSweepReport : public QObject
{
    Q_OBJECT

public:
    static void initMain() { bitcliff::test::initGuiTestMain(); }

private slots:
    void thresholdsFollowTheCliff();
    void hardAndRarerScriptFallFirst();
    void fourBitFloorAndFailures();
    void reportShowsEveryFigureFromItsCell();
    void reportEscapesAndStaysSelfContained();
    void csvAndJsonRoundTrip();
    void answerLossChart();
    void textOnlySweepHasPerplexityFindings();
    void noBaselineIsAFindingNotACrash();
    void perplexityWithoutRatioAndNothingWithin();
};

void TestSweepReport::thresholdsFollowTheCliff()
{
    const std::vector<TruthCell> truth = cliffTruth(true, true);
    const CliffFindings findings = findCliffs(cellsJson(truth));
    QCOMPARE(findings.baseline, std::optional<int>(0));
    QCOMPARE(findings.methods, (std::vector<std::string> { "rtn:g128:sym", "gguf-k" }));
    const TruthCell &base = truth[0];
    bool sawNotMonotonic = false;
    for (const std::string method : { "rtn:g128:sym", "gguf-k" }) {
        for (const double tolerance : { 0.01, 0.05 }) {
            // Expectations straight from the generating figures.
            int expectedAcc = -1, expectedPpl = -1, expectedTop = -1;
            std::vector<int> accNotWithinAbove;
            for (const TruthCell *t : methodTruth(truth, method)) {
                const bool accWithin = t->acc >= (1 - tolerance) * base.acc;
                if (expectedAcc < 0 && accWithin)
                    expectedAcc = t->cell;
                else if (expectedAcc >= 0 && !accWithin)
                    accNotWithinAbove.push_back(t->cell);
                if (expectedPpl < 0 && t->lnPplRatio <= std::log(1 + tolerance))
                    expectedPpl = t->cell;
                if (expectedTop < 0 && t->sameTop >= 1 - tolerance)
                    expectedTop = t->cell;
            }
            const ThresholdFinding *acc = threshold(findings, method, CliffMetric::Accuracy, tolerance);
            const ThresholdFinding *ppl = threshold(findings, method, CliffMetric::Perplexity, tolerance);
            const ThresholdFinding *top = threshold(findings, method, CliffMetric::SameTop, tolerance);
            QVERIFY(acc && ppl && top);
            QCOMPARE(acc->cell.value_or(-1), expectedAcc);
            QCOMPARE(ppl->cell.value_or(-1), expectedPpl);
            QCOMPARE(top->cell.value_or(-1), expectedTop);
            QCOMPARE(acc->notWithinAbove, accNotWithinAbove);
            sawNotMonotonic |= !accNotWithinAbove.empty();
            QCOMPARE(acc->cells.size(), methodTruth(truth, method).size());
            if (acc->cell) {
                const TruthCell &t = truth[*acc->cell];
                QCOMPARE(acc->bits, t.bits);
                QCOMPARE(acc->scheme, t.scheme);
                QCOMPARE(acc->bpw->value, t.bpw);
                QCOMPARE(acc->reading->value.value, t.acc);
                QCOMPARE(acc->reading->value.key, std::string("/accuracy/overall/acc"));
                QCOMPARE(acc->reading->baseline->cell, 0);
                QCOMPARE(acc->reading->baseline->value, base.acc);
            }
            if (ppl->cell) {
                QCOMPARE(ppl->reading->value.key, std::string("/ln_ppl_ratio/value"));
                QCOMPARE(ppl->reading->value.value, truth[*ppl->cell].lnPplRatio);
                QCOMPARE(ppl->reading->basePpl->value, base.ppl);
            }
        }
    }
    QVERIFY2(sawNotMonotonic, "the model's 7-bit dip must make rtn non-monotonic at 1 %");
    // gguf-k never reaches 1 % accuracy below 6 bits in this model: a "none" finding is possible.
    const ThresholdFinding *q = threshold(findings, "gguf-k", CliffMetric::Accuracy, 0.01);
    QVERIFY(q);
    QCOMPARE(q->cell.has_value(), methodTruth(truth, "gguf-k").back()->acc >= 0.99 * base.acc);
}

void TestSweepReport::hardAndRarerScriptFallFirst()
{
    const std::vector<TruthCell> truth = cliffTruth(true, true);
    const CliffFindings findings = findCliffs(cellsJson(truth));
    const TruthCell &base = truth[0];
    // One tier finding per method at 3 and at 2 bits, 3 bits first.
    QCOMPARE(findings.tiers.size(), size_t(4));
    QCOMPARE(findings.tiers[0].bits, 3);
    QCOMPARE(findings.tiers[3].bits, 2);
    for (const TierFinding &f : findings.tiers) {
        const TruthCell &t = truth[f.cell];
        QCOMPARE(t.bits, f.bits);
        QCOMPARE(f.easiest, std::string("easy")); // written hard-first in the cells
        QCOMPARE(f.hardest, std::string("hard"));
        const double easyDrop = (base.tiers.at("easy") - t.tiers.at("easy")) * 100;
        const double hardDrop = (base.tiers.at("hard") - t.tiers.at("hard")) * 100;
        QVERIFY(std::abs(f.easy.dropPp - easyDrop) < 1e-9);
        QVERIFY(std::abs(f.hard.dropPp - hardDrop) < 1e-9);
        QVERIFY(std::abs(f.differencePp - (hardDrop - easyDrop)) < 1e-9);
        QVERIFY(f.differencePp > 0); // hard falls first, by construction
        QCOMPARE(f.hard.acc.key, std::string("/accuracy/by_difficulty/hard/acc"));
        QCOMPARE(f.hard.base.cell, 0);
    }
    // ru and hi (not en) per method and bit-width.
    QCOMPARE(findings.scripts.size(), size_t(8));
    for (const ScriptFinding &f : findings.scripts) {
        QVERIFY(f.language == "ru" || f.language == "hi");
        const TruthCell &t = truth[f.cell];
        QVERIFY(f.accuracy && f.englishAccuracy && f.lnPplRatio && f.kld);
        const double drop = (base.languages.at(f.language) - t.languages.at(f.language)) * 100;
        const double englishDrop = (base.languages.at("en") - t.languages.at("en")) * 100;
        QVERIFY(std::abs(f.accuracy->dropPp - drop) < 1e-9);
        QVERIFY(std::abs(*f.differencePp - (drop - englishDrop)) < 1e-9);
        QCOMPARE(f.lnPplRatio->value, t.textLnRatio.at(f.language));
        QCOMPARE(f.englishLnPplRatio->value, t.textLnRatio.at("en"));
        QCOMPARE(f.kld->value, t.textKld.at(f.language));
        QCOMPARE(f.englishKld->value, t.textKld.at("en"));
        QVERIFY(*f.differencePp > 0);
    }
    QVERIFY(isLatinScript("pt-BR") && isLatinScript("sr-Latn") && !isLatinScript("uz-Cyrl"));
    QVERIFY(!isLatinScript("ja") && !isLatinScript("zh") && !isLatinScript("ar") && isLatinScript("DE"));
    QCOMPARE(orderedTiers({ "hard", "easy", "medium" }), (std::vector<std::string> { "easy", "medium", "hard" }));
    QCOMPARE(orderedTiers({ "l2", "l1", "hard" }), (std::vector<std::string> { "hard", "l1", "l2" }));
}

void TestSweepReport::fourBitFloorAndFailures()
{
    const std::vector<TruthCell> truth = cliffTruth(true, true);
    std::vector<Json> cells = cellsJson(truth);
    cells.push_back(failedCellJson(int(cells.size()), "iq4_nl", "iq4_nl", 4, scriptError));
    const CliffFindings findings = findCliffs(cells);
    QCOMPARE(findings.floor.size(), size_t(2)); // the failed iq4_nl cell has nothing to compare
    for (const FloorFinding &f : findings.floor) {
        const TruthCell &t = truth[f.cell];
        QCOMPARE(t.bits, 4);
        QCOMPARE(f.metric, CliffMetric::Accuracy);
        QCOMPARE(f.within1, t.acc >= 0.99 * truth[0].acc);
        QCOMPARE(f.within5, t.acc >= 0.95 * truth[0].acc);
        QVERIFY(std::abs(f.loss - (truth[0].acc - t.acc) * 100) < 1e-9);
    }
    QCOMPARE(findings.failed.size(), size_t(1));
    QCOMPARE(findings.failed[0].cell, int(cells.size()) - 1);
    QCOMPARE(findings.failed[0].error, scriptError);
    QCOMPARE(findings.methods.size(), size_t(2)); // a failed cell's method is no series
}

void TestSweepReport::reportShowsEveryFigureFromItsCell()
{
    const std::vector<TruthCell> truth = cliffTruth(true, true);
    std::vector<Json> cells = cellsJson(truth);
    cells.push_back(failedCellJson(int(cells.size()), "iq4_nl", "iq4_nl", 4, scriptError));
    SweepReportInput input;
    input.cells = cells;
    input.findings = findCliffs(cells);
    input.charts = { { QStringLiteral("Accuracy cliff"), sampleSvg(), QStringLiteral("cliff-accuracy.png") },
        { QStringLiteral("KLD cliff"), sampleSvg(), {} } };
    input.generated = QDateTime(QDate(2026, 12, 7), QTime(6, 0), Qt::UTC);
    const QByteArray html = sweepReportHtml(input);

    const ParsedReport parsed = parseReport(html);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QCOMPARE(parsed.htmlLang, QStringLiteral("en"));
    const int checked = checkFigures(parsed, cells);
    QVERIFY2(checked > 200, qPrintable(QString::number(checked))); // findings and the whole table
    // The findings' own figures are marked with their cells.
    const ThresholdFinding *acc = threshold(input.findings, "rtn:g128:sym", CliffMetric::Accuracy, 0.05);
    QVERIFY(acc && acc->cell);
    QVERIFY(hasFigure(parsed, *acc->cell, "/accuracy/overall/acc"));
    QVERIFY(hasFigure(parsed, *acc->cell, "/bpw"));
    QVERIFY(hasFigure(parsed, 0, "/accuracy/overall/acc"));
    for (const TierFinding &f : input.findings.tiers) {
        QVERIFY(hasFigure(parsed, f.cell, "/accuracy/by_difficulty/hard/acc"));
        char difference[32];
        std::snprintf(difference, sizeof difference, "%.1f", f.differencePp);
        QVERIFY2(parsed.derived.contains(QString::fromLatin1(difference)), difference);
    }
    for (const ScriptFinding &f : input.findings.scripts)
        QVERIFY(hasFigure(parsed, f.cell, "/texts/" + std::string(f.language == "ru" ? "1" : "2") + "/kld/mean"));
    // Every cell has a row: its scheme is in the text, a failed one with its error.
    for (const Json &cell : cells)
        QVERIFY(parsed.text.contains(QString::fromStdString(cell["scheme"].get<std::string>())));
    QVERIFY(parsed.text.contains(QString::fromStdString(scriptError)));
    QCOMPARE(parsed.svgElements, 2);
    QVERIFY(parsed.text.contains(QStringLiteral("4-bit weights (W4A16)")));
    QVERIFY(parsed.text.contains(QStringLiteral("Not monotonic")));
    QVERIFY(parsed.text.contains(QStringLiteral("2026-12-07T06:00:00Z")));
    QVERIFY(parsed.text.contains(QStringLiteral("Haswell")));
    QVERIFY(parsed.text.contains(QString::fromStdString(std::string(64, 'a')))); // the fingerprint
    QVERIFY(html.contains("href=\"cliff-accuracy.png\""));

    // Kept for a look when $BITCLIFF_SCREENSHOT_DIR is set.
    ShotDir shots;
    QVERIFY(shots.init());
    QFile file(shots.path(QStringLiteral("sweep-report"), QStringLiteral(".html")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(html), html.size());
}

void TestSweepReport::reportEscapesAndStaysSelfContained()
{
    std::vector<Json> cells = cellsJson(cliffTruth(true, false));
    cells.push_back(failedCellJson(int(cells.size()), "q4_k<script>alert(1)</script>", "gguf-k", 4, scriptError));
    SweepReportInput input;
    input.cells = cells;
    input.findings = findCliffs(cells);
    input.title = QStringLiteral("Sweep of <b>tiny</b> & \"co\"");
    input.charts = { { QStringLiteral("<i>chart</i>"), sampleSvg(), QStringLiteral("https://example.com/x.png") },
        { QStringLiteral("broken"), QByteArray("not svg"), {} } };
    const QByteArray html = sweepReportHtml(input);
    const ParsedReport parsed = parseReport(html);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QVERIFY(!html.contains("<script"));
    QVERIFY(!html.contains("<b>tiny"));
    QVERIFY(!html.contains("<i>chart"));
    QVERIFY(parsed.text.contains(QStringLiteral("q4_k<script>alert(1)</script>")));
    QVERIFY(parsed.text.contains(QStringLiteral("Sweep of <b>tiny</b> & \"co\"")));
    QVERIFY(parsed.text.contains(QStringLiteral("/models/tiny <llama> & co")));
    QVERIFY(parsed.text.contains(QStringLiteral("not an SVG document")));
    // Nothing is loaded from outside, and the SVG's own prolog is gone.
    QVERIFY(!html.contains("https://example.com"));
    QVERIFY(!html.contains("<?xml"));
    QVERIFY(!html.contains("<!DOCTYPE svg"));
    QVERIFY(!html.contains("<link"));
    QVERIFY(!QString::fromUtf8(html).contains(QRegularExpression(QStringLiteral("src=\"(https?:)?//"))));
    QVERIFY(html.startsWith("<!DOCTYPE html>"));
    QVERIFY(html.contains("<meta charset=\"utf-8\"/>"));
    QVERIFY(checkFigures(parsed, cells) > 0);

    // Two charts in one page do not share ids, and their references follow.
    const QByteArray svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x\">\n"
                           "<svg xmlns=\"http://www.w3.org/2000/svg\"><defs><linearGradient id=\"g1\"/></defs>"
                           "<rect fill=\"url(#g1)\"/><use href=\"#g1\"/></svg>\n<!-- trailing -->";
    QCOMPARE(inlineSvg(svg, QStringLiteral("c2-")),
        QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\"><defs><linearGradient id=\"c2-g1\"/></defs>"
                   "<rect fill=\"url(#c2-g1)\"/><use href=\"#c2-g1\"/></svg>"));
    QVERIFY(inlineSvg("<svgx/>", QStringLiteral("p")).isEmpty());
}

void TestSweepReport::csvAndJsonRoundTrip()
{
    const std::vector<TruthCell> truth = cliffTruth(true, true);
    std::vector<Json> cells = cellsJson(truth);
    const std::string error = "line one, with \"quotes\"\r\nline two";
    cells.push_back(failedCellJson(int(cells.size()), "rtn:b3:g32:asym", "rtn:g32:asym", 3, error));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString csvPath = dir.filePath(QStringLiteral("results.csv"));
    const QString jsonPath = dir.filePath(QStringLiteral("results.json"));
    writeSweepResultsCsv(csvPath.toStdString(), cells);
    writeSweepResultsJson(jsonPath.toStdString(), cells);

    const std::vector<std::vector<std::string>> rows = parseCsv(readAll(csvPath));
    QCOMPARE(rows.size(), cells.size() + 1);
    const std::vector<std::string> expectedHeader { "cell", "scheme", "method", "bits", "status", "error", "bpw",
        "bpw_model", "ppl", "ppl_err", "kld", "kld_err", "same_top", "ln_ppl_ratio", "acc", "acc_err",
        "answer_nats_per_char", "acc_easy", "acc_medium", "acc_hard", "acc_en", "acc_ru", "acc_hi",
        "answer_nats_per_char_easy", "answer_nats_per_char_medium", "answer_nats_per_char_hard",
        "answer_nats_per_char_en", "answer_nats_per_char_ru", "answer_nats_per_char_hi", "ppl_en.txt", "ppl_ru.txt",
        "ppl_hi.txt" };
    QCOMPARE(rows[0], expectedHeader);
    const auto column = [&](const std::string &name) {
        return size_t(std::find(expectedHeader.begin(), expectedHeader.end(), name) - expectedHeader.begin());
    };
    const auto close = [](const std::string &field, double value) {
        return !field.empty() && std::abs(std::stod(field) - value) <= 1e-6 * std::max(1.0, std::abs(value));
    };
    for (const TruthCell &t : truth) {
        const std::vector<std::string> &row = rows[size_t(t.cell) + 1];
        QCOMPARE(row.size(), expectedHeader.size());
        QCOMPARE(row[column("cell")], std::to_string(t.cell));
        QCOMPARE(row[column("scheme")], t.scheme);
        QCOMPARE(row[column("bits")], std::to_string(t.bits));
        QCOMPARE(row[column("status")], std::string("ok"));
        QVERIFY(close(row[column("acc")], t.acc));
        QVERIFY(close(row[column("acc_hard")], t.tiers.at("hard")));
        QVERIFY(close(row[column("acc_hi")], t.languages.at("hi")));
        QVERIFY(close(row[column("answer_nats_per_char")], answerLossOf(t.acc)));
        QVERIFY(close(row[column("answer_nats_per_char_hard")], answerLossOf(t.tiers.at("hard"))));
        QVERIFY(close(row[column("answer_nats_per_char_hi")], answerLossOf(t.languages.at("hi"))));
        QVERIFY(close(row[column("ppl_ru.txt")], t.textPpl.at("ru")));
        QVERIFY(close(row[column("ppl")], t.ppl));
        if (t.cell == 0) {
            QVERIFY(row[column("kld")].empty());
        } else {
            QVERIFY(close(row[column("kld")], t.kld));
            QVERIFY(close(row[column("same_top")], t.sameTop));
            QVERIFY(close(row[column("ln_ppl_ratio")], t.lnPplRatio));
        }
    }
    const std::vector<std::string> &failed = rows.back();
    QCOMPARE(failed[column("status")], std::string("failed"));
    QCOMPARE(failed[column("error")], error);
    QVERIFY(failed[column("acc")].empty());

    const Json array = Json::parse(readAll(jsonPath));
    QVERIFY(array.is_array());
    QCOMPARE(array.size(), cells.size());
    for (size_t i = 0; i < cells.size(); ++i)
        QVERIFY2(array[i] == cells[i], Json::diff(cells[i], array[i]).dump().c_str());
    QCOMPARE(csvField("a,b"), std::string("\"a,b\""));
    QCOMPARE(csvField("plain"), std::string("plain"));

    // A directory that does not exist: a clear error, nothing written.
    QVERIFY_THROWS_EXCEPTION(std::exception,
        writeSweepResultsCsv(dir.filePath(QStringLiteral("no/such/dir/results.csv")).toStdString(), cells));
}

// The answer loss as a chart metric: every cell's value (log axis, no intervals), by tier too.
void TestSweepReport::answerLossChart()
{
    const std::vector<TruthCell> truth = cliffTruth(true, false);
    const ResultCells cells = cellsJson(truth);
    QVERIFY(hasMetric(cells, CliffChartMetric::AnswerLoss));
    QVERIFY(!hasMetric(cellsJson(cliffTruth(false, true)), CliffChartMetric::AnswerLoss)); // text only: none
    const CliffChartData overall = cliffChartData(cells, { CliffChartMetric::AnswerLoss, CliffXAxis::StoredBits });
    QVERIFY(overall.logY);
    QVERIFY(overall.yTitle.contains(QStringLiteral("nats/char")));
    QCOMPARE(overall.panels.size(), 1);
    QVERIFY(overall.panels[0].baseline);
    QVERIFY(std::abs(*overall.panels[0].baseline - answerLossOf(truth[0].acc)) < 1e-9);
    int points = 0;
    for (const CliffSeries &series : overall.panels[0].series)
        for (const CliffPoint &point : series.points) {
            const TruthCell &t = truth.at(size_t(point.cell));
            QVERIFY2(std::abs(point.y - answerLossOf(t.acc)) < 1e-9, qPrintable(point.scheme));
            QVERIFY(std::isnan(point.lo)); // no interval is claimed
            ++points;
        }
    QCOMPARE(points, int(truth.size()) - 1);
    const CliffChartData byTier
        = cliffChartData(cells, { CliffChartMetric::AnswerLoss, CliffXAxis::StoredBits, CliffSlice::Difficulty });
    QCOMPARE(byTier.panels.size(), 3);
    QCOMPARE(byTier.panels[2].title, QStringLiteral("hard"));
    for (const CliffSeries &series : byTier.panels[2].series)
        for (const CliffPoint &point : series.points)
            QVERIFY(std::abs(point.y - answerLossOf(truth.at(size_t(point.cell)).tiers.at("hard"))) < 1e-9);
}

void TestSweepReport::textOnlySweepHasPerplexityFindings()
{
    const std::vector<TruthCell> truth = cliffTruth(false, true);
    const std::vector<Json> cells = cellsJson(truth);
    const CliffFindings findings = findCliffs(cells);
    QVERIFY(!threshold(findings, "gguf-k", CliffMetric::Accuracy, 0.01));
    const ThresholdFinding *ppl = threshold(findings, "gguf-k", CliffMetric::Perplexity, 0.05);
    QVERIFY(ppl && ppl->cell);
    int expected = -1;
    for (const TruthCell *t : methodTruth(truth, "gguf-k"))
        if (expected < 0 && t->lnPplRatio <= std::log(1.05))
            expected = t->cell;
    QCOMPARE(*ppl->cell, expected);
    QVERIFY(findings.tiers.empty());
    QCOMPARE(findings.scripts.size(), size_t(8)); // by text: ln PPL ratio and KLD, no accuracy
    for (const ScriptFinding &f : findings.scripts)
        QVERIFY(!f.accuracy && f.lnPplRatio && f.kld);
    QCOMPARE(findings.floor.size(), size_t(2));
    for (const FloorFinding &f : findings.floor) {
        QCOMPARE(f.metric, CliffMetric::Perplexity);
        QCOMPARE(f.within1, truth[f.cell].lnPplRatio <= std::log(1.01));
        QVERIFY(std::abs(f.loss - std::expm1(truth[f.cell].lnPplRatio) * 100) < 1e-9);
    }
    SweepReportInput input { {}, {}, cells, findings, {}, {} };
    const ParsedReport parsed = parseReport(sweepReportHtml(input));
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QVERIFY(checkFigures(parsed, cells) > 50);
    QVERIFY(hasFigure(parsed, expected, "/ln_ppl_ratio/value"));
    QVERIFY(parsed.text.contains(QStringLiteral("raises perplexity by")));
}

void TestSweepReport::noBaselineIsAFindingNotACrash()
{
    std::vector<Json> cells = cellsJson(cliffTruth(true, true));
    cells[0] = failedCellJson(0, "unquantized", "unquantized", 16, "out of memory");
    const CliffFindings findings = findCliffs(cells);
    QVERIFY(!findings.baseline);
    QVERIFY(!threshold(findings, "gguf-k", CliffMetric::Accuracy, 0.01)); // nothing to compare accuracy with
    QVERIFY(threshold(findings, "gguf-k", CliffMetric::Perplexity, 0.01)); // the ratios need no baseline cell
    QVERIFY(findings.tiers.empty());
    SweepReportInput input { {}, {}, cells, findings, {}, {} };
    const QByteArray html = sweepReportHtml(input);
    const ParsedReport parsed = parseReport(html);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QVERIFY(html.contains("id=\"no-baseline\""));
    QVERIFY(parsed.text.contains(QStringLiteral("No baseline")));
    QVERIFY(checkFigures(parsed, cells) > 0);

    // results.jsonl with a blank line and a line cut short by a killed writer.
    std::string jsonl = cells[0].dump() + "\n\n" + cells[1].dump() + "\n";
    jsonl += cells[2].dump().substr(0, 40);
    std::vector<std::string> problems;
    const std::vector<Json> parsedCells = parseResultsJsonl(jsonl, &problems);
    QCOMPARE(parsedCells.size(), size_t(2));
    QVERIFY(parsedCells[1] == cells[1]);
    QCOMPARE(problems.size(), size_t(1));
    QVERIFY2(problems[0].rfind("results.jsonl line 4: not a JSON object", 0) == 0, problems[0].c_str());

    // Nothing at all, and cells that are barely cells: findings and a report, no crash.
    for (const std::vector<Json> &odd : { std::vector<Json> {},
             std::vector<Json> { Json(42), Json::array(), Json { { "cell", "x" }, { "status", 1 } },
                 Json { { "scheme", "q4_k" }, { "status", "ok" }, { "bits", 4 }, { "method", "gguf-k" },
                     { "accuracy", { { "overall", "high" } } }, { "texts", 3 } } } }) {
        const CliffFindings oddFindings = findCliffs(odd);
        QVERIFY(!oddFindings.baseline);
        const ParsedReport oddReport = parseReport(sweepReportHtml({ {}, {}, odd, oddFindings, {}, {} }));
        QVERIFY2(oddReport.error.isEmpty(), qPrintable(oddReport.error));
        QVERIFY(!sweepResultsCsv(odd).empty());
    }
}

void TestSweepReport::perplexityWithoutRatioAndNothingWithin()
{
    // Cells without ln_ppl_ratio are compared by their PPL; only 2- and 3-bit cells: none within.
    const std::vector<TruthCell> truth = cliffTruth(true, true);
    std::vector<Json> cells;
    for (const TruthCell &t : truth)
        if (t.bits <= 3 || t.cell == 0) {
            cells.push_back(cellJson(t));
            cells.back().erase("ln_ppl_ratio");
        }
    const CliffFindings findings = findCliffs(cells);
    const ThresholdFinding *ppl = threshold(findings, "rtn:g128:sym", CliffMetric::Perplexity, 0.05);
    const ThresholdFinding *acc = threshold(findings, "rtn:g128:sym", CliffMetric::Accuracy, 0.01);
    QVERIFY(ppl && acc);
    QVERIFY(!ppl->cell && !acc->cell);
    QCOMPARE(acc->cells, (std::vector<int> { 1, 2 }));
    // Its 2-bit cell on the PPL criterion, straight from the figures: PPL at most 5 % above.
    std::vector<Json> twoBits { cells[0], cells[1] };
    twoBits[1]["ppl"] = truth[0].ppl * 1.049;
    const CliffFindings byPpl = findCliffs(twoBits);
    const ThresholdFinding *within = threshold(byPpl, "rtn:g128:sym", CliffMetric::Perplexity, 0.05);
    QVERIFY(within && within->cell);
    QCOMPARE(within->reading->value.key, std::string("/ppl"));
    QCOMPARE(within->reading->baseline->value, truth[0].ppl);
    QVERIFY(!threshold(byPpl, "rtn:g128:sym", CliffMetric::Perplexity, 0.01)->cell);

    const ParsedReport parsed = parseReport(sweepReportHtml({ {}, {}, cells, findings, {}, {} }));
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QVERIFY(parsed.text.contains(QStringLiteral("none of its 2 cells (2\u20133 bits) is within 1\u00a0% of the "
                                                "unquantized accuracy")));
    QVERIFY(parsed.text.contains(QStringLiteral("4-bit cell"))); // "No method has a 4-bit cell ..."
    QVERIFY(checkFigures(parsed, cells) > 0);
}

QTEST_MAIN(TestSweepReport)
#include "tst_sweepreport.moc"
