#pragma once
// The pieces the sweep report's sections share: escaped text, figures marked with the cell
// and key they come from (see sweephtml.h).
#include "analysis/clifffindings.h"

#include <QString>

#include <optional>

namespace bitcliff::app::sweephtml {

enum class Format { Percent1, Fixed1, Fixed2, Significant3, Integer }; // pct1 fix1 fix2 sig3 int

// Text escaped for HTML/XML content and attribute values; control characters dropped.
QString escape(const QString &text);
QString escape(const std::string &text);

// The value as shown in `format` ("61.2" for 0.612 in Percent1).
QString formatNumber(double value, Format format);

// <span class="num" data-cell=.. data-key=.. data-format=..>text</span>
QString num(const CellValue &value, Format format);
// num() of the value at `pointer` of `cell` (cell index `index`), or `absent` when there is none.
QString num(
    const ResultCell &cell, int index, const std::string &pointer, Format format, const QString &absent = QString());
// A figure derived from cell values: <span class="derived">text</span>.
QString derived(double value, Format format);

// Sections of the report.
QString findingsSection(const ResultCells &cells, const CliffFindings &findings);

} // namespace bitcliff::app::sweephtml
