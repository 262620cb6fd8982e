#pragma once
// A quantization recipe: how a model's weights are made, in one short text that the command
// line, sweeps, reports and the GUI share. A plain scheme (quant/scheme.h: "rtn:b4:g128",
// "q4_k", "nf4:g64") rounds every eligible tensor on its own. A calibrated method runs the
// model on calibration text first:
//   gptq[:GRID][:actorder][:static][:dampP]   GPTQ on an integer grid (quant/grid.h): GRID is
//       rtn's options (bN, gN | channel, sym | asym, clip; default b4:g128:sym) or a GGUF
//       legacy type (q4_0, q4_1, q5_0, q8_0); actorder: columns by descending Hessian
//       diagonal; static: act-order's groups fitted up front on consecutive columns; dampP:
//       dampening, percent of the mean Hessian diagonal (default 1)
//                                    e.g. gptq:b3:g128, gptq:b4:g128:actorder, gptq:q4_0
// parse() throws Error("bad scheme '<text>': <reason>"); toString() is canonical and
// parse(toString(r)) == r.
#include "quant/scheme.h"

#include <string>
#include <string_view>

namespace bitcliff {

enum class WeightMethod : uint8_t { Round, Gptq };

struct GptqSettings
{
    bool actOrder = false;
    bool staticGroups = false;
    double dampPercent = 1.0; // percent of the mean Hessian diagonal
    bool operator==(const GptqSettings &) const = default;
};

struct QuantRecipe
{
    QuantRecipe() = default;
    QuantRecipe(const QuantScheme &rounding) // a plain scheme is a recipe of its own
        : scheme(rounding)
    {
    }

    WeightMethod method = WeightMethod::Round;
    QuantScheme scheme; // Round: the scheme; Gptq: the grid GPTQ rounds on
    GptqSettings gptq;

    static QuantRecipe parse(std::string_view text);
    std::string toString() const;
    // The calibrated method's own options as they end toString(): ":actorder:static:damp0.5".
    std::string methodOptionsText() const;
    bool needsCalibration() const { return method != WeightMethod::Round; }
    bool operator==(const QuantRecipe &) const = default;
};

} // namespace bitcliff
