#include "analysis/bundleddemo.h"

#include "demo/demotraining.h"
#include "util/error.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <unistd.h>

namespace bitcliff::app {

namespace fs = std::filesystem;

namespace {

const QString kRoot = QStringLiteral(":/demo-model");

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A cache written by an older build can lack files added since (calibration/): extract again.
bool holdsEveryBundledFile(const fs::path &directory)
{
    QDirIterator files(kRoot, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString source = files.next();
        const QFileInfo target(QString::fromStdString((directory / source.mid(kRoot.size() + 1).toStdString()).string()));
        if (!target.exists() || target.size() != QFileInfo(source).size())
            return false;
    }
    return true;
}

} // namespace

bool hasBundledDemoModel() { return QFile::exists(kRoot + "/" + kDemoManifest); }

QString cachedDemoModelPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/demo-model-v")
        + QString::number(kTrainedDemoVersion);
}

fs::path extractBundledDemoModel(const fs::path &directoryPath)
{
    if (!hasBundledDemoModel())
        throw Error("this build of BitCliff carries no trained demo model (resources/demo-model is missing)");
    const fs::path directory = fs::absolute(directoryPath).lexically_normal();
    const QString manifest = QString::fromStdString((directory / kDemoManifest).string());
    if (QFile::exists(manifest) && fileBytes(manifest) == fileBytes(kRoot + "/" + kDemoManifest)
        && holdsEveryBundledFile(directory))
        return directory;

    std::error_code absent;
    if (fs::exists(directory, absent) && !fs::is_empty(directory, absent) && !QFile::exists(manifest))
        throw Error(directory.string() + " holds other files: not replacing it with the demo model");
    const fs::path staging = directory.parent_path() / (directory.filename().string() + ".partial-"
                                                        + std::to_string(::getpid()));
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    try {
        QDirIterator files(kRoot, QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString source = files.next();
            const fs::path target = staging / source.mid(kRoot.size() + 1).toStdString();
            fs::create_directories(target.parent_path());
            const QByteArray bytes = fileBytes(source);
            QFile out(QString::fromStdString(target.string()));
            if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.flush())
                throw Error(target.string() + ": cannot write the demo model");
        }
        fs::remove_all(directory, ignored);
        fs::create_directories(directory.parent_path());
        fs::rename(staging, directory);
    } catch (const fs::filesystem_error &error) {
        fs::remove_all(staging, ignored);
        throw Error(directory.string() + ": cannot write the demo model (" + error.code().message() + ")");
    } catch (...) {
        fs::remove_all(staging, ignored);
        throw;
    }
    return directory;
}

} // namespace bitcliff::app
