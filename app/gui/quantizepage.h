#pragma once
// The Quantize page: pick a scheme or a calibrated recipe (QuantizeForm; optionally a second
// one, or a second model such as a checkpoint trained from this one, to compare), quantize
// the whole model in the background, and see where the error lands: a layers x roles SQNR
// overview, the error map of the selected tensor (rows x groups), the difference between the
// two runs, and per-channel error against per-channel absmax.
#include "report/quantanalysis.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace bitcliff {
class ChannelErrorScatterView;
class HeatmapWidget;
struct ModelStats;
} // namespace bitcliff

namespace bitcliff::app {

class CalibrationField;
class QuantizeController;
class QuantizeForm;

class QuantizePage final : public QWidget
{
    Q_OBJECT

public:
    QuantizePage(QuantizeController *controller, QWidget *parent = nullptr);
    void setModel(std::shared_ptr<const Model> model);
    void setStats(std::shared_ptr<const ModelStats> stats);
    void showTensor(int tensorIndex);
    // Sets the (first) scheme to `scheme`, as the Cliff page asks when a point is clicked;
    // quantizing stays the user's choice (it runs over the whole model).
    void showScheme(const QString &scheme);
    // The model the second run quantizes (a path; empty: this model).
    void setSecondModel(const QString &path);
    void retranslate();
    static QStringList presetSchemes();

    QuantizeForm *form() const { return m_form; }
    QComboBox *firstScheme() const;
    QComboBox *secondScheme() const;
    QCheckBox *compareBox() const;
    QLineEdit *secondModelEdit() const;
    QCheckBox *selectedOnlyBox() const;
    QPushButton *quantizeButton() const;
    CalibrationField *calibration() const;
    QTabWidget *resultTabs() const { return m_tabs; }
    HeatmapWidget *overview() const { return m_overviewFirst; }
    HeatmapWidget *errorMap() const { return m_errorFirst; }
    HeatmapWidget *secondOverview() const { return m_overviewSecond; }
    HeatmapWidget *secondErrorMap() const { return m_errorSecond; }
    HeatmapWidget *differenceMap() const { return m_difference; }
    ChannelErrorScatterView *scatter() const { return m_scatter; }
    QString summaryText() const;
    // The charts now shown (overviews, error maps, difference, scatter) as PNG and SVG in
    // `directory`; returns the files written, throws Error when one cannot be written.
    QStringList exportCharts(const QString &directory) const;

signals:
    void tensorRequested(int tensorIndex);

private:
    void startQuantization();
    void showAnalysis(std::shared_ptr<const QuantAnalysis> analysis);
    void showTensorViews(std::shared_ptr<const TensorQuantViews> views);
    void updateComparisonVisibility();
    void clearResults();
    void onOverviewClicked(int row, int col);

    QuantizeController *m_controller;
    std::shared_ptr<const ModelStats> m_stats;
    std::shared_ptr<const QuantAnalysis> m_analysis;
    int m_tensor = -1;
    QuantizeForm *m_form;
    QLabel *m_summary;
    QTabWidget *m_tabs;
    HeatmapWidget *m_overviewFirst;
    HeatmapWidget *m_overviewSecond;
    QLabel *m_tensorHint;
    HeatmapWidget *m_errorFirst;
    HeatmapWidget *m_errorSecond;
    HeatmapWidget *m_difference;
    ChannelErrorScatterView *m_scatter;
};

} // namespace bitcliff::app
