#pragma once
// The demo model's two scripts: every item exists in the common script (Latin digits,
// language "en") and in the rare one (Devanagari digits ०-९, language "hi"). Only the digits
// differ: the operators + - = : ; stay, so a score difference between the scripts measures the
// digits' script and nothing else.
#include <cstdint>
#include <string>
#include <string_view>

namespace bitcliff {

enum class DemoScript : uint8_t { Common, Rare };

inline constexpr DemoScript kDemoScripts[] = {DemoScript::Common, DemoScript::Rare};

// The language label of the script's items: "en" or "hi".
const char *demoLanguage(DemoScript script);

// `commonText` with its ASCII digits written in `script` (Devanagari U+0966.. for Rare).
std::string inDemoScript(std::string_view commonText, DemoScript script);

// `value` in decimal, in `script`.
std::string demoNumber(int value, DemoScript script);

} // namespace bitcliff
