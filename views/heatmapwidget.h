#pragma once
// A zoomable matrix view (layers x channels, rows x columns of a tensor...) colored with a
// perceptual colormap. Zoomed out, each pixel shows the MAX of the cells it covers, so a
// single outlier channel is never averaged away. Wheel/+/- zoom around the cursor (Shift:
// columns only), drag pans, double-click or Home resets; hovering names the cell.
// Named columns (HeatmapData::colNames, e.g. roles) are labelled by name, every one when
// they fit. Diverging data (a difference) ignores the colormap and log settings: it is drawn
// with Colormap::Kind::Diverging on a linear scale symmetric around its centre.
#include "colorlegend.h"
#include "colormap.h"
#include "heatmapdata.h"

#include <QImage>
#include <QWidget>

#include <memory>
#include <optional>

namespace bitcliff {

class HeatmapPyramid;

class HeatmapWidget final : public QWidget
{
    Q_OBJECT

public:
    explicit HeatmapWidget(QWidget *parent = nullptr);
    ~HeatmapWidget() final;

    // Builds the max pyramid (about 4 ns a cell) and resets the view. For a matrix of more
    // than a few million cells, build the HeatmapPyramid in a worker and use setPyramid().
    void setData(std::shared_ptr<const HeatmapData> data);
    void setPyramid(std::shared_ptr<const HeatmapPyramid> pyramid);
    const std::shared_ptr<const HeatmapData> &data() const { return m_data; }

    // What the widget says without data (default "No data"): where the map will come from.
    void setEmptyText(const QString &text);
    QString emptyText() const;

    void setLogScale(bool log);
    bool logScale() const { return m_logScale; }
    void setColormap(Colormap::Kind kind); // for sequential data
    Colormap::Kind colormap() const { return m_colormap; }
    // The legend now drawn (its range, scale and colormap); nullopt without data.
    std::optional<ColorLegend> colorLegend() const;

    // The shown part of the matrix in cell units: x = column, y = row.
    QRectF visibleRegion() const { return m_region; }
    void setVisibleRegion(const QRectF &region); // clamped to the data and the zoom limit
    // factor > 1 zooms in, keeping the cell under `pos` (widget coordinates) in place.
    void zoomAt(const QPointF &pos, double factor, Qt::Orientations axes = Qt::Horizontal | Qt::Vertical);
    void zoomBy(double factor); // around the centre
    void resetView();

    // Where the matrix is drawn, in widget coordinates.
    QRect plotRect() const;
    // "layer 7, input channel 1234: 0.532"; empty outside the matrix.
    QString toolTipAt(QPoint pos) const;

    QSize sizeHint() const final;
    QSize minimumSizeHint() const final;

signals:
    void visibleRegionChanged(const QRectF &region);
    // The largest cell under a click (the outlier, when zoomed out).
    void cellClicked(int row, int col);

protected:
    bool event(QEvent *event) final;
    void paintEvent(QPaintEvent *event) final;
    void wheelEvent(QWheelEvent *event) final;
    void mousePressEvent(QMouseEvent *event) final;
    void mouseMoveEvent(QMouseEvent *event) final;
    void mouseReleaseEvent(QMouseEvent *event) final;
    void mouseDoubleClickEvent(QMouseEvent *event) final;
    void keyPressEvent(QKeyEvent *event) final;

private:
    struct CellRange
    {
        int rowBegin = 0;
        int rowEnd = 0; // exclusive
        int colBegin = 0;
        int colEnd = 0;
    };
    void measureLabels();
    // Named columns labelled on two alternating lines (at full view, they fit no other way).
    bool staggeredColumns(int plotWidth) const;
    CellRange cellsAt(QPoint pos) const; // the data cells under one pixel; empty outside
    ColorLegend legend() const;
    QRgb missingColor() const;
    void updateImage(const QRect &plot, qreal dpr);
    void paintColumnAxis(QPainter &painter, const QRect &plot) const;
    void paintRowAxis(QPainter &painter, const QRect &plot) const;

    std::shared_ptr<const HeatmapData> m_data;
    std::shared_ptr<const HeatmapPyramid> m_pyramid;
    QRectF m_region;
    bool m_logScale = false;
    Colormap::Kind m_colormap = Colormap::Kind::Viridis;
    int m_rowLabelWidth = 0;
    int m_colLabelWidth = 0; // the widest column name (or index)

    QImage m_image; // the colored matrix for m_imageKey
    QString m_imageKey;
    QString m_emptyText; // empty: tr("No data")

    QPoint m_pressPos;
    QRectF m_pressRegion;
    bool m_dragging = false;
};

} // namespace bitcliff
