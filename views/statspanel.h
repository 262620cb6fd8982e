#pragma once
// The numbers behind one tensor: its catalog entry, its statistics (with the Gaussian
// reference beside the kurtosis) and a table of its worst outlier channels.
#include "formats/tensorinfo.h"
#include "stats/tensorstats.h"

#include <QWidget>

#include <memory>

class QFormLayout;
class QLabel;
class QTableWidget;

namespace bitcliff {

class StatsPanel final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kTopOutliers = 20;
    enum TableColumn { AxisColumn, ChannelColumn, AbsmaxColumn, RatioColumn, TableColumnCount };

    explicit StatsPanel(QWidget *parent = nullptr);
    ~StatsPanel() final;

    // Either may be null: the catalog entry alone shows before statistics exist.
    // See tensorsnapshot.h for taking them out of a Model / ModelStats.
    void setTensor(std::shared_ptr<const TensorInfo> info, std::shared_ptr<const TensorStats> stats);
    void clear();
    void retranslate();

    // The outlier table (sorted by x median, largest first), for tests and copy-paste.
    QTableWidget *outlierTable() const { return m_table; }
    // The value shown for a form row, by its label ("Kurtosis"...); empty when absent.
    QString fieldText(const QString &label) const;

protected:
    void changeEvent(QEvent *event) final;

private:
    enum Field {
        Shape,
        DType,
        Elements,
        NonFinite,
        Absmax,
        Mean,
        Std,
        Kurtosis,
        OutlierRows,
        OutlierCols,
        Threshold,
        FieldCount
    };

    void setField(Field field, const QString &text, const QString &toolTip = {});
    void fillTable();

    std::shared_ptr<const TensorInfo> m_info;
    std::shared_ptr<const TensorStats> m_stats;
    QLabel *m_title = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_fields[FieldCount] = {};
    QLabel *m_tableTitle = nullptr;
    QTableWidget *m_table = nullptr;
};

} // namespace bitcliff
