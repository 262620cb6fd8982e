#include "modeltreemodel.h"

#include "viewformat.h"

#include <QBrush>
#include <QFont>
#include <QLocale>

#include <map>
#include <string_view>
#include <unordered_map>

namespace bitcliff {

namespace {

// internalId of a group row; a tensor row stores its group's row + 1.
constexpr quintptr kGroupId = 0;

bool isStatsColumn(int column)
{
    return column == ModelTreeModel::AbsmaxColumn || column == ModelTreeModel::KurtosisColumn
        || column == ModelTreeModel::OutliersColumn;
}

bool isNumericColumn(int column)
{
    return column == ModelTreeModel::ParametersColumn || isStatsColumn(column);
}

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

ModelTreeModel::ModelTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{ }

ModelTreeModel::~ModelTreeModel() = default;

void ModelTreeModel::setModel(std::shared_ptr<const Model> model)
{
    beginResetModel();
    m_model = std::move(model);
    if (m_stats && m_stats->model != m_model)
        m_stats.reset();
    m_groups.clear();
    m_groupOf.clear();
    m_rowOf.clear();
    if (m_model) {
        const auto &tensors = m_model->tensors();
        // Layer -1 (embeddings, head, final norm) first, then layers in order.
        std::map<int, std::vector<int>> byLayer;
        for (size_t i = 0; i < tensors.size(); ++i)
            byLayer[std::max(tensors[i].layer, -1)].push_back(static_cast<int>(i));
        m_groupOf.assign(tensors.size(), -1);
        m_rowOf.assign(tensors.size(), -1);
        for (auto &[layer, members] : byLayer) {
            Group group;
            group.layer = layer;
            group.tensors = std::move(members);
            for (size_t row = 0; row < group.tensors.size(); ++row) {
                const int t = group.tensors[row];
                group.parameters += tensors[static_cast<size_t>(t)].elementCount();
                m_groupOf[static_cast<size_t>(t)] = static_cast<int>(m_groups.size());
                m_rowOf[static_cast<size_t>(t)] = static_cast<int>(row);
            }
            m_groups.push_back(std::move(group));
        }
    }
    matchStats();
    endResetModel();
}

void ModelTreeModel::setStats(std::shared_ptr<const ModelStats> stats)
{
    m_stats = std::move(stats);
    matchStats();
    for (size_t g = 0; g < m_groups.size(); ++g) {
        const int row = static_cast<int>(g);
        emit dataChanged(index(row, AbsmaxColumn), index(row, OutliersColumn));
        const QModelIndex parent = index(row, 0);
        const int last = static_cast<int>(m_groups[g].tensors.size()) - 1;
        if (last >= 0)
            emit dataChanged(index(0, AbsmaxColumn, parent), index(last, OutliersColumn, parent));
    }
}

void ModelTreeModel::matchStats()
{
    const size_t n = m_model ? m_model->tensors().size() : 0;
    m_tensorStats.assign(n, nullptr);
    if (m_stats && n > 0) {
        const auto &tensors = m_model->tensors();
        const auto &stats = m_stats->tensors;
        // Same order as the catalog is the contract; fall back to names if it differs.
        std::unordered_map<std::string_view, const TensorStats *> byName;
        for (size_t i = 0; i < n; ++i) {
            if (i < stats.size() && stats[i].name == tensors[i].name) {
                m_tensorStats[i] = &stats[i];
                continue;
            }
            if (byName.empty())
                for (const TensorStats &s : stats)
                    byName.emplace(s.name, &s);
            const auto it = byName.find(tensors[i].name);
            m_tensorStats[i] = it == byName.end() ? nullptr : it->second;
        }
    }
    for (Group &group : m_groups) {
        group.computed = 0;
        group.absmax = 0.0;
        group.outliers = 0;
        for (int t : group.tensors) {
            const TensorStats *s = statsFor(t);
            if (!s)
                continue;
            ++group.computed;
            group.absmax = std::max(group.absmax, s->absmax);
            group.outliers += static_cast<int64_t>(s->cols.outliers.size());
        }
    }
}

const TensorStats *ModelTreeModel::statsFor(int tensorIndex) const
{
    if (tensorIndex < 0 || static_cast<size_t>(tensorIndex) >= m_tensorStats.size())
        return nullptr;
    const TensorStats *stats = m_tensorStats[static_cast<size_t>(tensorIndex)];
    return stats && stats->computed ? stats : nullptr;
}

QString ModelTreeModel::missingStatsReason(int tensorIndex) const
{
    const TensorInfo &info = m_model->tensors()[static_cast<size_t>(tensorIndex)];
    const TensorStats *stats = m_tensorStats[static_cast<size_t>(tensorIndex)];
    if (!info.supported())
        return tr("%1 \u2014 BitCliff cannot decode this type, so the tensor has no statistics")
            .arg(ViewFormat::notReadable(info));
    if (stats && !stats->skippedReason.empty())
        return tr("Not computed: %1").arg(QString::fromStdString(stats->skippedReason));
    if (!m_stats)
        return tr("Statistics have not been computed yet");
    return tr("No statistics for this tensor");
}

QModelIndex ModelTreeModel::indexForTensor(int tensorIndex, int column) const
{
    if (tensorIndex < 0 || static_cast<size_t>(tensorIndex) >= m_groupOf.size() || column < 0 || column >= ColumnCount)
        return {};
    const int group = m_groupOf[static_cast<size_t>(tensorIndex)];
    return createIndex(m_rowOf[static_cast<size_t>(tensorIndex)], column, static_cast<quintptr>(group) + 1);
}

QModelIndex ModelTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kGroupId);
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex ModelTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupId)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kGroupId);
}

int ModelTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_groups.size());
    if (parent.column() != 0 || parent.internalId() != kGroupId)
        return 0;
    return static_cast<int>(m_groups[static_cast<size_t>(parent.row())].tensors.size());
}

int ModelTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Qt::ItemFlags ModelTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalId() != kGroupId)
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QVariant ModelTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kGroupId)
        return groupData(m_groups[static_cast<size_t>(index.row())], index.column(), role);
    const Group &group = m_groups[static_cast<size_t>(index.internalId() - 1)];
    return tensorData(group.tensors[static_cast<size_t>(index.row())], index.column(), role);
}

QString ModelTreeModel::tensorCount(int count)
{
    return count == 1 ? tr("1 tensor") : tr("%1 tensors").arg(count);
}

QVariant ModelTreeModel::groupData(const Group &group, int column, int role) const
{
    const bool haveStats = group.computed > 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return group.layer < 0 ? tr("Embeddings & head") : tr("Layer %1").arg(group.layer);
        case RoleColumn:
            return tensorCount(int(group.tensors.size()));
        case ParametersColumn:
            return ViewFormat::compactCount(group.parameters);
        case AbsmaxColumn:
            return haveStats ? ViewFormat::value(group.absmax) : ViewFormat::missing();
        case OutliersColumn:
            return haveStats ? QString::number(group.outliers) : ViewFormat::missing();
        default:
            return {};
        }
    case SortRole:
        switch (column) {
        case NameColumn:
            return group.layer; // "Layer 10" after "Layer 9"
        case ParametersColumn:
            return QVariant::fromValue<qlonglong>(group.parameters);
        case AbsmaxColumn:
            return haveStats ? group.absmax : -1.0;
        case OutliersColumn:
            return QVariant::fromValue<qlonglong>(haveStats ? group.outliers : -1);
        default:
            return groupData(group, column, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        switch (column) {
        case ParametersColumn:
            return tr("%1 parameters").arg(ViewFormat::count(group.parameters));
        case RoleColumn: // not the name column: the filter matches a name's tooltip
            return tr("%1; the group's figures summarise them").arg(tensorCount(int(group.tensors.size())));
        case AbsmaxColumn:
            return haveStats ? tr("Absmax: the max over %1 with statistics").arg(tensorCount(group.computed))
                             : tr("No statistics for this group yet");
        case KurtosisColumn:
            return tr("Kurtosis is a per-tensor figure: see the tensors below");
        case OutliersColumn:
            return haveStats
                ? tr("Outlier input channels, summed over %1 with statistics").arg(tensorCount(group.computed))
                : tr("No statistics for this group yet");
        default:
            return {};
        }
    case Qt::FontRole:
        if (column == NameColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (isNumericColumn(column))
            return QVariant::fromValue<int>(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case TensorIndexRole:
        return -1;
    case LayerRole:
        return group.layer;
    default:
        return {};
    }
}

QString ModelTreeModel::shortName(const TensorInfo &info)
{
    const QString name = QString::fromStdString(info.name);
    if (info.layer < 0)
        return name;
    // Drop everything up to "layers.N." / "blk.N." : the group row already says "Layer N".
    for (const QString &marker : { QStringLiteral("layers.%1."), QStringLiteral("blk.%1.") }) {
        const QString prefix = marker.arg(info.layer);
        const qsizetype at = name.indexOf(prefix);
        if (at >= 0)
            return name.mid(at + prefix.size());
    }
    return name;
}

QVariant ModelTreeModel::tensorData(int tensorIndex, int column, int role) const
{
    const TensorInfo &info = m_model->tensors()[static_cast<size_t>(tensorIndex)];
    const TensorStats *stats = statsFor(tensorIndex);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return shortName(info); // under its "Layer N" group; the tooltip has the full name
        case RoleColumn:
            return fromStd(roleName(info.role));
        case ShapeColumn:
            return ViewFormat::shape(info.shape);
        case DTypeColumn:
            return info.supported() ? ViewFormat::dtype(info) : ViewFormat::notReadable(info);
        case ParametersColumn:
            return ViewFormat::compactCount(info.elementCount());
        case AbsmaxColumn:
            return stats ? ViewFormat::value(stats->absmax) : ViewFormat::missing();
        case KurtosisColumn:
            return stats ? QLocale().toString(stats->kurtosis, 'f', 2) : ViewFormat::missing();
        case OutliersColumn:
            return stats ? QString::number(stats->cols.outliers.size()) : ViewFormat::missing();
        default:
            return {};
        }
    case SortRole:
        switch (column) {
        case RoleColumn:
            return static_cast<int>(info.role); // q, k, v, o, gate, up, down order
        case ShapeColumn:
        case ParametersColumn:
            return QVariant::fromValue<qlonglong>(info.elementCount());
        case AbsmaxColumn:
            return stats ? stats->absmax : -1.0;
        case KurtosisColumn:
            return stats ? stats->kurtosis : -1.0;
        case OutliersColumn:
            return QVariant::fromValue<qlonglong>(stats ? static_cast<qlonglong>(stats->cols.outliers.size()) : -1);
        default:
            return tensorData(tensorIndex, column, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        if ((isStatsColumn(column) && !stats) || (column == DTypeColumn && !info.supported()))
            return missingStatsReason(tensorIndex);
        switch (column) {
        case NameColumn:
            return QString::fromStdString(info.name);
        case ParametersColumn:
            return tr("%1 parameters").arg(ViewFormat::count(info.elementCount()));
        case KurtosisColumn:
            return tr("Pearson kurtosis (Gaussian = 3); heavy tails make it large");
        case OutliersColumn:
            return tr("%1 of %2 input channels and %3 of %4 output channels exceed %5 (%6 \u00d7 median)")
                .arg(stats->cols.outliers.size())
                .arg(stats->cols.absmax.size())
                .arg(stats->rows.outliers.size())
                .arg(stats->rows.absmax.size())
                .arg(ViewFormat::value(stats->cols.threshold, 3))
                .arg(m_stats ? ViewFormat::value(m_stats->rule.k, 3) : QStringLiteral("k"));
        default:
            return {};
        }
    case Qt::ForegroundRole:
        if ((isStatsColumn(column) && !stats) || (column == DTypeColumn && !info.supported()))
            return QBrush(Qt::gray);
        if (column == OutliersColumn && stats && !stats->cols.outliers.empty())
            return QBrush(QColor(0xc0, 0x39, 0x2b)); // draws the eye to tensors with outliers
        return {};
    case Qt::TextAlignmentRole:
        if (isNumericColumn(column))
            return QVariant::fromValue<int>(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case TensorIndexRole:
        return tensorIndex;
    case LayerRole:
        return info.layer;
    default:
        return {};
    }
}

void ModelTreeModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (m_groups.empty())
        return;
    emit dataChanged(index(0, 0), index(int(m_groups.size()) - 1, ColumnCount - 1));
    for (size_t g = 0; g < m_groups.size(); ++g)
        if (!m_groups[g].tensors.empty()) {
            const QModelIndex parent = index(int(g), 0);
            emit dataChanged(index(0, 0, parent), index(int(m_groups[g].tensors.size()) - 1, ColumnCount - 1, parent));
        }
}

QVariant ModelTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("Name");
        case RoleColumn:
            return tr("Role");
        case ShapeColumn:
            return tr("Shape");
        case DTypeColumn:
            return tr("DType");
        case ParametersColumn:
            return tr("Parameters");
        case AbsmaxColumn:
            return tr("Absmax");
        case KurtosisColumn:
            return tr("Kurtosis");
        case OutliersColumn:
            return tr("Outliers");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ShapeColumn:
            return tr("Shape in PyTorch order: output \u00d7 input");
        case AbsmaxColumn:
            return tr("Largest absolute weight |w|");
        case KurtosisColumn:
            return tr("Pearson kurtosis of the weights (Gaussian = 3)");
        case OutliersColumn:
            return tr("Input channels whose absmax exceeds k \u00d7 the median channel absmax");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && isNumericColumn(section))
        return QVariant::fromValue<int>(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace bitcliff
