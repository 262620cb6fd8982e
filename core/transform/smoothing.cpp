#include "transform/smoothing.h"

#include "calibrate/channelstats.h"
#include "infer/tensornames.h"
#include "transform/tensoredits.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bitcliff {

namespace {

using infer::Linear;
using infer::Norm;

// Where a linear input is made, to divide it by s: a norm's weight or a linear's rows.
struct Producer
{
    std::string weight;
    std::string bias; // empty: none
};

// s_j = max|X_j|^α / max|W_j|^(1−α) over the group's columns; 1 where a channel is silent.
std::vector<float> smoothingScales(const std::vector<float> &activationMax,
                                   const std::vector<const std::vector<float> *> &weights, double alpha)
{
    const size_t n = activationMax.size();
    std::vector<float> weightMax(n, 0.0f);
    for (const std::vector<float> *w : weights)
        for (size_t i = 0; i < w->size(); ++i)
            weightMax[i % n] = std::max(weightMax[i % n], std::fabs((*w)[i]));
    std::vector<float> s(n, 1.0f);
    for (size_t j = 0; j < n; ++j)
        if (activationMax[j] > 0 && weightMax[j] > 0)
            s[j] = float(std::max(1e-5, std::pow(double(activationMax[j]), alpha)
                                            / std::pow(double(weightMax[j]), 1.0 - alpha)));
    return s;
}

void divideRows(std::vector<float> &values, const std::vector<float> &s)
{
    const size_t cols = values.size() / s.size(); // a norm's weight: one value per row
    for (size_t r = 0; r < s.size(); ++r)
        for (size_t j = 0; j < cols; ++j)
            values[r * cols + j] /= s[r];
}

void multiplyColumns(std::vector<float> &values, const std::vector<float> &s)
{
    for (size_t i = 0; i < values.size(); ++i)
        values[i] *= s[i % s.size()];
}

} // namespace

SmoothedModel smoothModel(const std::shared_ptr<const Model> &model, const CalibrationSet &calibration, double alpha,
                          int threads, const ProgressCallback &progress)
{
    if (!(alpha > 0 && alpha < 1))
        throw Error("SmoothQuant's migration strength must be between 0 and 1");
    const TransformerConfig c = transformerConfigFor(*model);
    const ModelFormat f = model->format();
    const ActivationStats stats = channelStats(model, calibration, threads, progress);
    TensorEdits edits(model, "smoothed");
    auto name = [&](int layer, Linear linear) { return infer::linearTensorName(f, layer, linear); };
    int inputs = 0;
    for (int layer = 0; layer < c.layers; ++layer) {
        struct Group
        {
            LinearInput input;
            Producer producer;
            std::vector<Linear> linears;
        };
        std::vector<Group> groups = {
            {LinearInput::AttnIn, {infer::normTensorName(f, layer, Norm::Attn), {}}, {Linear::Q, Linear::K, Linear::V}},
            {LinearInput::FfnIn, {infer::normTensorName(f, layer, Norm::Ffn), {}}, {Linear::Gate, Linear::Up}},
            {LinearInput::FfnDown, {name(layer, Linear::Up), {}}, {Linear::Down}},
        };
        if (c.heads == c.kvHeads) // v's output channels are o's input channels one to one
            groups.push_back({LinearInput::AttnOut,
                              {name(layer, Linear::V), c.qkvBias ? infer::linearTensorName(f, layer, Linear::V, true) : ""},
                              {Linear::O}});
        for (const Group &group : groups) {
            std::vector<const std::vector<float> *> weights;
            for (Linear linear : group.linears)
                weights.push_back(&edits.values(name(layer, linear)));
            const std::vector<float> s =
                smoothingScales(stats.at(layer, group.input).absMax, weights, alpha);
            divideRows(edits.values(group.producer.weight), s);
            if (!group.producer.bias.empty())
                divideRows(edits.values(group.producer.bias), s);
            for (Linear linear : group.linears)
                multiplyColumns(edits.values(name(layer, linear)), s);
            ++inputs;
        }
    }
    SmoothedModel smoothed;
    smoothed.model = edits.overlay();
    char note[200];
    std::snprintf(note, sizeof note, "smoothed (α %g): %d linear inputs of %d layers from %zu × %zu tokens of %s",
                  alpha, inputs, c.layers, calibration.sequences.size(), calibration.sequences.front().size(),
                  calibration.source.c_str());
    smoothed.note = note;
    return smoothed;
}

} // namespace bitcliff
