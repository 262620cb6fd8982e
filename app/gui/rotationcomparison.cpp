#include "gui/rotationcomparison.h"

#include "heatmapwidget.h"
#include "report/rotatedanalysis.h"

#include <QGridLayout>
#include <QLabel>

namespace bitcliff::app {

RotationComparison::RotationComparison(HeatmapWidget *original, QWidget *parent)
    : QWidget(parent)
    , m_original(original)
    , m_rotated(new HeatmapWidget(this))
    , m_caption(new QLabel(this))
    , m_originalHeader(new QLabel(this))
    , m_rotatedHeader(new QLabel(this))
{
    m_original->setParent(this);
    for (QLabel *label : { m_caption, m_originalHeader, m_rotatedHeader }) {
        label->setWordWrap(true);
        label->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    QFont bold = m_caption->font(); // as the maps' own titles
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    m_caption->setFont(bold);
    m_caption->setTextFormat(Qt::PlainText);
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(8);
    layout->setVerticalSpacing(2);
    layout->addWidget(m_caption, 0, 0, 1, 2);
    layout->addWidget(m_originalHeader, 1, 0);
    layout->addWidget(m_rotatedHeader, 1, 1);
    layout->addWidget(m_original, 2, 0);
    layout->addWidget(m_rotated, 2, 1);
    layout->setColumnStretch(0, 1);
    layout->setColumnStretch(1, 1);
    layout->setRowStretch(2, 1);
    connect(m_original, &HeatmapWidget::visibleRegionChanged, this, [this] { syncRegion(m_original, m_rotated); });
    connect(m_rotated, &HeatmapWidget::visibleRegionChanged, this, [this] { syncRegion(m_rotated, m_original); });
    setComparing(false);
}

void RotationComparison::setComparing(bool on)
{
    m_comparing = on;
    m_pending = false;
    m_rotation.reset();
    m_error.clear();
    m_title.clear();
    m_caption->setVisible(on);
    m_originalHeader->setVisible(on);
    m_rotatedHeader->setVisible(on);
    m_rotated->setVisible(on);
    m_rotated->setData(nullptr);
    updateTexts();
}

void RotationComparison::setRotation(std::shared_ptr<const RotatedAnalysis> rotation)
{
    m_rotation = std::move(rotation);
    m_pending = false;
    m_error.clear();
}

void RotationComparison::setError(const QString &message)
{
    m_error = message;
    m_pending = false;
}

void RotationComparison::showMaps(std::shared_ptr<const HeatmapData> original,
    std::shared_ptr<const HeatmapData> rotated, const QString &title, const QString &rotatedEmptyText)
{
    if (!m_comparing) {
        m_original->setData(std::move(original));
        return;
    }
    const bool ready = m_rotation && !m_pending && m_error.isEmpty();
    const ComparedMaps maps = RotationComparisonText::compare(original, ready ? rotated : nullptr);
    m_emptyText = rotatedEmptyText;
    m_title = maps.original && maps.rotated ? tr("%1 — one color scale for both maps").arg(title) : title;
    m_original->setData(maps.original);
    m_rotated->setLogScale(m_original->logScale());
    m_rotated->setData(maps.rotated);
    updateTexts();
    syncRegion(m_original, m_rotated);
}

QString RotationComparison::explanation()
{
    return tr("Right: the same model rotated as the +rot recipes rotate it (QuaRot), which spreads each channel of "
              "the residual stream over all of them. Outlier lines entering attn_q/k/v, ffn_gate/up and lm_head "
              "fade; the inputs of attn_o and ffn_down are not rotated.");
}

void RotationComparison::retranslate()
{
    updateTexts();
}

void RotationComparison::updateTexts()
{
    m_caption->setText(m_title);
    m_originalHeader->setText(tr("<b>Original</b>"));
    const bool ready = m_rotation && !m_pending && m_error.isEmpty();
    m_rotatedHeader->setText(ready ? tr("<b>Rotated (QuaRot)</b>: %1").arg(m_rotation->note.toHtmlEscaped())
                                   : tr("<b>Rotated (QuaRot)</b>"));
    if (!m_error.isEmpty())
        m_rotated->setEmptyText(tr("No rotated map: %1").arg(m_error));
    else if (!ready)
        m_rotated->setEmptyText(tr("Rotating the model and analysing it…"));
    else
        m_rotated->setEmptyText(m_emptyText);
}

// Both maps show the same cells when they have the same shape.
void RotationComparison::syncRegion(HeatmapWidget *from, HeatmapWidget *to)
{
    if (m_syncing || !m_comparing || !from->data() || !to->data() || from->data()->rows != to->data()->rows
        || from->data()->cols != to->data()->cols)
        return;
    m_syncing = true;
    to->setVisibleRegion(from->visibleRegion());
    m_syncing = false;
}

} // namespace bitcliff::app
