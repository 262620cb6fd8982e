#include "calibrate/awq.h"

#include "calibrate/awqsearch.h"
#include "infer/linear.h"
#include "infer/transformerweights.h"
#include "quant/tensortreatment.h"
#include "transform/tensoredits.h"
#include "util/error.h"
#include "util/meminfo.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>

namespace bitcliff {

namespace {

using infer::Linear;

// Every linear input of one layer: mean |x| per channel over all calibration tokens and an
// evenly spaced sample of its rows.
class InputSampler : public ActivationObserver
{
public:
    struct Input
    {
        std::vector<double> absSum;
        int64_t tokens = 0;
        std::vector<float> rows; // sampled, [m × channels]
        int64_t channels = 0;
        int64_t sampled() const { return channels ? int64_t(rows.size()) / channels : 0; }
        std::vector<double> meanAbs() const
        {
            std::vector<double> mean(absSum);
            for (double &v : mean)
                v /= double(std::max<int64_t>(tokens, 1));
            return mean;
        }
    };

    InputSampler(int layer, int64_t stride)
        : m_layer(layer)
        , m_stride(stride)
    {
    }

    void observe(int layer, LinearInput which, const float *x, int64_t tokens, int64_t channels) override
    {
        if (layer != m_layer)
            return;
        Input &in = inputs[size_t(which)];
        if (in.absSum.empty()) {
            in.absSum.assign(size_t(channels), 0.0);
            in.channels = channels;
        }
        for (int64_t t = 0; t < tokens; ++t) {
            const float *row = x + t * channels;
            for (int64_t j = 0; j < channels; ++j)
                in.absSum[size_t(j)] += std::fabs(row[j]);
            if ((in.tokens + t) % m_stride == 0)
                in.rows.insert(in.rows.end(), row, row + channels);
        }
        in.tokens += tokens;
    }

    std::array<Input, 4> inputs;

private:
    int m_layer;
    int64_t m_stride;
};

// Every `stride`-th row of x [m × cols]: at most `limit` rows.
std::vector<float> thinned(const std::vector<float> &x, int64_t cols, int64_t limit)
{
    const int64_t m = int64_t(x.size()) / cols;
    const int64_t stride = std::max<int64_t>(1, (m + limit - 1) / limit);
    std::vector<float> out;
    for (int64_t t = 0; t < m; t += stride)
        out.insert(out.end(), x.begin() + t * cols, x.begin() + (t + 1) * cols);
    return out;
}

struct Group
{
    LinearInput input;
    std::vector<Linear> linears;
    std::vector<float> *producer; // divided by s: a norm's weight or a linear's rows
    std::vector<float> *producerBias;
};

// llm-awq's loss for q/k/v: the attention block's output, o·attention(q, k, v), on whole
// calibration sequences (attention needs them whole), with the group's candidate matrices in
// place of q/k/v in the layer the session runs; o stays float.
AwqModuleLoss attentionOutputLoss(InferenceSession &session, infer::LayerWeights &lw, int layer,
                                  const std::vector<Linear> &linears, const std::vector<std::vector<float>> &inputs)
{
    auto run = [&session, layer](std::vector<float> hidden) {
        session.runAttention(layer, hidden);
        return hidden; // input + the block's output: differences are the output's
    };
    auto reference = std::make_shared<std::vector<std::vector<float>>>();
    for (const std::vector<float> &input : inputs)
        reference->push_back(run(input));
    auto originals = std::make_shared<std::vector<std::vector<float>>>();
    for (Linear linear : linears)
        originals->push_back(lw.linears[size_t(linear)].weight.values);
    return [&lw, linears, inputs, reference, originals, run](const std::vector<std::vector<float>> &candidates) {
        for (size_t i = 0; i < linears.size(); ++i) // copied in, then back: no fresh pages per candidate
            std::copy(candidates[i].begin(), candidates[i].end(), lw.linears[size_t(linears[i])].weight.values.begin());
        double error = 0;
        for (size_t s = 0; s < inputs.size(); ++s) {
            const std::vector<float> out = run(inputs[s]);
            for (size_t k = 0; k < out.size(); ++k)
                error += double(out[k] - (*reference)[s][k]) * double(out[k] - (*reference)[s][k]);
        }
        for (size_t i = 0; i < linears.size(); ++i)
            std::copy((*originals)[i].begin(), (*originals)[i].end(), lw.linears[size_t(linears[i])].weight.values.begin());
        return error;
    };
}

// The first calibration sequences, whole, up to `tokens` tokens (at least one).
size_t wholeSequencesWithin(const std::vector<std::vector<float>> &hidden, int64_t hiddenSize, int64_t tokens)
{
    size_t count = 0;
    int64_t used = 0;
    while (count < hidden.size() && (count == 0 || used + int64_t(hidden[count].size()) / hiddenSize <= tokens))
        used += int64_t(hidden[count++].size()) / hiddenSize;
    return count;
}

void divideRows(std::vector<float> &values, const std::vector<float> &s)
{
    const size_t cols = values.size() / s.size();
    for (size_t r = 0; r < s.size(); ++r)
        for (size_t j = 0; j < cols; ++j)
            values[r * cols + j] /= s[r];
}

} // namespace

AwqModelResult awqModel(const std::shared_ptr<const Model> &model, const CalibrationSet &calibration,
                        const AwqModelOptions &options, const ProgressCallback &progress)
{
    const auto start = std::chrono::steady_clock::now();
    if (calibration.sequences.empty())
        throw Error("awq: no calibration sequences");
    if (options.grid.method != QuantMethod::Rtn || options.grid.granularity == Granularity::Tensor)
        throw Error("awq rounds on rtn grids with groups or channels, not " + options.grid.toString());
    InferenceOptions load;
    load.threads = options.threads;
    load.residency = WeightResidency::Resident;
    const std::shared_ptr<TransformerWeights> weights = loadEditableTransformer(model, load);
    const TransformerConfig &c = weights->config;
    const ModelFormat f = model->format();

    int length = 0;
    for (const auto &sequence : calibration.sequences)
        length = std::max(length, int(sequence.size()));
    const int64_t tokens = calibration.tokens();
    const int64_t stride = std::max<int64_t>(1, (tokens + kAwqScaleTokens - 1) / kAwqScaleTokens);
    const int64_t sampled = (tokens + stride - 1) / stride;
    AwqModelResult result;
    result.calibrationBytes = uint64_t(tokens + length) * uint64_t(c.hidden) * sizeof(float)
        + uint64_t(sampled) * uint64_t(2 * c.hidden + c.heads * c.headDim + c.intermediate) * sizeof(float);
    if (const uint64_t available = availableMemoryBytes(); available > 0 && result.calibrationBytes > available)
        throw Error(model->sourcePath() + ": calibrating on " + std::to_string(tokens) + " tokens needs "
                    + gibText(result.calibrationBytes) + " beside the weights, " + gibText(available) + " available");

    InferenceSession session(weights, length);
    std::vector<std::vector<float>> hidden(calibration.sequences.size());
    for (size_t s = 0; s < hidden.size(); ++s) {
        hidden[s].resize(calibration.sequences[s].size() * size_t(c.hidden));
        session.embed(calibration.sequences[s], hidden[s]);
    }
    infer::BlasThreadsScope blas(options.threads);
    TensorEdits edits(model, "awq");
    for (int layer = 0; layer < c.layers; ++layer) {
        infer::LayerWeights &lw = weights->layers[size_t(layer)];
        InputSampler sampler(layer, stride);
        const std::vector<std::vector<float>> wholeInputs( // for the attention block's loss
            hidden.begin(), hidden.begin() + long(wholeSequencesWithin(hidden, c.hidden, kAwqScaleTokens)));
        for (std::vector<float> &h : hidden) // the float layer's outputs feed the next, as in AutoAWQ
            session.runLayer(layer, h, &sampler);

        auto linearOf = [&](Linear linear) -> std::optional<AwqLinear> {
            infer::WeightMatrix &w = lw.linears[size_t(linear)].weight;
            const TensorInfo &tensor = *model->find(infer::linearTensorName(f, layer, linear));
            const std::optional<QuantScheme> grid = appliedScheme(tensor, options.grid);
            if (!grid || grid->method != QuantMethod::Rtn || grid->granularity == Granularity::Tensor)
                return std::nullopt;
            return AwqLinear{w.values.data(), w.rows, w.cols, *grid};
        };
        std::vector<Group> groups = {
            {LinearInput::AttnIn, {Linear::Q, Linear::K, Linear::V}, &lw.attnNorm, nullptr},
            {LinearInput::FfnIn, {Linear::Gate, Linear::Up}, &lw.ffnNorm, nullptr},
            {LinearInput::FfnDown, {Linear::Down}, &lw.linears[size_t(Linear::Up)].weight.values, nullptr},
        };
        if (c.heads == c.kvHeads) { // v's output channels are o's input channels one to one
            infer::LinearWeights &v = lw.linears[size_t(Linear::V)];
            groups.insert(groups.begin() + 1, {LinearInput::AttnOut, {Linear::O}, &v.weight.values,
                                               v.bias.empty() ? nullptr : &v.bias});
        }
        for (const Group &group : groups) {
            InputSampler::Input &in = sampler.inputs[size_t(group.input)];
            std::vector<AwqLinear> linears;
            std::vector<Linear> which;
            for (Linear linear : group.linears)
                if (const auto l = linearOf(linear)) {
                    linears.push_back(*l);
                    which.push_back(linear);
                }
            if (linears.empty() || in.sampled() == 0)
                continue;
            // The module each group belongs to, as llm-awq measures it: attention for q/k/v, the MLP
            // for gate/up, the linear itself for o and down.
            AwqModuleLoss loss;
            if (group.input == LinearInput::AttnIn)
                loss = attentionOutputLoss(session, lw, layer, which, wholeInputs);
            else if (group.input == LinearInput::FfnIn && linears.size() == 2)
                loss = mlpOutputLoss(in.rows.data(), in.sampled(), linears[0], linears[1],
                                     lw.linears[size_t(Linear::Down)].weight.values.data(), c.hidden);
            else
                loss = linearOutputLoss(in.rows.data(), in.sampled(), linears);
            const AwqScales scales = awqSearchScales(in.meanAbs(), linears, loss, options.settings.duo);
            const std::vector<float> &s = scales.scales;
            divideRows(*group.producer, s);
            if (group.producerBias)
                divideRows(*group.producerBias, s);
            for (const AwqLinear &l : linears)
                for (int64_t k = 0; k < l.rows * l.cols; ++k)
                    l.weights[k] *= s[size_t(k % l.cols)];
            for (int64_t k = 0; k < int64_t(in.rows.size()); ++k) // the input the scaled weights see
                in.rows[size_t(k)] /= s[size_t(k % in.channels)];
            ++result.scaledInputs;
            if (!reportProgress(progress, (layer + 0.5) / c.layers))
                throw Cancelled();
        }
        if (options.settings.clip) {
            for (const Group &group : groups) {
                const InputSampler::Input &in = sampler.inputs[size_t(group.input)];
                const std::vector<float> x = thinned(in.rows, in.channels, kAwqClipTokens);
                for (Linear linear : group.linears) {
                    if (linear == Linear::Q || linear == Linear::K) // their errors meet in softmax: AutoAWQ leaves them
                        continue;
                    if (const auto l = linearOf(linear); l && !x.empty()) {
                        awqClip(x.data(), int64_t(x.size()) / in.channels, *l);
                        ++result.clippedMatrices;
                    }
                }
            }
        }
        // This layer is done: its float weights move into the overlay's edits.
        for (Linear linear : infer::kLinears)
            edits.set(infer::linearTensorName(f, layer, linear), std::move(lw.linears[size_t(linear)].weight.values));
        if (c.qkvBias)
            edits.set(infer::linearTensorName(f, layer, Linear::V, true), lw.linears[size_t(Linear::V)].bias);
        edits.set(infer::normTensorName(f, layer, infer::Norm::Attn), lw.attnNorm);
        edits.set(infer::normTensorName(f, layer, infer::Norm::Ffn), lw.ffnNorm);
        if (!reportProgress(progress, double(layer + 1) / c.layers))
            throw Cancelled();
    }
    result.model = edits.overlay();
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace bitcliff
