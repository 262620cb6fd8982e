#pragma once
// What a sweep measures: one model, the unquantized baseline and a list of schemes, one
// evaluation set (texts and/or task files, by reference: "bundled", "bundled:en+ru" or paths)
// and the evaluation settings. Stored as DIR/sweep.json; `--spec FILE` and the GUI read and
// write the same JSON form.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bitcliff {

// Models derived from the sweep's model — trained with quantization in the loop (QAT),
// fine-tuned after quantizing (recovery), or trained further in full precision (a control) —
// one checkpoint per scheme. Cell "rtn:b2:g32@qat" quantizes variant "qat"'s checkpoint for
// rtn:b2:g32 with that scheme and compares it with the sweep's unquantized model.
struct SweepVariant
{
    std::string name;                          // [a-z0-9-]+, the suffix of its cells
    std::string description;                   // for reports: how the checkpoints were made
    std::map<std::string, std::string> models; // canonical scheme text -> checkpoint path
};

// The text calibrated recipes (gptq) calibrate on: a reference like "text" (a path,
// "bundled", a task file .jsonl), cut into `sequences` windows of `length` tokens.
struct SweepCalibration
{
    std::string text;
    int sequences = 128;
    int length = 512;
    bool operator==(const SweepCalibration &) const = default;
};

struct SweepSpec
{
    std::string model; // checkpoint directory, .safetensors or .gguf
    std::vector<std::string> schemes; // canonical scheme texts, no duplicates, no "unquantized";
                                      // "<scheme>@<variant>" for a variant's cell
    std::vector<SweepVariant> variants;
    std::optional<std::string> text; // corpus reference
    std::optional<std::string> tasks; // task reference(s), comma-separated
    std::optional<SweepCalibration> calibration; // required when a cell is calibrated
    int nCtx = 512;
    int maxNewTokens = 32;
    uint64_t seed = 0; // of the bootstrap intervals: results are reproducible to the bit
    int threads = 0; // 0: all cores
    std::string preset; // "quick", "full" or "" (recorded; the fields above are what runs)

    // Throws Error("<what>: <problem>") for a missing or mistyped field, an unknown key, a bad
    // scheme, duplicate schemes, no text and no tasks, a context out of range, or a calibrated
    // cell without "calibration".
    static SweepSpec fromJson(const nlohmann::ordered_json &json, const std::string &what);
    nlohmann::ordered_json toJson() const;

    // The same measurement: data, calibration, context, generation length and seed (schemes and threads
    // may differ: a resumed sweep may add schemes or run on another machine; the model is
    // compared by its fingerprint, so a moved checkpoint still resumes).
    bool measuresLike(const SweepSpec &other) const;
    // The checkpoint a cell quantizes instead of `model` (nullopt for the model's own cells).
    // Throws Error for a variant or scheme the spec does not define.
    std::optional<std::string> variantModel(const std::string &cellScheme) const;
    // Throws Error naming the first calibrated cell when there is no calibration text.
    void checkCalibration() const;
};

// Parses and canonicalizes scheme texts (QuantRecipe::parse: plain schemes and gptq; a "@variant" suffix is kept),
// dropping exact duplicates and "unquantized" (always cell 0). Throws Error for a bad scheme.
std::vector<std::string> canonicalSchemes(const std::vector<std::string> &texts);

// "quick" (a few minutes on a small model), "full", or "demo" (the quick schemes, text only,
// for the synthetic demo model); throws Error for another name.
// The preset fills schemes, text, tasks and context; a model path is still needed.
SweepSpec sweepPreset(const std::string &name);

SweepSpec loadSweepSpec(const std::filesystem::path &file);
void saveSweepSpec(const std::filesystem::path &file, const SweepSpec &spec); // atomic

} // namespace bitcliff
