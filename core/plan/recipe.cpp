#include "plan/recipe.h"

#include "util/error.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <vector>

namespace bitcliff {

namespace {

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

std::vector<std::string> splitColons(const std::string &text)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        const size_t at = text.find(':', start);
        parts.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos)
            return parts;
        start = at + 1;
    }
}

bool isGgufGrid(const std::string &option)
{
    return option == "q4_0" || option == "q4_1" || option == "q5_0" || option == "q8_0";
}

std::string percentText(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

QuantRecipe parseGptq(const std::string &text, const std::vector<std::string> &parts)
{
    auto bad = [&](const std::string &reason) { return Error("bad scheme '" + text + "': " + reason); };
    QuantRecipe recipe;
    recipe.method = WeightMethod::Gptq;
    std::string gguf;
    std::string grid = "rtn";
    for (size_t i = 1; i < parts.size(); ++i) {
        const std::string &option = parts[i];
        if (option == "actorder") {
            recipe.gptq.actOrder = true;
        } else if (option == "static") {
            recipe.gptq.staticGroups = true;
        } else if (option.rfind("damp", 0) == 0) {
            const char *begin = option.data() + 4, *end = option.data() + option.size();
            double value = 0;
            const auto [at, error] = std::from_chars(begin, end, value);
            if (error != std::errc() || at != end || !(value > 0 && value < 100))
                throw bad("damp takes a percentage between 0 and 100 (damp1, damp0.5)");
            recipe.gptq.dampPercent = value;
        } else if (isGgufGrid(option)) {
            gguf = option;
        } else if (option == "strict" || option.empty()) {
            throw bad("gptq does not take '" + option + "'");
        } else {
            grid += ":" + option;
        }
    }
    if (!gguf.empty() && grid != "rtn")
        throw bad("a GGUF grid (" + gguf + ") takes no rtn options");
    try {
        recipe.scheme = QuantScheme::parse(gguf.empty() ? grid : gguf);
    } catch (const Error &e) {
        const std::string message = e.what();
        const size_t colon = message.find("': ");
        throw bad(colon == std::string::npos ? message : message.substr(colon + 3));
    }
    if (recipe.scheme.method == QuantMethod::Rtn && recipe.scheme.granularity == Granularity::Tensor)
        throw bad("gptq needs per-group or per-channel scales");
    if (recipe.gptq.staticGroups && !recipe.gptq.actOrder)
        throw bad("static groups only matter with actorder");
    return recipe;
}

} // namespace

QuantRecipe QuantRecipe::parse(std::string_view text)
{
    const std::string normalized = lower(text);
    const std::vector<std::string> parts = splitColons(normalized);
    if (parts.front() == "gptq")
        return parseGptq(std::string(text), parts);
    return QuantRecipe(QuantScheme::parse(text));
}

std::string QuantRecipe::toString() const
{
    if (method == WeightMethod::Round)
        return scheme.toString();
    std::string grid = scheme.toString();
    if (grid.rfind("rtn:", 0) == 0)
        grid.erase(0, 4);
    return "gptq:" + grid + methodOptionsText();
}

std::string QuantRecipe::methodOptionsText() const
{
    if (method == WeightMethod::Round)
        return {};
    std::string text;
    if (gptq.actOrder)
        text += ":actorder";
    if (gptq.staticGroups)
        text += ":static";
    if (gptq.dampPercent != 1.0)
        text += ":damp" + percentText(gptq.dampPercent);
    return text;
}

} // namespace bitcliff
