#include "demo/demoscript.h"

namespace bitcliff {

const char *demoLanguage(DemoScript script) { return script == DemoScript::Common ? "en" : "hi"; }

std::string inDemoScript(std::string_view commonText, DemoScript script)
{
    if (script == DemoScript::Common)
        return std::string(commonText);
    std::string out;
    out.reserve(commonText.size() * 3);
    for (const char c : commonText) {
        if (c >= '0' && c <= '9') { // U+0966 + d = E0 A5 A6+d
            out += "\xE0\xA5";
            out.push_back(char(0xA6 + (c - '0')));
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string demoNumber(int value, DemoScript script) { return inDemoScript(std::to_string(value), script); }

} // namespace bitcliff
