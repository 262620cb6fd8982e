#pragma once
// Helpers of the sweep tests: a sweep folder's cells, and a cell's measurements without what
// legitimately differs between runs (time, seconds, machine).
#include <QJsonDocument>
#include <QJsonObject>
#include <QMultiMap>
#include <QString>

#include <QFile>

namespace bitcliff::test {

inline QMultiMap<int, QJsonObject> sweepCells(const QString &dir)
{
    QMultiMap<int, QJsonObject> cells;
    QFile file(dir + "/results.jsonl");
    if (!file.open(QIODevice::ReadOnly))
        return cells;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonObject cell = QJsonDocument::fromJson(line).object();
        cells.insert(cell["cell"].toInt(-1), cell);
    }
    return cells;
}

inline QJsonObject measurements(QJsonObject cell)
{
    cell.remove("repro");
    cell.remove("seconds");
    cell.remove("streamed");
    return cell;
}

} // namespace bitcliff::test
