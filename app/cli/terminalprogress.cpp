#include "cli/terminalprogress.h"

#include <cstdio>
#include <unistd.h>

namespace bitcliff::cli {

TerminalProgress::TerminalProgress(std::string label)
    : m_label(std::move(label))
    , m_enabled(::isatty(STDERR_FILENO) == 1)
{
}

ProgressCallback TerminalProgress::callback()
{
    if (!m_enabled)
        return {};
    return [this](double fraction) {
        const int percent = static_cast<int>(fraction * 100.0);
        if (percent != m_lastPercent) {
            m_lastPercent = percent;
            std::fprintf(stderr, "\r%s: %3d%%", m_label.c_str(), percent);
            std::fflush(stderr);
        }
        return true;
    };
}

void TerminalProgress::done()
{
    if (m_enabled && m_lastPercent >= 0)
        std::fprintf(stderr, "\r%*s\r", static_cast<int>(m_label.size()) + 7, "");
}

} // namespace bitcliff::cli
