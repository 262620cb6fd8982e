#pragma once
#include <QStringList>

#include <filesystem>

namespace bitcliff::cli {

// The report of the sweep in `sweepDir` into `out` (needs a QApplication); returns the files,
// report.html first. Throws Error when the folder holds no results.
QStringList writeReportOf(const std::filesystem::path &sweepDir, const QString &out, int dpi, bool modelMaps);

} // namespace bitcliff::cli
