#include "gui/tensorpage.h"

#include "channelchartview.h"
#include "histogramchartview.h"
#include "report/modelanalysis.h"
#include "statspanel.h"
#include "tensorsnapshot.h"
#include "viewformat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace bitcliff::app {

TensorPage::TensorPage(QWidget *parent)
    : QWidget(parent)
    , m_axisLabel(new QLabel(this))
    , m_axis(new QComboBox(this))
    , m_orderLabel(new QLabel(this))
    , m_order(new QComboBox(this))
    , m_log(new QCheckBox(this))
    , m_hint(new QLabel(this))
    , m_channels(new ChannelChartView(this))
    , m_histogram(new HistogramChartView(this))
    , m_panel(new StatsPanel(this))
{
    m_axis->addItems({ QString(), QString() });
    m_order->addItems({ QString(), QString() });
    m_log->setChecked(true);
    m_hint->setWordWrap(true);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_axisLabel);
    controls->addWidget(m_axis);
    controls->addSpacing(12);
    controls->addWidget(m_orderLabel);
    controls->addWidget(m_order);
    controls->addSpacing(12);
    controls->addWidget(m_log);
    controls->addStretch(1);

    auto *lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_histogram);
    // In a small window the panel scrolls instead of drawing its rows over each other.
    auto *panelScroll = new QScrollArea(this);
    panelScroll->setWidget(m_panel);
    panelScroll->setWidgetResizable(true);
    panelScroll->setFrameShape(QFrame::NoFrame);
    panelScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    lower->addWidget(panelScroll);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    lower->setSizes({ 560, 440 });
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_channels);
    split->addWidget(lower);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({ 540, 360 }); // proportions until the page is shown
    m_channels->setMinimumHeight(240);
    m_histogram->setMinimumHeight(220);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_hint);
    layout->addWidget(split, 1);

    connect(m_axis, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_channels->setAxis(i == 0 ? ChannelChartView::Axis::InputChannels : ChannelChartView::Axis::OutputChannels);
    });
    connect(m_order, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_channels->setOrder(i == 0 ? ChannelChartView::Order::ByIndex : ChannelChartView::Order::Descending);
    });
    connect(m_log, &QCheckBox::toggled, this, [this](bool on) { m_channels->setLogScale(on); });
    retranslate();
}

TensorChartChoice TensorPage::chartChoice() const
{
    TensorChartChoice choice;
    choice.tensorIndex = m_index;
    choice.axis = m_channels->axis();
    choice.order = m_channels->order();
    choice.channelLogScale = m_channels->logScale();
    return choice;
}

void TensorPage::retranslate()
{
    m_axisLabel->setText(tr("Channels:"));
    m_axis->setItemText(0, tr("Input channels (columns)"));
    m_axis->setItemText(1, tr("Output channels (rows)"));
    m_orderLabel->setText(tr("Order:"));
    m_order->setItemText(0, tr("By index"));
    m_order->setItemText(1, tr("Sorted, largest first"));
    m_log->setText(tr("Log scale"));
    refresh();
}

void TensorPage::setModel(std::shared_ptr<const Model> model)
{
    m_model = std::move(model);
    m_analysis.reset();
    m_index = -1;
    refresh();
}

void TensorPage::setAnalysis(std::shared_ptr<const ModelAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    refresh();
}

void TensorPage::showTensor(int tensorIndex)
{
    m_index = tensorIndex;
    refresh();
}

void TensorPage::refresh()
{
    const auto info = tensorInfoSnapshot(m_model, m_index);
    const auto stats = tensorStatsSnapshot(m_analysis ? m_analysis->stats : nullptr, m_index);
    const bool unreadable = info && !info->supported();
    if (!info)
        m_hint->setText(m_model ? tr("Select a tensor in the model tree.") : tr("Open a model: File ▸ Open, drop a file here, or try the demo."));
    else if (unreadable)
        m_hint->setText(tr("%1 \u2014 BitCliff cannot decode this type yet, so this tensor has no statistics and "
                           "the model cannot be quantized or evaluated.")
                            .arg(ViewFormat::notReadable(*info)));
    else if (!stats)
        m_hint->setText(tr("Computing statistics…"));
    else if (!stats->computed)
        m_hint->setText(tr("No statistics for this tensor: %1").arg(QString::fromStdString(stats->skippedReason)));
    m_hint->setVisible(!info || unreadable || !stats || !stats->computed);
    const QString emptyTitle = unreadable ? ViewFormat::notReadableTensor(*info) : QString();
    m_channels->setEmptyTitle(emptyTitle);
    m_histogram->setEmptyTitle(emptyTitle);
    m_panel->setTensor(info, stats);
    m_channels->setStats(stats && stats->computed ? stats : nullptr);
    m_histogram->setStats(stats && stats->computed ? stats : nullptr);
}

} // namespace bitcliff::app
