#include "gui/cliffschemegrid.h"

#include "plan/recipe.h"
#include "quant/scheme.h"
#include "util/error.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace bitcliff::app {
namespace {

constexpr int kBits[] = { 2, 3, 4, 5, 6, 8 };

// The grid: per row, the scheme text at each bit width ("" where the method has none).
struct GridRow
{
    const char *key;
    const char *schemes[6];
};

constexpr GridRow kGrid[] = {
    { "gguf-k", { "q2_k", "q3_k", "q4_k", "q5_k", "q6_k", "" } },
    { "gguf-legacy", { "", "", "q4_0", "q5_0", "", "q8_0" } },
    { "gguf-legacy-1", { "", "", "q4_1", "q5_1", "", "" } },
    { "rtn:g128:sym",
        { "rtn:b2:g128:sym", "rtn:b3:g128:sym", "rtn:b4:g128:sym", "rtn:b5:g128:sym", "rtn:b6:g128:sym",
            "rtn:b8:g128:sym" } },
    { "rtn:g128:asym",
        { "rtn:b2:g128:asym", "rtn:b3:g128:asym", "rtn:b4:g128:asym", "rtn:b5:g128:asym", "rtn:b6:g128:asym",
            "rtn:b8:g128:asym" } },
    { "hqq:g64", { "hqq:b2:g64", "hqq:b3:g64", "hqq:b4:g64", "hqq:b5:g64", "hqq:b6:g64", "hqq:b8:g64" } },
    // Calibrated (the form's Calibration row): where rounding to nearest falls off the cliff.
    { "gptq:g128:sym", { "gptq:b2:g128:sym", "gptq:b3:g128:sym", "gptq:b4:g128:sym", "", "", "" } },
    { "gptq:g128:asym", { "gptq:b2:g128:asym", "gptq:b3:g128:asym", "gptq:b4:g128:asym", "", "", "" } },
    { "awq:g128:asym", { "awq:b2:g128:asym", "awq:b3:g128:asym", "awq:b4:g128:asym", "", "", "" } },
    // Rotated (QuaRot) before rounding: no calibration.
    { "rtn:g128:asym+rot",
        { "rtn:b2:g128:asym+rot", "rtn:b3:g128:asym+rot", "rtn:b4:g128:asym+rot", "", "", "rtn:b8:g128:asym+rot" } },
};
// The float and lookup-table types, one row of their own.
constexpr const char *kFormats[] = { "nf4:g64", "fp4:g64", "mxfp4", "iq4_nl", "fp8" };

// A variant's cell ("rtn:b2:g32@qat", a derived checkpoint) keeps its suffix.
QString canonical(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype at = trimmed.indexOf('@');
    return QString::fromStdString(QuantRecipe::parse(trimmed.left(at).toStdString()).toString())
        + (at >= 0 ? trimmed.mid(at) : QString());
}

} // namespace

CliffSchemeGrid::CliffSchemeGrid(QWidget *parent)
    : QWidget(parent)
    , m_grid(new QGridLayout)
    , m_title(new QLabel(this))
    , m_extras(new QWidget(this))
    , m_otherLabel(new QLabel(this))
    , m_other(new QLineEdit(this))
    , m_otherError(new QLabel(this))
{
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(10);
    m_grid->addWidget(m_title, 0, 0);
    m_grid->setVerticalSpacing(2);
    for (int column = 0; column < 6; ++column) {
        auto *header = new QLabel(this);
        m_bitHeaders << header;
        m_grid->addWidget(header, 0, column + 1);
    }
    int row = 1;
    for (const GridRow &grid : kGrid) {
        m_rows.push_back({ grid.key, new QLabel(this) });
        m_grid->addWidget(m_rows.back().label, row, 0);
        for (int column = 0; column < 6; ++column)
            if (*grid.schemes[column])
                addBox(QString::fromLatin1(grid.schemes[column]), row, column + 1);
        ++row;
    }
    // The float and lookup-table formats (mostly 4 bits) in one line under the grid: in the
    // bit columns they would widen the grid past a small window.
    m_rows.push_back({ "formats", new QLabel(this) });
    m_grid->addWidget(m_rows.back().label, row, 0);
    auto *formats = new QHBoxLayout;
    formats->setSpacing(8);
    for (const char *scheme : kFormats)
        formats->addWidget(addBox(QString::fromLatin1(scheme), -1, -1));
    formats->addStretch(1);
    m_grid->addLayout(formats, row, 1, 1, 7);
    m_grid->setColumnStretch(7, 1);

    auto *extras = new QHBoxLayout(m_extras);
    extras->setContentsMargins(0, 0, 0, 0);
    extras->addStretch(1);
    m_extras->hide();

    m_otherError->setStyleSheet(QStringLiteral("color: #d62728"));
    m_otherError->setWordWrap(true);
    m_otherError->hide();
    auto *other = new QHBoxLayout;
    other->addWidget(m_otherLabel);
    other->addWidget(m_other, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_grid);
    layout->addWidget(m_extras);
    layout->addLayout(other);
    layout->addWidget(m_otherError);
    connect(m_other, &QLineEdit::returnPressed, this, &CliffSchemeGrid::addOtherScheme);
    connect(m_other, &QLineEdit::textEdited, this, [this] { showOtherError(QString()); });
    retranslate();
}

QCheckBox *CliffSchemeGrid::addBox(const QString &scheme, int row, int column)
{
    const QString text = canonical(scheme);
    // In the RTN, HQQ and GPTQ rows the row names the method and the column the bits: "b3" is
    // enough there (the full text in the tooltip) and keeps the grid narrow.
    const bool inBitsRow = row >= 0
        && (text.startsWith(QLatin1String("rtn:")) || text.startsWith(QLatin1String("hqq:"))
            || text.startsWith(QLatin1String("gptq:")) || text.startsWith(QLatin1String("awq:")));
    auto *box = new QCheckBox(inBitsRow ? text.section(QLatin1Char(':'), 1, 1) : text, this);
    box->setObjectName(text);
    box->setToolTip(text);
    m_boxes << box;
    if (row >= 0)
        m_grid->addWidget(box, row, column);
    connect(box, &QCheckBox::toggled, this, &CliffSchemeGrid::schemesChanged);
    return box;
}

void CliffSchemeGrid::retranslate()
{
    for (int column = 0; column < 6; ++column)
        m_bitHeaders[column]->setText(tr("%1 bits").arg(kBits[column]));
    for (const Row &row : m_rows) {
        const QString key = QString::fromLatin1(row.method);
        row.label->setText(key == QLatin1String("gguf-k") ? tr("GGUF K-quants")
                : key == QLatin1String("gguf-legacy")     ? tr("GGUF legacy")
                : key == QLatin1String("gguf-legacy-1")   ? tr("GGUF legacy with minimum")
                : key == QLatin1String("rtn:g128:sym")    ? tr("RTN g128 symmetric")
                : key == QLatin1String("rtn:g128:asym")   ? tr("RTN g128 asymmetric")
                : key == QLatin1String("hqq:g64")         ? tr("HQQ g64")
                : key == QLatin1String("gptq:g128:sym")   ? tr("GPTQ g128 symmetric")
                : key == QLatin1String("gptq:g128:asym")  ? tr("GPTQ g128 asymmetric")
                : key == QLatin1String("awq:g128:asym")   ? tr("AWQ g128 asymmetric")
                : key == QLatin1String("rtn:g128:asym+rot") ? tr("RTN g128 asymmetric, rotated")
                                                          : tr("Float and lookup formats"));
        row.label->setToolTip(key.startsWith(QLatin1String("gptq:")) || key.startsWith(QLatin1String("awq:"))
                ? tr("Calibrated on the text chosen under Calibration: slower than rounding, and needs that text.")
                : QString());
    }
    m_title->setText(tr("Schemes:"));
    m_otherLabel->setText(tr("Other scheme:"));
    m_other->setPlaceholderText(tr("any scheme text, e.g. rtn:b3:g64:asym or nf4:g128:dq, then Enter"));
    m_other->setToolTip(tr("The scheme grammar is in bitcliff-cli --help."));
}

QStringList CliffSchemeGrid::checkedSchemes() const
{
    QStringList schemes;
    for (const QCheckBox *box : m_boxes)
        if (box->isChecked())
            schemes << box->objectName();
    return schemes;
}

void CliffSchemeGrid::setCheckedSchemes(const QStringList &schemes)
{
    QStringList wanted;
    for (const QString &scheme : schemes)
        wanted << canonical(scheme); // throws before anything changes
    {
        const QSignalBlocker blocker(this); // one schemesChanged for the lot
        for (QCheckBox *box : std::as_const(m_boxes))
            box->setChecked(wanted.contains(box->objectName()));
        for (const QString &scheme : std::as_const(wanted))
            if (!box(scheme)) {
                QCheckBox *extra = addBox(scheme, -1, -1);
                auto *layout = static_cast<QHBoxLayout *>(m_extras->layout());
                layout->insertWidget(layout->count() - 1, extra);
                m_extras->show();
                extra->setChecked(true);
            }
    }
    emit schemesChanged();
}

QCheckBox *CliffSchemeGrid::box(const QString &scheme) const
{
    for (QCheckBox *box : m_boxes)
        if (box->objectName() == scheme)
            return box;
    return nullptr;
}

bool CliffSchemeGrid::addOtherScheme()
{
    QString text;
    try {
        text = canonical(m_other->text());
    } catch (const Error &error) {
        showOtherError(QString::fromStdString(error.what()));
        return false;
    }
    QStringList schemes = checkedSchemes();
    if (!schemes.contains(text))
        schemes << text;
    setCheckedSchemes(schemes);
    m_other->clear();
    showOtherError(QString());
    return true;
}

void CliffSchemeGrid::showOtherError(const QString &message)
{
    m_otherError->setText(message);
    m_otherError->setVisible(!message.isEmpty());
    m_other->setStyleSheet(message.isEmpty() ? QString() : QStringLiteral("color: #d62728"));
}

} // namespace bitcliff::app
