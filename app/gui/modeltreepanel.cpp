#include "gui/modeltreepanel.h"

#include "modeltreefilter.h"
#include "modeltreemodel.h"
#include "report/modelanalysis.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTreeView>
#include <QVBoxLayout>

namespace bitcliff::app {

ModelTreePanel::ModelTreePanel(QWidget *parent)
    : QWidget(parent)
    , m_filterEdit(new QLineEdit(this))
    , m_view(new QTreeView(this))
    , m_model(new ModelTreeModel(this))
    , m_filter(new ModelTreeFilter(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_filterEdit->setClearButtonEnabled(true);
    layout->addWidget(m_filterEdit);
    layout->addWidget(m_view);
    m_filter->setSourceModel(m_model);
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // file order until the user sorts
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(false);
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, [this](const QString &text) {
        m_filter->setFilterFixedString(text);
        if (!text.isEmpty())
            m_view->expandAll();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ModelTreePanel::onCurrentChanged);
    retranslate();
}

void ModelTreePanel::retranslate()
{
    m_filterEdit->setPlaceholderText(tr("Filter tensors by name or role…"));
}

void ModelTreePanel::setModel(std::shared_ptr<const Model> model)
{
    m_model->setModel(std::move(model));
    m_view->expandToDepth(0);
    for (int column = 0; column < m_model->columnCount(); ++column)
        m_view->resizeColumnToContents(column);
}

void ModelTreePanel::setAnalysis(std::shared_ptr<const ModelAnalysis> analysis)
{
    m_model->setStats(analysis ? analysis->stats : nullptr);
    for (int column = 1; column < m_model->columnCount(); ++column)
        m_view->resizeColumnToContents(column);
}

void ModelTreePanel::selectTensor(int tensorIndex)
{
    const QModelIndexList matches = m_filter->match(m_filter->index(0, 0), ModelTreeModel::TensorIndexRole, tensorIndex, 1,
                                                    Qt::MatchExactly | Qt::MatchRecursive);
    if (matches.isEmpty())
        return;
    m_view->scrollTo(matches.first());
    m_view->setCurrentIndex(matches.first());
}

void ModelTreePanel::onCurrentChanged()
{
    const int index = m_view->currentIndex().data(ModelTreeModel::TensorIndexRole).toInt();
    if (index >= 0)
        emit tensorSelected(index);
}

} // namespace bitcliff::app
