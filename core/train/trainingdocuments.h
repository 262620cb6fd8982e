#pragma once
// Training documents: what a training run learns from, before tokenization.
//
// Files:
//   *.jsonl  one JSON object per non-empty line: {"text": "..."} (loss on every token) or
//            {"prompt": "...", "answer": "..."} (loss on the answer's tokens only).
//   other    plain UTF-8 text; each paragraph is one text document. Paragraphs are separated by
//            blank lines (empty or whitespace only); the lines of a paragraph stay together,
//            joined by "\n" (a CR before LF is dropped). A UTF-8 byte-order mark is skipped.
//   folder   every *.txt and *.jsonl file directly inside it, in file-name order (other files
//            and subfolders are ignored).
// Errors are one line naming the file and, where there is one, the line.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace bitcliff::train {

struct TrainingDocument
{
    enum class Kind { Text, PromptAnswer };
    Kind kind = Kind::Text;
    std::string text;   // Kind::Text
    std::string prompt; // Kind::PromptAnswer
    std::string answer; // Kind::PromptAnswer
    std::string origin; // where it came from, for messages ("data.jsonl line 12"); may be empty

    static TrainingDocument plain(std::string text, std::string origin = {});
    static TrainingDocument promptAnswer(std::string prompt, std::string answer, std::string origin = {});
};

// The documents of a file or folder as described above. Throws Error for a missing or
// unreadable path, text that is not UTF-8 (file, line and byte offset), a malformed JSONL line,
// or no document at all.
std::vector<TrainingDocument> loadTrainingDocuments(const std::filesystem::path &path);

// The same from bytes in memory; `label` names them in messages.
std::vector<TrainingDocument> documentsFromText(std::string_view bytes, const std::string &label);
std::vector<TrainingDocument> documentsFromJsonl(std::string_view bytes, const std::string &label);

} // namespace bitcliff::train
