#include "report/plansummarytext.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace bitcliff::app {

namespace {

// The translation context (lupdate reads PlanSummaryText::tr("…") calls).
struct PlanSummaryText
{
    Q_DECLARE_TR_FUNCTIONS(PlanSummaryText)
};

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

QString planTreatmentText(const PlanSummary &summary)
{
    const QString scheme = fromStd(summary.scheme);
    QStringList parts;
    parts << PlanSummaryText::tr("tensors as asked: %n", nullptr, summary.quantized);
    for (const TreatmentCount &f : summary.fallbacks)
        parts << PlanSummaryText::tr("fell back to %1: %n (%2)", nullptr, f.tensors)
                     .arg(fromStd(f.scheme), fromStd(f.reason));
    for (const TreatmentCount &k : summary.keptReasons)
        parts << PlanSummaryText::tr("kept: %n (%1)", nullptr, k.tensors).arg(fromStd(k.reason));
    return scheme + QStringLiteral(": ") + parts.join(QStringLiteral(", "));
}

QString planBitsText(const PlanSummary &summary)
{
    if (summary.quantizedParameters == 0)
        return PlanSummaryText::tr("nothing quantized");
    const QLocale locale;
    const double share
        = summary.parameters > 0 ? 100.0 * double(summary.quantizedParameters) / double(summary.parameters) : 0.0;
    return PlanSummaryText::tr("%1 bits/weight over the quantized tensors (%2 % of parameters), %3 over the model")
        .arg(locale.toString(summary.bitsPerWeight, 'f', 2), locale.toString(share, 'f', 1),
            locale.toString(summary.modelBitsPerWeight, 'f', 2));
}

} // namespace bitcliff::app
