#include "formats/quantconfig.h"

#include "formats/hfconfigjson.h"
#include "formats/safetensors.h"
#include "util/error.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace bitcliff {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string lowercase(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

std::string quotedText(const std::string &text)
{
    return "'" + printableExcerpt(text) + "'";
}

// The string at the first of `keys` present, lowercased; `fallback` when none is a string.
std::string stringAt(const Json &object, std::initializer_list<const char *> keys, const std::string &fallback)
{
    for (const char *key : keys) {
        const auto it = object.find(key);
        if (it != object.end() && it->is_string())
            return lowercase(it->get<std::string>());
    }
    return fallback;
}

class Reader
{
public:
    Reader(const Json &object, const std::string &source, const char *method)
        : m_object(object)
        , m_source(source)
        , m_method(method)
    { }

    [[noreturn]] void fail(const std::string &problem) const { throw FormatError(m_source, m_method + problem); }

    int64_t integer(std::initializer_list<const char *> keys, std::optional<int64_t> fallback) const
    {
        for (const char *key : keys) {
            const auto it = m_object.find(key);
            if (it == m_object.end() || it->is_null())
                continue;
            if (!it->is_number_integer())
                fail(" " + std::string(key) + " is not an integer");
            return it->get<int64_t>();
        }
        if (!fallback)
            fail(" config has no " + std::string(*keys.begin()));
        return *fallback;
    }

    bool boolean(const char *key, bool fallback) const
    {
        const auto it = m_object.find(key);
        if (it == m_object.end() || it->is_null())
            return fallback;
        if (!it->is_boolean())
            fail(" " + std::string(key) + " is not true or false");
        return it->get<bool>();
    }

    int64_t groupSize(std::initializer_list<const char *> keys, int64_t fallback) const
    {
        const int64_t size = integer(keys, fallback);
        if (size == 0 || size < -1)
            fail(" group_size " + std::to_string(size) + " is not -1 or a positive number of inputs");
        return size;
    }

private:
    const Json &m_object;
    const std::string &m_source;
    std::string m_method;
};

// GPTQ's bits, desc_act, sym... from `object`, over `params` (the base, for dynamic overrides).
PackedParams gptqParams(const Json &object, const std::string &source, PackedParams params)
{
    const Reader reader(object, source, "GPTQ");
    const int64_t bits = reader.integer({ "bits" }, params.bits);
    if (bits >= 5 && bits <= 7)
        reader.fail(" " + std::to_string(bits)
            + "-bit checkpoints (planar packing) are not supported (BitCliff reads "
              "2, 3, 4 and 8 bits)");
    if (bits != 2 && bits != 3 && bits != 4 && bits != 8)
        reader.fail(" bits " + std::to_string(bits) + " is not supported (BitCliff reads 2, 3, 4 and 8 bits)");
    params.bits = int(bits);
    params.groupSize = reader.groupSize({ "group_size" }, params.groupSize);
    params.sym = reader.boolean("sym", params.sym);
    const bool descAct = reader.boolean("desc_act", params.actOrder);
    params.actOrder = descAct && !reader.boolean("static_groups", false);
    return params;
}

void parseGptq(QuantizationConfig &config, const Json &object)
{
    const Reader reader(object, config.source, "GPTQ");
    std::string format = stringAt(object, { "checkpoint_format", "format" }, "gptq");
    if (reader.boolean("is_marlin_format", false))
        format = "marlin";
    if (format != "gptq" && format != "gptq_v2")
        reader.fail(" checkpoint_format " + quotedText(format) + " is not supported (BitCliff reads gptq and gptq_v2)");
    const std::string packDtype = stringAt(object, { "pack_dtype" }, "int32");
    if (packDtype != "int32" && packDtype != "torch.int32")
        reader.fail(" pack_dtype " + quotedText(packDtype) + " is not supported (BitCliff reads int32)");
    PackedParams defaults; // GPTQModel's QuantizeConfig defaults
    defaults.groupSize = 128;
    config.base = gptqParams(object, config.source, defaults);
    config.base.v2 = format == "gptq_v2";
    config.hasBase = true;

    const auto dynamic = object.find("dynamic");
    if (dynamic == object.end() || dynamic->is_null())
        return;
    if (!dynamic->is_object())
        reader.fail(" dynamic is not an object of module patterns");
    for (const auto &[key, overrides] : dynamic->items()) {
        QuantizationConfig::Rule rule;
        rule.skip = key.starts_with("-:");
        rule.text = key.starts_with("-:") || key.starts_with("+:") ? key.substr(2) : key;
        try {
            rule.pattern = PrefixRegex(rule.text);
        } catch (const Error &) {
            reader.fail(" dynamic pattern " + quotedText(rule.text) + " is not a regular expression BitCliff can read");
        }
        if (!overrides.is_object())
            reader.fail(" dynamic entry " + quotedText(key) + " is not an object");
        rule.params = gptqParams(overrides, config.source, config.base);
        config.rules.push_back(std::move(rule));
    }
}

void parseAwq(QuantizationConfig &config, const Json &object)
{
    const Reader reader(object, config.source, "AWQ");
    const std::string version = stringAt(object, { "version" }, "gemm");
    if (version != "gemm")
        reader.fail(" version " + quotedText(version) + " is not supported (BitCliff reads gemm)");
    const int64_t bits = reader.integer({ "bits", "w_bit" }, 4);
    if (bits != 4)
        reader.fail(" " + std::to_string(bits) + "-bit checkpoints are not supported (AutoAWQ GEMM packs 4 bits)");
    if (!reader.boolean("zero_point", true))
        reader.fail(" without zero points (zero_point false) is not supported");
    config.base.bits = 4;
    config.base.groupSize = reader.groupSize({ "group_size", "q_group_size" }, 128);
    config.base.sym = false;
    config.hasBase = true;
}

// One config group's weight parameters; none when it quantizes no weights.
std::optional<PackedParams> compressedTensorsParams(
    const Json &group, const std::string &topFormat, const std::string &source)
{
    const Reader reader(group, source, "compressed-tensors");
    const auto weights = group.find("weights");
    if (weights == group.end() || weights->is_null())
        return std::nullopt;
    if (!weights->is_object())
        reader.fail(" config group weights are not an object");
    const std::string format = stringAt(group, { "format" }, topFormat);
    if (format == "dense")
        return std::nullopt; // stored unquantized
    if (format != "pack-quantized")
        reader.fail(" format " + quotedText(format) + " is not supported (BitCliff reads pack-quantized)");
    const Reader args(*weights, source, "compressed-tensors");
    const std::string type = stringAt(*weights, { "type" }, "int");
    if (type != "int")
        args.fail(" " + quotedText(type) + " weights are not supported (BitCliff reads int)");
    PackedParams params;
    const int64_t bits = args.integer({ "num_bits" }, std::nullopt);
    if (bits < 2 || bits > 8)
        args.fail(" " + std::to_string(bits) + "-bit weights are not supported (BitCliff reads 2 to 8 bits)");
    params.bits = int(bits);
    const std::string strategy = stringAt(*weights, { "strategy" }, "tensor");
    if (strategy == "group") {
        params.groupSize = args.integer({ "group_size" }, std::nullopt);
        if (params.groupSize < 1)
            args.fail(" group_size " + std::to_string(params.groupSize) + " is not a positive number of inputs");
    } else if (strategy != "channel") {
        args.fail(" strategy " + quotedText(strategy) + " is not supported (BitCliff reads group and channel)");
    }
    params.sym = args.boolean("symmetric", true);
    const std::string actorder = stringAt(*weights, { "actorder" }, "");
    params.actOrder = actorder == "group" || actorder == "dynamic";
    return params;
}

void parseCompressedTensors(QuantizationConfig &config, const Json &object)
{
    const Reader reader(object, config.source, "compressed-tensors");
    const auto sparsity = object.find("sparsity_config");
    if (sparsity != object.end() && sparsity->is_object()) {
        const std::string format = stringAt(*sparsity, { "format" }, "dense");
        if (format != "dense")
            reader.fail(" sparsity format " + quotedText(format) + " is not supported");
    }
    const auto transforms = object.find("transform_config");
    if (transforms != object.end() && !transforms->is_null() && !transforms->empty())
        reader.fail(" transforms (transform_config) are not supported");
    const std::string topFormat = stringAt(object, { "format" }, "dense");
    const auto groups = object.find("config_groups");
    if (groups == object.end() || !groups->is_object())
        reader.fail(" config has no config_groups object");
    for (const auto &[name, group] : groups->items()) {
        if (!group.is_object())
            reader.fail(" config group " + quotedText(name) + " is not an object");
        const std::optional<PackedParams> params = compressedTensorsParams(group, topFormat, config.source);
        if (!params)
            continue;
        const auto targets = group.find("targets");
        if (targets == group.end() || !targets->is_array())
            reader.fail(" config group " + quotedText(name) + " has no targets list");
        for (const Json &target : *targets) {
            if (!target.is_string())
                reader.fail(" config group " + quotedText(name) + " has a target that is not a string");
            QuantizationConfig::Rule rule;
            rule.text = target.get<std::string>();
            rule.params = *params;
            rule.match = QuantizationConfig::Match::Name;
            if (rule.text.starts_with("re:")) {
                rule.match = QuantizationConfig::Match::Regex;
                try {
                    rule.pattern = PrefixRegex(rule.text.substr(3));
                } catch (const Error &) {
                    reader.fail(" target " + quotedText(rule.text) + " is not a regular expression BitCliff can read");
                }
            } else if (rule.text.ends_with("Linear")) {
                rule.match = QuantizationConfig::Match::ClassName;
            }
            config.rules.push_back(std::move(rule));
        }
    }
}

// Python's re.match: anchored at the start only.
bool matchesFromStart(const PrefixRegex &pattern, const std::string &text)
{
    return pattern.matchesFromStart(text);
}

} // namespace

std::optional<PackedParams> QuantizationConfig::paramsFor(const std::string &module) const
{
    if (family == PackedFamily::CompressedTensors) {
        // compressed-tensors' precedence: a module's own name, then a regex, then its class
        // (every packed module here is a linear layer).
        for (Match kind : { Match::Name, Match::Regex, Match::ClassName })
            for (const Rule &rule : rules)
                if (rule.match == kind
                    && (kind == Match::ClassName
                        || (kind == Match::Name ? rule.text == module : matchesFromStart(rule.pattern, module))))
                    return rule.params;
        return std::nullopt;
    }
    for (const Rule &rule : rules)
        if (matchesFromStart(rule.pattern, module))
            return rule.skip ? std::nullopt : std::optional<PackedParams>(rule.params);
    return hasBase ? std::optional<PackedParams>(base) : std::nullopt;
}

QuantizationConfig parseQuantizationConfig(const Json &object, const std::string &source)
{
    QuantizationConfig config;
    config.source = source;
    if (!object.is_object())
        throw FormatError(source, "quantization config is not a JSON object");
    // quantize_config.json of older AutoGPTQ has no method; AutoAWQ's quant_config.json has w_bit.
    const std::string fallback = object.contains("w_bit") || object.contains("version") ? "awq" : "gptq";
    const std::string method = stringAt(object, { "quant_method", "method" }, fallback);
    if (method == "gptq") {
        config.family = PackedFamily::Gptq;
        parseGptq(config, object);
    } else if (method == "awq") {
        config.family = PackedFamily::Awq;
        parseAwq(config, object);
    } else if (method == "compressed-tensors") {
        config.family = PackedFamily::CompressedTensors;
        parseCompressedTensors(config, object);
    }
    return config;
}

QuantizationConfig readQuantizationConfig(const fs::path &directory)
{
    std::error_code ec;
    const fs::path configPath = directory / "config.json";
    if (fs::is_regular_file(configPath, ec)) {
        const Json config = readJsonFile(configPath);
        const auto it = config.is_object() ? config.find("quantization_config") : config.end();
        if (config.is_object() && it != config.end() && it->is_object())
            return parseQuantizationConfig(*it, configPath.string());
    }
    for (const char *name : { "quantize_config.json", "quant_config.json" }) {
        const fs::path path = directory / name;
        if (fs::is_regular_file(path, ec))
            return parseQuantizationConfig(readJsonFile(path), path.string());
    }
    return {};
}

} // namespace bitcliff
