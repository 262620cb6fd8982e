#pragma once
// A small argument reader for the subcommands of bitcliff-cli: positional arguments and
// `--name value` / `--flag` options, with one-line usage errors.
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace bitcliff::cli {

class UsageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

class CliArgs
{
public:
    // `valueOptions` take a value, `flags` do not; anything else starting with -- is an error.
    CliArgs(const std::vector<std::string> &args, const std::set<std::string> &valueOptions,
            const std::set<std::string> &flags);

    const std::vector<std::string> &positional() const { return m_positional; }
    bool has(const std::string &flag) const { return m_flags.count(flag) > 0; }
    std::optional<std::string> value(const std::string &option) const;
    std::string required(const std::string &option) const;
    double number(const std::string &option, double fallback, double min, double max) const;

private:
    std::vector<std::string> m_positional;
    std::set<std::string> m_flags;
    std::map<std::string, std::string> m_values;
};

// "a,b,,c" -> {"a", "b", "c"}: an option's comma-separated values, empty items dropped.
std::vector<std::string> commaList(const std::string &text);

} // namespace bitcliff::cli
