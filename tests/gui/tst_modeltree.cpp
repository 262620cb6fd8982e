// The model tree, offscreen: ModelTreeModel and ModelTreeFilter under QAbstractItemModelTester
// on the fake Llama, numeric sorting, filtering, and a screenshot of the tree view
// (into $BITCLIFF_SCREENSHOT_DIR when set, to be looked at).
#include "gui/modeltreepanel.h"
#include "guitestutils.h"
#include "modeltreefilter.h"
#include "modeltreemodel.h"
#include "report/modelanalysis.h"
#include "support/fakemodel.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QLineEdit>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include <algorithm>

using namespace bitcliff;
using namespace bitcliff::test;

class TestModelTree : public QObject
{
    Q_OBJECT

public:
    static void initMain() { initGuiTestMain(); }

private slots:
    void initTestCase();
    void treeModel();
    void treeSortingIsNumeric();
    void treeFilter_data();
    void treeFilter();
    void panelKeepsExpansionChoosesColumnsAndResetsSort();
    void screenshots();

private:
    FakeModel m_fake;
    ShotDir m_shots;
};

void TestModelTree::initTestCase()
{
    m_fake = makeFakeModel();
    QVERIFY(m_shots.init());
}

void TestModelTree::treeModel()
{
    ModelTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ModelTreeFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);

    model.setModel(m_fake.model);
    QCOMPARE(model.rowCount(), 1 + kLayers);
    QCOMPARE(model.index(0, ModelTreeModel::NameColumn).data().toString(), QStringLiteral("Embeddings & head"));
    QCOMPARE(model.index(3, ModelTreeModel::NameColumn).data().toString(), QStringLiteral("Layer 2"));
    QCOMPARE(model.rowCount(model.index(0, 0)), 3); // embed, final norm, lm_head
    QCOMPARE(model.rowCount(model.index(1, 0)), 10); // layer 0 also holds inv_freq
    QCOMPARE(model.rowCount(model.index(2, 0)), 9);
    QCOMPARE(model.index(1, 0).data(ModelTreeModel::TensorIndexRole).toInt(), -1);

    const int q3 = m_fake.indexOf("model.layers.3.self_attn.q_proj.weight");
    const QModelIndex q3Name = model.indexForTensor(q3);
    QCOMPARE(q3Name.data().toString(), QStringLiteral("self_attn.q_proj.weight")); // short under "Layer 3"
    QCOMPARE(q3Name.data(Qt::ToolTipRole).toString(), QStringLiteral("model.layers.3.self_attn.q_proj.weight"));
    QCOMPARE(q3Name.data(ModelTreeModel::TensorIndexRole).toInt(), q3);
    QCOMPARE(q3Name.parent().data().toString(), QStringLiteral("Layer 3"));
    QCOMPARE(
        model.indexForTensor(q3, ModelTreeModel::ShapeColumn).data().toString(), QStringLiteral("4096 \u00d7 4096"));
    QCOMPARE(model.indexForTensor(q3, ModelTreeModel::RoleColumn).data().toString(), QStringLiteral("attn_q"));
    QCOMPARE(model.indexForTensor(q3, ModelTreeModel::DTypeColumn).data().toString(), QStringLiteral("BF16"));
    QCOMPARE(model.indexForTensor(q3, ModelTreeModel::ParametersColumn).data().toString(), QStringLiteral("16.8 M"));
    QVERIFY(model.indexForTensor(q3, ModelTreeModel::ParametersColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLocale().toString(16777216LL)));

    // Before statistics: a dash, and a tooltip saying why.
    const QModelIndex q3Outliers = model.indexForTensor(q3, ModelTreeModel::OutliersColumn);
    QCOMPARE(q3Outliers.data().toString(), QStringLiteral("\u2014"));
    QVERIFY(q3Outliers.data(Qt::ToolTipRole).toString().contains(QStringLiteral("not been computed")));

    // Statistics refresh the statistics columns only.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setStats(m_fake.stats);
    QCOMPARE(reset.count(), 0);
    QVERIFY(changed.count() >= 1 + kLayers);
    for (const QList<QVariant> &args : changed) {
        QVERIFY(args[0].toModelIndex().column() >= ModelTreeModel::AbsmaxColumn);
        QVERIFY(args[1].toModelIndex().column() <= ModelTreeModel::OutliersColumn);
    }
    QCOMPARE(q3Outliers.data().toString(), QStringLiteral("3"));
    QCOMPARE(q3Outliers.data(ModelTreeModel::SortRole).toLongLong(), 3);
    QVERIFY(q3Outliers.data(Qt::ToolTipRole).toString().contains(QStringLiteral("3 of 4096 input channels")));
    const TensorStats &q3Stats = m_fake.stats->tensors[size_t(q3)];
    QCOMPARE(model.indexForTensor(q3, ModelTreeModel::AbsmaxColumn).data(ModelTreeModel::SortRole).toDouble(),
        q3Stats.absmax);

    // A tensor BitCliff cannot read keeps its dash, with the reason, and says so as its type.
    const int invFreq = m_fake.indexOf("model.layers.0.self_attn.rotary_emb.inv_freq");
    const QModelIndex invAbsmax = model.indexForTensor(invFreq, ModelTreeModel::AbsmaxColumn);
    QCOMPARE(invAbsmax.data().toString(), QStringLiteral("\u2014"));
    QVERIFY(invAbsmax.data(Qt::ToolTipRole).toString().contains(QStringLiteral("I64: not readable yet")));
    const QModelIndex invType = model.indexForTensor(invFreq, ModelTreeModel::DTypeColumn);
    QCOMPARE(invType.data().toString(), QStringLiteral("I64: not readable yet"));
    QVERIFY(invType.data(Qt::ToolTipRole).toString().contains(QStringLiteral("no statistics")));

    // Group aggregates: parameter sum, max absmax, outlier sum.
    const QModelIndex layer3 = model.index(4, 0);
    int64_t params = 0;
    double absmax = 0.0;
    int64_t outliers = 0;
    for (int r = 0; r < model.rowCount(layer3); ++r) {
        const int t = model.index(r, 0, layer3).data(ModelTreeModel::TensorIndexRole).toInt();
        params += m_fake.model->tensors()[size_t(t)].elementCount();
        absmax = std::max(absmax, m_fake.stats->tensors[size_t(t)].absmax);
        outliers += qint64(m_fake.stats->tensors[size_t(t)].cols.outliers.size());
    }
    QCOMPARE(model.index(4, ModelTreeModel::ParametersColumn).data(ModelTreeModel::SortRole).toLongLong(), params);
    QCOMPARE(model.index(4, ModelTreeModel::AbsmaxColumn).data(ModelTreeModel::SortRole).toDouble(), absmax);
    QCOMPARE(model.index(4, ModelTreeModel::OutliersColumn).data(ModelTreeModel::SortRole).toLongLong(), outliers);
    QVERIFY(outliers >= 5 * 3 + 1); // q, k, v, gate, up share 3 channels; down adds one

    // Filter and sort changes through the proxy, then teardown paths, all under the testers.
    filter.sort(ModelTreeModel::AbsmaxColumn, Qt::DescendingOrder);
    filter.setFilterFixedString(QStringLiteral("proj"));
    filter.setFilterFixedString(QString());
    model.setStats(nullptr);
    QCOMPARE(q3Outliers.data().toString(), QStringLiteral("\u2014"));
    model.setModel(nullptr);
    QCOMPARE(model.rowCount(), 0);
    model.setModel(m_fake.model);
    model.setStats(m_fake.stats);
    QCOMPARE(model.indexForTensor(q3, ModelTreeModel::OutliersColumn).data().toString(), QStringLiteral("3"));
}

void TestModelTree::treeSortingIsNumeric()
{
    ModelTreeModel model;
    ModelTreeFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setModel(m_fake.model);
    model.setStats(m_fake.stats);

    filter.sort(ModelTreeModel::ParametersColumn, Qt::AscendingOrder);
    const QModelIndexList found
        = filter.match(filter.index(0, 0), Qt::DisplayRole, QStringLiteral("Layer 1"), 1, Qt::MatchExactly);
    QCOMPARE(found.size(), 1);
    const QModelIndex layer1 = found.first();
    qlonglong previous = -1;
    QStringList shown;
    for (int r = 0; r < filter.rowCount(layer1); ++r) {
        const QModelIndex cell = filter.index(r, ModelTreeModel::ParametersColumn, layer1);
        const qlonglong value = cell.data(ModelTreeModel::SortRole).toLongLong();
        QVERIFY2(value >= previous, qPrintable(cell.data().toString()));
        previous = value;
        shown << cell.data().toString();
    }
    // As text "4,096" < "16.8 M" < "4.19 M" < "58.7 M" would be out of order.
    QCOMPARE(shown.first(), QLocale().toString(4096));
    QCOMPARE(shown.last(), QStringLiteral("58.7 M"));
    QVERIFY(shown.indexOf(QStringLiteral("4.19 M")) < shown.indexOf(QStringLiteral("16.8 M")));

    // Layer groups sort by number; absmax sorts as a number too.
    filter.sort(ModelTreeModel::NameColumn, Qt::DescendingOrder);
    QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("Layer 7"));
    QCOMPARE(filter.index(kLayers, 0).data().toString(), QStringLiteral("Embeddings & head"));
    filter.sort(ModelTreeModel::AbsmaxColumn, Qt::DescendingOrder);
    const QModelIndex top = filter.index(0, 0);
    double last = 1e300;
    for (int r = 0; r < filter.rowCount(top); ++r) {
        const double v = filter.index(r, ModelTreeModel::AbsmaxColumn, top).data(ModelTreeModel::SortRole).toDouble();
        QVERIFY(v <= last);
        last = v;
    }
}

void TestModelTree::treeFilter_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("groups");
    QTest::addColumn<int>("childrenPerGroup");
    QTest::addColumn<QString>("role");
    QTest::newRow("name") << QStringLiteral("down_proj") << kLayers << 1 << QStringLiteral("ffn_down");
    QTest::newRow("case-insensitive") << QStringLiteral("DOWN_PROJ") << kLayers << 1 << QStringLiteral("ffn_down");
    QTest::newRow("role") << QStringLiteral("ffn_gate") << kLayers << 1 << QStringLiteral("ffn_gate");
    QTest::newRow("layer group") << QStringLiteral("layer 5") << 1 << 9 << QString();
    QTest::newRow("nothing") << QStringLiteral("no such tensor") << 0 << 0 << QString();
}

void TestModelTree::treeFilter()
{
    QFETCH(QString, pattern);
    QFETCH(int, groups);
    QFETCH(int, childrenPerGroup);
    QFETCH(QString, role);
    ModelTreeModel model;
    ModelTreeFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setModel(m_fake.model);
    filter.setFilterFixedString(pattern);
    QCOMPARE(filter.rowCount(), groups);
    for (int g = 0; g < filter.rowCount(); ++g) {
        const QModelIndex group = filter.index(g, 0);
        QVERIFY(group.data().toString().startsWith(QStringLiteral("Layer ")));
        QCOMPARE(filter.rowCount(group), childrenPerGroup);
        for (int r = 0; r < filter.rowCount(group) && !role.isEmpty(); ++r)
            QCOMPARE(filter.index(r, ModelTreeModel::RoleColumn, group).data().toString(), role);
    }
    filter.setFilterFixedString(QString());
    QCOMPARE(filter.rowCount(), 1 + kLayers);
}

void TestModelTree::panelKeepsExpansionChoosesColumnsAndResetsSort()
{
    app::ModelTreePanel panel;
    panel.setModel(m_fake.model);
    panel.setAnalysis(app::analyseStats(m_fake.stats));
    QTreeView *view = panel.view();
    QAbstractItemModel *rows = view->model();
    // The user opens layer 3 only.
    for (int row = 0; row < rows->rowCount(); ++row)
        view->setExpanded(rows->index(row, 0), row == 4);
    panel.filterEdit()->setText(QStringLiteral("down_proj"));
    QVERIFY(view->isExpanded(rows->index(1, 0))); // filtering opens every match
    panel.filterEdit()->clear();
    QCOMPARE(rows->rowCount(), 1 + kLayers);
    for (int row = 0; row < rows->rowCount(); ++row)
        QCOMPARE(view->isExpanded(rows->index(row, 0)), row == 4);

    // Group rows say what their figures summarise.
    const QString absmaxTip = rows->index(4, ModelTreeModel::AbsmaxColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(absmaxTip.contains(QStringLiteral("max over 9 tensors")), qPrintable(absmaxTip));
    QVERIFY(rows->index(4, ModelTreeModel::OutliersColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("summed")));

    // The statistics come right after the role; columns can be hidden and shown.
    QHeaderView *header = view->header();
    QCOMPARE(header->visualIndex(ModelTreeModel::AbsmaxColumn), 2);
    QCOMPARE(header->visualIndex(ModelTreeModel::KurtosisColumn), 3);
    QCOMPARE(header->visualIndex(ModelTreeModel::OutliersColumn), 4);
    panel.setColumnShown(ModelTreeModel::ShapeColumn, false);
    QVERIFY(header->isSectionHidden(ModelTreeModel::ShapeColumn));
    QVERIFY(!panel.isColumnShown(ModelTreeModel::ShapeColumn));
    panel.setColumnShown(ModelTreeModel::NameColumn, false); // the name always shows
    QVERIFY(panel.isColumnShown(ModelTreeModel::NameColumn));
    panel.setColumnShown(ModelTreeModel::ShapeColumn, true);
    QVERIFY(panel.isColumnShown(ModelTreeModel::ShapeColumn));

    // A sort of one model does not carry over to the next: it opens in file order.
    view->sortByColumn(ModelTreeModel::KurtosisColumn, Qt::DescendingOrder);
    panel.setModel(m_fake.model);
    QCOMPARE(header->sortIndicatorSection(), -1);
    QCOMPARE(rows->index(1, 0).data().toString(), QStringLiteral("Layer 0"));
}

void TestModelTree::screenshots()
{
    ModelTreeModel model;
    ModelTreeFilter filter;
    filter.setSourceModel(&model);
    model.setModel(m_fake.model);
    model.setStats(m_fake.stats);
    QTreeView tree;
    tree.setModel(&filter);
    tree.setSortingEnabled(true);
    tree.sortByColumn(ModelTreeModel::NameColumn, Qt::AscendingOrder);
    tree.setUniformRowHeights(true);
    tree.expand(filter.index(0, 0));
    tree.expand(filter.index(4, 0));
    tree.setAlternatingRowColors(true);
    tree.header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    tree.header()->setStretchLastSection(false);
    m_shots.grab(&tree, QSize(1200, 640), QStringLiteral("tree"));
    filter.setFilterFixedString(QStringLiteral("down_proj"));
    tree.expandAll();
    m_shots.grab(&tree, QSize(1200, 420), QStringLiteral("tree-filtered"));
}

QTEST_MAIN(TestModelTree)
#include "tst_modeltree.moc"
