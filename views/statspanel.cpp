#include "statspanel.h"

#include "viewformat.h"

#include <QEvent>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace bitcliff {

namespace {

// Shows formatted text and sorts by the number behind it.
class NumberItem final : public QTableWidgetItem
{
public:
    NumberItem(double value, const QString &text)
        : QTableWidgetItem(text)
    {
        setData(Qt::UserRole, value);
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem &other) const final
    {
        return data(Qt::UserRole).toDouble() < other.data(Qt::UserRole).toDouble();
    }
};

} // namespace

StatsPanel::StatsPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);

    m_form = new QFormLayout;
    m_form->setLabelAlignment(Qt::AlignRight);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Long labels (German) wrap instead of pushing the values out of a narrow panel.
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    for (int f = 0; f < FieldCount; ++f) {
        m_fields[f] = new QLabel(this);
        m_fields[f]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_fields[f]->setWordWrap(true);
        m_form->addRow(new QLabel(this), m_fields[f]); // texts in retranslate()
    }
    layout->addLayout(m_form);

    m_tableTitle = new QLabel(this);
    m_tableTitle->setFont(bold);
    layout->addWidget(m_tableTitle);
    m_table = new QTableWidget(0, TableColumnCount, this);
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setMinimumHeight(6 * (m_table->fontMetrics().height() + 8)); // a few rows, scrolled in small windows
    layout->addWidget(m_table, 1);
    retranslate();
}

void StatsPanel::retranslate()
{
    const QString labels[FieldCount] = {
        tr("Shape"),
        tr("DType"),
        tr("Elements"),
        tr("Non-finite"),
        tr("Absmax"),
        tr("Mean"),
        tr("Std"),
        tr("Kurtosis"),
        tr("Outlier output channels"),
        tr("Outlier input channels"),
        tr("Outlier threshold"),
    };
    for (int f = 0; f < FieldCount; ++f)
        if (auto *label = qobject_cast<QLabel *>(m_form->labelForField(m_fields[f])))
            label->setText(labels[f]);
    m_table->setHorizontalHeaderLabels({ tr("Axis"), tr("Channel"), tr("Absmax"), tr("\u00d7 median") });
    m_table->horizontalHeaderItem(RatioColumn)->setToolTip(tr("Channel absmax divided by the median channel absmax"));
    setTensor(m_info, m_stats); // the values' texts are translated too
}

void StatsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

StatsPanel::~StatsPanel() = default;

void StatsPanel::clear()
{
    setTensor(nullptr, nullptr);
}

QString StatsPanel::fieldText(const QString &label) const
{
    for (int row = 0; row < m_form->rowCount(); ++row) {
        const QLayoutItem *nameItem = m_form->itemAt(row, QFormLayout::LabelRole);
        const QLayoutItem *valueItem = m_form->itemAt(row, QFormLayout::FieldRole);
        const auto *name = nameItem ? qobject_cast<QLabel *>(nameItem->widget()) : nullptr;
        const auto *value = valueItem ? qobject_cast<QLabel *>(valueItem->widget()) : nullptr;
        if (name && value && name->text() == label)
            return value->text();
    }
    return {};
}

void StatsPanel::setField(Field field, const QString &text, const QString &toolTip)
{
    m_fields[field]->setText(text);
    m_fields[field]->setToolTip(toolTip);
}

void StatsPanel::setTensor(std::shared_ptr<const TensorInfo> info, std::shared_ptr<const TensorStats> stats)
{
    m_info = std::move(info);
    m_stats = std::move(stats);
    const QString none = ViewFormat::missing();
    if (m_info)
        m_title->setText(QString::fromStdString(m_info->name));
    else if (m_stats)
        m_title->setText(QString::fromStdString(m_stats->name));
    else
        m_title->setText(tr("No tensor selected"));

    setField(Shape, m_info ? ViewFormat::shape(m_info->shape) : none);
    setField(DType, !m_info ? none : m_info->supported() ? ViewFormat::dtype(*m_info) : ViewFormat::notReadable(*m_info));
    setField(Elements, m_info ? ViewFormat::count(m_info->elementCount()) : none);

    const TensorStats *s = m_stats && m_stats->computed ? m_stats.get() : nullptr;
    QString why = tr("Statistics have not been computed yet");
    if (m_info && !m_info->supported())
        why = ViewFormat::notReadable(*m_info);
    else if (m_stats && !m_stats->skippedReason.empty())
        why = tr("Not computed: %1").arg(QString::fromStdString(m_stats->skippedReason));
    if (!s) {
        for (Field f : { NonFinite, Absmax, Mean, Std, Kurtosis, OutlierRows, OutlierCols, Threshold })
            setField(f, none, why);
        fillTable();
        return;
    }
    setField(NonFinite, ViewFormat::count(s->nonFinite), tr("NaN and infinite values, left out of every statistic"));
    setField(Absmax, ViewFormat::value(s->absmax), tr("Largest absolute value |w|"));
    setField(Mean, ViewFormat::value(s->mean));
    setField(Std, ViewFormat::value(s->std), tr("Population standard deviation"));
    setField(Kurtosis, tr("%1 (Gaussian = 3)").arg(QLocale().toString(s->kurtosis, 'f', 2)),
        tr("Pearson kurtosis: far above 3 means heavy tails, which waste quantization levels"));
    auto outlierText = [](const ChannelStats &c, const QString &noun) {
        return tr("%1 of %2 %3")
            .arg(c.outliers.size())
            .arg(ViewFormat::count(static_cast<int64_t>(c.absmax.size())), noun);
    };
    setField(OutlierRows, outlierText(s->rows, tr("output channels")));
    setField(OutlierCols, outlierText(s->cols, tr("input channels")));
    const ChannelStats &rule = s->cols.medianAbsmax > 0.0f ? s->cols : s->rows; // either axis tells k
    const double k = rule.medianAbsmax > 0.0f ? rule.threshold / rule.medianAbsmax : 0.0;
    setField(Threshold,
        tr("%1 \u00d7 median: %2 (output), %3 (input)")
            .arg(ViewFormat::value(k, 3), ViewFormat::value(s->rows.threshold, 3),
                ViewFormat::value(s->cols.threshold, 3)),
        tr("A channel is an outlier when its absmax exceeds k times the median channel absmax"));
    fillTable();
}

void StatsPanel::fillTable()
{
    struct Entry
    {
        bool input;
        int64_t channel;
        double absmax;
        double ratio;
    };
    std::vector<Entry> entries;
    const TensorStats *s = m_stats && m_stats->computed ? m_stats.get() : nullptr;
    if (s) {
        for (const auto *c : { &s->rows, &s->cols }) {
            for (int64_t channel : c->outliers) {
                const double v = c->absmax[static_cast<size_t>(channel)];
                entries.push_back({ c == &s->cols, channel, v, c->medianAbsmax > 0.0f ? v / c->medianAbsmax : 0.0 });
            }
        }
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.ratio > b.ratio; });
    if (entries.size() > static_cast<size_t>(kTopOutliers))
        entries.resize(static_cast<size_t>(kTopOutliers));

    m_table->setSortingEnabled(false); // rows would move while being filled
    m_table->setRowCount(static_cast<int>(entries.size()));
    for (size_t i = 0; i < entries.size(); ++i) {
        const Entry &e = entries[i];
        const int row = static_cast<int>(i);
        m_table->setItem(row, AxisColumn, new QTableWidgetItem(e.input ? tr("input") : tr("output")));
        m_table->setItem(row, ChannelColumn, new NumberItem(double(e.channel), QString::number(e.channel)));
        m_table->setItem(row, AbsmaxColumn, new NumberItem(e.absmax, ViewFormat::value(e.absmax)));
        m_table->setItem(row, RatioColumn, new NumberItem(e.ratio, QLocale().toString(e.ratio, 'f', 1)));
    }
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RatioColumn, Qt::DescendingOrder);
    const size_t all = s ? s->rows.outliers.size() + s->cols.outliers.size() : 0;
    if (all == 0)
        m_tableTitle->setText(s ? tr("No outlier channels") : tr("Outlier channels"));
    else if (all <= entries.size())
        m_tableTitle->setText(tr("Outlier channels (%1)").arg(all));
    else
        m_tableTitle->setText(tr("Top %1 of %2 outlier channels").arg(entries.size()).arg(all));
    m_table->setCurrentCell(-1, -1); // no focus frame on the first cell
}

} // namespace bitcliff
