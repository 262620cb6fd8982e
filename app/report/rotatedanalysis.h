#pragma once
// The Model page's rotation comparison: the open model rotated as the +rot recipes rotate it
// (QuaRot, transform/rotation.h, kRotationSeed) and analysed like the unrotated model —
// statistics, outlier maps and, when asked, activations over the bundled passages — plus the
// side-by-side maps on one color scale. Computed off the GUI thread (ModelSession).
#include "eval/activationstats.h"
#include "report/modelanalysis.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

namespace bitcliff::app {

struct RotatedAnalysis
{
    std::shared_ptr<const Model> source; // the model that was rotated
    std::shared_ptr<const Model> model; // its rotated overlay
    QString note; // "Hadamard 2^7 of 128 channels, 40 tensors, 0.0 s"
    std::shared_ptr<const ModelAnalysis> analysis; // the rotated model's, under the session's rule
    std::shared_ptr<const ActivationStats> activations; // null unless asked for
};

// Rotates `model` and analyses the overlay; with `withActivations` also captures its
// activations as the Model page captures the unrotated ones. What `previous` (an earlier
// result for the same model) holds is reused: its rotation, its statistics (flagged again
// under `options.rule` when that changed) and its activations. Throws Error for a model the
// engine cannot run, Cancelled on cancel.
std::shared_ptr<const RotatedAnalysis> analyseRotated(const std::shared_ptr<const Model> &model,
    const std::shared_ptr<const RotatedAnalysis> &previous, const StatsOptions &options, bool withActivations,
    const ProgressCallback &progress);

// The activation capture the Model page shows: the bundled passages, 256-token chunks,
// 2,048 tokens in all; the rotated model's with the original's tokenizer.
std::shared_ptr<const ActivationStats> captureBundledActivations(
    const std::shared_ptr<const Model> &model, const Model &tokenizerSource, const ProgressCallback &progress);

struct ComparedMaps
{
    std::shared_ptr<const HeatmapData> original;
    std::shared_ptr<const HeatmapData> rotated; // null when there is none (yet)
};

class RotationComparisonText
{
    Q_DECLARE_TR_FUNCTIONS(bitcliff::app::RotationComparisonText)

public:
    // Copies of both maps without their titles (one caption names both) on one color scale
    // (the union of their ranges), so that an outlier line rotation spread out reads as dark
    // on the right, not as rescaled. Without a rotated map, the original alone, untitled.
    static ComparedMaps compare(
        const std::shared_ptr<const HeatmapData> &original, const std::shared_ptr<const HeatmapData> &rotated);
    // The caption over both maps: "attn_q: per-input-channel absmax ÷ the layer's median channel".
    static QString weightTitle(TensorRole role);
    static QString activationTitle(LinearInput input, bool meanAbs);
    // The note without rotateModel's leading "rotated: ".
    static QString shortNote(const std::string &note);
};

} // namespace bitcliff::app
