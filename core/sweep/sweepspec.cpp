#include "sweep/sweepspec.h"

#include "plan/recipe.h"
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
    = { "model", "schemes", "text", "tasks", "ctx", "max_tokens", "seed", "threads", "preset", "cells", "variants",
          "calibration" };

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

bool isVariantName(const std::string &name)
{
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

std::vector<SweepVariant> parseVariants(const Json &json, const std::string &what)
{
    std::vector<SweepVariant> variants;
    if (!json.contains("variants") || json["variants"].is_null())
        return variants;
    if (!json["variants"].is_array())
        throw Error(what + ": \"variants\" must be a list");
    for (const Json &item : json["variants"]) {
        if (!item.is_object() || !item.contains("name") || !item["name"].is_string() || !item.contains("models")
            || !item["models"].is_object())
            throw Error(what + ": a variant needs \"name\" and \"models\" (scheme: checkpoint)");
        SweepVariant variant;
        variant.name = item["name"].get<std::string>();
        if (!isVariantName(variant.name))
            throw Error(what + ": variant name '" + variant.name + "' (use a-z, 0-9 and -)");
        for (const SweepVariant &other : variants)
            if (other.name == variant.name)
                throw Error(what + ": variant '" + variant.name + "' is defined twice");
        variant.description = optionalString(item, "description", what).value_or("");
        for (const auto &[scheme, path] : item["models"].items()) {
            if (!path.is_string() || path.get<std::string>().empty())
                throw Error(what + ": variant '" + variant.name + "': the checkpoint of " + scheme + " must be a path");
            try {
                variant.models[QuantRecipe::parse(scheme).toString()] = path.get<std::string>();
            } catch (const Error &error) {
                throw Error(what + ": variant '" + variant.name + "': " + error.what());
            }
        }
        variants.push_back(std::move(variant));
    }
    return variants;
}

} // namespace

std::optional<std::string> SweepSpec::variantModel(const std::string &cellScheme) const
{
    const size_t at = cellScheme.find('@');
    if (at == std::string::npos)
        return std::nullopt;
    const std::string name = cellScheme.substr(at + 1), scheme = cellScheme.substr(0, at);
    for (const SweepVariant &variant : variants)
        if (variant.name == name) {
            const auto found = variant.models.find(scheme);
            if (found == variant.models.end())
                throw Error("variant '" + name + "' has no checkpoint for " + scheme);
            return found->second;
        }
    throw Error("cell " + cellScheme + ": no variant '" + name + "' in the sweep");
}

void SweepSpec::checkCalibration() const
{
    if (calibration)
        return;
    for (const std::string &scheme : schemes)
        if (QuantRecipe::parse(scheme.substr(0, scheme.find('@'))).needsCalibration())
            throw Error("cell " + scheme + " needs calibration text (\"calibration\": {\"text\": …}, or --calib)");
}

std::vector<std::string> canonicalSchemes(const std::vector<std::string> &texts)
{
    std::vector<std::string> schemes;
    for (const std::string &text : texts) {
        if (text == "unquantized" || text == "none")
            continue;
        const size_t at = text.find('@');
        std::string canonical = QuantRecipe::parse(text.substr(0, at)).toString();
        if (at != std::string::npos)
            canonical += text.substr(at);
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
    spec.variants = parseVariants(json, what);
    for (const std::string &scheme : spec.schemes)
        try {
            spec.variantModel(scheme);
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
    if (json.contains("calibration") && !json["calibration"].is_null()) {
        const Json &c = json["calibration"];
        const std::string where = what + ": calibration";
        if (!c.is_object() || !optionalString(c, "text", where))
            throw Error(where + " needs \"text\" (a text file, directory, task file or \"bundled\")");
        for (const auto &[key, value] : c.items())
            if (key != "text" && key != "sequences" && key != "length")
                throw Error(where + ": unknown key \"" + key + "\"");
        SweepCalibration calibration;
        calibration.text = *optionalString(c, "text", where);
        calibration.sequences = int(integer(c, "sequences", calibration.sequences, 1, 100000, where));
        calibration.length = int(integer(c, "length", calibration.length, 2, 131072, where));
        spec.calibration = calibration;
    }
    try {
        spec.checkCalibration();
    } catch (const Error &error) {
        throw Error(what + ": " + error.what());
    }
    return spec;
}

Json SweepSpec::toJson() const
{
    Json cells = Json::array();
    cells.push_back({ { "cell", 0 }, { "scheme", "unquantized" } });
    for (size_t i = 0; i < schemes.size(); ++i)
        cells.push_back({ { "cell", i + 1 }, { "scheme", schemes[i] } });
    Json json = { { "model", model }, { "schemes", schemes }, { "text", text ? Json(*text) : Json(nullptr) },
        { "tasks", tasks ? Json(*tasks) : Json(nullptr) }, { "ctx", nCtx }, { "max_tokens", maxNewTokens },
        { "seed", seed }, { "threads", threads }, { "preset", preset.empty() ? Json(nullptr) : Json(preset) },
        { "cells", std::move(cells) } };
    if (calibration)
        json["calibration"]
            = { { "text", calibration->text }, { "sequences", calibration->sequences }, { "length", calibration->length } };
    if (!variants.empty()) {
        Json list = Json::array();
        for (const SweepVariant &variant : variants) {
            Json models = Json::object();
            for (const auto &[scheme, path] : variant.models)
                models[scheme] = path;
            list.push_back({ { "name", variant.name }, { "description", variant.description }, { "models", models } });
        }
        json["variants"] = std::move(list);
    }
    return json;
}

bool SweepSpec::measuresLike(const SweepSpec &other) const
{
    return text == other.text && tasks == other.tasks && nCtx == other.nCtx && maxNewTokens == other.maxNewTokens
        && seed == other.seed && calibration == other.calibration;
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
