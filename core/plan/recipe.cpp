#include "plan/recipe.h"

#include "util/error.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <optional>
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

// A number ending `option` after `prefix` ("damp0.5", "smooth0.8"), or nothing when malformed.
std::optional<double> numberAfter(const std::string &option, size_t prefix)
{
    const char *begin = option.data() + prefix, *end = option.data() + option.size();
    double value = 0;
    const auto [at, error] = std::from_chars(begin, end, value);
    if (error != std::errc() || at != end)
        return std::nullopt;
    return value;
}

// gptq:… and awq:…: the method's options, then the rtn or GGUF grid it rounds on.
QuantRecipe parseCalibrated(const std::string &text, const std::vector<std::string> &parts)
{
    auto bad = [&](const std::string &reason) { return Error("bad scheme '" + text + "': " + reason); };
    QuantRecipe recipe;
    recipe.method = parts.front() == "awq" ? WeightMethod::Awq : WeightMethod::Gptq;
    const bool gptq = recipe.method == WeightMethod::Gptq;
    const std::string name = parts.front();
    std::string gguf;
    std::string grid = "rtn";
    for (size_t i = 1; i < parts.size(); ++i) {
        const std::string &option = parts[i];
        if (!gptq && option == "noclip") {
            recipe.awq.clip = false;
        } else if (!gptq && option == "duo") {
            recipe.awq.duo = true;
        } else if (!gptq && (option == "actorder" || option == "static" || option.rfind("damp", 0) == 0)) {
            throw bad("'" + option + "' is a gptq option");
        } else if (!gptq && isGgufGrid(option)) {
            throw bad("awq rounds on rtn grids (bN, gN, sym|asym), not " + option);
        } else if (option == "actorder") {
            recipe.gptq.actOrder = true;
        } else if (option == "static") {
            recipe.gptq.staticGroups = true;
        } else if (option.rfind("damp", 0) == 0) {
            const std::optional<double> value = numberAfter(option, 4);
            if (!value || !(*value > 0 && *value < 100))
                throw bad("damp takes a percentage between 0 and 100 (damp1, damp0.5)");
            recipe.gptq.dampPercent = *value;
        } else if (isGgufGrid(option)) {
            gguf = option;
        } else if (option == "strict" || option.empty()) {
            throw bad(name + " does not take '" + option + "'");
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
        throw bad(name + " needs per-group or per-channel scales");
    if (recipe.gptq.staticGroups && !recipe.gptq.actOrder)
        throw bad("static groups only matter with actorder");
    return recipe;
}

// One "+modifier" of `text` into `recipe`.
void parseModifier(const std::string &text, const std::string &modifier, QuantRecipe &recipe)
{
    auto bad = [&](const std::string &reason) { return Error("bad scheme '" + text + "': " + reason); };
    auto once = [&](bool alreadySet) {
        if (alreadySet)
            throw bad("'+" + modifier + "' repeats or contradicts an earlier modifier");
    };
    if (modifier == "a8" || modifier == "a4" || modifier == "afp8") {
        once(recipe.activations != ActivationQuant::None);
        recipe.activations = modifier == "a8" ? ActivationQuant::Int8
            : modifier == "a4"                 ? ActivationQuant::Int4
                                               : ActivationQuant::Fp8;
    } else if (modifier.rfind("smooth", 0) == 0) {
        once(recipe.smoothAlpha > 0);
        const std::optional<double> alpha = modifier.size() == 6 ? 0.5 : numberAfter(modifier, 6);
        if (!alpha || !(*alpha > 0 && *alpha < 1))
            throw bad("smooth takes a migration strength between 0 and 1 (+smooth, +smooth0.8)");
        recipe.smoothAlpha = *alpha;
    } else if (modifier == "rot") {
        once(recipe.rotate);
        recipe.rotate = true;
    } else {
        throw bad(modifier.empty() ? "an empty modifier after '+'"
                                   : "unknown modifier '+" + modifier + "' (+a8, +a4, +afp8, +smooth[α], +rot)");
    }
}

} // namespace

QuantRecipe QuantRecipe::parse(std::string_view text)
{
    const std::string whole(text);
    const std::string normalized = lower(text);
    const size_t plus = normalized.find('+');
    const std::string weight = normalized.substr(0, plus);
    const std::vector<std::string> parts = splitColons(weight);
    QuantRecipe recipe;
    if (parts.front() == "gptq" || parts.front() == "awq")
        recipe = parseCalibrated(whole, parts);
    else
        recipe = QuantRecipe(QuantScheme::parse(plus == std::string::npos ? text : text.substr(0, plus)));
    size_t start = plus;
    while (start != std::string::npos) {
        const size_t next = normalized.find('+', start + 1);
        parseModifier(whole, normalized.substr(start + 1, next == std::string::npos ? std::string::npos : next - start - 1),
                      recipe);
        start = next;
    }
    return recipe;
}

std::string QuantRecipe::weightText() const
{
    if (method == WeightMethod::Round)
        return scheme.toString();
    std::string grid = scheme.toString();
    if (grid.rfind("rtn:", 0) == 0)
        grid.erase(0, 4);
    return (method == WeightMethod::Awq ? "awq:" : "gptq:") + grid + methodOptionsText();
}

std::string QuantRecipe::toString() const { return weightText() + modifiersText(); }

std::string QuantRecipe::modifiersText() const
{
    std::string text;
    if (smoothAlpha > 0)
        text += smoothAlpha == 0.5 ? "+smooth" : "+smooth" + percentText(smoothAlpha);
    if (rotate)
        text += "+rot";
    if (activations != ActivationQuant::None)
        text += "+" + activationText(activations);
    return text;
}

std::string activationText(ActivationQuant activations)
{
    switch (activations) {
    case ActivationQuant::Int8:
        return "a8";
    case ActivationQuant::Int4:
        return "a4";
    case ActivationQuant::Fp8:
        return "afp8";
    case ActivationQuant::None:
        break;
    }
    return {};
}

std::string QuantRecipe::methodOptionsText() const
{
    if (method == WeightMethod::Awq)
        return std::string(awq.duo ? ":duo" : "") + (awq.clip ? "" : ":noclip");
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
