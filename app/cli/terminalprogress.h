#pragma once
// Progress on stderr for interactive use: a single rewritten line with the time left, only
// when stderr is a terminal (scripts and --json consumers see nothing).
#include "util/progress.h"

#include <chrono>
#include <string>

namespace bitcliff::cli {

class TerminalProgress
{
public:
    explicit TerminalProgress(std::string label);
    ProgressCallback callback();
    void done();

private:
    std::string m_label;
    bool m_enabled;
    int m_lastPercent = -1;
    std::chrono::steady_clock::time_point m_start;
};

} // namespace bitcliff::cli
