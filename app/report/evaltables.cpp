#include "report/evalcharts.h"
#include "report/plansummarytext.h"

#include <cmath>

namespace bitcliff::app {
namespace {

QString number(double value, int decimals)
{
    return std::isfinite(value) ? QString::number(value, 'f', decimals) : QStringLiteral("–");
}

QString percent(double fraction)
{
    return number(100 * fraction, 1);
}

QString csvField(const QString &field)
{
    if (!field.contains(',') && !field.contains('"') && !field.contains('\n'))
        return field;
    QString quoted = field;
    quoted.replace('"', QStringLiteral("\"\""));
    return '"' + quoted + '"';
}

} // namespace

EvalTable EvalTables::texts(const EvalReport &report)
{
    EvalTable table;
    table.header << tr("Run") << tr("Bits/weight") << tr("Text") << tr("Language") << tr("Tokens") << tr("Tokens/char")
                 << tr("Tokens/word") << tr("PPL") << tr("± PPL") << tr("KLD") << tr("Same top %") << tr("RMS Δp %");
    for (const EvalRun &run : report.runs) {
        for (const TextEvaluation &text : run.texts) {
            const LogitComparison *c = text.comparison ? &*text.comparison : nullptr;
            table.rows << QStringList { QString::fromStdString(run.label),
                number(EvalCharts::bitsPerWeight(report, run), 2), QString::fromStdString(text.name),
                QString::fromStdString(text.language), QString::number(text.fertility.tokens),
                number(text.fertility.tokensPerCharacter(), 3),
                text.fertility.words ? number(text.fertility.tokensPerWord(), 2) : QString(),
                number(text.perplexity.ppl, 4), number(text.perplexity.pplError, 4),
                c ? number(c->kld.mean, 6) : QString(), c ? percent(c->sameTop.mean) : QString(),
                c ? number(100 * c->rmsDeltaP, 3) : QString() };
        }
    }
    return table;
}

EvalTable EvalTables::runs(const EvalReport &report)
{
    EvalTable table;
    table.header << tr("Run") << tr("Bits/weight (quantized tensors)") << tr("Bits/weight (model)")
                 << tr("Tensors as asked") << tr("Fell back") << tr("Kept") << tr("What was done");
    for (const EvalRun &run : report.runs) {
        const QString label = QString::fromStdString(run.label);
        if (!run.plan) {
            const QString stored = number(report.storedBitsPerWeight, 2);
            table.rows << QStringList { label, stored, stored, QString(), QString(), QString(), tr("as stored") };
            continue;
        }
        const PlanSummary &p = *run.plan;
        table.rows << QStringList { label, number(p.bitsPerWeight, 2), number(p.modelBitsPerWeight, 2),
            QString::number(p.quantized), QString::number(p.fellBack), QString::number(p.kept), planTreatmentText(p) };
    }
    return table;
}

EvalTable EvalTables::accuracy(const EvalReport &report)
{
    EvalTable table;
    if (report.runs.empty() || report.runs.front().outcomes.empty())
        return table;
    const EvalRun &first = report.runs.front();
    table.header << tr("Run") << tr("Bits/weight") << tr("Items") << tr("acc %") << tr("± acc") << tr("acc_norm %");
    QList<std::pair<bool, std::string>> columns; // (by difficulty?, label)
    for (const QString &label : EvalCharts::orderedLabels(first.accuracy.byDifficulty)) { // easy, medium, hard
        table.header << tr("acc % %1").arg(label);
        columns.append({ true, label.toStdString() });
    }
    for (const auto &[label, accuracy] : first.accuracy.byLanguage) {
        table.header << tr("acc % %1").arg(QString::fromStdString(label));
        columns.append({ false, label });
    }
    for (const EvalRun &run : report.runs) {
        QStringList row { QString::fromStdString(run.label), number(EvalCharts::bitsPerWeight(report, run), 2),
            QString::number(run.accuracy.overall.count), percent(run.accuracy.overall.acc),
            percent(run.accuracy.overall.accError), percent(run.accuracy.overall.accNorm) };
        for (const auto &[byDifficulty, label] : columns) {
            const auto &group = byDifficulty ? run.accuracy.byDifficulty : run.accuracy.byLanguage;
            const auto it = group.find(label);
            row << (it == group.end() ? QString() : percent(it->second.acc));
        }
        table.rows << row;
    }
    return table;
}

QString EvalTables::toCsv(const EvalTable &table)
{
    QString csv;
    const auto line = [&csv](const QStringList &fields) {
        QStringList quoted;
        for (const QString &field : fields)
            quoted << csvField(field);
        csv += quoted.join(',') + '\n';
    };
    line(table.header);
    for (const QStringList &row : table.rows)
        line(row);
    return csv;
}

} // namespace bitcliff::app
