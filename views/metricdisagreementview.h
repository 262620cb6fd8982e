#pragma once
// "Automatic metrics understate the damage on non-Latin scripts": per language, the three
// measures of damage side by side at each scheme (bit-width) — the change in log perplexity,
// the mean KL divergence and the change in task accuracy. Each metric's bar is its damage as
// a share of that metric's worst value in the table, so a language whose KLD looks mild
// while its accuracy collapses stands out; the cell's text gives the value in its unit and
// "n/a" where there is none.
#include <QStringList>
#include <QVector>
#include <QWidget>
#include <QtNumeric>

namespace bitcliff {

// One (language, scheme) cell; NaN: not measured (shown "n/a", never as 0).
struct MetricDisagreementCell
{
    double lnPplRatio = qQNaN(); // ln(PPL quantized / PPL unquantized)
    double kld = qQNaN(); // mean KLD, nats
    double deltaAccuracy = qQNaN(); // accuracy minus the unquantized model's, percentage points
};

struct MetricDisagreementData
{
    QString title;
    QStringList languages; // rows, e.g. "en", "ru", "hi"
    QStringList schemes; // columns in order, e.g. "q8_0", "q4_k", "q3_k", "q2_k"
    QVector<QVector<MetricDisagreementCell>> cells; // [language][scheme]; missing entries are n/a
};

class MetricDisagreementView final : public QWidget
{
    Q_OBJECT

public:
    enum class Metric { LnPplRatio, Kld, DeltaAccuracy };

    explicit MetricDisagreementView(QWidget *parent = nullptr);

    void setData(const MetricDisagreementData &data);
    const MetricDisagreementData &data() const { return m_data; }

    // What a cell shows ("0.0456", "−12.5", "n/a"), its damage in [0, 1] (NaN when missing)
    // and where it sits; for tests and tooltips.
    QString cellText(int language, int scheme, Metric metric) const;
    double damageShare(int language, int scheme, Metric metric) const;
    QRect cellRect(int language, int scheme, Metric metric) const;
    // The row label of a metric, with its unit.
    static QString metricLabel(Metric metric);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Geometry
    {
        QRect title, note;
        int languageX = 0, metricX = 0, gridX = 0, headerY = 0, gridY = 0;
        int columnWidth = 0, rowHeight = 0, blockGap = 0;
    };
    Geometry geometry() const;
    double value(int language, int scheme, Metric metric) const;
    void paintCell(QPainter &painter, const QRect &rect, int language, int scheme, Metric metric) const;

    MetricDisagreementData m_data;
    double m_worst[3] = { 0.0, 0.0, 0.0 }; // per metric, the largest damage in the table
};

} // namespace bitcliff
