#include "cli/cliargs.h"

#include <cstdlib>
#include <sstream>

namespace bitcliff::cli {

CliArgs::CliArgs(const std::vector<std::string> &args, const std::set<std::string> &valueOptions,
                 const std::set<std::string> &flags)
{
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (arg.rfind("--", 0) != 0 || arg == "--") {
            m_positional.push_back(arg);
            continue;
        }
        std::string name = arg, inlineValue;
        const size_t equals = arg.find('=');
        const bool hasInline = equals != std::string::npos;
        if (hasInline) {
            name = arg.substr(0, equals);
            inlineValue = arg.substr(equals + 1);
        }
        if (flags.count(name) && !hasInline) {
            m_flags.insert(name);
        } else if (valueOptions.count(name)) {
            if (hasInline)
                m_values[name] = inlineValue;
            else if (i + 1 < args.size())
                m_values[name] = args[++i];
            else
                throw UsageError(name + " needs a value");
        } else {
            throw UsageError("unknown option " + name);
        }
    }
}

std::optional<std::string> CliArgs::value(const std::string &option) const
{
    const auto it = m_values.find(option);
    if (it == m_values.end())
        return std::nullopt;
    return it->second;
}

std::string CliArgs::required(const std::string &option) const
{
    const auto v = value(option);
    if (!v)
        throw UsageError(option + " is required");
    return *v;
}

double CliArgs::number(const std::string &option, double fallback, double min, double max) const
{
    const auto v = value(option);
    if (!v)
        return fallback;
    char *end = nullptr;
    const double parsed = std::strtod(v->c_str(), &end);
    if (end == v->c_str() || *end != '\0' || !(parsed >= min && parsed <= max))
        throw UsageError(option + " must be a number from " + std::to_string(min) + " to " + std::to_string(max)
                         + ", got '" + *v + "'");
    return parsed;
}

std::vector<std::string> commaList(const std::string &text)
{
    std::vector<std::string> items;
    std::stringstream stream(text);
    for (std::string item; std::getline(stream, item, ',');)
        if (!item.empty())
            items.push_back(item);
    return items;
}

} // namespace bitcliff::cli
