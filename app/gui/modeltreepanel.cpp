#include "gui/modeltreepanel.h"

#include "modeltreefilter.h"
#include "modeltreemodel.h"
#include "report/modelanalysis.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QResizeEvent>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

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
    connect(m_filterEdit, &QLineEdit::textChanged, this, &ModelTreePanel::applyFilter);
    // Right-click on the header: choose the columns (a narrow dock cannot show them all).
    m_view->header()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view->header(), &QHeaderView::customContextMenuRequested, this, &ModelTreePanel::showColumnMenu);
    // The statistics right after the role, where a narrow dock still shows them; shape,
    // type and parameter count follow.
    QHeaderView *header = m_view->header();
    for (int column : { ModelTreeModel::AbsmaxColumn, ModelTreeModel::KurtosisColumn, ModelTreeModel::OutliersColumn })
        header->moveSection(header->visualIndex(column), header->visualIndex(ModelTreeModel::ShapeColumn));
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ModelTreePanel::onCurrentChanged);
    retranslate();
}

void ModelTreePanel::retranslate()
{
    m_filterEdit->setPlaceholderText(tr("Filter tensors by name or role…"));
    m_view->header()->setToolTip(tr("Right-click to choose the columns."));
    m_model->retranslate();
}

void ModelTreePanel::applyFilter(const QString &text)
{
    // Filtering expands every group; clearing the filter brings back the groups the user
    // had open before, not a collapsed tree.
    if (!text.isEmpty() && !m_filtering)
        m_expandedLayers = expandedLayers();
    m_filtering = !text.isEmpty();
    m_filter->setFilterFixedString(text);
    if (m_filtering)
        m_view->expandAll();
    else
        setExpandedLayers(m_expandedLayers);
}

QSet<int> ModelTreePanel::expandedLayers() const
{
    QSet<int> layers;
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex index = m_filter->index(row, 0);
        if (m_view->isExpanded(index))
            layers.insert(index.data(ModelTreeModel::LayerRole).toInt());
    }
    return layers;
}

void ModelTreePanel::setExpandedLayers(const QSet<int> &layers)
{
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex index = m_filter->index(row, 0);
        m_view->setExpanded(index, layers.contains(index.data(ModelTreeModel::LayerRole).toInt()));
    }
}

void ModelTreePanel::showColumnMenu(const QPoint &pos)
{
    QMenu menu(this);
    QHeaderView *header = m_view->header();
    for (int column = ModelTreeModel::RoleColumn; column < ModelTreeModel::ColumnCount; ++column) {
        QAction *action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        connect(action, &QAction::toggled, this, [this, column](bool shown) { setColumnShown(column, shown); });
    }
    menu.exec(header->mapToGlobal(pos));
}

void ModelTreePanel::setColumnShown(int column, bool shown)
{
    if (column <= ModelTreeModel::NameColumn || column >= ModelTreeModel::ColumnCount)
        return; // the name always shows
    m_view->header()->setSectionHidden(column, !shown);
    if (shown)
        m_view->resizeColumnToContents(column);
}

bool ModelTreePanel::isColumnShown(int column) const
{
    return !m_view->header()->isSectionHidden(column);
}

void ModelTreePanel::setModel(std::shared_ptr<const Model> model)
{
    // Another model starts in file order, expanded one level: a sort or an expansion of the
    // previous model's rows means nothing for this one.
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->header()->setSortIndicator(-1, Qt::AscendingOrder);
    m_expandedLayers.clear();
    m_model->setModel(std::move(model));
    m_view->expandToDepth(0);
    if (m_filtering)
        m_view->expandAll();
    fitColumns();
}

// Every column as wide as its contents, except the name: at most about 35 % of the view, so
// that a narrow dock still shows the statistics beside it (long names elide; the tooltip has
// them in full). Runs again when the panel is resized, so widths come back as it grows.
void ModelTreePanel::fitColumns()
{
    for (int column = 0; column < m_model->columnCount(); ++column)
        if (!m_view->header()->isSectionHidden(column))
            m_view->resizeColumnToContents(column);
    const int cap = std::max(110, m_view->viewport()->width() * 35 / 100);
    if (m_view->columnWidth(ModelTreeModel::NameColumn) > cap)
        m_view->setColumnWidth(ModelTreeModel::NameColumn, cap);
}

void ModelTreePanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (event->oldSize().width() != event->size().width())
        fitColumns();
}

void ModelTreePanel::setAnalysis(std::shared_ptr<const ModelAnalysis> analysis)
{
    m_model->setStats(analysis ? analysis->stats : nullptr);
    fitColumns();
}

void ModelTreePanel::selectTensor(int tensorIndex)
{
    const QModelIndexList matches = m_filter->match(
        m_filter->index(0, 0), ModelTreeModel::TensorIndexRole, tensorIndex, 1, Qt::MatchExactly | Qt::MatchRecursive);
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
