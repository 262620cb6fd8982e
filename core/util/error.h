#pragma once
// Errors of the core. Every message is one line that names the file (or object) and the
// problem, ready to print as-is by the command line or show in a dialog.
#include <stdexcept>
#include <string>

namespace bitcliff {

class Error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// A file that is not what it claims to be: truncated, corrupt, absurd dimensions...
class FormatError : public Error
{
public:
    FormatError(const std::string &source, const std::string &problem)
        : Error(source + ": " + problem)
    {
    }
};

// A long job stopped because its progress callback returned false.
class Cancelled : public Error
{
public:
    Cancelled()
        : Error("cancelled")
    {
    }
};

} // namespace bitcliff
