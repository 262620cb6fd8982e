#pragma once
// The scheme presets, one list for every front end: the GUI's scheme lists (Quantize and
// Evaluate pages) and the schemes the demo report renders by default (bitcliff-cli demo).
#include <span>
#include <string>
#include <string_view>

namespace bitcliff {

struct SchemePreset
{
    std::string_view scheme; // scheme text (QuantScheme::parse), shown as the preset's name
    bool demo = false; // in the demo report unless --schemes says otherwise
    bool evaluateByDefault = false; // pre-checked on the Evaluate page
};

// In the order the lists show them: GGUF types from most to fewest bits, then the others.
std::span<const SchemePreset> schemePresets();

// The demo report's default schemes, comma-separated ("q8_0,q4_k,q3_k,q2_k").
std::string demoSchemeList();

} // namespace bitcliff
