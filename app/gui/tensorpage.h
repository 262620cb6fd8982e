#pragma once
// The tensor page: per-channel absmax chart (rows or columns, by index or sorted, log
// scale, outlier threshold), the weight histogram with its Gaussian, and the stats panel.
#include "report/chartreport.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;

namespace bitcliff {
class ChannelChartView;
class HistogramChartView;
class Model;
class StatsPanel;
} // namespace bitcliff

namespace bitcliff::app {

struct ModelAnalysis;

class TensorPage final : public QWidget
{
    Q_OBJECT

public:
    explicit TensorPage(QWidget *parent = nullptr);
    void setModel(std::shared_ptr<const Model> model);
    void setAnalysis(std::shared_ptr<const ModelAnalysis> analysis);
    void showTensor(int tensorIndex);
    int tensorIndex() const { return m_index; }
    // The tensor and the way its channels are drawn now, for File ▸ Export Charts.
    TensorChartChoice chartChoice() const;
    ChannelChartView *channelChart() const { return m_channels; }
    HistogramChartView *histogramChart() const { return m_histogram; }
    StatsPanel *statsPanel() const { return m_panel; }
    void retranslate();

private:
    void refresh();

    std::shared_ptr<const Model> m_model;
    std::shared_ptr<const ModelAnalysis> m_analysis;
    int m_index = -1;
    QLabel *m_axisLabel;
    QComboBox *m_axis;
    QLabel *m_orderLabel;
    QComboBox *m_order;
    QCheckBox *m_log;
    QLabel *m_hint;
    ChannelChartView *m_channels;
    HistogramChartView *m_histogram;
    StatsPanel *m_panel;
};

} // namespace bitcliff::app
