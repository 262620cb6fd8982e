#pragma once
// Small multiples of the accuracy cliff: one CliffChartView per panel (difficulty, language)
// in a grid on the same X and Y ranges, so that panels compare at a glance, with one title
// and one legend for all: toggling a method there hides it in every panel. Two to four
// columns, as the size allows.
#include "cliffdata.h"

#include <QList>
#include <QSize>
#include <QWidget>

class QGridLayout;
class QLabel;

namespace bitcliff {

class CliffChartView;
class CliffLegend;

class CliffMultiplesView final : public QWidget
{
    Q_OBJECT

public:
    explicit CliffMultiplesView(QWidget *parent = nullptr);

    void setData(const CliffChartData &data);
    const CliffChartData &data() const { return m_data; }

    void setMethodVisible(const QString &method, bool visible);
    bool isMethodVisible(const QString &method) const;

    // For tests and exporters.
    const QList<CliffChartView *> &panels() const { return m_panels; }
    CliffLegend *legend() const { return m_legend; }
    QLabel *titleLabel() const { return m_title; }
    int columns() const { return m_columns; }
    // The columns a grid of `panels` gets in a view of `size`.
    static int columnsFor(QSize size, int panels);

signals:
    void pointClicked(int cell, const QString &scheme);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void arrange(int columns);

    CliffChartData m_data;
    QLabel *m_title;
    QGridLayout *m_grid;
    CliffLegend *m_legend;
    QList<CliffChartView *> m_panels;
    int m_columns = 0;
};

} // namespace bitcliff
