#pragma once
// Filters the model tree by a case-insensitive substring of a tensor's name or role (set it
// with setFilterFixedString), keeping the layer groups of matching tensors, and sorts by
// ModelTreeModel::SortRole so numeric columns sort as numbers.
#include <QSortFilterProxyModel>

namespace bitcliff {

class ModelTreeFilter final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ModelTreeFilter(QObject *parent = nullptr);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const final;
};

} // namespace bitcliff
