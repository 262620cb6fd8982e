#include "cliffmultiplesview.h"

#include "cliffchartview.h"
#include "clifflegend.h"
#include "cliffrange.h"

#include <QGridLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QVBoxLayout>

#include <algorithm>

namespace bitcliff {

CliffMultiplesView::CliffMultiplesView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_grid(new QGridLayout)
    , m_legend(new CliffLegend(this))
{
    setAttribute(Qt::WA_StyledBackground, true); // exports paint the white, not transparency
    setAutoFillBackground(true);
    QPalette white = palette();
    white.setColor(QPalette::Window, Qt::white);
    setPalette(white);
    QFont font = m_title->font();
    font.setBold(true);
    font.setPointSizeF(std::max(font.pointSizeF(), 10.0) * 1.2);
    m_title->setFont(font);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    m_grid->setSpacing(6);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_title);
    layout->addLayout(m_grid, 1);
    layout->addWidget(m_legend);
    connect(m_legend, &CliffLegend::methodToggled, this, [this](const QString &method, bool visible) {
        for (CliffChartView *panel : m_panels)
            panel->setMethodVisible(method, visible);
    });
}

int CliffMultiplesView::columnsFor(QSize size, int panels)
{
    if (panels <= 1)
        return 1;
    // About 480 px a panel keeps axis labels and titles readable; more columns (down to about
    // 320 px) when the rows would otherwise be too low for their charts.
    constexpr int rowHeight = 230;
    int most = std::clamp(size.width() / 480, 2, 4);
    while (most < std::min(panels, 4) && (panels + most - 1) / most * rowHeight > size.height()
        && size.width() / (most + 1) >= 320)
        ++most;
    most = std::min(panels, most);
    // As few columns as give the same number of rows: 4 panels make 2 x 2, not 3 + 1.
    const int rows = (panels + most - 1) / most;
    return (panels + rows - 1) / rows;
}

void CliffMultiplesView::setData(const CliffChartData &data)
{
    m_data = data;
    m_title->setText(data.title);
    m_title->setVisible(!data.title.isEmpty());
    while (m_panels.size() > data.panels.size())
        delete m_panels.takeLast(); // a whole view: its chart's graphics go with it
    while (m_panels.size() < data.panels.size()) {
        auto *panel = new CliffChartView(this);
        panel->setLegendShown(false); // the shared legend below the grid stands for all
        panel->setMinimumSize(280, 180);
        panel->show(); // a child added to a shown parent stays hidden until told
        connect(panel, &CliffChartView::pointClicked, this, &CliffMultiplesView::pointClicked);
        m_panels << panel;
    }
    // The union of the panels' methods, in the order they first appear.
    QStringList methods;
    for (const CliffPanel &panel : data.panels)
        for (const CliffSeries &series : panel.series)
            if (!methods.contains(series.method))
                methods << series.method;
    m_legend->setMethods(methods);
    const CliffRange range = cliffRange(data); // one range for every panel
    for (qsizetype i = 0; i < m_panels.size(); ++i) {
        for (const QString &method : methods)
            m_panels[i]->setMethodVisible(method, m_legend->isMethodVisible(method));
        m_panels[i]->setPanel(data, int(i), range);
    }
    m_columns = 0; // re-place every panel
    arrange(columnsFor(size(), int(m_panels.size())));
}

void CliffMultiplesView::setMethodVisible(const QString &method, bool visible)
{
    m_legend->setMethodVisible(method, visible); // its signal hides the method in the panels
}

bool CliffMultiplesView::isMethodVisible(const QString &method) const
{
    return m_legend->isMethodVisible(method);
}

void CliffMultiplesView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange(columnsFor(event->size(), int(m_panels.size())));
}

void CliffMultiplesView::arrange(int columns)
{
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (CliffChartView *panel : m_panels)
        m_grid->removeWidget(panel);
    for (int r = 0; r < m_grid->rowCount(); ++r)
        m_grid->setRowStretch(r, 0);
    for (int c = 0; c < m_grid->columnCount(); ++c)
        m_grid->setColumnStretch(c, 0);
    for (qsizetype i = 0; i < m_panels.size(); ++i)
        m_grid->addWidget(m_panels[i], int(i) / columns, int(i) % columns);
    const int rows = columns > 0 ? int((m_panels.size() + columns - 1) / columns) : 0;
    for (int r = 0; r < rows; ++r)
        m_grid->setRowStretch(r, 1);
    for (int c = 0; c < columns; ++c)
        m_grid->setColumnStretch(c, 1);
}

} // namespace bitcliff
