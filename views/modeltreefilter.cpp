#include "modeltreefilter.h"

#include "modeltreemodel.h"

#include <QRegularExpression>

namespace bitcliff {

ModelTreeFilter::ModelTreeFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true); // a matching tensor keeps its layer group
    setAutoAcceptChildRows(true);       // "layer 12" shows the whole layer
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(ModelTreeModel::SortRole);
}

bool ModelTreeFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QRegularExpression &pattern = filterRegularExpression();
    if (pattern.pattern().isEmpty())
        return true;
    const QAbstractItemModel *source = sourceModel();
    const QModelIndex name = source->index(sourceRow, ModelTreeModel::NameColumn, sourceParent);
    // Tensor rows show a short name and carry the full one in their tooltip.
    const QString fullName = name.data(Qt::ToolTipRole).toString();
    if (pattern.match(fullName.isEmpty() ? name.data().toString() : fullName).hasMatch())
        return true;
    // Group rows show a tensor count in the role column; only tensors match by role.
    if (!sourceParent.isValid())
        return false;
    const QModelIndex role = source->index(sourceRow, ModelTreeModel::RoleColumn, sourceParent);
    return pattern.match(role.data().toString()).hasMatch();
}

} // namespace bitcliff
