#pragma once
// The model tree dock: a filter box over the layers -> tensors tree with sortable columns.
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

signals:
    void tensorSelected(int tensorIndex);

private:
    void onCurrentChanged();

    QLineEdit *m_filterEdit;
    QTreeView *m_view;
    ModelTreeModel *m_model;
    ModelTreeFilter *m_filter;
};

} // namespace bitcliff::app
