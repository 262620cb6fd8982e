#include "sweep/sweepcell.h"

#include "plan/recipe.h"

#include <algorithm>
#include <cctype>

namespace bitcliff {

std::vector<SweepCell> sweepCells(const SweepSpec &spec)
{
    std::vector<SweepCell> cells { { 0, kUnquantized } };
    for (size_t i = 0; i < spec.schemes.size(); ++i)
        cells.push_back({ int(i + 1), spec.schemes[i] });
    return cells;
}

namespace {

bool isKQuant(DType type)
{
    return type == DType::Q2_K || type == DType::Q3_K || type == DType::Q4_K || type == DType::Q5_K
        || type == DType::Q6_K;
}

} // namespace

CellScheme splitCellScheme(const std::string &text)
{
    const size_t at = text.find('@');
    if (at == std::string::npos)
        return { text, "" };
    return { text.substr(0, at), text.substr(at + 1) };
}

namespace {

std::string methodKeyOf(const QuantScheme &scheme)
{
    switch (scheme.method) {
    case QuantMethod::Gguf:
        if (isKQuant(scheme.ggufType))
            return "gguf-k";
        if (scheme.ggufType == DType::F16 || scheme.ggufType == DType::BF16)
            return scheme.baseText();
        if (scheme.ggufType == DType::IQ4_NL)
            return "iq4_nl";
        return "gguf-legacy";
    case QuantMethod::Rtn:
    case QuantMethod::Hqq: {
        // The scheme's text without its bN option: rtn:b3:g128:sym -> rtn:g128:sym.
        const std::string base = scheme.baseText();
        std::string key;
        size_t start = 0;
        while (start <= base.size()) {
            const size_t end = std::min(base.find(':', start), base.size());
            const std::string part = base.substr(start, end - start);
            if (!(part.size() > 1 && part[0] == 'b' && std::isdigit(static_cast<unsigned char>(part[1]))))
                key += (key.empty() ? "" : ":") + part;
            start = end + 1;
        }
        return key;
    }
    default:
        return scheme.baseText();
    }
}

// A calibrated method's cells form their own series beside the grid's (gptq:g128:asym,
// gptq:gguf-legacy, awq:g128:sym), and so do modifiers (g128:asym+rot, channel:sym+a8).
std::string methodKeyOf(const std::string &text)
{
    const QuantRecipe recipe = QuantRecipe::parse(text);
    std::string key = methodKeyOf(recipe.scheme);
    if (recipe.method != WeightMethod::Round) {
        if (key.rfind("rtn:", 0) == 0)
            key.erase(0, 4);
        key = (recipe.method == WeightMethod::Awq ? "awq:" : "gptq:") + key + recipe.methodOptionsText();
    }
    return key + recipe.modifiersText();
}

} // namespace

std::string seriesKeyOf(const std::string &text)
{
    if (text == kUnquantized)
        return kUnquantized;
    const CellScheme cell = splitCellScheme(text);
    return methodKeyOf(cell.scheme) + (cell.variant.empty() ? "" : "@" + cell.variant);
}

int nominalBitsOf(const std::string &text)
{
    if (text == kUnquantized)
        return 16;
    const QuantScheme scheme = QuantRecipe::parse(splitCellScheme(text).scheme).scheme;
    if (scheme.method == QuantMethod::Gguf && (scheme.ggufType == DType::F16 || scheme.ggufType == DType::BF16))
        return 16;
    return scheme.bits;
}

double quantizationCostOf(const std::string &text)
{
    if (text == kUnquantized)
        return 0;
    const QuantRecipe recipe = QuantRecipe::parse(splitCellScheme(text).scheme);
    const QuantScheme &scheme = recipe.scheme;
    double cost = recipe.needsCalibration() ? 40 : 1; // forward passes and a Hessian per layer
    if (scheme.method == QuantMethod::Gguf && isKQuant(scheme.ggufType))
        cost = 4; // scale and minimum searches per sub-block
    else if (scheme.method == QuantMethod::Hqq)
        cost = 6; // iterative zero-point optimization
    else if (scheme.method == QuantMethod::Gguf && scheme.ggufType == DType::IQ4_NL)
        cost = 3;
    if (scheme.mseClip)
        cost *= 8; // a clipping search per group
    return cost;
}

std::vector<SweepCell> cheapestFirst(std::vector<SweepCell> cells)
{
    std::stable_sort(cells.begin(), cells.end(), [](const SweepCell &a, const SweepCell &b) {
        if (a.baseline() != b.baseline())
            return a.baseline();
        return quantizationCostOf(a.scheme) < quantizationCostOf(b.scheme);
    });
    return cells;
}

} // namespace bitcliff
