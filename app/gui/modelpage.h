#pragma once
// The model page: the architecture summary and the outlier map of one role (layers x input
// channels of per-channel absmax), where persistent outlier channels stand out as lines.
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace bitcliff {
class HeatmapWidget;
class Model;
struct ActivationStats;
} // namespace bitcliff

namespace bitcliff::app {

struct ModelAnalysis;
struct RoleHeatmap;
struct RotatedAnalysis;
class RotationComparison;

class ModelPage final : public QWidget
{
    Q_OBJECT

public:
    explicit ModelPage(QWidget *parent = nullptr);
    void setModel(std::shared_ptr<const Model> model);
    void setAnalysis(std::shared_ptr<const ModelAnalysis> analysis);
    void setActivations(std::shared_ptr<const ActivationStats> activations);
    void setCaptureBusy(bool busy);
    HeatmapWidget *heatmap() const { return m_heatmap; }
    // Names the shown role's matrices BitCliff cannot read; hidden when there are none.
    QLabel *unreadableNote() const { return m_unreadable; }
    QComboBox *roleBox() const { return m_role; }
    // Weights, activation absmax or activation mean |x|.
    QComboBox *sourceBox() const { return m_source; }
    QPushButton *captureButton() const { return m_capture; }
    // "Compare with rotation (QuaRot)": the map beside the rotated model's (see RotationComparison).
    QCheckBox *compareBox() const { return m_compare; }
    RotationComparison *comparison() const { return m_comparison; }
    // The comparison job's result (dropped when it is not the open model's) or why it has none.
    void setRotation(std::shared_ptr<const RotatedAnalysis> rotation);
    void setRotationError(const QString &message);
    void retranslate();

signals:
    // A click on the map asks to show that layer's tensor of the current role.
    void tensorRequested(int tensorIndex);
    // Run the unquantized model over the bundled passages and collect activation statistics.
    void activationCaptureRequested();
    // The comparison needs the rotated model's analysis (and activations); or needs it no more.
    void rotationComparisonRequested(bool withActivations);
    void rotationComparisonStopped();

private:
    void showRole(int comboIndex);
    void showUnreadable(const RoleHeatmap &map);
    void fillRoles();
    bool showingActivations() const;
    void updateSummary();
    void onCellClicked(int row, int col);
    void onCompareToggled(bool on);
    void requestRotation();

    std::shared_ptr<const Model> m_model;
    std::shared_ptr<const ModelAnalysis> m_analysis;
    std::shared_ptr<const ActivationStats> m_activations;
    QLabel *m_summary;
    QLabel *m_sourceLabel;
    QComboBox *m_source;
    QPushButton *m_capture;
    QLabel *m_roleLabel;
    QComboBox *m_role;
    QCheckBox *m_log;
    QCheckBox *m_compare;
    QLabel *m_explanation;
    HeatmapWidget *m_heatmap;
    RotationComparison *m_comparison;
    QLabel *m_unreadable;
};

} // namespace bitcliff::app
