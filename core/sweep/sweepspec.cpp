#include "sweep/sweepspec.h"

#include "quant/scheme.h"
#include "util/atomicwrite.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace bitcliff {

using Json = nlohmann::ordered_json;

namespace {

const std::set<std::string> kKeys
    = { "model", "schemes", "text", "tasks", "ctx", "max_tokens", "seed", "threads", "preset", "cells" };

std::optional<std::string> optionalString(const Json &json, const char *key, const std::string &what)
{
    if (!json.contains(key) || json[key].is_null())
        return std::nullopt;
    if (!json[key].is_string())
        throw Error(what + ": \"" + key + "\" must be a string");
    const std::string value = json[key].get<std::string>();
    if (value.empty())
        return std::nullopt;
    return value;
}

int64_t integer(const Json &json, const char *key, int64_t fallback, int64_t lo, int64_t hi, const std::string &what)
{
    if (!json.contains(key) || json[key].is_null())
        return fallback;
    if (!json[key].is_number_integer())
        throw Error(what + ": \"" + key + "\" must be an integer");
    const int64_t value = json[key].get<int64_t>();
    if (value < lo || value > hi)
        throw Error(what + ": \"" + key + "\" is " + std::to_string(value) + ", outside " + std::to_string(lo) + ".."
            + std::to_string(hi));
    return value;
}

} // namespace

std::vector<std::string> canonicalSchemes(const std::vector<std::string> &texts)
{
    std::vector<std::string> schemes;
    for (const std::string &text : texts) {
        if (text == "unquantized" || text == "none")
            continue;
        std::string canonical = QuantScheme::parse(text).toString();
        if (std::find(schemes.begin(), schemes.end(), canonical) == schemes.end())
            schemes.push_back(std::move(canonical));
    }
    return schemes;
}

SweepSpec SweepSpec::fromJson(const Json &json, const std::string &what)
{
    if (!json.is_object())
        throw Error(what + ": a sweep spec is a JSON object");
    for (const auto &[key, value] : json.items())
        if (!kKeys.count(key))
            throw Error(what + ": unknown key \"" + key + "\"");
    SweepSpec spec;
    spec.model = optionalString(json, "model", what).value_or("");
    if (!json.contains("schemes") || !json["schemes"].is_array())
        throw Error(what + ": \"schemes\" must be a list of scheme texts");
    std::vector<std::string> texts;
    for (const Json &scheme : json["schemes"]) {
        if (!scheme.is_string())
            throw Error(what + ": \"schemes\" must be a list of scheme texts");
        texts.push_back(scheme.get<std::string>());
    }
    try {
        spec.schemes = canonicalSchemes(texts);
    } catch (const Error &error) {
        throw Error(what + ": " + error.what());
    }
    spec.text = optionalString(json, "text", what);
    spec.tasks = optionalString(json, "tasks", what);
    if (!spec.text && !spec.tasks)
        throw Error(what + ": nothing to evaluate: give \"text\" and/or \"tasks\"");
    spec.nCtx = int(integer(json, "ctx", spec.nCtx, 8, 131072, what));
    spec.maxNewTokens = int(integer(json, "max_tokens", spec.maxNewTokens, 1, 4096, what));
    spec.seed = uint64_t(integer(json, "seed", 0, 0, INT64_MAX, what));
    spec.threads = int(integer(json, "threads", 0, 0, 256, what));
    spec.preset = optionalString(json, "preset", what).value_or("");
    return spec;
}

Json SweepSpec::toJson() const
{
    Json cells = Json::array();
    cells.push_back({ { "cell", 0 }, { "scheme", "unquantized" } });
    for (size_t i = 0; i < schemes.size(); ++i)
        cells.push_back({ { "cell", i + 1 }, { "scheme", schemes[i] } });
    return { { "model", model }, { "schemes", schemes }, { "text", text ? Json(*text) : Json(nullptr) },
        { "tasks", tasks ? Json(*tasks) : Json(nullptr) }, { "ctx", nCtx }, { "max_tokens", maxNewTokens },
        { "seed", seed }, { "threads", threads }, { "preset", preset.empty() ? Json(nullptr) : Json(preset) },
        { "cells", std::move(cells) } };
}

bool SweepSpec::measuresLike(const SweepSpec &other) const
{
    return text == other.text && tasks == other.tasks && nCtx == other.nCtx && maxNewTokens == other.maxNewTokens
        && seed == other.seed;
}

SweepSpec sweepPreset(const std::string &name)
{
    SweepSpec spec;
    spec.preset = name;
    if (name == "quick") {
        // The cliff in a few minutes: the GGUF K-quants and integer RTN from 8 to 2 bits, the
        // common script beside two rarer ones, the graded arithmetic tasks.
        spec.schemes = { "q8_0", "q6_k", "q5_k", "q4_k", "q3_k", "q2_k", "rtn:b8:g128:sym", "rtn:b4:g128:sym",
            "rtn:b3:g128:sym", "rtn:b2:g128:sym" };
        spec.text = "bundled:en+ru+hi";
        spec.tasks = "bundled:arithmetic";
        spec.nCtx = 128;
        spec.maxNewTokens = 16;
    } else if (name == "demo") {
        // The quick schemes on the synthetic demo model: text only (its weights are random, so
        // its task accuracy is 0 at every width) over the common script and a rarer one.
        spec = sweepPreset("quick");
        spec.preset = name;
        spec.tasks.reset();
        spec.text = "bundled:en+ru";
    } else if (name == "full") {
        spec.schemes = { "q8_0", "q6_k", "q5_k", "q5_0", "q4_k", "q4_0", "iq4_nl", "q3_k", "q2_k", "rtn:b8:g128:sym",
            "rtn:b6:g128:sym", "rtn:b5:g128:sym", "rtn:b4:g128:sym", "rtn:b3:g128:sym", "rtn:b2:g128:sym",
            "rtn:b4:g128:asym", "rtn:b3:g128:asym", "rtn:b2:g128:asym", "hqq:b4:g64", "hqq:b3:g64", "hqq:b2:g64",
            "nf4:g64", "fp4:g64", "mxfp4", "fp8" };
        spec.text = "bundled";
        spec.tasks = "bundled";
        spec.nCtx = 512;
    } else {
        throw Error("unknown sweep preset '" + name + "' (quick, full or demo)");
    }
    spec.schemes = canonicalSchemes(spec.schemes);
    return spec;
}

SweepSpec loadSweepSpec(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(file.string() + ": cannot read");
    std::stringstream buffer;
    buffer << in.rdbuf();
    Json json;
    try {
        json = Json::parse(buffer.str());
    } catch (const nlohmann::json::parse_error &error) {
        throw Error(file.string() + ": not JSON (" + error.what() + ")");
    }
    return SweepSpec::fromJson(json, file.string());
}

void saveSweepSpec(const std::filesystem::path &file, const SweepSpec &spec)
{
    const std::string text = spec.toJson().dump(2) + "\n";
    writeFileAtomically(file, std::as_bytes(std::span(text.data(), text.size())));
}

} // namespace bitcliff
