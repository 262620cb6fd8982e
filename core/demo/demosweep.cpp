#include "demo/demosweep.h"

#include "demo/demotasks.h"
#include "demo/demotraining.h"
#include "util/error.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace bitcliff {

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

Json readManifest(const fs::path &directory)
{
    const fs::path file = directory / kDemoManifest;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(directory.string() + ": not a trained demo model (no " + kDemoManifest + ")");
    std::stringstream text;
    text << in.rdbuf();
    try {
        return Json::parse(text.str());
    } catch (const Json::exception &error) {
        throw Error(file.string() + ": not JSON (" + error.what() + ")");
    }
}

std::string resolved(const fs::path &directory, const std::string &relative)
{
    return (directory / relative).lexically_normal().string();
}

} // namespace

bool isTrainedDemoModel(const fs::path &directory)
{
    std::error_code ignored;
    if (!fs::is_regular_file(directory / "config.json", ignored))
        return false;
    try {
        const Json manifest = readManifest(directory);
        return manifest.value("bitcliff_demo", 0) == kTrainedDemoVersion;
    } catch (const Error &) {
        return false;
    }
}

SweepSpec trainedDemoSweep(const fs::path &directoryPath)
{
    const fs::path directory = fs::absolute(directoryPath).lexically_normal();
    const Json manifest = readManifest(directory);
    const std::string what = (directory / kDemoManifest).string();
    try {
        if (manifest.at("bitcliff_demo").get<int>() != kTrainedDemoVersion)
            throw Error(what + ": demo version " + manifest.at("bitcliff_demo").dump() + ", this BitCliff reads "
                        + std::to_string(kTrainedDemoVersion));
        SweepSpec spec;
        spec.preset = "demo";
        spec.model = directory.string();
        spec.schemes = {"q8_0", "q4_0", "rtn:b8:g128:asym", "rtn:b4:g128:asym", "rtn:b3:g128:asym",
                        "rtn:b2:g128:asym", "rtn:b4:g32:asym", "rtn:b3:g32:asym", "rtn:b2:g32:asym"};
        for (const Json &item : manifest.at("variants")) {
            SweepVariant variant;
            variant.name = item.at("name").get<std::string>();
            variant.description = item.value("description", "");
            for (const auto &[scheme, path] : item.at("models").items()) {
                variant.models[scheme] = resolved(directory, path.get<std::string>());
                spec.schemes.push_back(scheme + "@" + variant.name);
            }
            spec.variants.push_back(std::move(variant));
        }
        // GPTQ beside rtn at the cliff's edge, calibrated on common-script text only.
        if (fs::exists(directory / kDemoCalibrationFile)) {
            spec.schemes.insert(spec.schemes.begin() + 5, "gptq:b3:g128:asym");
            spec.schemes.insert(spec.schemes.begin() + 7, "gptq:b2:g128:asym");
            spec.schemes.push_back("gptq:b2:g32:asym");
            spec.calibration = SweepCalibration{(directory / kDemoCalibrationFile).string(), 64, 256};
        }
        spec.schemes = canonicalSchemes(spec.schemes);
        spec.text = resolved(directory, manifest.at("eval").at("text").get<std::string>());
        spec.tasks = resolved(directory, manifest.at("eval").at("tasks").get<std::string>());
        spec.nCtx = 128;
        spec.maxNewTokens = 40; // the longest hard scratchpad is 31 tokens, then the line end
        return SweepSpec::fromJson(spec.toJson(), what); // every cell names a defined variant
    } catch (const Json::exception &error) {
        throw Error(what + ": " + error.what());
    }
}

} // namespace bitcliff
