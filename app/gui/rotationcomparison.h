#pragma once
// The Model page's maps: its own map and, while the rotation comparison is on, the rotated
// model's beside it — one caption over both, "Original" on the left, "Rotated (QuaRot): <how>"
// on the right — on one color scale, zoomed and panned together. It holds the comparison's state (the rotated
// analysis, waiting for it, or why there is none); the page picks which maps to show.
#include <QWidget>

#include <memory>

class QLabel;

namespace bitcliff {
class HeatmapWidget;
struct HeatmapData;
} // namespace bitcliff

namespace bitcliff::app {

struct RotatedAnalysis;

class RotationComparison final : public QWidget
{
    Q_OBJECT

public:
    // Lays `original` (the page's map, which stays the page's) out on the left.
    explicit RotationComparison(HeatmapWidget *original, QWidget *parent = nullptr);

    // Off: the original map alone, without headers; the state is forgotten.
    void setComparing(bool on);
    bool isComparing() const { return m_comparing; }
    HeatmapWidget *original() const { return m_original; }
    HeatmapWidget *rotated() const { return m_rotated; }
    QLabel *caption() const { return m_caption; }
    QLabel *originalHeader() const { return m_originalHeader; }
    QLabel *rotatedHeader() const { return m_rotatedHeader; }

    // The comparison's state: waiting for the job, its result, or why it failed.
    void setPending() { m_pending = true; }
    void setRotation(std::shared_ptr<const RotatedAnalysis> rotation);
    void setError(const QString &message);
    const std::shared_ptr<const RotatedAnalysis> &rotation() const { return m_rotation; }
    bool isPending() const { return m_pending; }
    bool hasFailed() const { return !m_error.isEmpty(); }

    // Comparing: both maps under the caption `title` on one scale (`rotatedEmptyText` when
    // the rotated model has no such map); else `original` alone, as it is.
    void showMaps(std::shared_ptr<const HeatmapData> original, std::shared_ptr<const HeatmapData> rotated,
        const QString &title, const QString &rotatedEmptyText);
    // What the page's explanation says while comparing.
    static QString explanation();
    void retranslate();

private:
    void syncRegion(HeatmapWidget *from, HeatmapWidget *to);
    void updateTexts();

    HeatmapWidget *m_original;
    HeatmapWidget *m_rotated;
    QLabel *m_caption;
    QLabel *m_originalHeader;
    QLabel *m_rotatedHeader;
    bool m_comparing = false;
    bool m_syncing = false;
    bool m_pending = false;
    std::shared_ptr<const RotatedAnalysis> m_rotation;
    QString m_error;
    QString m_emptyText; // the rotated map's, when the rotated model has no such map
    QString m_title;
};

} // namespace bitcliff::app
