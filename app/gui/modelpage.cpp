#include "gui/modelpage.h"

#include "gui/rotationcomparison.h"
#include "heatmapwidget.h"
#include "report/activationheatmap.h"
#include "report/modelanalysis.h"
#include "report/rotatedanalysis.h"
#include "viewformat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace bitcliff::app {

ModelPage::ModelPage(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_sourceLabel(new QLabel(this))
    , m_source(new QComboBox(this))
    , m_capture(new QPushButton(this))
    , m_roleLabel(new QLabel(this))
    , m_role(new QComboBox(this))
    , m_log(new QCheckBox(this))
    , m_compare(new QCheckBox(this))
    , m_explanation(new QLabel(this))
    , m_heatmap(new HeatmapWidget(this))
    , m_comparison(new RotationComparison(m_heatmap, this))
    , m_unreadable(new QLabel(this))
{
    m_unreadable->setWordWrap(true);
    m_unreadable->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_unreadable->hide();
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setWordWrap(true);
    m_role->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (int i = 0; i < 3; ++i)
        m_source->addItem(QString());
    m_capture->setEnabled(false);
    m_compare->setEnabled(false);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_sourceLabel);
    controls->addWidget(m_source);
    controls->addWidget(m_capture);
    controls->addSpacing(12);
    controls->addWidget(m_roleLabel);
    controls->addWidget(m_role);
    controls->addStretch(1);
    // The switches beside the explanation: the controls' row has no room left at 1024 pixels.
    auto *switches = new QVBoxLayout;
    switches->addWidget(m_log);
    switches->addWidget(m_compare);
    switches->addStretch(1);
    auto *explained = new QHBoxLayout;
    explained->addWidget(m_explanation, 1);
    explained->addSpacing(12);
    explained->addLayout(switches);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(controls);
    layout->addLayout(explained);
    layout->addWidget(m_unreadable);
    layout->addWidget(m_comparison, 1);
    connect(m_role, &QComboBox::currentIndexChanged, this, &ModelPage::showRole);
    connect(m_source, &QComboBox::currentIndexChanged, this, &ModelPage::fillRoles);
    connect(m_capture, &QPushButton::clicked, this, &ModelPage::activationCaptureRequested);
    connect(m_log, &QCheckBox::toggled, m_heatmap, &HeatmapWidget::setLogScale);
    connect(m_log, &QCheckBox::toggled, m_comparison->rotated(), &HeatmapWidget::setLogScale);
    connect(m_compare, &QCheckBox::toggled, this, &ModelPage::onCompareToggled);
    connect(m_heatmap, &HeatmapWidget::cellClicked, this, &ModelPage::onCellClicked);
    retranslate();
}

void ModelPage::retranslate()
{
    m_sourceLabel->setText(tr("Show:"));
    m_source->setItemText(0, tr("Weights"));
    m_source->setItemText(1, tr("Activations (absmax)"));
    m_source->setItemText(2, tr("Activations (mean |x|)"));
    m_capture->setText(tr("Capture activations"));
    m_capture->setToolTip(tr("Runs the unquantized model over the bundled multilingual passages (2,048 tokens) "
                             "and records every linear layer's per-channel input magnitude."));
    m_roleLabel->setText(showingActivations() ? tr("Input:") : tr("Weights:"));
    m_log->setText(tr("Log color scale"));
    m_compare->setText(tr("Compare with rotation (QuaRot)"));
    m_compare->setToolTip(tr("Shows beside this map the same map of the model rotated as the +rot recipes "
                             "rotate it: norms folded into the linears, the residual stream turned by a random "
                             "Hadamard matrix. The model computes the same function."));
    m_comparison->retranslate();
    if (m_compare->isChecked() && (!showingActivations() || m_activations))
        m_explanation->setText(RotationComparison::explanation());
    else if (showingActivations())
        m_explanation->setText(m_activations
                ? tr("Each row is a layer, each column a hidden channel; the color is the largest "
                     "(or mean) |activation| entering those linear layers. A few channels with "
                     "massive activations in every layer are what makes activation quantization "
                     "hard.")
                : tr("No activations captured yet: press Capture activations."));
    else
        m_explanation->setText(tr("Each row is a layer, each column an input channel; the color is the largest "
                                  "|weight| in that channel divided by the layer's median channel, and the line on "
                                  "the color bar marks the outlier rule's k. Channels that are outliers in every "
                                  "layer show up as vertical lines. Scroll to zoom, drag to pan, double-click to "
                                  "reset, click a row to open that tensor."));
    updateSummary();
    showRole(m_role->currentIndex());
}

void ModelPage::setModel(std::shared_ptr<const Model> model)
{
    m_model = std::move(model);
    m_analysis.reset();
    m_activations.reset();
    m_capture->setEnabled(m_model != nullptr);
    m_compare->setChecked(false); // a new model: the comparison goes away
    m_compare->setEnabled(m_model != nullptr);
    m_role->clear();
    m_heatmap->setData(nullptr);
    updateSummary();
}

void ModelPage::setAnalysis(std::shared_ptr<const ModelAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    fillRoles();
    updateSummary();
}

void ModelPage::setActivations(std::shared_ptr<const ActivationStats> activations)
{
    m_activations = std::move(activations);
    if (m_activations && !showingActivations())
        m_source->setCurrentIndex(1); // fills the roles
    else
        fillRoles();
}

void ModelPage::setCaptureBusy(bool busy)
{
    m_capture->setEnabled(!busy && m_model != nullptr);
}

bool ModelPage::showingActivations() const
{
    return m_source->currentIndex() > 0;
}

// The role combo lists weight roles, or the four linear inputs for activations.
void ModelPage::fillRoles()
{
    requestRotation(); // the rotated model's activations, when they are shown now
    const QString previous = m_role->currentData().toString();
    const QSignalBlocker blocker(m_role);
    m_role->clear();
    if (showingActivations()) {
        for (int i = 0; i < linearInputCount; ++i)
            m_role->addItem(ActivationHeatmaps::inputDescription(LinearInput(i)), i);
    } else if (m_analysis) {
        for (const RoleHeatmap &map : m_analysis->outlierMaps)
            m_role->addItem(
                QString::fromLatin1(roleName(map.role).data()), QString::fromLatin1(roleName(map.role).data()));
    }
    const int keep = m_role->findData(previous);
    m_role->setCurrentIndex(keep >= 0 ? keep : 0);
    retranslate();
}

void ModelPage::showRole(int comboIndex)
{
    m_unreadable->hide();
    m_heatmap->setEmptyText(QString());
    if (showingActivations()) {
        const bool mean = m_source->currentIndex() == 2;
        const auto build = [&](const std::shared_ptr<const ActivationStats> &stats) {
            return stats && comboIndex >= 0 ? ActivationHeatmaps::build(*stats, LinearInput(comboIndex), mean) : nullptr;
        };
        const auto &rotation = m_comparison->rotation();
        m_comparison->showMaps(build(m_activations), build(rotation ? rotation->activations : nullptr),
            RotationComparisonText::activationTitle(LinearInput(std::max(comboIndex, 0)), mean),
            tr("No activations captured yet."));
        return;
    }
    if (!m_analysis || comboIndex < 0 || comboIndex >= int(m_analysis->outlierMaps.size())) {
        m_comparison->showMaps(nullptr, nullptr, QString(), QString());
        return;
    }
    const RoleHeatmap &map = m_analysis->outlierMaps[size_t(comboIndex)];
    showUnreadable(map);
    std::shared_ptr<const HeatmapData> rotated;
    if (const auto &rotation = m_comparison->rotation())
        for (const RoleHeatmap &other : rotation->analysis->outlierMaps)
            if (other.role == map.role)
                rotated = other.heatmap;
    m_comparison->showMaps(map.heatmap, rotated, RotationComparisonText::weightTitle(map.role),
        tr("The rotated model has no readable %1 matrices.").arg(QString::fromLatin1(roleName(map.role).data())));
}

void ModelPage::onCompareToggled(bool on)
{
    m_comparison->setComparing(on);
    if (on)
        requestRotation();
    else
        emit rotationComparisonStopped();
    retranslate(); // the explanation, and the maps shown again
}

// Asks for what the comparison lacks: the rotated analysis, and its activations when the
// page shows captured ones. After a failure, only toggling the comparison asks again.
void ModelPage::requestRotation()
{
    if (!m_compare->isChecked() || !m_model || m_comparison->hasFailed())
        return;
    const bool activations = showingActivations() && m_activations;
    const auto &held = m_comparison->rotation();
    if (held && (!activations || held->activations))
        return;
    m_comparison->setPending();
    emit rotationComparisonRequested(activations);
}

void ModelPage::setRotation(std::shared_ptr<const RotatedAnalysis> rotation)
{
    if (!m_compare->isChecked() || !rotation || rotation->source != m_model)
        return;
    m_comparison->setRotation(std::move(rotation));
    requestRotation();
    showRole(m_role->currentIndex());
}

void ModelPage::setRotationError(const QString &message)
{
    if (!m_compare->isChecked())
        return;
    m_comparison->setError(message);
    showRole(m_role->currentIndex());
}

// "blk.3.ffn_down.weight: IQ2_XXS not readable yet", one line per matrix (the first few), above
// the map whose rows for them are gray; the map's empty text when no matrix can be read.
void ModelPage::showUnreadable(const RoleHeatmap &map)
{
    if (map.unreadableTensors.empty() || !m_model)
        return;
    constexpr size_t kListed = 4;
    const auto &tensors = m_model->tensors();
    QStringList lines;
    for (size_t i = 0; i < std::min(kListed, map.unreadableTensors.size()); ++i)
        lines << ViewFormat::notReadableTensor(tensors[map.unreadableTensors[i]]);
    const size_t more = map.unreadableTensors.size() - size_t(lines.size());
    if (more > 0)
        lines << tr("\u2026 and %n more matrices of types BitCliff cannot read yet", "", int(more));
    m_unreadable->setText(lines.join(QLatin1Char('\n')));
    m_unreadable->show();
    if (!map.heatmap)
        m_heatmap->setEmptyText(tr("None of the %1 matrices can be read: %2")
                                    .arg(QString::fromLatin1(roleName(map.role).data()),
                                         ViewFormat::notReadable(tensors[map.unreadableTensors.front()])));
}

void ModelPage::updateSummary()
{
    if (!m_model) {
        m_summary->setText(tr("No model open."));
        return;
    }
    const ArchitectureSummary &a = m_model->architecture();
    const QLocale locale;
    QString text = tr("<b>%1</b> — %2, %3 tensors, %4 parameters")
                       .arg(QString::fromStdString(m_model->sourcePath()).toHtmlEscaped(),
                           QString::fromLatin1(formatName(m_model->format()).data()),
                           locale.toString(qulonglong(m_model->tensors().size())),
                           locale.toString(qlonglong(m_model->parameterCount())));
    if (a.known)
        text += QStringLiteral("<br>")
            + tr("%1: %2 layers, hidden size %3, %4 heads (%5 KV heads, head dim %6), vocabulary %7, "
                 "tied embeddings: %8, RoPE θ %9")
                  .arg(QString::fromStdString(a.name).toHtmlEscaped())
                  .arg(a.layers)
                  .arg(a.hiddenSize)
                  .arg(a.heads)
                  .arg(a.kvHeads)
                  .arg(a.headDim)
                  .arg(a.vocabSize)
                  .arg(a.tieWordEmbeddings ? tr("yes") : tr("no"))
                  .arg(a.ropeTheta);
    if (!m_analysis)
        text += QStringLiteral("<br>") + tr("Computing statistics…");
    m_summary->setText(text);
}

void ModelPage::onCellClicked(int row, int)
{
    // Only the original map's rows are tensors of the open model.
    if (!m_analysis || !m_model || showingActivations())
        return;
    const int comboIndex = m_role->currentIndex();
    if (comboIndex < 0 || comboIndex >= int(m_analysis->outlierMaps.size()))
        return;
    const RoleHeatmap &map = m_analysis->outlierMaps[size_t(comboIndex)];
    if (!map.heatmap)
        return;
    const int layer = map.heatmap->rowName(row).toInt();
    const auto &tensors = m_model->tensors();
    for (size_t i = 0; i < tensors.size(); ++i)
        if (tensors[i].role == map.role && tensors[i].layer == layer && tensors[i].name.ends_with("weight"))
            emit tensorRequested(int(i));
}

} // namespace bitcliff::app
