#pragma once
// The table of a sweep's cells, one row each, filled live as cells finish: scheme, method,
// bits, bits per weight, status and the headline metrics. Display text is formatted; the
// SortRole holds the raw number (or text), so a QSortFilterProxyModel with
// setSortRole(SweepResultsModel::SortRole) sorts numerically, missing values last.
#include <QAbstractTableModel>
#include <QString>
#include <QVector>

#include <optional>

namespace bitcliff {

// A snapshot of one cell's result (see notes/sweep-schema.md: results.jsonl).
struct SweepResultRow
{
    int cell = -1; // the row's key: a cell's new result replaces its row
    QString scheme; // "q4_k", "unquantized"
    QString method; // "gguf-k"
    int bits = 0; // nominal code bits
    QString status; // "ok" or "failed" (a running cell may say "running")
    QString error; // one line, failed rows only
    double bpw = 0.0; // stored bits per weight of the quantized tensors
    std::optional<double> ppl;
    std::optional<double> kld; // mean KLD against the unquantized model, nats
    std::optional<double> sameTop; // fraction in [0, 1]
    std::optional<double> accuracy; // fraction in [0, 1]
    std::optional<double> seconds;
};

class SweepResultsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Scheme, Method, Bits, Bpw, Status, Ppl, Kld, SameTop, Accuracy, Seconds, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // raw value: double, int or text; invalid when missing
        CellRole // the row's cell index, in every column
    };

    explicit SweepResultsModel(QObject *parent = nullptr);

    // Replaces every row (kept in cell order).
    void setRows(QVector<SweepResultRow> rows);
    // A cell finished: its row is replaced in place, or inserted at its place in cell order.
    void appendOrReplaceRow(const SweepResultRow &row);
    const QVector<SweepResultRow> &rows() const { return m_rows; }
    // The row of `cell`, or -1.
    int rowOfCell(int cell) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const SweepResultRow &row, int column) const;
    QVariant sortValue(const SweepResultRow &row, int column) const;
    QVariant toolTip(const SweepResultRow &row, int column) const;

    QVector<SweepResultRow> m_rows;
};

} // namespace bitcliff
