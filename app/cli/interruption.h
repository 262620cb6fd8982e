#pragma once
// Ctrl-C (SIGINT) and SIGTERM as a request to stop cleanly: while an Interruption lives, the
// signals set a flag that long jobs poll through their progress callbacks (a training run
// then writes its checkpoint), instead of killing the process mid-write. A second Ctrl-C
// kills as usual.
namespace bitcliff::cli {

class Interruption
{
public:
    Interruption();
    ~Interruption();
    Interruption(const Interruption &) = delete;
    Interruption &operator=(const Interruption &) = delete;

    static bool requested();
};

} // namespace bitcliff::cli
