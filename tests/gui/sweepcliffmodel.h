#pragma once
// A small model of the accuracy cliff for the sweep report tests: sweep cells (results.jsonl
// objects) generated from known figures, which the tests keep (`CliffTruth`) to derive their
// expectations from, independently of the code that reads the cells.
//
// Methods rtn:g128:sym (2..8 bits) and gguf-k (q2_k..q6_k). A cell's damage D(bits) falls
// exponentially with the bits; each tier and language keeps base * exp(-D * weight) of its accuracy, with hard
// items and the non-Latin languages (ru, hi) weighted more. rtn's 7-bit cell gets extra
// damage, so that the method is not monotonic.
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace bitcliff::test {

struct TruthCell
{
    int cell = 0;
    std::string scheme, method;
    int bits = 16;
    bool ok = true;
    double bpw = 16;
    double acc = 0; // overall
    std::map<std::string, double> tiers, languages; // accuracy by difficulty / language
    double ppl = 0, lnPplRatio = 0, kld = 0, sameTop = 1;
    std::map<std::string, double> textLnRatio, textKld, textPpl; // per language
};

inline const std::vector<std::string> cliffTiers { "easy", "medium", "hard" }; // written hard first
inline const std::vector<std::string> cliffLanguages { "en", "ru", "hi" };

inline double tierWeight(const std::string &tier)
{
    return tier == "easy" ? 0.5 : tier == "medium" ? 1.0 : 1.6;
}

inline double languageWeight(const std::string &language)
{
    return language == "en" ? 0.6 : language == "ru" ? 1.2 : 1.5;
}

inline TruthCell truthCell(int cell, const std::string &scheme, const std::string &method, int bits, double bpw,
    double damage, bool withTasks, bool withText)
{
    static const std::map<std::string, double> baseTier { { "easy", 0.9 }, { "medium", 0.75 }, { "hard", 0.6 } };
    static const std::map<std::string, double> baseLanguage { { "en", 0.85 }, { "ru", 0.78 }, { "hi", 0.7 } };
    static const std::map<std::string, double> basePpl { { "en", 15 }, { "ru", 22 }, { "hi", 30 } };
    TruthCell t { cell, scheme, method, bits, true, bpw, 0, {}, {}, 0, 0, 0, 1, {}, {}, {} };
    if (withTasks) {
        for (const std::string &tier : cliffTiers) {
            t.tiers[tier] = baseTier.at(tier) * std::exp(-damage * tierWeight(tier));
            t.acc += t.tiers[tier] / 3; // equal item counts per tier
        }
        for (const std::string &language : cliffLanguages)
            t.languages[language] = baseLanguage.at(language) * std::exp(-damage * languageWeight(language));
    }
    if (withText) {
        double basePplSum = 0, pplSum = 0;
        for (const std::string &language : cliffLanguages) {
            t.textLnRatio[language] = damage * 0.5 * languageWeight(language);
            t.textKld[language] = damage * 0.4 * languageWeight(language);
            t.textPpl[language] = basePpl.at(language) * std::exp(t.textLnRatio[language]);
            t.lnPplRatio += t.textLnRatio[language] / 3;
            t.kld += t.textKld[language] / 3;
            basePplSum += basePpl.at(language) / 3;
            pplSum += t.textPpl[language] / 3;
        }
        t.ppl = method == "unquantized" ? basePplSum : basePplSum * std::exp(t.lnPplRatio);
        t.sameTop = 1 - damage * 0.3;
    }
    return t;
}

// Cell 0 unquantized, then rtn 2..8 bits, then q2_k..q6_k.
inline std::vector<TruthCell> cliffTruth(bool withTasks, bool withText)
{
    std::vector<TruthCell> cells;
    cells.push_back(truthCell(0, "unquantized", "unquantized", 16, 16, 0, withTasks, withText));
    for (int bits = 2; bits <= 8; ++bits) {
        const double damage = 0.8 * std::exp(-1.1 * (bits - 2)) + (bits == 7 ? 0.02 : 0);
        cells.push_back(truthCell(int(cells.size()), "rtn:b" + std::to_string(bits) + ":g128:sym", "rtn:g128:sym", bits,
            bits + 16.0 / 128, damage, withTasks, withText));
    }
    const double kBpw[] = { 2.625, 3.4375, 4.5, 5.5, 6.5625 };
    for (int bits = 2; bits <= 6; ++bits)
        cells.push_back(truthCell(int(cells.size()), "q" + std::to_string(bits) + "_k", "gguf-k", bits, kBpw[bits - 2],
            0.6 * std::exp(-1.3 * (bits - 2)), withTasks, withText));
    return cells;
}

// The teacher-forced loss on the answers that goes with an accuracy (smooth, rising as it falls).
inline double answerLossOf(double acc)
{
    return 0.01 - 0.5 * std::log(acc);
}

inline nlohmann::ordered_json accuracyEntry(double acc, int n)
{
    return { { "n", n }, { "acc", acc }, { "acc_err", std::sqrt(acc * (1 - acc) / n) }, { "acc_norm", acc },
        { "acc_norm_err", std::sqrt(acc * (1 - acc) / n) }, { "answer_nats_per_char", answerLossOf(acc) } };
}

inline nlohmann::ordered_json cellJson(const TruthCell &t)
{
    using Json = nlohmann::ordered_json;
    Json cell = { { "cell", t.cell }, { "scheme", t.scheme }, { "method", t.method }, { "bits", t.bits },
        { "status", "ok" }, { "bpw", t.bpw }, { "bpw_model", t.bpw + 0.08 } };
    const bool quantized = t.method != "unquantized";
    if (!t.textPpl.empty()) {
        cell["ppl"] = t.ppl;
        cell["ppl_err"] = t.ppl / 50;
        cell["tokens_scored"] = 6000;
        if (quantized) {
            cell["kld"] = { { "mean", t.kld }, { "err", t.kld / 30 }, { "percentiles", { { "max", t.kld * 40 } } } };
            cell["same_top"] = { { "p", t.sameTop }, { "err", 0.003 } };
            cell["ln_ppl_ratio"] = { { "value", t.lnPplRatio }, { "err", 0.002 } };
        }
        Json texts = Json::array();
        for (const std::string &language : cliffLanguages) {
            Json text = { { "name", language + ".txt" }, { "language", language }, { "tokens", 2000 },
                { "ppl", t.textPpl.at(language) }, { "ppl_err", 0.3 } };
            if (quantized) {
                text["kld"] = { { "mean", t.textKld.at(language) }, { "err", 0.001 } };
                text["ln_ppl_ratio"] = { { "value", t.textLnRatio.at(language) }, { "err", 0.002 } };
            }
            texts.push_back(text);
        }
        cell["texts"] = texts;
    }
    if (!t.tiers.empty()) {
        Json byDifficulty = Json::object(), byLanguage = Json::object();
        for (auto it = cliffTiers.rbegin(); it != cliffTiers.rend(); ++it) // "hard" first: order must not matter
            byDifficulty[*it] = accuracyEntry(t.tiers.at(*it), 60);
        for (const std::string &language : cliffLanguages)
            byLanguage[language] = accuracyEntry(t.languages.at(language), 60);
        cell["accuracy"] = { { "overall", accuracyEntry(t.acc, 180) }, { "by_difficulty", byDifficulty },
            { "by_language", byLanguage } };
    }
    cell["seconds"] = 12.5;
    cell["repro"] = { { "model", { { "path", "/models/tiny <llama> & co" }, { "fingerprint", std::string(64, 'a') } } },
        { "text",
            { { "reference", "bundled:en+ru+hi" }, { "files", { { { "name", "en" }, { "sha256", "beef" } } } } } },
        { "ctx", 256 }, { "max_tokens", 32 }, { "seed", 0 }, { "version", "0.1.0" },
        { "time", "2026-12-07T05:00:" + std::to_string(10 + t.cell) + "Z" },
        { "machine", { { "threads", 2 }, { "blas", "Haswell" }, { "host", "node-1" } } } };
    return cell;
}

inline nlohmann::ordered_json failedCellJson(
    int index, const std::string &scheme, const std::string &method, int bits, const std::string &error)
{
    return { { "cell", index }, { "scheme", scheme }, { "method", method }, { "bits", bits }, { "status", "failed" },
        { "error", error }, { "bpw", 0 }, { "repro", { { "version", "0.1.0" } } } };
}

inline std::vector<nlohmann::ordered_json> cellsJson(const std::vector<TruthCell> &truth)
{
    std::vector<nlohmann::ordered_json> cells;
    for (const TruthCell &t : truth)
        cells.push_back(cellJson(t));
    return cells;
}

} // namespace bitcliff::test
