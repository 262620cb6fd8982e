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
//   awq[:GRID][:duo][:noclip]         AWQ: per-input-channel scales searched on the calibration
//       activations and folded into the preceding norm or linear, then a clipping search per
//       group, then round to nearest on GRID (rtn's options); duo: AutoAWQ's default scales
//       mean|X|^r / mean|Ŵ|^(1−r) instead of llm-awq's mean|X|^r   e.g. awq:b4:g128:asym:duo
// Modifiers follow a weight recipe, each after '+', in any order:
//   +a8 +a4      activations at the input of every decoder linear fake-quantized per token,
//                dynamic, symmetric integers of 8 or 4 bits;  +afp8: FP8 E4M3 per token
//   +smooth[α]   SmoothQuant: activation outliers migrated into the weights with strength α
//                (default 0.5), folded into the norms and weights; needs calibration text
//   +rot         QuaRot-style rotation: norms folded into the linears, then a random Hadamard
//                rotation of the residual stream folded into every weight (function unchanged)
//                                    e.g. rtn:b8:channel:sym+a8, gptq:b4:g128+rot, rtn:b4:g128+smooth0.8+a4
// They apply as rot, then smooth, then the weight method, then activation quantization at
// run time; toString() writes them in that order.
// parse() throws Error("bad scheme '<text>': <reason>"); toString() is canonical and
// parse(toString(r)) == r.
#include "quant/scheme.h"

#include <string>
#include <string_view>

namespace bitcliff {

enum class WeightMethod : uint8_t { Round, Gptq, Awq };
// Activation quantization at the input of every decoder linear (none: float32).
enum class ActivationQuant : uint8_t { None, Int8, Int4, Fp8 };

struct GptqSettings
{
    bool actOrder = false;
    bool staticGroups = false;
    double dampPercent = 1.0; // percent of the mean Hessian diagonal
    bool operator==(const GptqSettings &) const = default;
};

struct AwqSettings
{
    bool clip = true;  // the per-group clipping search after the scales
    bool duo = false;  // AutoAWQ's duo scaling: the weights' relative magnitude in the scales
    bool operator==(const AwqSettings &) const = default;
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
    AwqSettings awq;
    ActivationQuant activations = ActivationQuant::None;
    double smoothAlpha = 0; // SmoothQuant migration strength, 0: no smoothing
    bool rotate = false;

    static QuantRecipe parse(std::string_view text);
    std::string toString() const;
    // The calibrated method's own options as they end its part of toString(): ":actorder:static:damp0.5".
    std::string methodOptionsText() const;
    // The modifiers as they end toString(): "+smooth0.8+rot+a8".
    std::string modifiersText() const;
    // The weight part alone: "gptq:b4:g128:actorder", "rtn:b4:g128:sym".
    std::string weightText() const;
    bool needsCalibration() const { return method != WeightMethod::Round || smoothAlpha > 0; }
    // A plain scheme without modifiers: every tensor rounded on its own, nothing else.
    bool isPlainScheme() const
    {
        return method == WeightMethod::Round && activations == ActivationQuant::None && smoothAlpha == 0 && !rotate;
    }
    bool operator==(const QuantRecipe &) const = default;
};

// "a8", "a4", "afp8" ("" for None).
std::string activationText(ActivationQuant activations);

} // namespace bitcliff
