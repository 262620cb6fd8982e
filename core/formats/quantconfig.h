#pragma once
// The quantization config of a Hugging Face checkpoint: config.json's "quantization_config",
// else quantize_config.json or quant_config.json beside it (GPTQModel's, AutoAWQ's). It says
// which packed format the linear layers use (formats/packedweight.h) and with which
// parameters, per module: GPTQ's `dynamic` overrides and compressed-tensors' config groups
// pick them by module name. Variants BitCliff cannot read are refused here, in one line that
// names them (reference: mixed-precision-and-checkpoint-formats.md §4.6, §5).
#include "util/prefixregex.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bitcliff {

enum class PackedFamily : uint8_t { None, Gptq, Awq, CompressedTensors };

struct PackedParams
{
    int bits = 4;
    int64_t groupSize = -1; // -1: one group per row (compressed-tensors "channel")
    bool sym = true;
    bool actOrder = false; // GPTQ desc_act without static groups; compressed-tensors actorder "group"
    bool v2 = false; // GPTQ checkpoint_format gptq_v2: zero points stored as they are
};

class QuantizationConfig
{
public:
    // The parameters of `module` ("model.layers.0.mlp.up_proj"), or none when the config
    // leaves it unquantized (a GPTQ "-:" rule) or no config group targets it.
    std::optional<PackedParams> paramsFor(const std::string &module) const;

    PackedFamily family = PackedFamily::None;
    std::string source; // the file it was read from

    enum class Match : uint8_t { Name, Regex, ClassName };
    struct Rule
    {
        Match match = Match::Regex;
        std::string text;
        PrefixRegex pattern;
        bool skip = false;
        PackedParams params;
    };
    PackedParams base; // GPTQ, AWQ: modules no rule names
    bool hasBase = false;
    std::vector<Rule> rules; // GPTQ: first match wins; compressed-tensors: by name, regex, class
};

// Parses a quantization config object; `source` names its file in errors. Configs of other
// methods (bitsandbytes, fp8...) give family None. Throws FormatError for unsupported variants.
QuantizationConfig parseQuantizationConfig(const nlohmann::json &config, const std::string &source);

// The config of the checkpoint in `directory` (family None when it has none).
QuantizationConfig readQuantizationConfig(const std::filesystem::path &directory);

} // namespace bitcliff
