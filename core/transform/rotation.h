#pragma once
// QuaRot-style rotation of a decoder-only transformer (Ashkboos et al. 2024, §4 "computational
// invariance"): every RMSNorm's weight is folded into the linears it feeds (the norm's weight
// becomes ones), then the residual stream is rotated by a random orthogonal Hadamard matrix Q
// (transform/hadamard.h): the embedding becomes E·Q, the linears reading the residual (q, k,
// v, gate, up, the output head) W·Q, the ones writing it (o, down) Qᵀ·W. RMSNorm without its
// weight commutes with Q, so the model computes the same function; the outlier channels of
// the residual stream are spread over all channels, which is what makes low-bit rounding of
// the weights (and activations) easier. A tied output head gets weights of its own (the
// folded final norm differs from the embedding's rows).
#include "formats/model.h"
#include "util/progress.h"

#include <cstdint>
#include <memory>
#include <string>

namespace bitcliff {

struct RotatedModel
{
    std::shared_ptr<const Model> model; // an overlay with the rotated tensors
    std::string note;                   // "rotated: Hadamard 12·2^4 of 192 channels, 30 tensors, 0.4 s"
};

// The seed every recipe's rotation uses, so evaluations and sweeps are reproducible.
inline constexpr uint64_t kRotationSeed = 0x5eed'0b17c11ffULL;

// Throws Error for a model the inference engine cannot run; Cancelled on cancel.
RotatedModel rotateModel(const std::shared_ptr<const Model> &model, uint64_t seed, int threads = 0,
                         const ProgressCallback &progress = {});

} // namespace bitcliff
