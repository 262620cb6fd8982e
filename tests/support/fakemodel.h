#pragma once
// A fake model for the view tests: a Llama-shaped catalog (8 layers, hidden 4096, FFN 14336,
// GQA 8 KV heads) with hand-made statistics that carry three persistent outlier input
// channels at ~20x the median, as real LLMs do. No weights: only core types, no GUI.
#include "formats/model.h"
#include "stats/modelstats.h"

#include <array>
#include <cstdint>
#include <memory>
#include <string>

namespace bitcliff::test {

inline constexpr int kLayers = 8;
inline constexpr int64_t kHidden = 4096;
inline constexpr int64_t kFfn = 14336;
inline constexpr int64_t kKv = 1024;
inline constexpr int64_t kVocab = 32000;
// Input channels that are outliers in every hidden-input projection (q, k, v, gate, up).
inline constexpr std::array<int64_t, 3> kOutlierChannels{1112, 2210, 3760};
// An FFN channel that lights up in ffn_down of the middle layers (1..6).
inline constexpr int64_t kDownOutlier = 7890;

struct FakeModel
{
    std::shared_ptr<const Model> model;
    std::shared_ptr<const ModelStats> stats;
    // The index of the tensor called `name`, or -1.
    int indexOf(const std::string &name) const;
};

// The catalog plus statistics (deterministic: seeded). Layer 0 also holds an unsupported
// I64 rotary_emb.inv_freq, whose statistics are skipped.
FakeModel makeFakeModel();

// Layers x input channels of one role, as the statistics engine's outlier map would be.
OutlierMap outlierMap(const FakeModel &fake, TensorRole role);

} // namespace bitcliff::test
