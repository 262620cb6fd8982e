#include "calibrate/calibrationset.h"

#include "tokenize/tokenizer.h"
#include "util/error.h"

namespace bitcliff {

namespace {

std::string grouped(int64_t n)
{
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

} // namespace

CorpusText calibrationTextFromTasks(const std::vector<TaskItem> &items, std::string name)
{
    std::string text;
    for (const TaskItem &item : items) {
        text += item.context;
        if (item.kind == TaskKind::Choice && item.gold >= 0 && size_t(item.gold) < item.choices.size())
            text += item.choices[size_t(item.gold)];
        else
            text += item.answer;
        text += '\n';
    }
    return corpusText(std::move(name), "", std::move(text));
}

int64_t CalibrationSet::tokens() const
{
    int64_t n = 0;
    for (const auto &s : sequences)
        n += int64_t(s.size());
    return n;
}

CalibrationSet calibrationSet(const Tokenizer &tokenizer, const CalibrationSpec &spec)
{
    if (spec.sequences < 1 || spec.length < 2)
        throw Error("calibration needs at least 1 sequence of 2 tokens (asked for " + std::to_string(spec.sequences)
                    + " of " + std::to_string(spec.length) + ")");
    if (spec.texts.empty())
        throw Error("no calibration text");
    CalibrationSet set;
    std::vector<int32_t> stream;
    for (const CorpusText &text : spec.texts) {
        const std::vector<int32_t> tokens = tokenizer.encode(text.text, false);
        stream.insert(stream.end(), tokens.begin(), tokens.end());
        set.source += (set.source.empty() ? "" : ", ") + text.name;
    }
    const bool bos = tokenizer.addsBos() && tokenizer.bosId() >= 0;
    const int64_t window = spec.length - (bos ? 1 : 0);
    const int64_t needed = int64_t(spec.sequences) * window;
    if (int64_t(stream.size()) < needed)
        throw Error("calibration text (" + set.source + ") has " + grouped(int64_t(stream.size())) + " tokens; "
                    + std::to_string(spec.sequences) + " sequences of " + std::to_string(spec.length) + " need "
                    + grouped(needed) + ": ask for fewer or shorter sequences");
    const int64_t stride = int64_t(stream.size()) / spec.sequences; // >= window
    for (int s = 0; s < spec.sequences; ++s) {
        std::vector<int32_t> sequence;
        sequence.reserve(size_t(spec.length));
        if (bos)
            sequence.push_back(tokenizer.bosId());
        const auto begin = stream.begin() + s * stride;
        sequence.insert(sequence.end(), begin, begin + window);
        set.sequences.push_back(std::move(sequence));
    }
    return set;
}

} // namespace bitcliff
