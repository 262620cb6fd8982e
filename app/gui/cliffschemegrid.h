#pragma once
// The schemes of a sweep as a grid of checkboxes: one row per method (GGUF K-quants, GGUF
// legacy, RTN g128 sym/asym, HQQ g64, GPTQ g128 sym/asym, the 4- and 8-bit float formats),
// one column per bit width (2, 3, 4, 5, 6, 8) where the combination exists; other schemes
// (any scheme text) are added in a line edit below, checked by parse and listed as extra
// checkboxes.
#include <QStringList>
#include <QWidget>

#include <vector>

class QCheckBox;
class QGridLayout;
class QLabel;
class QLineEdit;

namespace bitcliff::app {

class CliffSchemeGrid final : public QWidget
{
    Q_OBJECT

public:
    explicit CliffSchemeGrid(QWidget *parent = nullptr);
    void retranslate();

    // Canonical scheme texts, grid first (row by row), then the extra ones, checked only.
    QStringList checkedSchemes() const;
    // Checks exactly `schemes` (canonical texts); one without a grid box gets an extra box.
    // Throws Error for a text that does not parse.
    void setCheckedSchemes(const QStringList &schemes);

    QCheckBox *box(const QString &scheme) const; // nullptr when neither in the grid nor added
    QLineEdit *otherSchemeEdit() const { return m_other; }
    QLabel *otherSchemeError() const { return m_otherError; }
    // Adds the edit's text as a checked scheme; false (with the error shown under the edit,
    // the text kept) when it does not parse.
    bool addOtherScheme();

signals:
    void schemesChanged();

private:
    struct Row
    {
        const char *method; // series key, named by methodDisplayName
        QLabel *label = nullptr;
    };
    QCheckBox *addBox(const QString &scheme, int row, int column);
    void showOtherError(const QString &message);

    QGridLayout *m_grid;
    QLabel *m_title;
    std::vector<Row> m_rows;
    QList<QLabel *> m_bitHeaders;
    QList<QCheckBox *> m_boxes; // grid and extra boxes; objectName is the canonical scheme
    QWidget *m_extras;
    QLabel *m_otherLabel;
    QLineEdit *m_other;
    QLabel *m_otherError;
};

} // namespace bitcliff::app
