#include "quant/schemepresets.h"

#include <iterator>

namespace bitcliff {

namespace {

// The demo goes from nearly lossless to past the cliff in GGUF's types; the Evaluate page
// starts with an 8-, a 4- and a 2-bit GGUF type.
constexpr SchemePreset kPresets[] = {
    { "f16" },
    { "q8_0", true, true },
    { "q6_k" },
    { "q5_k" },
    { "q4_k", true },
    { "q4_0", false, true },
    { "q3_k", true },
    { "q2_k", true, true },
    { "rtn:b8:channel:sym" },
    { "rtn:b4:g128:sym" },
    { "rtn:b4:g128:asym" },
    { "rtn:b3:g128:asym" },
    { "rtn:b2:g64:asym" },
    { "nf4:g64" },
    { "nf4:g64:dq" },
    { "fp4:g64" },
    { "mxfp4" },
    { "fp8" },
    { "hqq:b4:g64" },
    { "hqq:b3:g64" },
};

} // namespace

std::span<const SchemePreset> schemePresets()
{
    return kPresets;
}

std::string demoSchemeList()
{
    std::string list;
    for (const SchemePreset &preset : kPresets)
        if (preset.demo)
            list += (list.empty() ? "" : ",") + std::string(preset.scheme);
    return list;
}

} // namespace bitcliff
