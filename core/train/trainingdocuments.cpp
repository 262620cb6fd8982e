#include "train/trainingdocuments.h"

#include "tokenize/utf8.h"
#include "util/error.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace bitcliff::train {

namespace fs = std::filesystem;

namespace {

// Refuses bytes that are not UTF-8, naming the line and the byte offset; drops a BOM.
std::string_view checkedUtf8(std::string_view bytes, const std::string &label)
{
    if (bytes.starts_with("\xEF\xBB\xBF"))
        bytes.remove_prefix(3);
    const size_t bad = utf8::firstInvalid(bytes);
    if (bad != std::string_view::npos) {
        const int64_t line = 1 + std::count(bytes.begin(), bytes.begin() + std::ptrdiff_t(bad), '\n');
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", unsigned(static_cast<unsigned char>(bytes[bad])));
        throw Error(label + ": not UTF-8 text (invalid byte " + hex + " on line " + std::to_string(line)
                    + ", byte offset " + std::to_string(bad) + ")");
    }
    return bytes;
}

// The lines of `bytes` without their line ends ("\n" or "\r\n").
std::vector<std::string_view> linesOf(std::string_view bytes)
{
    std::vector<std::string_view> lines;
    while (!bytes.empty()) {
        const size_t end = bytes.find('\n');
        std::string_view line = bytes.substr(0, end);
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        lines.push_back(line);
        if (end == std::string_view::npos)
            break;
        bytes.remove_prefix(end + 1);
    }
    return lines;
}

bool isBlank(std::string_view line)
{
    return line.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
}

std::string readFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string() + ": cannot read the file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad())
        throw Error(path.string() + ": cannot read the file");
    return buffer.str();
}

std::string stringMember(const nlohmann::json &object, const char *key, const std::string &where)
{
    const auto it = object.find(key);
    if (!it->is_string())
        throw Error(where + ": \"" + key + "\" is not a string");
    return it->get<std::string>();
}

std::vector<TrainingDocument> paragraphsOf(std::string_view bytes, const std::string &label)
{
    const std::vector<std::string_view> lines = linesOf(checkedUtf8(bytes, label));
    std::vector<TrainingDocument> documents;
    std::string paragraph;
    size_t firstLine = 0;
    const auto finish = [&] {
        if (!paragraph.empty())
            documents.push_back(TrainingDocument::plain(std::move(paragraph),
                                                        label + " line " + std::to_string(firstLine + 1)));
        paragraph.clear();
    };
    for (size_t i = 0; i < lines.size(); ++i) {
        if (isBlank(lines[i])) {
            finish();
            continue;
        }
        if (paragraph.empty())
            firstLine = i;
        else
            paragraph += '\n';
        paragraph += lines[i];
    }
    finish();
    return documents;
}

std::vector<TrainingDocument> jsonLinesOf(std::string_view bytes, const std::string &label)
{
    const std::vector<std::string_view> lines = linesOf(checkedUtf8(bytes, label));
    std::vector<TrainingDocument> documents;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (isBlank(lines[i]))
            continue;
        const std::string where = label + " line " + std::to_string(i + 1);
        nlohmann::json object;
        try {
            object = nlohmann::json::parse(lines[i]);
        } catch (const nlohmann::json::exception &) {
            throw Error(where + ": not a JSON object");
        }
        if (!object.is_object())
            throw Error(where + ": not a JSON object");
        if (object.contains("text")) {
            std::string text = stringMember(object, "text", where);
            if (text.empty())
                throw Error(where + ": \"text\" is empty");
            documents.push_back(TrainingDocument::plain(std::move(text), where));
        } else if (object.contains("prompt") && object.contains("answer")) {
            std::string answer = stringMember(object, "answer", where);
            if (answer.empty())
                throw Error(where + ": \"answer\" is empty");
            documents.push_back(
                TrainingDocument::promptAnswer(stringMember(object, "prompt", where), std::move(answer), where));
        } else {
            throw Error(where + ": expected {\"text\": ...} or {\"prompt\": ..., \"answer\": ...}");
        }
    }
    return documents;
}

std::vector<TrainingDocument> documentsOfFile(const fs::path &path)
{
    const std::string bytes = readFile(path);
    return path.extension() == ".jsonl" ? jsonLinesOf(bytes, path.string()) : paragraphsOf(bytes, path.string());
}

std::vector<TrainingDocument> nonEmpty(std::vector<TrainingDocument> documents, const std::string &label)
{
    if (documents.empty())
        throw Error(label + ": no training documents (the data is empty)");
    return documents;
}

} // namespace

TrainingDocument TrainingDocument::plain(std::string text, std::string origin)
{
    TrainingDocument document;
    document.text = std::move(text);
    document.origin = std::move(origin);
    return document;
}

TrainingDocument TrainingDocument::promptAnswer(std::string prompt, std::string answer, std::string origin)
{
    TrainingDocument document;
    document.kind = Kind::PromptAnswer;
    document.prompt = std::move(prompt);
    document.answer = std::move(answer);
    document.origin = std::move(origin);
    return document;
}

std::vector<TrainingDocument> documentsFromText(std::string_view bytes, const std::string &label)
{
    return nonEmpty(paragraphsOf(bytes, label), label);
}

std::vector<TrainingDocument> documentsFromJsonl(std::string_view bytes, const std::string &label)
{
    return nonEmpty(jsonLinesOf(bytes, label), label);
}

std::vector<TrainingDocument> loadTrainingDocuments(const fs::path &path)
{
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        throw Error(path.string() + ": no such file or folder");
    if (!fs::is_directory(status))
        return nonEmpty(documentsOfFile(path), path.string());

    std::vector<fs::path> files;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && (it->path().extension() == ".txt" || it->path().extension() == ".jsonl"))
            files.push_back(it->path());
    if (ec)
        throw Error(path.string() + ": cannot list the folder: " + ec.message());
    if (files.empty())
        throw Error(path.string() + ": the folder holds no .txt or .jsonl files");
    std::sort(files.begin(), files.end());
    std::vector<TrainingDocument> documents;
    for (const fs::path &file : files) {
        std::vector<TrainingDocument> more = documentsOfFile(file);
        documents.insert(documents.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    return nonEmpty(std::move(documents), path.string());
}

} // namespace bitcliff::train
