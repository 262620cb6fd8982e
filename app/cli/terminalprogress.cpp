#include "cli/terminalprogress.h"

#include <cstdio>
#include <unistd.h>

namespace bitcliff::cli {

namespace {

// "1m20s" / "45s": the time left, extrapolated from the time so far.
std::string duration(double seconds)
{
    char text[32];
    if (seconds >= 60)
        std::snprintf(text, sizeof text, "%dm%02ds", int(seconds) / 60, int(seconds) % 60);
    else
        std::snprintf(text, sizeof text, "%ds", int(seconds));
    return text;
}

} // namespace

TerminalProgress::TerminalProgress(std::string label)
    : m_label(std::move(label))
    , m_enabled(::isatty(STDERR_FILENO) == 1)
    , m_start(std::chrono::steady_clock::now())
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
            const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
            std::string left;
            if (fraction > 0.02 && elapsed > 2)
                left = ", about " + duration(elapsed * (1 - fraction) / fraction) + " left";
            std::fprintf(stderr, "\r%s: %3d%%%s    ", m_label.c_str(), percent, left.c_str());
            std::fflush(stderr);
        }
        return true;
    };
}

void TerminalProgress::done()
{
    if (m_enabled && m_lastPercent >= 0)
        std::fprintf(stderr, "\r%*s\r", static_cast<int>(m_label.size()) + 40, "");
}

} // namespace bitcliff::cli
