#include "formats/ropescaling.h"

#include "formats/hfconfigjson.h"
#include "util/error.h"

#include <cmath>
#include <numbers>
#include <nlohmann/json.hpp>

namespace bitcliff {

namespace {

double numberOr(const nlohmann::json &object, const char *key, double fallback)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_number() ? it->get<double>() : fallback;
}

std::string textOf(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

RopeScaling readHfRopeScaling(const std::filesystem::path &configJson)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(configJson, ec))
        return {};
    const nlohmann::json root = readJsonFile(configJson);
    const nlohmann::json *rope = hfRopeParameters(hfConfigFields(root));
    if (!rope)
        return {};
    RopeScaling scaling;
    scaling.type = textOf(*rope, "rope_type");
    if (scaling.type.empty())
        scaling.type = textOf(*rope, "type");
    if (scaling.type == "default")
        scaling.type.clear();
    // llama.cpp's converter falls back to Llama 3.1's values where a field is missing.
    scaling.factor = numberOr(*rope, "factor", scaling.type == "llama3" ? 8.0 : 1.0);
    scaling.lowFreqFactor = numberOr(*rope, "low_freq_factor", 1.0);
    scaling.highFreqFactor = numberOr(*rope, "high_freq_factor", 4.0);
    scaling.originalContext = numberOr(*rope, "original_max_position_embeddings", 8192.0);
    return scaling;
}

std::vector<float> ropeFreqDivisors(const RopeScaling &scaling, int headDim, double theta, const std::string &label)
{
    if (scaling.type.empty())
        return {};
    const auto pairs = size_t(std::max(0, headDim / 2));
    if (!(scaling.factor > 0))
        throw Error(label + ": rope scaling '" + scaling.type + "' has factor " + std::to_string(scaling.factor)
                    + "; it must be positive");
    if (scaling.type == "linear")
        return std::vector<float>(pairs, float(scaling.factor));
    if (scaling.type != "llama3")
        throw Error(label + ": rope scaling '" + scaling.type
                    + "' is not supported (BitCliff runs plain, linear and llama3 RoPE)");
    const double low = scaling.lowFreqFactor, high = scaling.highFreqFactor, context = scaling.originalContext;
    if (!(high > low) || !(low > 0) || !(context > 0))
        throw Error(label + ": llama3 rope scaling needs 0 < low_freq_factor < high_freq_factor and a positive "
                            "original_max_position_embeddings");
    std::vector<float> divisors(pairs);
    for (size_t i = 0; i < pairs; ++i) {
        const double invFreq = std::pow(theta, -2.0 * double(i) / double(headDim));
        const double wavelength = 2.0 * std::numbers::pi / invFreq;
        double divisor = scaling.factor; // long wavelengths
        if (wavelength < context / high) {
            divisor = 1.0;
        } else if (wavelength <= context / low) {
            const double smooth = (context / wavelength - low) / (high - low);
            divisor = 1.0 / ((1.0 - smooth) / scaling.factor + smooth);
        }
        divisors[i] = float(divisor);
    }
    return divisors;
}

} // namespace bitcliff
