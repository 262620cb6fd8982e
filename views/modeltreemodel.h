#pragma once
// The model catalog as a tree: an "Embeddings & head" group, then one group per layer, each
// holding its tensors. Fed immutable snapshots; statistics arrive later and only refresh
// the statistics columns.
#include "formats/model.h"
#include "stats/modelstats.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace bitcliff {

class ModelTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        RoleColumn,
        ShapeColumn,
        DTypeColumn,
        ParametersColumn,
        AbsmaxColumn,
        KurtosisColumn,
        OutliersColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole, // numbers for numeric columns, so sorting is numeric
        TensorIndexRole, // index into model->tensors(); -1 for group rows
        LayerRole, // layer number; -1 for the embeddings & head group
    };
    Q_ENUM(Role)

    explicit ModelTreeModel(QObject *parent = nullptr);
    ~ModelTreeModel() final;

    // Replaces the catalog (model reset). Statistics of another model are dropped.
    void setModel(std::shared_ptr<const Model> model);
    // Updates the statistics columns only (dataChanged); nullptr clears them.
    void setStats(std::shared_ptr<const ModelStats> stats);

    const std::shared_ptr<const Model> &model() const { return m_model; }
    const std::shared_ptr<const ModelStats> &stats() const { return m_stats; }

    // Texts change with the language: repaint the header and every row.
    void retranslate();

    // The row of a tensor, for selecting it from elsewhere (invalid when out of range).
    QModelIndex indexForTensor(int tensorIndex, int column = NameColumn) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const final;
    QModelIndex parent(const QModelIndex &child) const final;
    int rowCount(const QModelIndex &parent = {}) const final;
    int columnCount(const QModelIndex &parent = {}) const final;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const final;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const final;
    Qt::ItemFlags flags(const QModelIndex &index) const final;

    // A tensor's name as shown under its layer group ("self_attn.q_proj.weight").
    static QString shortName(const TensorInfo &info);

private:
    struct Group
    {
        int layer = -1;
        std::vector<int> tensors; // indices into model->tensors()
        int64_t parameters = 0;
        // Aggregates over the tensors with statistics; computed == 0 when there are none.
        int computed = 0;
        double absmax = 0.0;
        int64_t outliers = 0;
    };

    static QString tensorCount(int count); // "1 tensor", "7 tensors"
    QVariant groupData(const Group &group, int column, int role) const;
    QVariant tensorData(int tensorIndex, int column, int role) const;
    const TensorStats *statsFor(int tensorIndex) const;
    QString missingStatsReason(int tensorIndex) const;
    void matchStats();

    std::shared_ptr<const Model> m_model;
    std::shared_ptr<const ModelStats> m_stats;
    std::vector<Group> m_groups;
    std::vector<int> m_groupOf; // per tensor: its group
    std::vector<int> m_rowOf; // per tensor: its row inside the group
    std::vector<const TensorStats *> m_tensorStats; // per tensor; nullptr when none
};

} // namespace bitcliff
