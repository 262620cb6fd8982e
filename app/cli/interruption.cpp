#include "cli/interruption.h"

#include <atomic>
#include <csignal>

namespace bitcliff::cli {

namespace {

volatile std::sig_atomic_t g_requested = 0;

extern "C" void onSignal(int signal)
{
    g_requested = 1;
    std::signal(signal, SIG_DFL); // the next one ends the process
}

} // namespace

Interruption::Interruption()
{
    g_requested = 0;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

Interruption::~Interruption()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

bool Interruption::requested() { return g_requested != 0; }

} // namespace bitcliff::cli
