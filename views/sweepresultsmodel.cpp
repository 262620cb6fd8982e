#include "sweepresultsmodel.h"

#include "viewformat.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

#include <algorithm>

namespace bitcliff {

namespace {

bool failed(const SweepResultRow &row)
{
    return row.status == QLatin1String("failed");
}

QString fixed(const std::optional<double> &value, int decimals, double scale = 1.0)
{
    return value ? QLocale().toString(*value * scale, 'f', decimals) : ViewFormat::missing();
}

QVariant raw(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant(); // invalid sorts after every number
}

} // namespace

SweepResultsModel::SweepResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void SweepResultsModel::setRows(QVector<SweepResultRow> rows)
{
    std::stable_sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.cell < b.cell; });
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int SweepResultsModel::rowOfCell(int cell) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].cell == cell)
            return int(i);
    return -1;
}

void SweepResultsModel::appendOrReplaceRow(const SweepResultRow &row)
{
    if (const int existing = rowOfCell(row.cell); existing >= 0) {
        m_rows[existing] = row;
        emit dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
        return;
    }
    // Cells may finish out of order (several workers, a cluster): keep cell order.
    const auto at = std::upper_bound(
        m_rows.begin(), m_rows.end(), row.cell, [](int cell, const SweepResultRow &r) { return cell < r.cell; });
    const int position = int(at - m_rows.begin());
    beginInsertRows({}, position, position);
    m_rows.insert(position, row);
    endInsertRows();
}

int SweepResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SweepResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SweepResultsModel::display(const SweepResultRow &row, int column) const
{
    switch (column) {
    case Scheme:
        return row.scheme;
    case Method:
        return row.method;
    case Bits:
        return QLocale().toString(row.bits);
    case Bpw:
        return QLocale().toString(row.bpw, 'f', 2);
    case Status:
        if (row.status == QLatin1String("ok"))
            return tr("ok");
        if (failed(row))
            return tr("failed");
        return row.status;
    case Ppl:
        return row.ppl && *row.ppl >= 1000.0 ? fixed(row.ppl, 0) : fixed(row.ppl, 2);
    case Kld:
        return row.kld ? ViewFormat::value(*row.kld, 3) : ViewFormat::missing();
    case SameTop:
        return fixed(row.sameTop, 1, 100.0);
    case Accuracy:
        return fixed(row.accuracy, 1, 100.0);
    case Seconds:
        return fixed(row.seconds, 1);
    default:
        return {};
    }
}

QVariant SweepResultsModel::sortValue(const SweepResultRow &row, int column) const
{
    switch (column) {
    case Scheme:
        return row.scheme;
    case Method:
        return row.method;
    case Bits:
        return row.bits;
    case Bpw:
        return row.bpw;
    case Status:
        return row.status;
    case Ppl:
        return raw(row.ppl);
    case Kld:
        return raw(row.kld);
    case SameTop:
        return raw(row.sameTop);
    case Accuracy:
        return raw(row.accuracy);
    case Seconds:
        return raw(row.seconds);
    default:
        return {};
    }
}

QVariant SweepResultsModel::toolTip(const SweepResultRow &row, int column) const
{
    if (failed(row))
        return row.error.isEmpty() ? tr("This cell failed.") : tr("Failed: %1").arg(row.error);
    switch (column) {
    case Bpw:
        return tr("Bits per weight as stored over the quantized tensors, scales included");
    case Kld:
        return tr("Mean KL divergence from the unquantized model's next-token distribution, in nats");
    case SameTop:
        return tr("How often the most likely next token is the unquantized model's");
    default:
        return {};
    }
}

QVariant SweepResultsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const SweepResultRow &row = m_rows[index.row()];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case SortRole:
        return sortValue(row, column);
    case CellRole:
        return row.cell;
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case Qt::TextAlignmentRole:
        if (column == Scheme || column == Method || column == Status)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        if (failed(row))
            return QBrush(QColor(0x90, 0x90, 0x90));
        return {};
    default:
        return {};
    }
}

QVariant SweepResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Scheme:
        return tr("Scheme");
    case Method:
        return tr("Method");
    case Bits:
        return tr("Bits");
    case Bpw:
        return tr("Bits/weight");
    case Status:
        return tr("Status");
    case Ppl:
        return tr("PPL");
    case Kld:
        return tr("KLD (nats)");
    case SameTop:
        return tr("Same top (%)");
    case Accuracy:
        return tr("Accuracy (%)");
    case Seconds:
        return tr("Time (s)");
    default:
        return {};
    }
}

} // namespace bitcliff
