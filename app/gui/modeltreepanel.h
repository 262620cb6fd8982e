#pragma once
// The model tree dock: a filter box over the layers -> tensors tree with sortable columns;
// the header's context menu shows and hides columns.
#include <QSet>
#include <QWidget>

#include <memory>

class QLineEdit;
class QTreeView;

namespace bitcliff {
class Model;
class ModelTreeModel;
class ModelTreeFilter;
} // namespace bitcliff

namespace bitcliff::app {

struct ModelAnalysis;

class ModelTreePanel final : public QWidget
{
    Q_OBJECT

public:
    explicit ModelTreePanel(QWidget *parent = nullptr);
    void setModel(std::shared_ptr<const Model> model);
    void setAnalysis(std::shared_ptr<const ModelAnalysis> analysis);
    void selectTensor(int tensorIndex);
    QTreeView *view() const { return m_view; }
    void retranslate();
    // Columns the user can hide from the header's context menu (the name always shows).
    void setColumnShown(int column, bool shown);
    bool isColumnShown(int column) const;
    QLineEdit *filterEdit() const { return m_filterEdit; }

signals:
    void tensorSelected(int tensorIndex);

protected:
    void resizeEvent(QResizeEvent *event) final;

private:
    void fitColumns();
    void onCurrentChanged();
    void applyFilter(const QString &text);
    void showColumnMenu(const QPoint &pos);
    QSet<int> expandedLayers() const;
    void setExpandedLayers(const QSet<int> &layers);

    QLineEdit *m_filterEdit;
    QTreeView *m_view;
    ModelTreeModel *m_model;
    ModelTreeFilter *m_filter;
    QSet<int> m_expandedLayers; // the groups open before filtering (by layer; -1 embeddings)
    bool m_filtering = false;
};

} // namespace bitcliff::app
