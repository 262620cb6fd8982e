#pragma once
// The one legend of a grid of cliff charts: a line and marker in each method's colour with
// its name, wrapping onto more rows when narrow. Clicking an entry toggles the method; a
// hidden method's entry is greyed. Painted (not buttons), so exports show it as vectors.
#include <QSet>
#include <QStringList>
#include <QWidget>

namespace bitcliff {

class CliffLegend final : public QWidget
{
    Q_OBJECT

public:
    explicit CliffLegend(QWidget *parent = nullptr);

    void setMethods(const QStringList &methods);
    const QStringList &methods() const { return m_methods; }
    void setMethodVisible(const QString &method, bool visible);
    bool isMethodVisible(const QString &method) const { return !m_hidden.contains(method); }
    // Where an entry sits (widget coordinates), for tests; empty when there is no such method.
    QRect entryRect(const QString &method) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

signals:
    void methodToggled(const QString &method, bool visible);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    // The entries' rectangles, centred row by row in `width`.
    QList<QRect> layoutEntries(int width) const;
    int entryWidth(const QString &method) const;

    QStringList m_methods;
    QSet<QString> m_hidden;
};

} // namespace bitcliff
