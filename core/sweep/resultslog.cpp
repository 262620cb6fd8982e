#include "sweep/resultslog.h"

#include "util/atomicwrite.h"
#include "util/error.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

namespace bitcliff {

using Json = nlohmann::ordered_json;

namespace {

std::string readAll(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(file.string() + ": cannot read");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

bool isCell(const Json &json)
{
    return json.is_object() && json.contains("cell") && json["cell"].is_number_integer() && json.contains("scheme")
        && json["scheme"].is_string();
}

void writeAll(int fd, const std::string &bytes, const std::filesystem::path &file)
{
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throw Error(file.string() + ": cannot append: " + std::strerror(errno));
        done += size_t(n);
    }
}

} // namespace

ResultsLog readResultsLog(const std::filesystem::path &file)
{
    ResultsLog log;
    if (!std::filesystem::exists(file))
        return log;
    const std::string text = readAll(file);
    size_t start = 0;
    int line = 0;
    while (start < text.size()) {
        ++line;
        const size_t end = text.find('\n', start);
        if (end == std::string::npos) { // no newline: the write of this line never finished
            log.tornTail = true;
            break;
        }
        const std::string_view content(text.data() + start, end - start);
        start = end + 1;
        if (content.find_first_not_of(" \t\r") == std::string_view::npos)
            continue;
        Json cell;
        try {
            cell = Json::parse(content);
        } catch (const nlohmann::json::parse_error &) {
            throw Error(file.string() + ":" + std::to_string(line) + ": not a JSON line");
        }
        if (!isCell(cell))
            throw Error(
                file.string() + ":" + std::to_string(line) + ": not a sweep cell (needs \"cell\" and \"scheme\")");
        log.cells.push_back(std::move(cell));
    }
    return log;
}

void appendResultLine(const std::filesystem::path &file, const Json &cell)
{
    const std::string line = cell.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    const int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        throw Error(file.string() + ": cannot open for appending: " + std::strerror(errno));
    try {
        writeAll(fd, line, file);
        if (::fsync(fd) != 0)
            throw Error(file.string() + ": cannot sync: " + std::strerror(errno));
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
}

void rewriteResultsLog(const std::filesystem::path &file, const std::vector<Json> &cells)
{
    std::string text;
    for (const Json &cell : cells)
        text += cell.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    writeFileAtomically(file, std::as_bytes(std::span(text.data(), text.size())));
}

std::filesystem::path cellFilePath(const std::filesystem::path &sweepDir, int cell)
{
    char name[32];
    std::snprintf(name, sizeof name, "cell-%04d.json", cell);
    return sweepDir / "cells" / name;
}

void writeCellFile(const std::filesystem::path &sweepDir, const Json &cell)
{
    std::filesystem::create_directories(sweepDir / "cells");
    const std::string text = cell.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    writeFileAtomically(
        cellFilePath(sweepDir, cell["cell"].get<int>()), std::as_bytes(std::span(text.data(), text.size())));
}

Json readCellFile(const std::filesystem::path &file)
{
    Json cell;
    try {
        cell = Json::parse(readAll(file));
    } catch (const nlohmann::json::parse_error &) {
        throw Error(file.string() + ": not JSON");
    }
    if (!isCell(cell))
        throw Error(file.string() + ": not a sweep cell (needs \"cell\" and \"scheme\")");
    return cell;
}

MergeOutcome mergeCellFiles(const std::filesystem::path &sweepDir, int cellCount)
{
    const std::filesystem::path logFile = sweepDir / "results.jsonl";
    ResultsLog log = readResultsLog(logFile);
    std::map<int, const Json *> inLog;
    for (const Json &cell : log.cells)
        inLog.emplace(cell["cell"].get<int>(), &cell);

    MergeOutcome outcome;
    std::map<int, Json> files;
    const std::filesystem::path cellsDir = sweepDir / "cells";
    if (std::filesystem::is_directory(cellsDir))
        for (const auto &entry : std::filesystem::directory_iterator(cellsDir)) {
            const std::string name = entry.path().filename().string();
            if (!entry.is_regular_file() || entry.path().extension() != ".json" || name.rfind("cell-", 0) != 0)
                continue; // temporaries of writers still at work, logs
            try {
                Json cell = readCellFile(entry.path());
                const int index = cell["cell"].get<int>();
                if (entry.path().filename() != cellFilePath(sweepDir, index).filename())
                    outcome.ignored.push_back(name + ": holds cell " + std::to_string(index));
                else if (index < 0 || index >= cellCount)
                    outcome.ignored.push_back(name + ": cell " + std::to_string(index) + " is not in the sweep (cells 0.."
                        + std::to_string(cellCount - 1) + ")");
                else
                    files.emplace(index, std::move(cell));
            } catch (const Error &error) {
                outcome.ignored.push_back(error.what());
            }
        }
    std::vector<Json> added;
    for (auto &[index, cell] : files) {
        const auto found = inLog.find(index);
        if (found == inLog.end())
            added.push_back(std::move(cell)), outcome.added.push_back(index);
        else if (*found->second == cell)
            outcome.alreadyThere.push_back(index);
        else
            outcome.conflicting.push_back(index);
    }
    for (const auto &[index, cell] : inLog)
        if (!files.count(index))
            outcome.alreadyThere.push_back(index);
    std::sort(outcome.alreadyThere.begin(), outcome.alreadyThere.end());
    if (!added.empty() || log.tornTail) {
        std::vector<Json> merged = log.cells;
        merged.insert(merged.end(), added.begin(), added.end());
        rewriteResultsLog(logFile, merged);
    }
    for (int index = 0; index < cellCount; ++index)
        if (!inLog.count(index) && !files.count(index))
            outcome.missing.push_back(index);
    return outcome;
}

} // namespace bitcliff
